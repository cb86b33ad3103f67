# SPDX-License-Identifier: GPL-3.0-or-later
# Around the dialog table: the filter bar and its saved filters, the Profiles view, the column
# chooser. ui/CMakeLists.txt includes this after add_library(calldeck_ui ...).
set(CALLDECK_UI_FILTER_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/columnchooser.cpp
    ${CMAKE_CURRENT_LIST_DIR}/columnchooser.h
    ${CMAKE_CURRENT_LIST_DIR}/dialogfilter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/dialogfilter.h
    ${CMAKE_CURRENT_LIST_DIR}/filterbar.cpp
    ${CMAKE_CURRENT_LIST_DIR}/filterbar.h
    ${CMAKE_CURRENT_LIST_DIR}/profilesdock.cpp
    ${CMAKE_CURRENT_LIST_DIR}/profilesdock.h
    ${CMAKE_CURRENT_LIST_DIR}/profilesmodel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/profilesmodel.h
    ${CMAKE_CURRENT_LIST_DIR}/savedfilters.cpp
    ${CMAKE_CURRENT_LIST_DIR}/savedfilters.h)
if(TARGET calldeck_ui)
    target_sources(calldeck_ui PRIVATE ${CALLDECK_UI_FILTER_SOURCES})
endif()
