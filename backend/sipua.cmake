# SPDX-License-Identifier: GPL-3.0-or-later
# SIP user agent (issue #6): CallDeck's own UDP/TCP socket for in-dialog requests, RFC 3261
# non-INVITE client transactions and the answers to NOTIFY/OPTIONS.
set(CALLDECK_BACKEND_SIPUA_SOURCES
    sipua/embeddedactions.cpp
    sipua/embeddedactions.h
    sipua/embeddedbridge.cpp
    sipua/embeddedbridge.h
    sipua/localrequestsender.cpp
    sipua/localrequestsender.h
    sipua/sipclienttransaction.cpp
    sipua/sipclienttransaction.h
    sipua/sipnexthop.cpp
    sipua/sipnexthop.h
    sipua/sipoutgoingrequest.cpp
    sipua/sipoutgoingrequest.h
    sipua/siprequestresponder.cpp
    sipua/siprequestresponder.h
    sipua/siptcpconnection.cpp
    sipua/siptcpconnection.h
    sipua/sipuaworker.cpp
    sipua/sipuaworker.h
    sipua/sipuaworkerinvite.cpp
    sipua/sipudpsocket.cpp
    sipua/sipudpsocket.h
    sipua/sipuseragent.cpp
    sipua/sipuseragent.h
)
