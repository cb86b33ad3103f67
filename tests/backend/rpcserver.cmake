# SPDX-License-Identifier: GPL-3.0-or-later
# Served JSON-RPC: a real CoreWorker fed with generated calls, the server on a free loopback
# port, requests through QNetworkAccessManager and raw sockets.
add_library(calldeck_rpctestsupport STATIC rpctestclient.cpp rpctestclient.h rpctestcore.cpp rpctestcore.h)
target_link_libraries(calldeck_rpctestsupport PUBLIC calldeck_backend calldeck_testsupport calldeck_options
    Qt6::Network)
calldeck_add_test(NAME tst_dialogrpc SOURCES tst_dialogrpc.cpp LIBS calldeck_rpctestsupport TIMEOUT 120)
calldeck_add_test(NAME tst_rpcserver SOURCES tst_rpcserver.cpp LIBS calldeck_rpctestsupport TIMEOUT 120)
