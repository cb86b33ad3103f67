# SPDX-License-Identifier: GPL-3.0-or-later
# Mirror listeners: stream framing, HEP/SIP over UDP and TCP into a real CoreWorker, and the
# receive path under bad input, bursts and a stalled consumer (real sockets on 127.0.0.1/::1).
set(CALLDECK_MIRROR_TEST_HELPERS
    ${CMAKE_CURRENT_LIST_DIR}/hepencoder.cpp
    ${CMAKE_CURRENT_LIST_DIR}/hepencoder.h
    ${CMAKE_CURRENT_LIST_DIR}/loopbackclient.cpp
    ${CMAKE_CURRENT_LIST_DIR}/loopbackclient.h)
calldeck_add_test(NAME tst_streamframer
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_streamframer.cpp ${CMAKE_CURRENT_LIST_DIR}/hepencoder.cpp
    LIBS calldeck_backend calldeck_testsupport TIMEOUT 60)
calldeck_add_test(NAME tst_mirrorlistener
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_mirrorlistener.cpp ${CALLDECK_MIRROR_TEST_HELPERS}
    LIBS calldeck_backend calldeck_testsupport TIMEOUT 120)
calldeck_add_test(NAME tst_mirrorrobustness
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_mirrorrobustness.cpp ${CALLDECK_MIRROR_TEST_HELPERS}
    LIBS calldeck_backend calldeck_testsupport TIMEOUT 180)
# Settings → Mirror listeners: the stored list and its validation messages.
calldeck_add_test(NAME tst_listenersettings
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_listenersettings.cpp LIBS calldeck_backend)
