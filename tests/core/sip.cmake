# SPDX-License-Identifier: GPL-3.0-or-later
# Tests of the SIP parser (fixtures in tests/data/sip, HEP samples in tests/data/samples/hep).
calldeck_add_test(NAME tst_sipparser SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_sipparser.cpp LIBS calldeck_core)
calldeck_add_test(NAME tst_sipheaders SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_sipheaders.cpp LIBS calldeck_core)
calldeck_add_test(NAME tst_sipframing SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_sipframing.cpp LIBS calldeck_core)
calldeck_add_test(NAME tst_siprobustness SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_siprobustness.cpp LIBS calldeck_core
    TIMEOUT 600)

# A brief libFuzzer run of fuzz_sip (builds build-fuzz/ with clang; see scripts/fuzz).
add_test(NAME fuzz_sip_brief COMMAND bash ${PROJECT_SOURCE_DIR}/scripts/fuzz 20 fuzz_sip)
set_tests_properties(fuzz_sip_brief PROPERTIES TIMEOUT 300 LABELS fuzz)
