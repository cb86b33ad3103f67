# SPDX-License-Identifier: GPL-3.0-or-later
# The details pane's read of one dialog (snapshot and split messages) through the real core.
calldeck_add_test(NAME tst_dialogdetailssource
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_dialogdetailssource.cpp ${CMAKE_CURRENT_LIST_DIR}/runningcore.cpp
        ${CMAKE_CURRENT_LIST_DIR}/runningcore.h
    LIBS calldeck_backend calldeck_testsupport TIMEOUT 60)
