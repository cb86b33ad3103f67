# SPDX-License-Identifier: GPL-3.0-or-later
# The DMQ cluster feed in the Sources view (issue #10): bus and node rows, tooltips, the hint line.
# Set CALLDECK_TEST_GRAB_DIR=/tmp/somewhere to have tst_sourcesdmq save the panel as a PNG.
calldeck_add_test(NAME tst_sourcesdmq SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_sourcesdmq.cpp LIBS calldeck_ui)
