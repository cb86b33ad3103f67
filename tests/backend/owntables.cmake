# SPDX-License-Identifier: GPL-3.0-or-later
# CallDeck's own tables in the store (issue #9): creation beside Kamailio's dialog tables,
# migrations in one transaction, a newer or foreign table refused, PostgreSQL DDL parsed.
calldeck_add_test(NAME tst_calldeckschema SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_calldeckschema.cpp
    LIBS calldeck_backend)
# The alarms' history and the feeds' last state written to the store.
calldeck_add_test(NAME tst_storerecorders SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_storerecorders.cpp
    LIBS calldeck_proxyfeedtestsupport calldeck_backend TIMEOUT 60)
