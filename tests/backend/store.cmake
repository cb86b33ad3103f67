# SPDX-License-Identifier: GPL-3.0-or-later
# The dialog store (issue #9): Kamailio's dialog tables created by CallDeck equal those of
# Kamailio's own db_sqlite script (PRAGMA table_info, indexes), and the version checks.
calldeck_add_test(NAME tst_dialogstoreschema SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_dialogstoreschema.cpp
    LIBS calldeck_backend)
# DialogStore: write, update, delete and reload in one transaction each; a failing write leaves
# the file as it was; a table written by Kamailio's db_sqlite loads.
calldeck_add_test(NAME tst_dialogstore SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_dialogstore.cpp
    LIBS calldeck_backend calldeck_testsupport)
# DialogStoreWriter and DialogPersistence: merged batches off the core thread, retries that lose
# nothing, db_mode 3, a restore into a real engine.
calldeck_add_test(NAME tst_dialogstorewriter SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_dialogstorewriter.cpp
    LIBS calldeck_backend calldeck_testsupport)
