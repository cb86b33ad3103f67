# SPDX-License-Identifier: GPL-3.0-or-later
# The dialog store (issue #9): Kamailio's dialog tables created by CallDeck equal those of
# Kamailio's own db_sqlite script (PRAGMA table_info, indexes), and the version checks.
calldeck_add_test(NAME tst_dialogstoreschema SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_dialogstoreschema.cpp
    LIBS calldeck_backend)
