# SPDX-License-Identifier: GPL-3.0-or-later
# The proxy DB feed (issue #9): a dialog table written by DialogStore read as a proxy; rows appear,
# change and leave; missing file or tables, wrong version, locked, not a database: clear errors,
# nothing changed, recovery.
calldeck_add_test(NAME tst_proxydbfeed SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_proxydbfeed.cpp
    LIBS calldeck_backend calldeck_testsupport TIMEOUT 120)
