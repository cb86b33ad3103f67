// SPDX-License-Identifier: GPL-3.0-or-later
// ProxyDbReader: one read of a proxy's dialog tables on the feed's worker thread.
#include "backend/proxydbreader.h"

#include <atomic>
#include <set>

#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include "backend/dialogstoreschema.h"
#include "backend/dialogtablereader.h"
#include "backend/rpcoutcome.h"

using namespace Qt::StringLiterals;

namespace
{

/// The database's own words ("database is locked"), else Qt's.
QString message(const QSqlError &error)
{
    return error.databaseText().isEmpty() ? error.text() : error.databaseText();
}

} // namespace

ProxyDbReader::ProxyDbReader(const StoreUrl &url, QObject *parent)
    : QObject(parent)
    , m_url(url)
{
    static std::atomic<unsigned> counter{0};
    m_connection = u"calldeck-proxydb-%1"_s.arg(counter.fetch_add(1));
}

ProxyDbReader::~ProxyDbReader()
{
    close();
}

void ProxyDbReader::close()
{
    if (QSqlDatabase::contains(m_connection))
    {
        QSqlDatabase::database(m_connection, false).close();
        QSqlDatabase::removeDatabase(m_connection);
    }
    m_open = false;
}

ProxyDbReader::Result ProxyDbReader::read()
{
    Result result;
    QElapsedTimer clock;
    clock.start();
    bool ok = false;
    if (!m_open)
    {
        QString error;
        m_open = m_url.open(m_connection, &error, StoreUrl::Access::ReadOnly);
        result.error = error;
    }
    if (m_open)
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        ok = readOpen(db, result);
    }
    // SQLite: a new look at the file every time; PostgreSQL: reconnect only after a failure.
    if (!ok || m_url.kind == StoreUrl::Kind::Sqlite)
    {
        close();
    }
    result.readMs = clock.elapsed();
    if (result.listing)
    {
        result.listing->transferMs = result.readMs;
    }
    return result;
}

bool ProxyDbReader::readOpen(QSqlDatabase &db, Result &result)
{
    const QString where = m_url.display();
    QSqlQuery probe(db);
    // The first statement tells a file that is no database or is locked from a missing table.
    const QString probeSql =
        m_url.kind == StoreUrl::Kind::Sqlite ? u"SELECT count(*) FROM sqlite_master"_s : u"SELECT 1"_s;
    if (!probe.exec(probeSql))
    {
        result.error = explain(u"Could not read %1"_s.arg(where), message(probe.lastError()),
                               probe.lastError().nativeErrorCode());
        return false;
    }
    probe.finish();
    if (m_url.kind == StoreUrl::Kind::Sqlite && probe.exec(u"PRAGMA journal_mode"_s) && probe.next())
    {
        result.journalMode = probe.value(0).toString().toLower(); // a query, not a change
    }
    probe.finish();
    if (!db.transaction())
    {
        result.error = explain(u"Could not start a read transaction on %1"_s.arg(where),
                               message(db.lastError()), db.lastError().nativeErrorCode());
        return false;
    }
    if (m_url.kind == StoreUrl::Kind::PostgreSql)
    {
        // One snapshot for both tables (PostgreSQL's default gives each statement its own).
        probe.exec(u"SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"_s);
        probe.finish();
    }
    QString problem;
    if (!DialogStoreSchema::verify(db, &problem))
    {
        db.rollback();
        result.error = u"%1 does not hold Kamailio's dialog tables as the dialog module needs them. A "
                       "--proxy-db database is only read, never created or changed: point --proxy-db at "
                       "the database of the dialog module's db_url, whose tables Kamailio's kamdbctl or "
                       "dialog-create.sql made. Detail: %2"_s.arg(where, problem);
        return false;
    }
    auto listing = std::make_shared<DialogListPayload>();
    auto dialogs =
        DialogTableReader::read(db, where, DialogTableReader::Malformed::Skip, &listing->skipped, &problem);
    if (!dialogs)
    {
        db.rollback();
        result.error = explain(problem, {}, {});
        return false;
    }
    db.commit(); // nothing was written: ends the snapshot
    listing->dialogs = std::move(*dialogs);
    std::set<std::string> names;
    for (const calldeck::core::DialogSnapshot &d : listing->dialogs)
    {
        for (const auto &profile : d.profiles)
        {
            names.insert(profile.first);
        }
    }
    for (const std::string &name : names)
    {
        listing->profileNames.append(QString::fromStdString(name));
    }
    result.listing = std::move(listing);
    return true;
}

QString ProxyDbReader::explain(const QString &what, const QString &detail, const QString &nativeCode) const
{
    QString text = detail.isEmpty() ? what : u"%1: %2."_s.arg(what, detail.trimmed());
    const QString lower = text.toLower();
    // SQLite's result codes: 5 SQLITE_BUSY, 6 SQLITE_LOCKED, 26 SQLITE_NOTADB.
    if (nativeCode == u"5"_s || nativeCode == u"6"_s || lower.contains(u"database is locked"_s))
    {
        text += u" Another process has held the database locked for more than a second: look for a "
                "program keeping a transaction open on it (an sqlite3 shell, a backup); Kamailio itself "
                "only locks it briefly. The feed retries."_s;
    }
    else if (nativeCode == u"26"_s || lower.contains(u"not a database"_s))
    {
        text += u" The file is not an SQLite database: check that --proxy-db names the dialog module's "
                "database file (the path of its db_url)."_s;
    }
    else if (m_url.kind == StoreUrl::Kind::PostgreSql)
    {
        text += u" Check that the PostgreSQL server runs and lets this user read the tables; the feed "
                "reconnects at its next read."_s;
    }
    else if (lower.contains(u"permission"_s) || lower.contains(u"readonly"_s) ||
             lower.contains(u"unable to open"_s))
    {
        text += u" Check that this user may read the file and its directory (SQLite also needs the "
                "-wal and -shm files of a WAL database)."_s;
    }
    return text;
}
