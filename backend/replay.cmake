# SPDX-License-Identifier: GPL-3.0-or-later
# Capture replay (libpcap) of calldeck_backend.
set(CALLDECK_BACKEND_REPLAY_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/capturefile.cpp
    ${CMAKE_CURRENT_LIST_DIR}/capturefile.h
    ${CMAKE_CURRENT_LIST_DIR}/capturereplay.cpp
    ${CMAKE_CURRENT_LIST_DIR}/capturereplay.h
)
