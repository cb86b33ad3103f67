# SPDX-License-Identifier: GPL-3.0-or-later
# Mirror listeners (HEP/raw SIP over UDP and TCP) of calldeck_backend.
set(CALLDECK_BACKEND_MIRROR_SOURCES
    listeningsocket.cpp
    listeningsocket.h
    listenersettings.cpp
    listenersettings.h
    mirrorlistener.cpp
    mirrorlistener.h
    socketaddress.cpp
    socketaddress.h
    streamframer.cpp
    streamframer.h
    tcpreceiver.cpp
    tcpreceiver.h
    udpreceiver.cpp
    udpreceiver.h
)
