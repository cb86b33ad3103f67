# SPDX-License-Identifier: GPL-3.0-or-later
# SIP parser sources of calldeck_core.
set(CALLDECK_CORE_SIP_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/sipmessage.cpp
    ${CMAKE_CURRENT_LIST_DIR}/sipparser.cpp
    ${CMAKE_CURRENT_LIST_DIR}/sipparserframing.cpp
    ${CMAKE_CURRENT_LIST_DIR}/sipheaders.cpp
    ${CMAKE_CURRENT_LIST_DIR}/callflowmessage.cpp
)
