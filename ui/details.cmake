# SPDX-License-Identifier: GPL-3.0-or-later
# The details pane of the selected dialog: fields, call-flow ladder, raw message view.
# ui/CMakeLists.txt includes this after add_library(calldeck_ui ...).
set(CALLDECK_UI_DETAILS_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/callflowview.cpp
    ${CMAKE_CURRENT_LIST_DIR}/callflowview.h
    ${CMAKE_CURRENT_LIST_DIR}/dialogdetailsdock.cpp
    ${CMAKE_CURRENT_LIST_DIR}/dialogdetailsdock.h
    ${CMAKE_CURRENT_LIST_DIR}/dialogdetailsfields.cpp
    ${CMAKE_CURRENT_LIST_DIR}/dialogdetailsfields.h
    ${CMAKE_CURRENT_LIST_DIR}/dialogdetailspane.cpp
    ${CMAKE_CURRENT_LIST_DIR}/dialogdetailspane.h
    ${CMAKE_CURRENT_LIST_DIR}/ladderlayout.cpp
    ${CMAKE_CURRENT_LIST_DIR}/ladderlayout.h
    ${CMAKE_CURRENT_LIST_DIR}/sipmessagehighlighter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/sipmessagehighlighter.h)
if(TARGET calldeck_ui)
    target_sources(calldeck_ui PRIVATE ${CALLDECK_UI_DETAILS_SOURCES})
endif()
