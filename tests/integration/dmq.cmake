# SPDX-License-Identifier: GPL-3.0-or-later
# Issue #10, the DMQ cluster feed. The bed: two real Kamailio 5.6 nodes replicating dialogs over
# DMQ (harness/kamailiocluster), and the wire facts a DMQ node sees (harness/dmqtestnode).
set(dmq_harness
    ${CMAKE_CURRENT_LIST_DIR}/harness/dmqtestnode.cpp
    ${CMAKE_CURRENT_LIST_DIR}/harness/dmqtestnode.h
    ${CMAKE_CURRENT_LIST_DIR}/harness/kamailiocluster.cpp
    ${CMAKE_CURRENT_LIST_DIR}/harness/kamailiocluster.h)
calldeck_add_test(NAME tst_kamailiodmqcluster
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_kamailiodmqcluster.cpp ${dmq_harness}
    LIBS calldeck_integration TIMEOUT 180 LABELS integration)
set_tests_properties(tst_kamailiodmqcluster PROPERTIES RESOURCE_LOCK calldeck_kamailio)
# Issue #10's proof: a headless CallDeck joins that cluster as a passive third node (--dmq).
calldeck_add_test(NAME tst_dmqclusterkamailio
    SOURCES
        ${CMAKE_CURRENT_LIST_DIR}/tst_dmqclusterkamailio.cpp
        ${CMAKE_CURRENT_LIST_DIR}/harness/dmqfeedprobe.cpp
        ${CMAKE_CURRENT_LIST_DIR}/harness/dmqfeedprobe.h
        ${dmq_harness}
    LIBS calldeck_integration TIMEOUT 240 LABELS integration)
set_tests_properties(tst_dmqclusterkamailio PROPERTIES RESOURCE_LOCK calldeck_kamailio)
add_dependencies(tst_dmqclusterkamailio calldeck)
# Issue #10, bad input: a UDP socket plays the node CallDeck registers with and sends malformed,
# unknown, wrong-typed and flooding KDMQ requests (no Kamailio needed, the headless calldeck is).
calldeck_add_test(NAME tst_dmqbadinput
    SOURCES
        ${CMAKE_CURRENT_LIST_DIR}/tst_dmqbadinput.cpp
        ${CMAKE_CURRENT_LIST_DIR}/harness/dmqfeedprobe.cpp
        ${CMAKE_CURRENT_LIST_DIR}/harness/dmqfeedprobe.h
        ${dmq_harness}
    LIBS calldeck_integration TIMEOUT 120 LABELS integration)
set_tests_properties(tst_dmqbadinput PROPERTIES RESOURCE_LOCK calldeck_kamailio)
add_dependencies(tst_dmqbadinput calldeck)
# Issue #10, control: actions on cluster dialogs go through the owning proxy's JSON-RPC.
calldeck_add_test(NAME tst_dmqactionskamailio
    SOURCES
        ${CMAKE_CURRENT_LIST_DIR}/tst_dmqactionskamailio.cpp
        ${CMAKE_CURRENT_LIST_DIR}/harness/dmqfeedprobe.cpp
        ${CMAKE_CURRENT_LIST_DIR}/harness/dmqfeedprobe.h
        ${dmq_harness}
    LIBS calldeck_integration TIMEOUT 180 LABELS integration)
set_tests_properties(tst_dmqactionskamailio PROPERTIES RESOURCE_LOCK calldeck_kamailio)
add_dependencies(tst_dmqactionskamailio calldeck)
