# SPDX-License-Identifier: GPL-3.0-or-later
# `--headless --export` of .csv, .pcap and the incident pack (issue #8), included from app/CMakeLists.txt
# inside its tests block (calldeck_cli_test and ${samples} are defined there).
add_test(NAME cli_headless_replay_csv COMMAND ${CMAKE_COMMAND}
    -DEXE=$<TARGET_FILE:calldeck> -DCODE=0
    "-DPATTERN=exported 3 dialogs to out\\.csv"
    "-DARGS=--headless;--replay;${samples}/calls.pcap;--exit-after-replay;--export;out.csv"
    -DWORKDIR=${CMAKE_CURRENT_BINARY_DIR}/cli_headless_replay_csv.tmp
    -DFILE=out.csv "-DFILE_PATTERN=h_entry,h_id,call-id,from_uri,to_uri,state,start_ts.*,sip:"
    -P ${clicheck})
set_tests_properties(cli_headless_replay_csv PROPERTIES LABELS cli TIMEOUT 60)

# The binary run on the sample, its files read back: CSV parsed, pcap by tshark against the sample, pack by tar.
calldeck_add_test(NAME tst_headlessexport
    SOURCES ${PROJECT_SOURCE_DIR}/tests/app/tst_headlessexport.cpp
    LIBS calldeck_backend
    TIMEOUT 120)
add_dependencies(tst_headlessexport calldeck)
target_compile_definitions(tst_headlessexport PRIVATE CALLDECK_VERSION="${PROJECT_VERSION}")
