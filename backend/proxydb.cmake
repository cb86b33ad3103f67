# SPDX-License-Identifier: GPL-3.0-or-later
# The proxy DB feed (issue #9): a Kamailio `dialog` table (SQLite or PostgreSQL) read as a source,
# and the read-only table reader it shares with DialogStore::load(). Included after
# add_library(calldeck_backend).
target_sources(calldeck_backend PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/dialogtablereader.cpp
    ${CMAKE_CURRENT_LIST_DIR}/dialogtablereader.h
    ${CMAKE_CURRENT_LIST_DIR}/proxydbconfig.cpp
    ${CMAKE_CURRENT_LIST_DIR}/proxydbconfig.h
    ${CMAKE_CURRENT_LIST_DIR}/proxydbfeed.cpp
    ${CMAKE_CURRENT_LIST_DIR}/proxydbfeed.h
    ${CMAKE_CURRENT_LIST_DIR}/proxydbreader.cpp
    ${CMAKE_CURRENT_LIST_DIR}/proxydbreader.h)
# DialogTableReader reads SQLite files through the sqlite3 handle under Qt's QSQLITE driver (the
# system libsqlite3 Debian's plugin uses): UTF-8 columns without Qt's UTF-16 round trip.
find_package(SQLite3 REQUIRED)
target_link_libraries(calldeck_backend PRIVATE SQLite::SQLite3)
