// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QString>

class QSqlDatabase;

/// @brief Where CallDeck's store lives (issue #9): `--db sqlite:///path/calldeck.db` (the default:
/// calldeck.db in the user data directory) or `--db postgresql://user:pw@host:port/dbname`.
/// One value for every part that opens the store (the dialog writer, the chart history, the audit
/// log, a proxy DB feed reading a Kamailio `dialog` table), so that each opens its own QtSql
/// connection the same way: SQLite in WAL journal mode with synchronous=NORMAL and a busy timeout,
/// PostgreSQL through the QPSQL driver.
struct StoreUrl
{
    enum class Kind
    {
        Sqlite,
        PostgreSql,
    };
    Kind kind = Kind::Sqlite;
    QString path; ///< SQLite: the file
    QString host; ///< PostgreSQL: host name, IP or a socket directory
    int port = 5432;
    QString user;
    QString password;
    QString database;

    /// @brief Parses `sqlite:///abs/path`, `postgresql://…` or `postgres://…`; nullopt with an
    /// English message that shows the forms to use.
    static std::optional<StoreUrl> parse(const QString &text, QString *error);
    /// @brief calldeck.db in the user's application data directory.
    static StoreUrl defaultSqlite();
    /// @brief An SQLite store at @p path.
    static StoreUrl sqliteFile(const QString &path);

    /// @brief The URL for messages and the Sources view: the password is never shown.
    QString display() const;
    /// @brief The QtSql driver name (QSQLITE or QPSQL).
    QString driver() const;

    /// @brief How open() uses the store.
    enum class Access
    {
        ReadWrite, ///< CallDeck's own store: created when missing, tuned (WAL, synchronous, busy timeout)
        ReadOnly,  ///< another program's tables (a proxy DB feed): must exist; nothing is changed in it,
                   ///< not even SQLite's journal mode; PostgreSQL sessions are read-only
    };

    /// @brief Adds the QtSql connection @p connection (which must not exist) and opens it; for
    /// SQLite, creates the file's directory and sets WAL, synchronous=NORMAL and a 5 s busy timeout
    /// (ReadOnly: opens an existing file read-only with a 1 s busy timeout and changes nothing).
    /// On failure the connection is removed again and @p error says what to do.
    bool open(const QString &connection, QString *error, Access access = Access::ReadWrite) const;
};
