# SPDX-License-Identifier: GPL-3.0-or-later
# ProxyFeed, DialogControl and the served control methods against a fake Kamailio on 127.0.0.1
# (fault cases only: bad replies, timeouts, missing helper; the real-Kamailio tests live in
# tests/integration). The engine is wired as app/engine.cpp wires it.
add_library(calldeck_proxyfeedtestsupport STATIC
    fakekamailio.cpp fakekamailio.h loopgapmeter.cpp loopgapmeter.h proxytestbed.cpp proxytestbed.h)
target_link_libraries(calldeck_proxyfeedtestsupport PUBLIC calldeck_rpcclienttestsupport calldeck_backend
    calldeck_testsupport calldeck_options Qt6::Network Qt6::Test)
calldeck_add_test(NAME tst_proxyfeed SOURCES tst_proxyfeed.cpp LIBS calldeck_proxyfeedtestsupport TIMEOUT 60)
calldeck_add_test(NAME tst_proxyfeedfaults SOURCES tst_proxyfeedfaults.cpp LIBS calldeck_proxyfeedtestsupport
    TIMEOUT 90)
calldeck_add_test(NAME tst_controlrpc SOURCES tst_controlrpc.cpp LIBS calldeck_proxyfeedtestsupport
    calldeck_rpctestsupport TIMEOUT 60)
# Issue #7: the audit trail of every action attempt (console and served RPC).
calldeck_add_test(NAME tst_auditlog SOURCES tst_auditlog.cpp LIBS calldeck_proxyfeedtestsupport
    calldeck_rpctestsupport TIMEOUT 60)
