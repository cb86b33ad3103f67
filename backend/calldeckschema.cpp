// SPDX-License-Identifier: GPL-3.0-or-later
// CallDeckSchema: CallDeck's own tables in the store, versioned in Kamailio's `version` table.
#include "backend/calldeckschema.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include "backend/storeurl.h"

using namespace Qt::StringLiterals;

namespace
{

using Dialect = CallDeckSchema::Dialect;

/// Ids that may outgrow 2^31 (one row per action or alarm event, for years).
QString bigIdColumn(Dialect dialect)
{
    return dialect == Dialect::Sqlite ? u"id INTEGER PRIMARY KEY NOT NULL"_s
                                      : u"id BIGSERIAL PRIMARY KEY NOT NULL"_s;
}

QStringList seriesTable(Dialect dialect)
{
    return {u"CREATE TABLE calldeck_series (\n"
            "    %1,\n"
            "    name VARCHAR(255) NOT NULL,\n"
            "    CONSTRAINT calldeck_series_name_idx UNIQUE (name)\n"
            ")"_s.arg(CallDeckSchema::idColumn(dialect))};
}

QStringList chunkTable(Dialect dialect)
{
    return {u"CREATE TABLE calldeck_chunk (\n"
            "    series INTEGER NOT NULL REFERENCES calldeck_series (id),\n"
            "    hour BIGINT NOT NULL,\n"
            "    data %1 NOT NULL,\n"
            "    PRIMARY KEY (series, hour)\n"
            ")"_s.arg(CallDeckSchema::blobType(dialect)),
            u"CREATE INDEX calldeck_chunk_hour_idx ON calldeck_chunk (hour)"_s};
}

QStringList auditTable(Dialect dialect)
{
    return {u"CREATE TABLE calldeck_audit (\n"
            "    %1,\n"
            "    time_ms BIGINT NOT NULL,\n"
            "    user_name VARCHAR(255) NOT NULL,\n"
            "    method VARCHAR(64) NOT NULL,\n"
            "    ok INTEGER NOT NULL,\n"
            "    entry TEXT NOT NULL\n"
            ")"_s.arg(bigIdColumn(dialect)),
            u"CREATE INDEX calldeck_audit_time_idx ON calldeck_audit (time_ms)"_s,
            u"CREATE INDEX calldeck_audit_user_idx ON calldeck_audit (user_name)"_s,
            u"CREATE INDEX calldeck_audit_method_idx ON calldeck_audit (method)"_s,
            u"CREATE INDEX calldeck_audit_ok_idx ON calldeck_audit (ok)"_s};
}

QStringList alarmTable(Dialect dialect)
{
    return {u"CREATE TABLE calldeck_alarm (\n"
            "    %1,\n"
            "    time_ms BIGINT NOT NULL,\n"
            "    event VARCHAR(16) NOT NULL,\n"
            "    alarm_id BIGINT NOT NULL,\n"
            "    rule VARCHAR(255) NOT NULL,\n"
            "    kind VARCHAR(32) NOT NULL,\n"
            "    severity VARCHAR(16) NOT NULL,\n"
            "    raised_ms BIGINT NOT NULL,\n"
            "    cleared_ms BIGINT DEFAULT 0 NOT NULL,\n"
            "    acknowledged INTEGER DEFAULT 0 NOT NULL,\n"
            "    shelved_until_ms BIGINT DEFAULT 0 NOT NULL,\n"
            "    what TEXT NOT NULL,\n"
            "    now_value TEXT NOT NULL\n"
            ")"_s.arg(bigIdColumn(dialect)),
            u"CREATE INDEX calldeck_alarm_time_idx ON calldeck_alarm (time_ms)"_s,
            u"CREATE INDEX calldeck_alarm_rule_idx ON calldeck_alarm (rule)"_s};
}

QStringList feedTable(Dialect)
{
    return {u"CREATE TABLE calldeck_feed (\n"
            "    name VARCHAR(255) PRIMARY KEY NOT NULL,\n"
            "    kind VARCHAR(32) NOT NULL,\n"
            "    address VARCHAR(255) NOT NULL,\n"
            "    state VARCHAR(16) NOT NULL,\n"
            "    last_error TEXT NOT NULL,\n"
            "    last_seen_ms BIGINT DEFAULT 0 NOT NULL,\n"
            "    packets BIGINT DEFAULT 0 NOT NULL,\n"
            "    bytes BIGINT DEFAULT 0 NOT NULL,\n"
            "    queue_drops BIGINT DEFAULT 0 NOT NULL,\n"
            "    kernel_drops BIGINT DEFAULT 0 NOT NULL,\n"
            "    malformed BIGINT DEFAULT 0 NOT NULL,\n"
            "    auth_failures BIGINT DEFAULT 0 NOT NULL,\n"
            "    not_sip BIGINT DEFAULT 0 NOT NULL,\n"
            "    updated_ms BIGINT NOT NULL\n"
            ")"_s};
}

bool runAll(QSqlDatabase &db, const QList<std::pair<QString, QString>> &statements, QString *error)
{
    for (const auto &[table, sql] : statements)
    {
        QSqlQuery q(db);
        if (!q.exec(sql))
        {
            *error = u"Could not create or migrate CallDeck's table '%1' in the store (%2): %3. Nothing "
                     "was changed; check that the database user may create and alter tables."_s.arg(
                         table, db.databaseName(), q.lastError().text().trimmed());
            return false;
        }
    }
    return true;
}

/// Kamailio's `version` table, created outside the main transaction (DialogStoreSchema's DDL);
/// another process creating it at the same moment is fine.
bool ensureVersionTable(QSqlDatabase &db, Dialect dialect, QString *error)
{
    if (db.tables().contains(u"version"_s))
    {
        return true;
    }
    QList<std::pair<QString, QString>> statements;
    for (const QString &sql : DialogStoreSchema::versionTableStatements(dialect))
    {
        statements.append({u"version"_s, sql});
    }
    if (!db.transaction())
    {
        *error = u"Could not start a transaction on the store: %1."_s.arg(db.lastError().text());
        return false;
    }
    if (runAll(db, statements, error) && db.commit())
    {
        return true;
    }
    db.rollback();
    return db.tables().contains(u"version"_s);
}

/// A write transaction that holds off every other writer while the versions are read and changed.
bool beginLocked(QSqlDatabase &db, Dialect dialect, QString *error)
{
    QSqlQuery q(db);
    const bool ok = dialect == Dialect::Sqlite
                        ? q.exec(u"BEGIN IMMEDIATE"_s)
                        : db.transaction() && q.exec(u"LOCK TABLE version IN SHARE ROW EXCLUSIVE MODE"_s);
    if (!ok)
    {
        *error = u"Could not lock the store to create CallDeck's tables: %1. Check that no other program "
                 "holds a long transaction on it."_s.arg(q.lastError().text().trimmed());
        if (dialect == Dialect::PostgreSql)
        {
            db.rollback();
        }
    }
    return ok;
}

QString newerMessage(const CallDeckSchema::Table &table, int found)
{
    return u"The store's table '%1' has version %2, newer than this CallDeck knows (%3): a newer CallDeck "
           "wrote it. Upgrade CallDeck, or give this one another store with --db."_s.arg(
               table.name, QString::number(found), QString::number(table.version));
}

} // namespace

