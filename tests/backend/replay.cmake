# SPDX-License-Identifier: GPL-3.0-or-later
# Capture replay: the sample captures through a real CoreWorker, pace, errors, cancel.
calldeck_add_test(NAME tst_capturereplay SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_capturereplay.cpp
    LIBS calldeck_backend calldeck_testsupport TIMEOUT 120)
