# SPDX-License-Identifier: GPL-3.0-or-later
# The export writers of the core (issue #8): CSV, the number masker, ustar and pcap (read back by tshark).
foreach(unit csvwriter numbermasker tarwriter)
    calldeck_add_test(NAME tst_${unit} SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_${unit}.cpp LIBS calldeck_core)
endforeach()
calldeck_add_test(NAME tst_capturebuilder SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_capturebuilder.cpp
    LIBS calldeck_core calldeck_testsupport TIMEOUT 60)
