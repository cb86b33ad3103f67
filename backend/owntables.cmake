# SPDX-License-Identifier: GPL-3.0-or-later
# CallDeck's own tables in the store (issue #9): versioned schema with migrations, the audit
# table, the alarms' history, the feeds' last state and the one-time import of the old files.
# Included after add_library(calldeck_backend).
target_sources(calldeck_backend PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/calldeckschema.cpp
    ${CMAKE_CURRENT_LIST_DIR}/calldeckschema.h
    ${CMAKE_CURRENT_LIST_DIR}/audittable.cpp
    ${CMAKE_CURRENT_LIST_DIR}/audittable.h
    ${CMAKE_CURRENT_LIST_DIR}/alarmhistory.cpp
    ${CMAKE_CURRENT_LIST_DIR}/alarmhistory.h
    ${CMAKE_CURRENT_LIST_DIR}/feedstaterecorder.cpp
    ${CMAKE_CURRENT_LIST_DIR}/feedstaterecorder.h
    ${CMAKE_CURRENT_LIST_DIR}/storesession.cpp
    ${CMAKE_CURRENT_LIST_DIR}/storesession.h
    ${CMAKE_CURRENT_LIST_DIR}/legacyimport.cpp
    ${CMAKE_CURRENT_LIST_DIR}/legacyimport.h)
