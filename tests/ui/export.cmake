# SPDX-License-Identifier: GPL-3.0-or-later
# File → Export in the window (issue #8): table CSV/JSON from the view, the selection's pcap by tshark.
calldeck_add_test(NAME tst_exportmenu
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_exportmenu.cpp ${CMAKE_CURRENT_LIST_DIR}/testengine.cpp
        ${CMAKE_CURRENT_LIST_DIR}/testengine.h
    LIBS calldeck_ui calldeck_testsupport
    TIMEOUT 120)
