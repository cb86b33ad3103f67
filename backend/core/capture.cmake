# SPDX-License-Identifier: GPL-3.0-or-later
# Pure capture decoding (link layers, IP reassembly, TCP streams) of calldeck_core.
set(CALLDECK_CORE_CAPTURE_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/capturedecoder.cpp
    ${CMAKE_CURRENT_LIST_DIR}/ipdecoder.cpp
    ${CMAKE_CURRENT_LIST_DIR}/ipreassembler.cpp
    ${CMAKE_CURRENT_LIST_DIR}/linklayer.cpp
    ${CMAKE_CURRENT_LIST_DIR}/streamscanner.cpp
    ${CMAKE_CURRENT_LIST_DIR}/tcpstreamreassembler.cpp
)
