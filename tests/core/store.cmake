# SPDX-License-Identifier: GPL-3.0-or-later
# The dialog store (issue #9): a dialog to a row of Kamailio's `dialog` table and back.
calldeck_add_test(NAME tst_dialogdbrow SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_dialogdbrow.cpp LIBS calldeck_core)
calldeck_add_test(NAME tst_dialogenginestore SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_dialogenginestore.cpp
    LIBS calldeck_core calldeck_testsupport)
