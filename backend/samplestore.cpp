// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/samplestore.h"

#include <atomic>
#include <cstring>

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include "backend/calldeckschema.h"
#include "backend/legacyimport.h"

using namespace Qt::StringLiterals;

namespace
{

std::atomic<int> g_connections{0};

bool fail(QString *error, const QString &text)
{
    if (error)
    {
        *error = text;
    }
    return false;
}

bool exec(QSqlQuery &q, const QString &what, QString *error)
{
    if (q.exec())
    {
        return true;
    }
    return fail(error, u"the charts' history: %1 failed: %2; check the disk and the store's permissions, or "
                       u"that the database server runs"_s.arg(what, q.lastError().text().trimmed()));
}

qint64 seriesId(QSqlDatabase &db, const QString &series, QString *error)
{
    QSqlQuery q(db);
    q.prepare(u"SELECT id FROM calldeck_series WHERE name = ?"_s);
    q.addBindValue(series);
    if (!exec(q, u"finding series"_s, error))
    {
        return -1;
    }
    if (q.next())
    {
        return q.value(0).toLongLong();
    }
    q.prepare(u"INSERT INTO calldeck_series (name) VALUES (?) ON CONFLICT (name) DO NOTHING"_s);
    q.addBindValue(series);
    if (!exec(q, u"adding series"_s, error))
    {
        return -1;
    }
    q.prepare(u"SELECT id FROM calldeck_series WHERE name = ?"_s);
    q.addBindValue(series);
    if (!exec(q, u"finding series"_s, error) || !q.next())
    {
        return -1;
    }
    return q.value(0).toLongLong();
}

} // namespace

SampleStore::SampleStore(StoreUrl store)
    : m_store(std::move(store))
    , m_connection(u"calldeck-samples-%1"_s.arg(g_connections.fetch_add(1)))
{}

SampleStore::~SampleStore()
{
    CallDeckSchema::close(m_connection);
}

bool SampleStore::isOpen() const
{
    return QSqlDatabase::contains(m_connection) && QSqlDatabase::database(m_connection, false).isOpen();
}

bool SampleStore::open(QString *error)
{
    if (isOpen())
    {
        return true;
    }
    QString why;
    if (!CallDeckSchema::open(m_store, m_connection, &why))
    {
        return fail(error, u"the charts' history: %1"_s.arg(why));
    }
    bool imported = true;
    if (!m_legacyFile.isEmpty())
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        imported = LegacyImport::importHistory(db, m_legacyFile, &m_imported, &why);
    }
    if (!imported)
    {
        CallDeckSchema::close(m_connection); // the next open() tries again
        return fail(error, u"the charts' history: %1"_s.arg(why));
    }
    return true;
}

bool SampleStore::writeChunk(QSqlDatabase &db, const QString &series, const qint64 hourStart,
                             const QByteArray &blob, QString *error)
{
    const qint64 id = seriesId(db, series, error);
    if (id < 0)
    {
        return false;
    }
    QSqlQuery q(db);
    q.prepare(u"INSERT INTO calldeck_chunk (series, hour, data) VALUES (?, ?, ?) "
              u"ON CONFLICT (series, hour) DO UPDATE SET data = excluded.data"_s);
    q.addBindValue(id);
    q.addBindValue(hourStart);
    q.addBindValue(blob);
    return exec(q, u"writing samples"_s, error);
}

bool SampleStore::write(const QString &series, std::int64_t hourStart, std::span<const std::uint32_t> values,
                        QString *error)
{
    if (!isOpen())
    {
        return fail(error, u"the charts' history is not open"_s);
    }
    if (values.size() != SecondsPerChunk || hourStart % SecondsPerChunk != 0)
    {
        return fail(error, u"a chunk is one hour of 3600 values starting on the hour"_s);
    }
    QByteArray blob(qsizetype(values.size() * sizeof(std::uint32_t)), Qt::Uninitialized);
    std::memcpy(blob.data(), values.data(),
                std::size_t(blob.size())); // host order: the history stays with this host's console
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    return writeChunk(db, series, qint64(hourStart), blob, error);
}

bool SampleStore::begin()
{
    return isOpen() && QSqlDatabase::database(m_connection, false).transaction();
}

bool SampleStore::end(const bool ok, QString *error)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (ok && db.commit())
    {
        return true;
    }
    if (ok)
    {
        fail(error, u"the charts' history: committing samples failed: %1; check the disk and the store's "
                    u"permissions, or that the database server runs"_s.arg(db.lastError().text().trimmed()));
    }
    db.rollback();
    return false;
}

bool SampleStore::load(std::int64_t sinceSecond, std::vector<Chunk> &out, QString *error)
{
    if (!isOpen())
    {
        return fail(error, u"the charts' history is not open"_s);
    }
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.setForwardOnly(true);
    q.prepare(
        u"SELECT s.name, c.hour, c.data FROM calldeck_chunk c JOIN calldeck_series s ON s.id = c.series "
        u"WHERE c.hour > ? ORDER BY c.hour, s.name"_s);
    q.addBindValue(qint64(sinceSecond - SecondsPerChunk));
    if (!exec(q, u"reading samples"_s, error))
    {
        return false;
    }
    while (q.next())
    {
        const QByteArray blob = q.value(2).toByteArray();
        if (blob.size() != qsizetype(SecondsPerChunk * sizeof(std::uint32_t)))
        {
            continue; // a damaged row: skipped, the rest of the history stays
        }
        Chunk c;
        c.series = q.value(0).toString();
        c.hourStart = q.value(1).toLongLong();
        c.values.resize(SecondsPerChunk);
        std::memcpy(c.values.data(), blob.constData(), std::size_t(blob.size()));
        out.push_back(std::move(c));
    }
    return true;
}

bool SampleStore::prune(std::int64_t beforeSecond, QString *error)
{
    if (!isOpen())
    {
        return fail(error, u"the charts' history is not open"_s);
    }
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(u"DELETE FROM calldeck_chunk WHERE hour + ? <= ?"_s);
    q.addBindValue(qint64(SecondsPerChunk));
    q.addBindValue(qint64(beforeSecond));
    return exec(q, u"pruning old samples"_s, error);
}
