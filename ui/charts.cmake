# SPDX-License-Identifier: GPL-3.0-or-later
# The charts page (issue #8); every Qt Charts include stays in ui/charts/. Chart export to SVG
# uses Qt SVG's QSvgGenerator (Debian: qt6-svg-dev), linked here only.
# ui/CMakeLists.txt includes this after add_library(calldeck_ui ...).
if(TARGET calldeck_ui)
    find_package(Qt6 6.4 REQUIRED COMPONENTS Svg)
    target_sources(calldeck_ui PRIVATE
        ${CMAKE_CURRENT_LIST_DIR}/charts/chartexport.cpp
        ${CMAKE_CURRENT_LIST_DIR}/charts/chartexport.h
        ${CMAKE_CURRENT_LIST_DIR}/charts/serieslayer.cpp
        ${CMAKE_CURRENT_LIST_DIR}/charts/serieslayer.h
        ${CMAKE_CURRENT_LIST_DIR}/charts/timeserieschart.cpp
        ${CMAKE_CURRENT_LIST_DIR}/charts/timeserieschart.h
        ${CMAKE_CURRENT_LIST_DIR}/chartexportbutton.cpp
        ${CMAKE_CURRENT_LIST_DIR}/chartexportbutton.h
        ${CMAKE_CURRENT_LIST_DIR}/chartspage.cpp
        ${CMAKE_CURRENT_LIST_DIR}/chartspage.h
        ${CMAKE_CURRENT_LIST_DIR}/centralpages.cpp
        ${CMAKE_CURRENT_LIST_DIR}/centralpages.h)
    target_link_libraries(calldeck_ui PRIVATE Qt6::Svg)
endif()
