# SPDX-License-Identifier: GPL-3.0-or-later
# The alarms in the console (issue #8). ui/CMakeLists.txt includes this after add_library(calldeck_ui ...).
if(TARGET calldeck_ui)
    target_sources(calldeck_ui PRIVATE
        ${CMAKE_CURRENT_LIST_DIR}/alarmlistmodel.cpp
        ${CMAKE_CURRENT_LIST_DIR}/alarmlistmodel.h
        ${CMAKE_CURRENT_LIST_DIR}/alarmrulesdialog.cpp
        ${CMAKE_CURRENT_LIST_DIR}/alarmrulesdialog.h
        ${CMAKE_CURRENT_LIST_DIR}/alarmspanel.cpp
        ${CMAKE_CURRENT_LIST_DIR}/alarmspanel.h
        ${CMAKE_CURRENT_LIST_DIR}/alarmsui.cpp
        ${CMAKE_CURRENT_LIST_DIR}/alarmsui.h)
endif()
