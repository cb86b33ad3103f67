# SPDX-License-Identifier: GPL-3.0-or-later
# Issue #9, the dialog store on a real PostgreSQL 15 server the test starts itself (private data
# directory and port, stopped by PID): tables made and verified, equal to Kamailio's db_postgres
# ones, write/update/delete/clear/reload, ids of 2^31 and more, failing batches, a wrong password
# and a stopped server. Its own lock: it never competes with another PostgreSQL test.
calldeck_add_test(NAME tst_dialogstorepostgres SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_dialogstorepostgres.cpp
    LIBS calldeck_integration calldeck_backend calldeck_testsupport TIMEOUT 120 LABELS integration)
set_tests_properties(tst_dialogstorepostgres PROPERTIES RESOURCE_LOCK calldeck_postgres)
