// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/samplestore.h"

#include <atomic>
#include <cstring>

#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

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
    return fail(error, u"the charts' history: %1 failed: %2; check the disk and the file's permissions, or "
                       u"move the file away to start a new history"_s.arg(what, q.lastError().text()));
}

} // namespace

SampleStore::SampleStore(QString path)
    : m_path(std::move(path))
    , m_connection(u"calldeck-samples-%1"_s.arg(g_connections.fetch_add(1)))
{}

SampleStore::~SampleStore()
{
    if (QSqlDatabase::contains(m_connection))
    {
        QSqlDatabase::database(m_connection, false).close();
        QSqlDatabase::removeDatabase(m_connection);
    }
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
    const QFileInfo info(m_path);
    if (!QDir().mkpath(info.absolutePath()))
    {
        return fail(error,
                    u"cannot create the directory %1 for the charts' history; check its permissions"_s.arg(
                        info.absolutePath()));
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connection);
    db.setDatabaseName(m_path);
    if (!db.open())
    {
        return fail(error, u"cannot open the charts' history %1: %2; check the file's permissions or move it "
                           u"away"_s.arg(m_path, db.lastError().text()));
    }
    QSqlQuery q(db);
    const char *const schema[] = {
        "PRAGMA journal_mode=WAL",
        "PRAGMA synchronous=NORMAL",
        "CREATE TABLE IF NOT EXISTS series (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)",
        "CREATE TABLE IF NOT EXISTS chunk (series INTEGER NOT NULL REFERENCES series(id), hour INTEGER NOT "
        "NULL, "
        "data BLOB NOT NULL, PRIMARY KEY (series, hour)) WITHOUT ROWID",
        "CREATE INDEX IF NOT EXISTS chunk_hour ON chunk (hour)",
    };
    for (const char *sql : schema)
    {
        if (!q.exec(QString::fromLatin1(sql)))
        {
            return fail(error,
                        u"the charts' history %1 is not usable (%2); move it away to start a new one"_s.arg(
                            m_path, q.lastError().text()));
        }
    }
    return true;
}

qint64 SampleStore::seriesId(const QString &series, QString *error)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery q(db);
    q.prepare(u"INSERT OR IGNORE INTO series (name) VALUES (?)"_s);
    q.addBindValue(series);
    if (!exec(q, u"adding series"_s, error))
    {
        return -1;
    }
    q.prepare(u"SELECT id FROM series WHERE name = ?"_s);
    q.addBindValue(series);
    if (!exec(q, u"finding series"_s, error) || !q.next())
    {
        return -1;
    }
    return q.value(0).toLongLong();
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
    const qint64 id = seriesId(series, error);
    if (id < 0)
    {
        return false;
    }
    QByteArray blob(qsizetype(values.size() * sizeof(std::uint32_t)), Qt::Uninitialized);
    std::memcpy(blob.data(), values.data(),
                std::size_t(blob.size())); // host order: the file stays on this host
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(u"INSERT OR REPLACE INTO chunk (series, hour, data) VALUES (?, ?, ?)"_s);
    q.addBindValue(id);
    q.addBindValue(qint64(hourStart));
    q.addBindValue(blob);
    return exec(q, u"writing samples"_s, error);
}

bool SampleStore::load(std::int64_t sinceSecond, std::vector<Chunk> &out, QString *error)
{
    if (!isOpen())
    {
        return fail(error, u"the charts' history is not open"_s);
    }
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.setForwardOnly(true);
    q.prepare(u"SELECT s.name, c.hour, c.data FROM chunk c JOIN series s ON s.id = c.series WHERE c.hour > ? "
              u"ORDER BY c.hour, s.name"_s);
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
    q.prepare(u"DELETE FROM chunk WHERE hour + ? <= ?"_s);
    q.addBindValue(qint64(SecondsPerChunk));
    q.addBindValue(qint64(beforeSecond));
    return exec(q, u"pruning old samples"_s, error);
}
