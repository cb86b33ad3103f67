# SPDX-License-Identifier: GPL-3.0-or-later
# JSON-RPC client of a proxy (Kamailio jsonrpcs over HTTP/HTTPS, libcurl) and the dlg.list reader.
set(CALLDECK_BACKEND_RPCCLIENT_SOURCES
    jsontypename.cpp
    jsontypename.h
    dialoglistdecoder.cpp
    dialoglistdecoder.h
    dialoglistpool.h
    dlglistparser.cpp
    dlglistparser.h
    proxyfeed.cpp
    proxyfeed.h
    proxystatus.cpp
    proxystatus.h
    jsonrpcclient.cpp
    jsonrpcclient.h
    rpcendpoint.cpp
    rpcendpoint.h
    rpcerror.cpp
    rpcerror.h
    rpcoutcome.cpp
    rpcoutcome.h
    rpcreplyparser.cpp
    rpcreplyparser.h
    rpcworker.cpp
    rpcworker.h
)
