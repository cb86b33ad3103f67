# SPDX-License-Identifier: GPL-3.0-or-later
# File → Export (issue #8): table CSV/JSON, selected dialogs as pcap, the incident pack, with
# progress and cancel. ui/CMakeLists.txt includes this after add_library(calldeck_ui ...).
set(CALLDECK_UI_EXPORT_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/exportmenu.cpp
    ${CMAKE_CURRENT_LIST_DIR}/exportmenu.h
    ${CMAKE_CURRENT_LIST_DIR}/exportrunner.cpp
    ${CMAKE_CURRENT_LIST_DIR}/exportrunner.h
    ${CMAKE_CURRENT_LIST_DIR}/incidentpackdialog.cpp
    ${CMAKE_CURRENT_LIST_DIR}/incidentpackdialog.h
    ${CMAKE_CURRENT_LIST_DIR}/tableexportdata.cpp
    ${CMAKE_CURRENT_LIST_DIR}/tableexportdata.h)
if(TARGET calldeck_ui)
    target_sources(calldeck_ui PRIVATE ${CALLDECK_UI_EXPORT_SOURCES})
endif()
