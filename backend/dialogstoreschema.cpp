// SPDX-License-Identifier: GPL-3.0-or-later
// DialogStoreSchema: Kamailio's dialog tables (reference §8.2), created or verified on QtSql.
#include "dialogstoreschema.h"

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

using namespace Qt::StringLiterals;

namespace
{

QString idColumn(DialogStoreSchema::Dialect dialect)
{
    return dialect == DialogStoreSchema::Dialect::Sqlite ? u"id INTEGER PRIMARY KEY NOT NULL"_s
                                                         : u"id SERIAL PRIMARY KEY NOT NULL"_s;
}

QStringList dialogTable(DialogStoreSchema::Dialect dialect)
{
    return {u"CREATE TABLE dialog (\n"
            "    %1,\n"
            "    hash_entry INTEGER NOT NULL,\n"
            "    hash_id INTEGER NOT NULL,\n"
            "    callid VARCHAR(255) NOT NULL,\n"
            "    from_uri VARCHAR(255) NOT NULL,\n"
            "    from_tag VARCHAR(128) NOT NULL,\n"
            "    to_uri VARCHAR(255) NOT NULL,\n"
            "    to_tag VARCHAR(128) NOT NULL,\n"
            "    caller_cseq VARCHAR(20) NOT NULL,\n"
            "    callee_cseq VARCHAR(20) NOT NULL,\n"
            "    caller_route_set VARCHAR(512),\n"
            "    callee_route_set VARCHAR(512),\n"
            "    caller_contact VARCHAR(255) NOT NULL,\n"
            "    callee_contact VARCHAR(255) NOT NULL,\n"
            "    caller_sock VARCHAR(64) NOT NULL,\n"
            "    callee_sock VARCHAR(64) NOT NULL,\n"
            "    state INTEGER NOT NULL,\n"
            "    start_time INTEGER NOT NULL,\n"
            "    timeout INTEGER DEFAULT 0 NOT NULL,\n"
            "    sflags INTEGER DEFAULT 0 NOT NULL,\n"
            "    iflags INTEGER DEFAULT 0 NOT NULL,\n"
            "    toroute_name VARCHAR(32),\n"
            "    req_uri VARCHAR(255) NOT NULL,\n"
            "    xdata VARCHAR(512)\n"
            ")"_s.arg(idColumn(dialect)),
            u"CREATE INDEX dialog_hash_idx ON dialog (hash_entry, hash_id)"_s,
            u"INSERT INTO version (table_name, table_version) values ('dialog','7')"_s};
}

QStringList dialogVarsTable(DialogStoreSchema::Dialect dialect)
{
    return {u"CREATE TABLE dialog_vars (\n"
            "    %1,\n"
            "    hash_entry INTEGER NOT NULL,\n"
            "    hash_id INTEGER NOT NULL,\n"
            "    dialog_key VARCHAR(128) NOT NULL,\n"
            "    dialog_value VARCHAR(512) NOT NULL\n"
            ")"_s.arg(idColumn(dialect)),
            u"CREATE INDEX dialog_vars_hash_idx ON dialog_vars (hash_entry, hash_id)"_s,
            u"INSERT INTO version (table_name, table_version) values ('dialog_vars','1')"_s};
}

bool run(QSqlDatabase &db, const QStringList &statements, QString *error)
{
    for (const QString &sql : statements)
    {
        QSqlQuery q(db);
        if (!q.exec(sql))
        {
            *error = u"Could not create Kamailio's dialog tables in the database (%1): %2. Check that "
                     "the database user may create tables."_s.arg(db.databaseName(), q.lastError().text());
            return false;
        }
    }
    return true;
}

bool checkTable(const QSqlDatabase &db, const QString &table, const QStringList &columns, int version,
                QString *error)
{
    const QSqlRecord record = db.record(table);
    for (const QString &column : columns)
    {
        if (!record.contains(column))
        {
            *error = u"The table '%1' lacks the column '%2': it is not Kamailio's version-%3 %1 "
                     "table. Drop it, or use another database for CallDeck's dialogs."_s.arg(
                         table, column, QString::number(version));
            return false;
        }
    }
    QSqlQuery q(db);
    q.prepare(u"SELECT table_version FROM version WHERE table_name = ?"_s);
    q.addBindValue(table);
    if (!q.exec())
    {
        *error = u"Could not read the 'version' table: %1. Check that it is Kamailio's version table."_s.arg(
            q.lastError().text());
        return false;
    }
    if (!q.next())
    {
        *error = u"The table '%1' has no row in the 'version' table. If it has Kamailio's version-%2 "
                 "columns, add one: INSERT INTO version (table_name, table_version) VALUES ('%1', %2); "
                 "otherwise drop it."_s.arg(table, QString::number(version));
        return false;
    }
    const int found = q.value(0).toInt();
    if (found != version)
    {
        *error = u"The table '%1' has version %2 but CallDeck, like Kamailio's dialog module, needs "
                 "version %3. Migrate it with Kamailio's kamdbctl, or drop it (its dialogs are lost) "
                 "and let CallDeck create it."_s.arg(table, QString::number(found), QString::number(version));
        return false;
    }
    return true;
}

} // namespace

