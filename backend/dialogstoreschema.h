// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

class QSqlDatabase;

/// @brief Kamailio's `version`, `dialog` (version 7) and `dialog_vars` (version 1) tables (issue
/// #9), in the dialect of its `db_sqlite` and `db_postgres` modules, so that a CallDeck store and
/// a Kamailio dialog table are interchangeable (reference §8.2). The SQLite text is that of
/// /usr/share/kamailio/db_sqlite/{standard,dialog}-create.sql; PostgreSQL differs only by SERIAL ids.
///
/// Groundwork: nothing in app/ uses it yet.
class DialogStoreSchema final
{
public:
    enum class Dialect
    {
        Sqlite,
        PostgreSql,
    };

    static constexpr int DialogVersion = 7;
    static constexpr int DialogVarsVersion = 1;
    static constexpr int VersionVersion = 1;

    /// @brief The statements that create `version` (with its own row), in order.
    static QStringList versionTableStatements(Dialect dialect);
    /// @brief The statements that create `dialog` and `dialog_vars`, their indexes and their
    /// version rows, in order (Kamailio's dialog-create.sql).
    static QStringList dialogTablesStatements(Dialect dialect);

    /// @brief The dialect of an open connection (QSQLITE or QPSQL); false for any other driver.
    static bool dialectOf(const QSqlDatabase &db, Dialect *dialect, QString *error);

    /// @brief Creates the missing tables on the open @p db in one transaction, or verifies the
    /// existing ones: each table present with its columns and with the version row Kamailio
    /// checks at start (dialog=7, dialog_vars=1). False with an English message that says what
    /// to do (e.g. a table with another version).
    static bool ensure(QSqlDatabase &db, QString *error);
    /// @brief Verification only (no change to @p db): the checks of ensure().
    static bool verify(const QSqlDatabase &db, QString *error);

    /// @brief The column names of `dialog` and `dialog_vars`, in Kamailio's order.
    static QStringList dialogColumns();
    static QStringList dialogVarsColumns();
};
