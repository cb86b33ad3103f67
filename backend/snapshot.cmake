# SPDX-License-Identifier: GPL-3.0-or-later
# Snapshot files (.cdsnap, issue #8): taking the console's state from the core, writing and
# reading it (gzip JSON, zlib), on a thread of its own. Included after add_library(calldeck_backend).
target_sources(calldeck_backend PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/consolesnapshot.h
    ${CMAKE_CURRENT_LIST_DIR}/snapshotfields.cpp
    ${CMAKE_CURRENT_LIST_DIR}/snapshotfields.h
    ${CMAKE_CURRENT_LIST_DIR}/snapshotformat.cpp
    ${CMAKE_CURRENT_LIST_DIR}/snapshotformat.h
    ${CMAKE_CURRENT_LIST_DIR}/snapshotjob.cpp
    ${CMAKE_CURRENT_LIST_DIR}/snapshotjob.h
    ${CMAKE_CURRENT_LIST_DIR}/snapshotreader.cpp
    ${CMAKE_CURRENT_LIST_DIR}/snapshotreader.h
    ${CMAKE_CURRENT_LIST_DIR}/snapshottaker.cpp
    ${CMAKE_CURRENT_LIST_DIR}/snapshottaker.h
    ${CMAKE_CURRENT_LIST_DIR}/snapshotwriter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/snapshotwriter.h)
