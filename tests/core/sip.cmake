# SPDX-License-Identifier: GPL-3.0-or-later
# Tests of the SIP parser (fixtures in tests/data/sip, HEP samples in tests/data/samples/hep).
calldeck_add_test(NAME tst_sipparser SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_sipparser.cpp LIBS calldeck_core)
calldeck_add_test(NAME tst_siphepsamples SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_siphepsamples.cpp
    LIBS calldeck_core)
calldeck_add_test(NAME tst_sipheaders SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_sipheaders.cpp LIBS calldeck_core)
calldeck_add_test(NAME tst_sipframing SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_sipframing.cpp LIBS calldeck_core)
calldeck_add_test(NAME tst_siprobustness SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_siprobustness.cpp LIBS calldeck_core
    TIMEOUT 600)

