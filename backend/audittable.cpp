// SPDX-License-Identifier: GPL-3.0-or-later
// AuditTable: the audit log's rows in CallDeck's store.
#include "backend/audittable.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace
{

bool failed(const QSqlQuery &q, const QString &what, QString *error)
{
    if (error)
    {
        *error = u"%1 the audit table calldeck_audit failed: %2"_s.arg(what, q.lastError().text().trimmed());
    }
    return false;
}

/// A null QString binds as NULL; the columns are NOT NULL.
QString text(const QString &s)
{
    return s.isNull() ? u""_s : s;
}

} // namespace

bool AuditTable::insert(QSqlDatabase &db, const QJsonObject &entry, QString *error)
{
    const QDateTime time = QDateTime::fromString(entry.value(u"time"_s).toString(), Qt::ISODateWithMs);
    QSqlQuery q(db);
    q.prepare(u"INSERT INTO calldeck_audit (time_ms, user_name, method, ok, entry) VALUES (?, ?, ?, ?, ?)"_s);
    q.addBindValue(time.isValid() ? time.toMSecsSinceEpoch() : qint64(0));
    q.addBindValue(text(entry.value(u"user"_s).toString()));
    q.addBindValue(text(entry.value(u"action"_s).toString()));
    q.addBindValue(entry.value(u"result"_s).toObject().value(u"ok"_s).toBool() ? 1 : 0);
    q.addBindValue(QString::fromUtf8(QJsonDocument(entry).toJson(QJsonDocument::Compact)));
    return q.exec() || failed(q, u"writing to"_s, error);
}

bool AuditTable::trim(QSqlDatabase &db, const qint64 maxRows, QString *error)
{
    // Ids only grow: the newest maxRows rows are those within maxRows of the largest id.
    QSqlQuery q(db);
    q.prepare(u"DELETE FROM calldeck_audit WHERE id <= (SELECT MAX(id) FROM calldeck_audit) - ?"_s);
    q.addBindValue(maxRows);
    return q.exec() || failed(q, u"trimming"_s, error);
}

bool AuditTable::read(const QSqlDatabase &db, QList<QJsonObject> &out, int *skipped, QString *error)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT entry FROM calldeck_audit ORDER BY id"_s))
    {
        return failed(q, u"reading"_s, error);
    }
    while (q.next())
    {
        const QJsonDocument doc = QJsonDocument::fromJson(q.value(0).toString().toUtf8());
        if (!doc.isObject())
        {
            if (skipped)
            {
                ++*skipped;
            }
            continue;
        }
        out.append(doc.object());
    }
    return true;
}

qint64 AuditTable::count(const QSqlDatabase &db)
{
    QSqlQuery q(db);
    return q.exec(u"SELECT COUNT(*) FROM calldeck_audit"_s) && q.next() ? q.value(0).toLongLong() : -1;
}