QStringList DialogStoreSchema::versionTableStatements(Dialect dialect)
{
    return {u"CREATE TABLE version (\n"
            "    %1,\n"
            "    table_name VARCHAR(32) NOT NULL,\n"
            "    table_version INTEGER DEFAULT 0 NOT NULL,\n"
            "    CONSTRAINT version_table_name_idx UNIQUE (table_name)\n"
            ")"_s.arg(idColumn(dialect)),
            u"INSERT INTO version (table_name, table_version) values ('version','1')"_s};
}

QStringList DialogStoreSchema::dialogTablesStatements(Dialect dialect)
{
    return dialogTable(dialect) + dialogVarsTable(dialect);
}

bool DialogStoreSchema::dialectOf(const QSqlDatabase &db, Dialect *dialect, QString *error)
{
    const QString driver = db.driverName();
    if (driver == u"QSQLITE")
    {
        *dialect = Dialect::Sqlite;
        return true;
    }
    if (driver == u"QPSQL")
    {
        *dialect = Dialect::PostgreSql;
        return true;
    }
    *error = u"The database driver %1 is not supported for dialogs: use SQLite or PostgreSQL."_s.arg(driver);
    return false;
}

bool DialogStoreSchema::ensure(QSqlDatabase &db, QString *error)
{
    Dialect dialect{};
    if (!dialectOf(db, &dialect, error))
    {
        return false;
    }
    if (!db.isOpen())
    {
        *error = u"The dialog database is not open: open it before creating its tables."_s;
        return false;
    }
    const QStringList tables = db.tables();
    QStringList statements;
    if (!tables.contains(u"version"_s))
    {
        statements += versionTableStatements(dialect);
    }
    // A version row for a table that is gone means nothing; Kamailio's scripts would collide on it.
    if (!tables.contains(u"dialog"_s))
    {
        if (tables.contains(u"version"_s))
        {
            statements += u"DELETE FROM version WHERE table_name = 'dialog'"_s;
        }
        statements += dialogTable(dialect);
    }
    if (!tables.contains(u"dialog_vars"_s))
    {
        if (tables.contains(u"version"_s))
        {
            statements += u"DELETE FROM version WHERE table_name = 'dialog_vars'"_s;
        }
        statements += dialogVarsTable(dialect);
    }
    if (!statements.isEmpty())
    {
        if (!db.transaction())
        {
            *error =
                u"Could not start a transaction on the dialog database: %1."_s.arg(db.lastError().text());
            return false;
        }
        if (!run(db, statements, error))
        {
            db.rollback();
            return false;
        }
        if (!db.commit())
        {
            *error = u"Could not commit Kamailio's dialog tables: %1. Check the disk and the database."_s.arg(
                db.lastError().text());
            return false;
        }
    }
    return verify(db, error);
}

bool DialogStoreSchema::verify(const QSqlDatabase &db, QString *error)
{
    const QStringList tables = db.tables();
    for (const QString &table : {u"version"_s, u"dialog"_s, u"dialog_vars"_s})
    {
        if (!tables.contains(table))
        {
            *error = u"The database has no '%1' table: let CallDeck create Kamailio's dialog tables, or "
                     "run Kamailio's dialog-create.sql."_s.arg(table);
            return false;
        }
    }
    return checkTable(db, u"dialog"_s, dialogColumns(), DialogVersion, error) &&
           checkTable(db, u"dialog_vars"_s, dialogVarsColumns(), DialogVarsVersion, error);
}

QStringList DialogStoreSchema::dialogColumns()
{
    return {u"id"_s,
            u"hash_entry"_s,
            u"hash_id"_s,
            u"callid"_s,
            u"from_uri"_s,
            u"from_tag"_s,
            u"to_uri"_s,
            u"to_tag"_s,
            u"caller_cseq"_s,
            u"callee_cseq"_s,
            u"caller_route_set"_s,
            u"callee_route_set"_s,
            u"caller_contact"_s,
            u"callee_contact"_s,
            u"caller_sock"_s,
            u"callee_sock"_s,
            u"state"_s,
            u"start_time"_s,
            u"timeout"_s,
            u"sflags"_s,
            u"iflags"_s,
            u"toroute_name"_s,
            u"req_uri"_s,
            u"xdata"_s};
}

QStringList DialogStoreSchema::dialogVarsColumns()
{
    return {u"id"_s, u"hash_entry"_s, u"hash_id"_s, u"dialog_key"_s, u"dialog_value"_s};
}
