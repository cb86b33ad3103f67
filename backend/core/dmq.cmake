# SPDX-License-Identifier: GPL-3.0-or-later
# The DMQ cluster feed's pure core (issue #10): the node-list and dialog-message codecs of
# Kamailio's DMQ bus, the cluster dialog table with 5.6.3's receiver rules and the h_id series
# learner that infers the owners of synced dialogs. Included after
# add_library(calldeck_core).
target_sources(calldeck_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/clusterdialogtable.cpp
    ${CMAKE_CURRENT_LIST_DIR}/clusterdialogtable.h
    ${CMAKE_CURRENT_LIST_DIR}/clusterdialogtablestore.cpp
    ${CMAKE_CURRENT_LIST_DIR}/dmqdialogmessage.cpp
    ${CMAKE_CURRENT_LIST_DIR}/dmqdialogmessage.h
    ${CMAKE_CURRENT_LIST_DIR}/dmqdialogmessagewriter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/dmqnodelist.cpp
    ${CMAKE_CURRENT_LIST_DIR}/dmqnodelist.h
    ${CMAKE_CURRENT_LIST_DIR}/hidserieslearner.cpp
    ${CMAKE_CURRENT_LIST_DIR}/hidserieslearner.h)
