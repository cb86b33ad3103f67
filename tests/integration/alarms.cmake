# SPDX-License-Identifier: GPL-3.0-or-later
# Issue #8, alarms: a profile limit crossed by real calls through Kamailio raises the alarm of a
# headless CallDeck within 2 s, and it clears after the calls end.
calldeck_add_test(NAME tst_alarmskamailio SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_alarmskamailio.cpp LIBS calldeck_integration
    TIMEOUT 180 LABELS integration)
set_tests_properties(tst_alarmskamailio PROPERTIES RESOURCE_LOCK calldeck_kamailio)
