# SPDX-License-Identifier: GPL-3.0-or-later
# The dialog store (issue #9), groundwork: Kamailio's `version`, `dialog` and `dialog_vars` tables
# on QtSql (SQLite, PostgreSQL). Included after add_library(calldeck_backend).
target_sources(calldeck_backend PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/dialogstoreschema.cpp
    ${CMAKE_CURRENT_LIST_DIR}/dialogstoreschema.h)
target_sources(calldeck_backend PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/dialogstore.cpp
    ${CMAKE_CURRENT_LIST_DIR}/dialogstore.h)
target_sources(calldeck_backend PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/storeurl.cpp
    ${CMAKE_CURRENT_LIST_DIR}/storeurl.h)
target_sources(calldeck_backend PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/dialogidcounters.cpp
    ${CMAKE_CURRENT_LIST_DIR}/dialogidcounters.h
    ${CMAKE_CURRENT_LIST_DIR}/dialogstorewriter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/dialogstorewriter.h
    ${CMAKE_CURRENT_LIST_DIR}/dialogrestorequeue.cpp
    ${CMAKE_CURRENT_LIST_DIR}/dialogrestorequeue.h
    ${CMAKE_CURRENT_LIST_DIR}/dialogpersistence.cpp
    ${CMAKE_CURRENT_LIST_DIR}/dialogpersistence.h)