QString CallDeckSchema::idColumn(const Dialect dialect)
{
    return dialect == Dialect::Sqlite ? u"id INTEGER PRIMARY KEY NOT NULL"_s
                                      : u"id SERIAL PRIMARY KEY NOT NULL"_s;
}

QString CallDeckSchema::blobType(const Dialect dialect)
{
    return dialect == Dialect::Sqlite ? u"BLOB"_s : u"BYTEA"_s;
}

QList<CallDeckSchema::Table> CallDeckSchema::tables()
{
    return {
        {u"calldeck_series"_s, SeriesVersion, seriesTable, {}},
        {u"calldeck_chunk"_s, ChunkVersion, chunkTable, {}},
        {u"calldeck_audit"_s, AuditVersion, auditTable, {}},
        {u"calldeck_alarm"_s, AlarmVersion, alarmTable, {}},
        {u"calldeck_feed"_s, FeedVersion, feedTable, {}},
    };
}

int CallDeckSchema::versionOf(const QSqlDatabase &db, const QString &table)
{
    QSqlQuery q(db);
    q.prepare(u"SELECT table_version FROM version WHERE table_name = ?"_s);
    q.addBindValue(table);
    if (!q.exec())
    {
        return -1;
    }
    return q.next() ? q.value(0).toInt() : 0;
}

