# SPDX-License-Identifier: GPL-3.0-or-later
# The charts page on a ProfileSampler with stored history (issue #8).
calldeck_add_test(NAME tst_chartspage
    SOURCES
        ${CMAKE_CURRENT_LIST_DIR}/tst_chartspage.cpp
        ${CMAKE_CURRENT_LIST_DIR}/testengine.cpp
        ${CMAKE_CURRENT_LIST_DIR}/testengine.h
    LIBS calldeck_ui)
