# SPDX-License-Identifier: GPL-3.0-or-later
# Around the dialog table: filter bar, saved filters, Profiles view, column chooser, header columns.
calldeck_add_test(NAME tst_filterbar
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_filterbar.cpp ${CMAKE_CURRENT_LIST_DIR}/dialogrows.h
    LIBS calldeck_ui TIMEOUT 60)
calldeck_add_test(NAME tst_profilesmodel
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_profilesmodel.cpp ${CMAKE_CURRENT_LIST_DIR}/dialogrows.h
    LIBS calldeck_ui TIMEOUT 60)
calldeck_add_test(NAME tst_columnchooser
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_columnchooser.cpp ${CMAKE_CURRENT_LIST_DIR}/testengine.cpp
        ${CMAKE_CURRENT_LIST_DIR}/testengine.h ${CMAKE_CURRENT_LIST_DIR}/dialogrows.h
    LIBS calldeck_ui TIMEOUT 60)
calldeck_add_test(NAME tst_dialogheadercolumns
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_dialogheadercolumns.cpp ${CMAKE_CURRENT_LIST_DIR}/dialogrows.h
    LIBS calldeck_ui TIMEOUT 60)
calldeck_add_test(NAME tst_wildcardpattern SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_wildcardpattern.cpp
    LIBS calldeck_ui)
