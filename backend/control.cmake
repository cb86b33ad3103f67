# SPDX-License-Identifier: GPL-3.0-or-later
# Control: actions on dialogs, routed to the owner (a proxy's RPC, the CallDeck core), and their
# audit trail (auditlog).
set(CALLDECK_BACKEND_CONTROL_SOURCES
    auditlog.cpp
    auditlog.h
    controlrequest.cpp
    controlrequest.h
    controlrpc.cpp
    controlrpc.h
    dialogaction.cpp
    dialogaction.h
    dialogcontrol.cpp
    dialogcontrol.h
    dialogcontrolroutes.cpp
    proxyconfig.h
    proxysettings.cpp
    proxysettings.h
    proxydialogs.cpp
    proxydialogs.h
    proxydialogsprofiles.cpp
)
