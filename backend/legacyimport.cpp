// SPDX-License-Identifier: GPL-3.0-or-later
// LegacyImport: history.sqlite and audit.jsonl of earlier versions, moved into the store once.
#include "backend/legacyimport.h"

#include <atomic>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include "backend/audittable.h"
#include "backend/logging.h"
#include "backend/samplestore.h"

using namespace Qt::StringLiterals;

namespace
{

std::atomic<int> g_connections{0};

/// Renames @p file to "<file>.imported" (replacing an older one).
bool markImported(const QString &file, QString *error)
{
    const QString target = file + LegacyImport::importedSuffix();
    if (QFile::exists(target) && !QFile::remove(target))
    {
        *error = u"cannot remove %1 to make room for the imported %2: move it away by hand, or %2 is "
                 "imported again at the next start"_s.arg(target, file);
        return false;
    }
    if (!QFile::rename(file, target))
    {
        *error = u"imported %1 but cannot rename it to %2: rename or move it by hand, or it is imported "
                 "again at the next start"_s.arg(file, target);
        return false;
    }
    qCInfo(lcBackend).noquote() << "imported" << file << "into the store, renamed to" << target;
    return true;
}

/// The rows of the old file's `series`/`chunk` tables, read through a connection of its own.
bool readHistory(const QString &file, QList<std::tuple<QString, qint64, QByteArray>> &rows, QString *error)
{
    const QString connection = u"calldeck-legacy-history-%1"_s.arg(g_connections.fetch_add(1));
    bool ok = false;
    {
        QSqlDatabase old = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection);
        old.setDatabaseName(file);
        QSqlQuery q(old);
        if (!old.open())
        {
            *error = u"cannot open the old charts' history %1 to import it: %2; move it away to start "
                     "without it"_s.arg(file, old.lastError().text());
        }
        else if (!q.exec(u"SELECT s.name, c.hour, c.data FROM chunk c JOIN series s ON s.id = c.series "
                         u"ORDER BY c.hour, s.name"_s))
        {
            *error = u"cannot read the old charts' history %1 to import it: %2; move it away to start "
                     "without it"_s.arg(file, q.lastError().text());
        }
        else
        {
            while (q.next())
            {
                rows.append({q.value(0).toString(), q.value(1).toLongLong(), q.value(2).toByteArray()});
            }
            ok = true;
        }
        q.finish();
        old.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return ok;
}

bool readAuditLines(const QString &file, QList<QJsonObject> &out, QString *error)
{
    QFile f(file);
    if (!f.exists())
    {
        return true;
    }
    if (!f.open(QIODevice::ReadOnly))
    {
        *error = u"cannot read the old audit log %1 to import it: %2; fix its permissions or move it "
                 "away"_s.arg(file, f.errorString());
        return false;
    }
    while (!f.atEnd())
    {
        const QJsonDocument doc = QJsonDocument::fromJson(f.readLine().trimmed());
        if (doc.isObject())
        {
            out.append(doc.object()); // a torn or hand-edited line is skipped, as the old reader did
        }
    }
    return true;
}

bool commitOrRollback(QSqlDatabase &store, bool ok, QString *error)
{
    if (ok && store.commit())
    {
        return true;
    }
    if (ok)
    {
        *error = u"cannot commit the import to the store: %1"_s.arg(store.lastError().text());
    }
    store.rollback();
    return false;
}

} // namespace

QString LegacyImport::importedSuffix()
{
    return u".imported"_s;
}

bool LegacyImport::importHistory(QSqlDatabase &store, const QString &file, int *chunks, QString *error)
{
    *chunks = 0;
    if (!QFile::exists(file))
    {
        return true;
    }
    QList<std::tuple<QString, qint64, QByteArray>> rows;
    if (!readHistory(file, rows, error))
    {
        return false;
    }
    if (!store.transaction())
    {
        *error = u"cannot start a transaction to import %1: %2"_s.arg(file, store.lastError().text());
        return false;
    }
    bool ok = true;
    for (const auto &[series, hour, data] : std::as_const(rows))
    {
        if (!SampleStore::writeChunk(store, series, hour, data, error))
        {
            ok = false;
            break;
        }
    }
    if (!commitOrRollback(store, ok, error))
    {
        return false;
    }
    *chunks = int(rows.size());
    // The WAL files of the old file go with it, so that nothing is left behind under its name.
    for (const QString &side : {u"-wal"_s, u"-shm"_s})
    {
        QFile::remove(file + side);
    }
    return markImported(file, error);
}

bool LegacyImport::importAudit(QSqlDatabase &store, const QString &file, int *entries, QString *error)
{
    *entries = 0;
    const QString rotated = file + u".1"_s;
    if (!QFile::exists(file) && !QFile::exists(rotated))
    {
        return true;
    }
    QList<QJsonObject> lines;
    if (!readAuditLines(rotated, lines, error) || !readAuditLines(file, lines, error))
    {
        return false;
    }
    if (!store.transaction())
    {
        *error = u"cannot start a transaction to import %1: %2"_s.arg(file, store.lastError().text());
        return false;
    }
    bool ok = true;
    for (const QJsonObject &entry : std::as_const(lines))
    {
        if (!AuditTable::insert(store, entry, error))
        {
            ok = false;
            break;
        }
    }
    if (!commitOrRollback(store, ok, error))
    {
        return false;
    }
    *entries = int(lines.size());
    for (const QString &path : {rotated, file})
    {
        if (QFile::exists(path) && !markImported(path, error))
        {
            return false;
        }
    }
    return true;
}
