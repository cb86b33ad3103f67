# SPDX-License-Identifier: GPL-3.0-or-later
# Snapshot files (.cdsnap): the live state written and read back equal, cancel, the job (tst_snapshotfile);
# exact bytes and every kind of bad file (tst_snapshotreader).
calldeck_add_test(NAME tst_snapshotfile
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_snapshotfile.cpp ${CMAKE_CURRENT_LIST_DIR}/snapshotfixtures.cpp
        ${CMAKE_CURRENT_LIST_DIR}/snapshotfixtures.h ${CMAKE_CURRENT_LIST_DIR}/hepencoder.cpp
        ${CMAKE_CURRENT_LIST_DIR}/hepencoder.h ${CMAKE_CURRENT_LIST_DIR}/runningcore.cpp
        ${CMAKE_CURRENT_LIST_DIR}/runningcore.h
    LIBS calldeck_backend calldeck_testsupport TIMEOUT 120)
calldeck_add_test(NAME tst_snapshotreader
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_snapshotreader.cpp ${CMAKE_CURRENT_LIST_DIR}/snapshotfixtures.cpp
        ${CMAKE_CURRENT_LIST_DIR}/snapshotfixtures.h
    LIBS calldeck_backend)
