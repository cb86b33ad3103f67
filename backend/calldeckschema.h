// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

#include <QList>
#include <QString>
#include <QStringList>

#include "backend/dialogstoreschema.h"

class QSqlDatabase;
struct StoreUrl;

/// @brief CallDeck's own tables in the store beside Kamailio's dialog tables (issue #9: one
/// store, one place to back up): the charts' history (`calldeck_series`, `calldeck_chunk`), the
/// audit log (`calldeck_audit`), the alarms' history (`calldeck_alarm`) and the feeds' last state
/// (`calldeck_feed`). Each table's version is a row of Kamailio's `version` table (table_name,
/// table_version), the way Kamailio versions its own tables; DialogStoreSchema creates that table
/// when it is missing.
///
/// At open, ensure() creates the missing tables at this build's version and runs each older
/// table's migrations (version N → N+1 statements, in order), all in one transaction: a failure
/// leaves the store as it was. A table newer than this build is refused with a message that says
/// to upgrade CallDeck. The SQL runs on SQLite and PostgreSQL (ids, BLOB/BYTEA per dialect).
class CallDeckSchema final
{
public:
    using Dialect = DialogStoreSchema::Dialect;

    /// @brief One table: its statements at this build's version and the way from each older one.
    struct Table
    {
        QString name;
        int version = 1; ///< this build's version
        /// @brief The statements that create the table (and its indexes) at `version`.
        std::function<QStringList(Dialect)> create;
        /// @brief migrations[i] takes the table from version i + 1 to i + 2; size() == version - 1.
        QList<std::function<QStringList(Dialect)>> migrations;
    };

    static constexpr int SeriesVersion = 1;
    static constexpr int ChunkVersion = 1;
    static constexpr int AuditVersion = 1;
    static constexpr int AlarmVersion = 1;
    static constexpr int FeedVersion = 1;

    /// @brief CallDeck's tables, in creation order (a table before those that refer to it).
    static QList<Table> tables();

    /// @brief Creates or migrates CallDeck's tables on the open @p db (see the class comment).
    /// @return false with an English message that says what to do; @p db is then unchanged
    static bool ensure(QSqlDatabase &db, QString *error);
    /// @brief The same for @p tables (tests pass older and newer definitions).
    static bool ensure(QSqlDatabase &db, const QList<Table> &tables, QString *error);

    /// @brief Opens the QtSql connection @p connection on @p url (StoreUrl::open) and ensures the
    /// tables; on failure the connection is removed and @p error says what to do.
    static bool open(const StoreUrl &url, const QString &connection, QString *error);
    /// @brief Closes and removes @p connection if it exists.
    static void close(const QString &connection);

    /// @brief The version row of @p table, 0 when it has none. -1 on a read error.
    static int versionOf(const QSqlDatabase &db, const QString &table);

    /// @brief Column types per dialect.
    static QString idColumn(Dialect dialect);
    static QString blobType(Dialect dialect);
};
