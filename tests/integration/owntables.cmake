# SPDX-License-Identifier: GPL-3.0-or-later
# Issue #9, CallDeck's own tables on a real PostgreSQL 15 server the test starts itself (private
# data directory and port, stopped by PID): created beside the dialog tables, used by the charts'
# history, audit log, alarms' history and feeds' state, migrated and refused as on SQLite.
calldeck_add_test(NAME tst_calldeckschemapostgres SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_calldeckschemapostgres.cpp
    LIBS calldeck_integration calldeck_backend TIMEOUT 120 LABELS integration)
set_tests_properties(tst_calldeckschemapostgres PROPERTIES RESOURCE_LOCK calldeck_postgres)
# The one-time import at the start of a real `calldeck --headless` (build/bin/calldeck): the old
# history.sqlite and audit.jsonl(.1) in its data directory land in the store and are renamed.
calldeck_add_test(NAME tst_storeimportheadless SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_storeimportheadless.cpp
    LIBS calldeck_integration calldeck_backend TIMEOUT 60 LABELS integration)
add_dependencies(tst_storeimportheadless calldeck)
