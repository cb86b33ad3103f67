# SPDX-License-Identifier: GPL-3.0-or-later
# Snapshots: saved from the console on a real core, opened in a window (table, details, ladder).
# Set CALLDECK_TEST_GRAB_DIR=/tmp/somewhere to keep the snapshot file and a PNG of its window.
calldeck_add_test(NAME tst_snapshotwindow
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_snapshotwindow.cpp ${CMAKE_CURRENT_LIST_DIR}/testengine.cpp
        ${CMAKE_CURRENT_LIST_DIR}/testengine.h
    LIBS calldeck_ui calldeck_testsupport TIMEOUT 120)
