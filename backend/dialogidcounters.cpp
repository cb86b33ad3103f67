// SPDX-License-Identifier: GPL-3.0-or-later
// DialogIdCounters: the engine's per-bucket h_id counters in the store.
#include "dialogidcounters.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

bool DialogIdCounters::ensure(const QString &connection, QString *error)
{
    QSqlQuery q(QSqlDatabase::database(connection, false));
    // BIGINT: h_id is unsigned 32-bit, above PostgreSQL's INTEGER.
    if (!q.exec(u"CREATE TABLE IF NOT EXISTS calldeck_dialog_ids (hash_entry BIGINT PRIMARY KEY NOT NULL, "
                "last_id BIGINT NOT NULL)"_s))
    {
        *error = u"Could not create the table calldeck_dialog_ids: %1. Check that the store's user may "
                 "create tables."_s.arg(q.lastError().text());
        return false;
    }
    return true;
}

bool DialogIdCounters::write(const QString &connection, const std::vector<Counter> &counters, QString *error)
{
    if (counters.empty())
    {
        return true;
    }
    QSqlDatabase db = QSqlDatabase::database(connection, false);
    if (!db.transaction())
    {
        *error =
            u"Could not start a transaction for the dialog id counters: %1."_s.arg(db.lastError().text());
        return false;
    }
    QSqlQuery update(db);
    QSqlQuery insert(db);
    bool ok =
        update.prepare(
            u"UPDATE calldeck_dialog_ids SET last_id = ? WHERE hash_entry = ? AND last_id < ?"_s) &&
        insert.prepare(u"INSERT INTO calldeck_dialog_ids (hash_entry, last_id) SELECT ?, ? WHERE NOT EXISTS "
                       "(SELECT 1 FROM calldeck_dialog_ids WHERE hash_entry = ?)"_s);
    for (auto it = counters.begin(); ok && it != counters.end(); ++it)
    {
        const qlonglong bucket = it->first;
        const qlonglong last = it->second;
        update.addBindValue(last);
        update.addBindValue(bucket);
        update.addBindValue(last);
        insert.addBindValue(bucket);
        insert.addBindValue(last);
        insert.addBindValue(bucket);
        ok = update.exec() && insert.exec();
    }
    if (!ok || !db.commit())
    {
        *error = u"Could not write the dialog id counters: %1 %2."_s.arg(update.lastError().text(),
                                                                         insert.lastError().text());
        update.finish();
        insert.finish();
        db.rollback();
        return false;
    }
    return true;
}

std::optional<std::vector<DialogIdCounters::Counter>> DialogIdCounters::load(const QString &connection,
                                                                             QString *error)
{
    QSqlQuery q(QSqlDatabase::database(connection, false));
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT hash_entry, last_id FROM calldeck_dialog_ids"_s))
    {
        *error = u"Could not read the table calldeck_dialog_ids: %1."_s.arg(q.lastError().text());
        return std::nullopt;
    }
    std::vector<Counter> out;
    while (q.next())
    {
        out.emplace_back(static_cast<std::uint32_t>(q.value(0).toLongLong()),
                         static_cast<std::uint32_t>(q.value(1).toLongLong()));
    }
    return out;
}
