// SPDX-License-Identifier: GPL-3.0-or-later
// The one-time import at CallDeck's start (issue #9), end to end: a `calldeck --headless` whose
// data directory holds the files of an earlier version (history.sqlite, audit.jsonl and
// audit.jsonl.1) moves their rows into the store named by --db and renames the files to
// *.imported; the chunks and the audit entries in the store equal those of the files, and the
// feeds' last state (its two listeners, finished) is in the store after it stopped.
#include <cstring>

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "backend/auditlog.h"
#include "backend/controlrequest.h"
#include "harness/calldeckheadless.h"

using namespace Qt::StringLiterals;
using namespace calldeck::integration;

namespace
{

const QString DataDir = u"CallDeck/calldeck/"_s;

QByteArray chunk(std::uint32_t base)
{
    QByteArray out(3600 * 4, Qt::Uninitialized);
    for (int i = 0; i < 3600; ++i)
    {
        const std::uint32_t v = base + std::uint32_t(i % 50);
        std::memcpy(out.data() + i * 4, &v, 4);
    }
    return out;
}

/// history.sqlite as the version before issue #9 wrote it; @p chunks: series, hour, data.
QByteArray oldHistory(const QString &path, const QList<std::tuple<QString, qint64, QByteArray>> &chunks)
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"old"_s);
        db.setDatabaseName(path);
        if (!db.open())
        {
            return {};
        }
        QSqlQuery q(db);
        q.exec(u"CREATE TABLE series (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)"_s);
        q.exec(u"CREATE TABLE chunk (series INTEGER NOT NULL REFERENCES series(id), hour INTEGER NOT NULL, "
               u"data BLOB NOT NULL, PRIMARY KEY (series, hour)) WITHOUT ROWID"_s);
        for (const auto &[series, hour, data] : chunks)
        {
            q.prepare(u"INSERT OR IGNORE INTO series (name) VALUES (?)"_s);
            q.addBindValue(series);
            q.exec();
            q.prepare(
                u"INSERT INTO chunk (series, hour, data) VALUES ((SELECT id FROM series WHERE name = ?), ?, ?)"_s);
            q.addBindValue(series);
            q.addBindValue(hour);
            q.addBindValue(data);
            q.exec();
        }
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(u"old"_s);
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QStringList rows(const QString &path, const QString &sql)
{
    QStringList out;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"check"_s);
        db.setDatabaseName(path);
        QSqlQuery q(db);
        if (db.open() && q.exec(sql))
        {
            while (q.next())
            {
                out.append(q.value(0).toString());
            }
        }
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(u"check"_s);
    return out;
}

} // namespace

class TestStoreImportHeadless final : public QObject
{
    Q_OBJECT

private slots:
    void importsAtFirstStart();
};

void TestStoreImportHeadless::importsAtFirstStart()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // Two recent hours (older ones would leave with the 24 h retention right after the import).
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const qint64 hour = now - now % 3600 - 3600;
    const QList<std::tuple<QString, qint64, QByteArray>> chunks{{u"profile:inbound"_s, hour - 3600, chunk(5)},
                                                                {u"calls:new"_s, hour, chunk(70)}};
    const QByteArray history = oldHistory(dir.filePath(u"history.sqlite"_s), chunks);
    QVERIFY(!history.isEmpty());
    QList<QJsonObject> entries;
    QByteArray older;
    QByteArray current;
    for (int n = 0; n < 4; ++n)
    {
        ControlRequest r;
        r.action = DialogAction::EndDialog;
        r.callId = "before-9-" + std::to_string(n);
        ControlResult ok;
        ok.ok = n != 2;
        ok.path = u"proxy kam1 (dlg.end_dlg)"_s;
        QJsonObject e = AuditLog::entryFor(r, ok, u"noc-old"_s);
        e.insert(u"time"_s, u"2026-03-0%1T08:00:00.000Z"_s.arg(n + 1));
        entries.append(e);
        (n == 0 ? older : current) += QJsonDocument(e).toJson(QJsonDocument::Compact) + '\n';
    }

    const QString store = dir.filePath(u"calldeck.db"_s);
    CalldeckHeadless::Options o;
    o.serveRpc = false;
    o.extraArguments = {u"--db"_s, u"sqlite://"_s + store};
    o.dataFiles = {{DataDir + u"history.sqlite"_s, history},
                   {DataDir + u"audit.jsonl.1"_s, older},
                   {DataDir + u"audit.jsonl"_s, current}};
    CalldeckHeadless calldeck(o);
    QVERIFY2(calldeck.start(), qPrintable(calldeck.errorString() + calldeck.output()));
    const QString data = calldeck.directory() + u"/data/"_s + DataDir;
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(data + u"history.sqlite.imported"_s), 10'000);
    QVERIFY2(calldeck.stop(), qPrintable(calldeck.output()));
    QCOMPARE(calldeck.exitCode(), 0);

    for (const QString &name : {u"history.sqlite"_s, u"audit.jsonl"_s, u"audit.jsonl.1"_s})
    {
        QVERIFY2(!QFile::exists(data + name), qPrintable(name));
        QVERIFY2(QFile::exists(data + name + u".imported"_s), qPrintable(name));
    }
    // The chunks, byte for byte, under their series and hours.
    QStringList expected;
    for (const auto &[series, h, blob] : chunks)
    {
        expected.append(u"%1|%2|%3"_s.arg(series).arg(h).arg(QString::fromLatin1(blob.toHex())));
    }
    std::sort(expected.begin(), expected.end());
    const QStringList stored =
        rows(store, u"SELECT s.name || '|' || c.hour || '|' || lower(hex(c.data)) FROM calldeck_chunk c "
                    u"JOIN calldeck_series s ON s.id = c.series WHERE c.hour <= %1 ORDER BY 1"_s.arg(hour));
    QCOMPARE(stored.size(), 2);
    QCOMPARE(stored, expected);
    // The audit entries, oldest first, equal; the method and ok columns filled.
    QList<QJsonObject> audit;
    for (const QString &json : rows(store, u"SELECT entry FROM calldeck_audit ORDER BY id"_s))
    {
        audit.append(QJsonDocument::fromJson(json.toUtf8()).object());
    }
    QCOMPARE(audit, entries);
    QCOMPARE(rows(store, u"SELECT method || ':' || ok FROM calldeck_audit ORDER BY id"_s),
             (QStringList{u"dlg.end_dlg:1"_s, u"dlg.end_dlg:1"_s, u"dlg.end_dlg:0"_s, u"dlg.end_dlg:1"_s}));
    // The feeds' last state: both listeners, finished when calldeck stopped.
    QCOMPARE(rows(store, u"SELECT name || '|' || address || '|' || state FROM calldeck_feed ORDER BY name"_s),
             (QStringList{u"tcp %1|%1|finished"_s.arg(calldeck.hepAddress()),
                          u"udp %1|%1|finished"_s.arg(calldeck.hepAddress())}));
    QVERIFY(rows(store, u"SELECT table_name FROM version WHERE table_name LIKE 'calldeck_%'"_s).size() == 5);
}

QTEST_GUILESS_MAIN(TestStoreImportHeadless)
#include "tst_storeimportheadless.moc"
