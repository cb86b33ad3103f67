# SPDX-License-Identifier: GPL-3.0-or-later
# Tests of the pure capture decoding (link layers, IP reassembly, TCP streams). The decoder test
# reads the sample captures with libpcap, as the product does (the core itself never does I/O).
set(capture_packets ${CMAKE_CURRENT_LIST_DIR}/capturepackets.cpp)
calldeck_add_test(NAME tst_capturedecoder SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_capturedecoder.cpp ${capture_packets}
    LIBS calldeck_core calldeck_testsupport PkgConfig::PCAP)
calldeck_add_test(NAME tst_ipreassembler SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_ipreassembler.cpp ${capture_packets}
    LIBS calldeck_core calldeck_testsupport)
calldeck_add_test(NAME tst_tcpstreamreassembler
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_tcpstreamreassembler.cpp ${capture_packets}
    LIBS calldeck_core calldeck_testsupport)
