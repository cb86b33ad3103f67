# SPDX-License-Identifier: GPL-3.0-or-later
# Served JSON-RPC (QtHttpServer) of calldeck_backend.
set(CALLDECK_BACKEND_RPCSERVER_SOURCES
    dialogrpc.cpp
    dialogrpc.h
    rpchttpserver.cpp
    rpchttpserver.h
    rpcmethodoutcome.h
    rpcreply.h
    rpcrequest.cpp
    rpcrequest.h
    rpcserver.cpp
    rpcserver.h
)
