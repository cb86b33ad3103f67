// SPDX-License-Identifier: GPL-3.0-or-later
// StoreUrl: parsing --db and opening a QtSql connection on the store it names.
#include "storeurl.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace
{

const QString Forms = u"write sqlite:///path/to/calldeck.db or postgresql://user:pw@host:5432/dbname"_s;

/// The SQLite pragmas of the store: WAL so readers never block the writer, NORMAL sync (a crash
/// loses no committed transaction in WAL mode; a power cut may lose the last ones), a busy
/// timeout so two connections of the same process wait for each other instead of failing.
bool tuneSqlite(QSqlDatabase &db, const QString &path, QString *error)
{
    QSqlQuery q(db);
    if (!(q.exec(u"PRAGMA journal_mode=WAL"_s) && q.next() &&
          q.value(0).toString().compare(u"wal"_s, Qt::CaseInsensitive) == 0))
    {
        *error = u"Could not switch the store %1 to WAL journal mode: %2. Check that the directory is "
                 "writable and on a local disk."_s.arg(path, q.lastError().text());
        return false;
    }
    for (const QString &pragma : {u"PRAGMA synchronous=NORMAL"_s, u"PRAGMA busy_timeout=5000"_s})
    {
        if (!q.exec(pragma))
        {
            *error = u"Could not set '%1' on the store %2: %3."_s.arg(pragma, path, q.lastError().text());
            return false;
        }
    }
    return true;
}

} // namespace

std::optional<StoreUrl> StoreUrl::parse(const QString &text, QString *error)
{
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    StoreUrl out;
    if (url.isValid() && scheme == u"sqlite"_s && url.host().isEmpty() && url.path().size() > 1)
    {
        out.kind = Kind::Sqlite;
        out.path = url.path();
        return out;
    }
    if (url.isValid() && (scheme == u"postgresql"_s || scheme == u"postgres"_s) && !url.host().isEmpty() &&
        url.path().size() > 1 && !url.path().mid(1).contains(u'/'))
    {
        out.kind = Kind::PostgreSql;
        out.host = url.host();
        out.port = url.port(5432);
        out.user = url.userName();
        out.password = url.password();
        out.database = url.path().mid(1);
        return out;
    }
    *error = u"'%1' is not a store URL; %2."_s.arg(text, Forms);
    return std::nullopt;
}

StoreUrl StoreUrl::defaultSqlite()
{
    return sqliteFile(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/calldeck.db"_s);
}

StoreUrl StoreUrl::sqliteFile(const QString &path)
{
    StoreUrl out;
    out.path = path;
    return out;
}

QString StoreUrl::display() const
{
    if (kind == Kind::Sqlite)
    {
        return u"sqlite://"_s + path;
    }
    QUrl url;
    url.setScheme(u"postgresql"_s);
    url.setHost(host);
    url.setPort(port);
    url.setUserName(user);
    url.setPath(u"/"_s + database);
    return url.toString();
}

QString StoreUrl::driver() const
{
    return kind == Kind::Sqlite ? u"QSQLITE"_s : u"QPSQL"_s;
}

bool StoreUrl::open(const QString &connection, QString *error, const Access access) const
{
    const bool readOnly = access == Access::ReadOnly;
    if (readOnly && kind == Kind::Sqlite && !QFileInfo(path).isFile())
    {
        // Opening would create an empty file: someone else's database must already be there.
        *error = u"The SQLite file %1 does not exist. Check the path (it must name the existing database "
                 "file, e.g. the one in Kamailio's db_url) and that this user may see it."_s.arg(path);
        return false;
    }
    if (!QSqlDatabase::isDriverAvailable(driver()))
    {
        *error = u"The Qt SQL driver %1 is not installed; install the Debian package %2."_s.arg(
            driver(), kind == Kind::Sqlite ? u"libqt6sql6-sqlite"_s : u"libqt6sql6-psql"_s);
        return false;
    }
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(driver(), connection);
        if (kind == Kind::Sqlite)
        {
            const QString dir = QFileInfo(path).absolutePath();
            if (readOnly)
            {
                db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=1000"_s);
            }
            else if (!QDir().mkpath(dir))
            {
                *error = u"Could not create the directory %1 for the store; check its permissions or "
                         "give another path with --db sqlite:///path/calldeck.db."_s.arg(dir);
                ok = false;
            }
            db.setDatabaseName(path);
        }
        else
        {
            db.setHostName(host);
            db.setPort(port);
            db.setUserName(user);
            db.setPassword(password);
            db.setDatabaseName(database);
            db.setConnectOptions(u"connect_timeout=5"_s);
        }
        if (ok && !db.open())
        {
            *error =
                kind == Kind::Sqlite
                    ? u"Could not open the store %1: %2. Check the path and its permissions."_s.arg(
                          display(), db.lastError().text())
                    : u"Could not connect to the store %1: %2. Check that the server runs, and the "
                      "user, password and database name."_s.arg(display(), db.lastError().text().trimmed());
            ok = false;
        }
        if (ok && kind == Kind::Sqlite && !readOnly)
        {
            ok = tuneSqlite(db, path, error);
        }
        if (ok && kind == Kind::PostgreSql && readOnly)
        {
            QSqlQuery q(db);
            if (!q.exec(u"SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY"_s))
            {
                *error =
                    u"Could not make the session on %1 read-only: %2."_s.arg(display(), q.lastError().text());
                ok = false;
            }
        }
        if (!ok)
        {
            db.close();
        }
    }
    if (!ok)
    {
        QSqlDatabase::removeDatabase(connection);
    }
    return ok;
}
