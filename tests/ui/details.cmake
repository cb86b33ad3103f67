# SPDX-License-Identifier: GPL-3.0-or-later
# The details pane: the ladder's layout model on its own, and the pane in the window on a real core.
# Set CALLDECK_TEST_GRAB_DIR=/tmp/somewhere to have tst_dialogdetailspane save PNGs of the window.
calldeck_add_test(NAME tst_ladderlayout SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_ladderlayout.cpp
    LIBS calldeck_ui calldeck_testsupport)
calldeck_add_test(NAME tst_dialogdetailspane
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_dialogdetailspane.cpp ${CMAKE_CURRENT_LIST_DIR}/testengine.cpp
        ${CMAKE_CURRENT_LIST_DIR}/testengine.h
    LIBS calldeck_ui calldeck_testsupport TIMEOUT 120)
