# SPDX-License-Identifier: GPL-3.0-or-later
# The charts page (issue #8); every Qt Charts include stays in ui/charts/.
# ui/CMakeLists.txt includes this after add_library(calldeck_ui ...).
if(TARGET calldeck_ui)
    target_sources(calldeck_ui PRIVATE
        ${CMAKE_CURRENT_LIST_DIR}/charts/timeserieschart.cpp
        ${CMAKE_CURRENT_LIST_DIR}/charts/timeserieschart.h
        ${CMAKE_CURRENT_LIST_DIR}/chartspage.cpp
        ${CMAKE_CURRENT_LIST_DIR}/chartspage.h
        ${CMAKE_CURRENT_LIST_DIR}/centralpages.cpp
        ${CMAKE_CURRENT_LIST_DIR}/centralpages.h)
endif()
