# SPDX-License-Identifier: GPL-3.0-or-later
# The DMQ cluster feed in the Sources view (issue #10): the texts of the bus and node rows.
# ui/CMakeLists.txt includes this after add_library(calldeck_ui ...).
set(CALLDECK_UI_DMQ_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/dmqhealthtext.cpp
    ${CMAKE_CURRENT_LIST_DIR}/dmqhealthtext.h
    ${CMAKE_CURRENT_LIST_DIR}/sourcetext.cpp
    ${CMAKE_CURRENT_LIST_DIR}/sourcetext.h)
if(TARGET calldeck_ui)
    target_sources(calldeck_ui PRIVATE ${CALLDECK_UI_DMQ_SOURCES})
endif()
