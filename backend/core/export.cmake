# SPDX-License-Identifier: GPL-3.0-or-later
# Export writers of calldeck_core (issue #8): CSV, pcap, ustar and the number masker. They build
# text and bytes; writing files is the backend's job.
set(CALLDECK_CORE_EXPORT_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/csvwriter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/dialogcsv.cpp
    ${CMAKE_CURRENT_LIST_DIR}/numbermasker.cpp
    ${CMAKE_CURRENT_LIST_DIR}/capturebuilder.cpp
    ${CMAKE_CURRENT_LIST_DIR}/tarwriter.cpp
)