bool CallDeckSchema::ensure(QSqlDatabase &db, QString *error)
{
    return ensure(db, tables(), error);
}

bool CallDeckSchema::ensure(QSqlDatabase &db, const QList<Table> &tables, QString *error)
{
    Dialect dialect{};
    if (!DialogStoreSchema::dialectOf(db, &dialect, error))
    {
        return false;
    }
    if (!db.isOpen())
    {
        *error = u"The store is not open: open it before creating CallDeck's tables."_s;
        return false;
    }
    if (!ensureVersionTable(db, dialect, error))
    {
        return false;
    }
    // Usually everything is current: a read, no write transaction.
    bool current = true;
    const QStringList present = db.tables();
    for (const Table &table : tables)
    {
        Q_ASSERT(table.migrations.size() == table.version - 1);
        const int found = versionOf(db, table.name);
        if (found > table.version)
        {
            *error = newerMessage(table, found);
            return false;
        }
        current = current && found == table.version && present.contains(table.name);
    }
    if (current)
    {
        return true;
    }
    if (!beginLocked(db, dialect, error))
    {
        return false;
    }
    // Read again under the lock: another connection may have done it meanwhile.
    const QStringList existing = db.tables();
    QList<std::pair<QString, QString>> statements;
    for (const Table &table : tables)
    {
        const int found = versionOf(db, table.name);
        if (found < 0 || found > table.version)
        {
            db.rollback();
            *error = found < 0 ? u"Could not read the store's 'version' table: %1. Check that it is "
                                 "Kamailio's version table."_s.arg(db.lastError().text())
                               : newerMessage(table, found);
            return false;
        }
        const QString name = table.name;
        if (!existing.contains(name))
        {
            if (found != 0)
            {
                statements.append({name, u"DELETE FROM version WHERE table_name = '%1'"_s.arg(name)});
            }
            for (const QString &sql : table.create(dialect))
            {
                statements.append({name, sql});
            }
            statements.append(
                {name, u"INSERT INTO version (table_name, table_version) VALUES ('%1', %2)"_s.arg(
                           name, QString::number(table.version))});
            continue;
        }
        if (found == 0)
        {
            db.rollback();
            *error =
                u"The store has a table '%1' without a row in the 'version' table: CallDeck did not make "
                "it. Rename or drop it, or give CallDeck another store with --db."_s.arg(name);
            return false;
        }
        if (found == table.version)
        {
            continue;
        }
        for (int from = found; from < table.version; ++from)
        {
            for (const QString &sql : table.migrations.at(from - 1)(dialect))
            {
                statements.append({name, sql});
            }
        }
        statements.append({name, u"UPDATE version SET table_version = %2 WHERE table_name = '%1'"_s.arg(
                                     name, QString::number(table.version))});
    }
    if (!runAll(db, statements, error))
    {
        db.rollback();
        return false;
    }
    if (!db.commit())
    {
        *error =
            u"Could not commit CallDeck's tables to the store: %1. Check the disk and the database."_s.arg(
                db.lastError().text());
        db.rollback();
        return false;
    }
    return true;
}

bool CallDeckSchema::open(const StoreUrl &url, const QString &connection, QString *error)
{
    if (!url.open(connection, error))
    {
        return false;
    }
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::database(connection, false);
        ok = ensure(db, error);
    }
    if (!ok)
    {
        close(connection);
    }
    return ok;
}

void CallDeckSchema::close(const QString &connection)
{
    if (QSqlDatabase::contains(connection))
    {
        QSqlDatabase::database(connection, false).close();
        QSqlDatabase::removeDatabase(connection);
    }
}
