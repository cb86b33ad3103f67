# SPDX-License-Identifier: GPL-3.0-or-later
# JSON-RPC client of a proxy (libcurl) against an in-process fake HTTP(S) server on 127.0.0.1
# (fault cases only; the real-Kamailio tests live in tests/integration), and the dlg.list reader.
add_library(calldeck_rpcclienttestsupport STATIC
    fakehttpserver.cpp fakehttpserver.h rpcclientfixtures.cpp rpcclientfixtures.h rpcrecorder.cpp rpcrecorder.h)
target_link_libraries(calldeck_rpcclienttestsupport PUBLIC calldeck_backend calldeck_options Qt6::Network Qt6::Test
    PRIVATE CURL::libcurl)
target_compile_definitions(calldeck_rpcclienttestsupport PRIVATE CALLDECK_SAMPLES="${CALLDECK_SAMPLES_DIR}")
calldeck_add_test(NAME tst_rpcendpoint SOURCES tst_rpcendpoint.cpp LIBS calldeck_backend)
calldeck_add_test(NAME tst_dlglistparser SOURCES tst_dlglistparser.cpp LIBS calldeck_rpcclienttestsupport)
calldeck_add_test(NAME tst_jsonrpcclient SOURCES tst_jsonrpcclient.cpp LIBS calldeck_rpcclienttestsupport TIMEOUT 120)
calldeck_add_test(NAME tst_jsonrpctransport SOURCES tst_jsonrpctransport.cpp LIBS calldeck_rpcclienttestsupport
    TIMEOUT 180)
calldeck_add_test(NAME tst_jsonrpcauth SOURCES tst_jsonrpcauth.cpp LIBS calldeck_rpcclienttestsupport TIMEOUT 120)
calldeck_add_test(NAME tst_jsonrpctls SOURCES tst_jsonrpctls.cpp LIBS calldeck_rpcclienttestsupport TIMEOUT 120)
