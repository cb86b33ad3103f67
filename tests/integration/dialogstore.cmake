# SPDX-License-Identifier: GPL-3.0-or-later
# Issue #9, interop: a CallDeck dialog store and a real Kamailio 5.6 `dialog` table (db_sqlite,
# dialog db_mode 1) load into each other with the same fields.
calldeck_add_test(NAME tst_dialogstorekamailio
    SOURCES
        ${CMAKE_CURRENT_LIST_DIR}/tst_dialogstorekamailio.cpp
        ${CMAKE_CURRENT_LIST_DIR}/harness/kamailiodialogdb.cpp
        ${CMAKE_CURRENT_LIST_DIR}/harness/kamailiodialogdb.h
    LIBS calldeck_integration calldeck_backend TIMEOUT 180 LABELS integration)
set_tests_properties(tst_dialogstorekamailio PROPERTIES RESOURCE_LOCK calldeck_kamailio)
# (c) starts the headless collector (build/bin/calldeck).
add_dependencies(tst_dialogstorekamailio calldeck)
# Issue #9, crash safety: kill -9 of a headless collector in db_mode 1, restarted on its store
# (SQLite, and a PostgreSQL 15 the test starts: the PostgreSQL lock).
calldeck_add_test(NAME tst_dialogstorecrash SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_dialogstorecrash.cpp
    LIBS calldeck_integration calldeck_testsupport TIMEOUT 180 LABELS integration)
set_tests_properties(tst_dialogstorecrash PROPERTIES RESOURCE_LOCK calldeck_postgres)
