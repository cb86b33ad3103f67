# SPDX-License-Identifier: GPL-3.0-or-later
# The DMQ cluster feed's pure core (issue #10): node lists, dialog-channel bodies, the cluster table.
foreach(unit dmqnodelist dmqdialogmessage)
    calldeck_add_test(NAME tst_${unit} SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_${unit}.cpp
        LIBS calldeck_core calldeck_testsupport)
endforeach()
foreach(unit clusterdialogtable clusterdialograndom clusterdialogowners)
    calldeck_add_test(NAME tst_${unit}
        SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_${unit}.cpp ${CMAKE_CURRENT_LIST_DIR}/clusterdialogtesthelpers.h
        LIBS calldeck_core calldeck_testsupport)
endforeach()
