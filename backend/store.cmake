# SPDX-License-Identifier: GPL-3.0-or-later
# The dialog store (issue #9), groundwork: Kamailio's `version`, `dialog` and `dialog_vars` tables
# on QtSql (SQLite, PostgreSQL). Included after add_library(calldeck_backend).
target_sources(calldeck_backend PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/dialogstoreschema.cpp
    ${CMAKE_CURRENT_LIST_DIR}/dialogstoreschema.h)
target_sources(calldeck_backend PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/dialogstore.cpp
    ${CMAKE_CURRENT_LIST_DIR}/dialogstore.h)
