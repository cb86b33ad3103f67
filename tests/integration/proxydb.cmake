# SPDX-License-Identifier: GPL-3.0-or-later
# Issue #9, the proxy DB feed: a headless CallDeck reading a real Kamailio 5.6's dialog table
# (db_sqlite, db_mode 1) shows exactly its dlg.list, refuses actions, drops ended calls in time.
calldeck_add_test(NAME tst_proxydbfeedkamailio
    SOURCES
        ${CMAKE_CURRENT_LIST_DIR}/tst_proxydbfeedkamailio.cpp
        ${CMAKE_CURRENT_LIST_DIR}/harness/kamailiodialogdb.cpp
        ${CMAKE_CURRENT_LIST_DIR}/harness/kamailiodialogdb.h
    LIBS calldeck_integration calldeck_backend TIMEOUT 180 LABELS integration)
set_tests_properties(tst_proxydbfeedkamailio PROPERTIES RESOURCE_LOCK calldeck_kamailio)
# The same feed on a real PostgreSQL 15 server: rows, a wrong password, a stopped and restarted server.
calldeck_add_test(NAME tst_proxydbfeedpostgres SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_proxydbfeedpostgres.cpp
    LIBS calldeck_integration calldeck_backend calldeck_testsupport TIMEOUT 120 LABELS integration)
set_tests_properties(tst_proxydbfeedpostgres PROPERTIES RESOURCE_LOCK calldeck_postgres)
