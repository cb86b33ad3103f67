# SPDX-License-Identifier: GPL-3.0-or-later
# Exports (issue #8) through the real core: pcap read back by tshark, JSON against dlg.list, the
# incident pack read back by tar (hashes, masking), cancel.
calldeck_add_test(NAME tst_exportjob
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_exportjob.cpp ${CMAKE_CURRENT_LIST_DIR}/runningcore.cpp
        ${CMAKE_CURRENT_LIST_DIR}/runningcore.h
    LIBS calldeck_backend calldeck_testsupport TIMEOUT 120)
