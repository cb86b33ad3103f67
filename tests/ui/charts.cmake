# SPDX-License-Identifier: GPL-3.0-or-later
# The charts page on a ProfileSampler with stored history (issue #8).
calldeck_add_test(NAME tst_chartspage
    SOURCES
        ${CMAKE_CURRENT_LIST_DIR}/tst_chartspage.cpp
        ${CMAKE_CURRENT_LIST_DIR}/testengine.cpp
        ${CMAKE_CURRENT_LIST_DIR}/testengine.h
    LIBS calldeck_ui)
# A chart as PNG/SVG: the series in the picture at their height, a legend toggle, file errors, hover.
calldeck_add_test(NAME tst_chartexport SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_chartexport.cpp LIBS calldeck_ui)
