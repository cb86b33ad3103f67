# SPDX-License-Identifier: GPL-3.0-or-later
# Control: actions on dialogs, routed to the owner (a proxy's RPC, the CallDeck core).
set(CALLDECK_BACKEND_CONTROL_SOURCES
    controlrequest.h
    controlrpc.cpp
    controlrpc.h
    dialogaction.cpp
    dialogaction.h
    dialogcontrol.cpp
    dialogcontrol.h
    proxyconfig.h
    proxysettings.cpp
    proxysettings.h
    proxydialogs.cpp
    proxydialogs.h
    proxydialogsprofiles.cpp
)
