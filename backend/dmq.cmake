# SPDX-License-Identifier: GPL-3.0-or-later
# The cluster feed (issue #10): CallDeck as a passive node of a Kamailio DMQ bus (KDMQ over UDP on
# the SIP layer's socket and transactions), the `dialog` channel applied with 5.6.3's receiver rules.
# Included after add_library(calldeck_backend).
target_sources(calldeck_backend PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/dmqnodehealth.h
    ${CMAKE_CURRENT_LIST_DIR}/dmq/dmqconfig.cpp
    ${CMAKE_CURRENT_LIST_DIR}/dmq/dmqconfig.h
    ${CMAKE_CURRENT_LIST_DIR}/dmq/dmqdialogpeer.cpp
    ${CMAKE_CURRENT_LIST_DIR}/dmq/dmqdialogpeer.h
    ${CMAKE_CURRENT_LIST_DIR}/dmq/dmqfeed.cpp
    ${CMAKE_CURRENT_LIST_DIR}/dmq/dmqfeed.h
    ${CMAKE_CURRENT_LIST_DIR}/dmq/dmqlistnodes.cpp
    ${CMAKE_CURRENT_LIST_DIR}/dmq/dmqlistnodes.h
    ${CMAKE_CURRENT_LIST_DIR}/dmq/dmqmessagebuilder.cpp
    ${CMAKE_CURRENT_LIST_DIR}/dmq/dmqmessagebuilder.h
    ${CMAKE_CURRENT_LIST_DIR}/dmq/dmqnodetable.cpp
    ${CMAKE_CURRENT_LIST_DIR}/dmq/dmqnodetable.h
    ${CMAKE_CURRENT_LIST_DIR}/dmq/dmqworker.cpp
    ${CMAKE_CURRENT_LIST_DIR}/dmq/dmqwire.h
    ${CMAKE_CURRENT_LIST_DIR}/dmq/dmqworker.h
    ${CMAKE_CURRENT_LIST_DIR}/dmq/dmqworkerincoming.cpp)
