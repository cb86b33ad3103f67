// SPDX-License-Identifier: GPL-3.0-or-later
// The audit trail (issues #7, #9): every action attempt DialogControl reports - ok, refused, failed,
// the served JSON-RPC's too - is one row of the store's calldeck_audit table (the JSON object with
// who, when, which dialog, which way, what and the result, plus the time/user/method/ok columns);
// the table survives a restart (appends), keeps the newest maxRows() rows, a store that cannot be
// written goes to the event log once, with what to do, and the audit.jsonl (+ .1) of earlier
// versions is imported once.
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "backend/auditlog.h"
#include "backend/dialogcontrol.h"
#include "backend/eventlog.h"
#include "backend/rpcserver.h"
#include "fakekamailio.h"
#include "proxytestbed.h"
#include "rpcclientfixtures.h"
#include "rpctestclient.h"

using namespace Qt::StringLiterals;

namespace
{
// The first dialog of samples/dlg.list.json.
constexpr auto CallId = "3-19005@127.0.0.1";
constexpr auto FromTag = "19005SIPpTag003";
constexpr auto ToTag = "16269SIPpTag0126";

/// The rows of the store's audit table, read through a connection of its own; each row's indexed
/// columns must agree with its JSON object (else the row comes back as {"broken": true}).
QList<QJsonObject> fileLines(const QString &path)
{
    QList<QJsonObject> out;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"check"_s);
        db.setDatabaseName(path);
        QSqlQuery q(db);
        if (db.open() &&
            q.exec(u"SELECT time_ms, user_name, method, ok, entry FROM calldeck_audit ORDER BY id"_s))
        {
            while (q.next())
            {
                const QJsonObject o = QJsonDocument::fromJson(q.value(4).toString().toUtf8()).object();
                const QDateTime time =
                    QDateTime::fromString(o.value(u"time"_s).toString(), Qt::ISODateWithMs);
                const bool agrees =
                    q.value(0).toLongLong() == time.toMSecsSinceEpoch() &&
                    q.value(1).toString() == o.value(u"user"_s).toString() &&
                    q.value(2).toString() == o.value(u"action"_s).toString() &&
                    q.value(3).toInt() == int(o.value(u"result"_s).toObject().value(u"ok"_s).toBool());
                out.append(agrees ? o : QJsonObject{{u"broken"_s, true}});
            }
        }
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(u"check"_s);
    return out;
}

StoreUrl store(const QString &path)
{
    return StoreUrl::sqliteFile(path);
}

void writeLines(const QString &path, const QList<QByteArray> &lines)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    for (const QByteArray &line : lines)
    {
        file.write(line + '\n');
    }
}
} // namespace

class TestAuditLog final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void oneLinePerAttempt();
    void servedRpcIsAudited();
    void survivesRestart();
    void keepsTheNewestRows();
    void unwritableFileGoesToTheEventLog();
    void importsTheOldFilesOnce();

private:
    ControlResult run(const ControlRequest &request);
    quint64 proxyRowKey(const char *callId);

    QTemporaryDir m_dir;
    std::unique_ptr<FakeKamailio> m_fake;
    std::unique_ptr<ProxyTestBed> m_bed;
    ProxyFeed *m_feed = nullptr;
};

void TestAuditLog::initTestCase()
{
    QVERIFY(RpcClientFixtures::initLibcurl());
    QVERIFY(m_dir.isValid());
}

void TestAuditLog::init()
{
    m_fake = std::make_unique<FakeKamailio>();
    QVERIFY(m_fake->start());
    m_bed = std::make_unique<ProxyTestBed>();
    ProxyFeed::Options o;
    o.intervalMs = 200;
    m_feed = &m_bed->addProxy(u"kam1"_s, m_fake->url(), o);
    QTRY_VERIFY_WITH_TIMEOUT(m_feed->status().state == ProxyStatus::State::Up, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(m_bed->countRows(m_feed->origin()), 5, 5000);
}

void TestAuditLog::cleanup()
{
    m_feed = nullptr;
    m_bed.reset();
    m_fake.reset();
}

ControlResult TestAuditLog::run(const ControlRequest &request)
{
    std::optional<ControlResult> result;
    m_bed->control().execute(request, [&](const ControlResult &r) { result = r; });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 5000))
    {
        return ControlResult::failure(-1, u"no result"_s);
    }
    return *result;
}

quint64 TestAuditLog::proxyRowKey(const char *callId)
{
    for (const DialogRow &row : m_bed->rowsOf(m_feed->origin()))
    {
        if (row.dialog.callId == callId)
        {
            return row.key;
        }
    }
    return 0;
}

void TestAuditLog::oneLinePerAttempt()
{
    const QString path = m_dir.filePath(u"one/calldeck.db"_s); // the directory does not exist yet
    AuditLog audit(store(path));
    audit.setUser(u"noc-alice"_s);
    audit.attach(m_bed->control());
    const quint64 key = proxyRowKey(CallId);
    QVERIFY(key != 0);

    // 1. Terminate through the proxy: ok. The console names the row only.
    ControlRequest end;
    end.action = DialogAction::EndDialog;
    end.rowKey = key;
    end.requestedBy = u"console (noc-alice)"_s;
    const QDateTime before = QDateTime::currentDateTimeUtc().addMSecs(-1);
    ControlResult r = run(end);
    QVERIFY2(r.ok, qPrintable(r.message));
    // 2. Refused in read-only mode: nothing sent, still audited.
    m_bed->control().setReadOnly(true);
    ControlRequest refer;
    refer.action = DialogAction::Refer;
    refer.rowKey = key;
    refer.side = u"caller"_s;
    refer.uri = u"sip:1001@example.com"_s;
    r = run(refer);
    QCOMPARE(r.code, 403);
    m_bed->control().setReadOnly(false);
    // 3. A dialog that does not exist: 404.
    ControlRequest gone;
    gone.action = DialogAction::SetTimeout;
    gone.callId = "no-such-call";
    gone.seconds = 90;
    r = run(gone);
    QCOMPARE(r.code, 404);
    QCOMPARE(m_fake->count(u"dlg.end_dlg"_s), 1);

    const QList<QJsonObject> lines = fileLines(path);
    QCOMPARE(lines.size(), 3);
    const QJsonObject first = lines.at(0);
    QCOMPARE(first.value(u"user"_s).toString(), u"noc-alice"_s);
    QCOMPARE(first.value(u"requestedBy"_s).toString(), u"console (noc-alice)"_s);
    const QString time = first.value(u"time"_s).toString();
    QVERIFY2(time.endsWith(u'Z'), qPrintable(time));
    const QDateTime when = QDateTime::fromString(time, Qt::ISODateWithMs);
    QVERIFY(when.isValid());
    QCOMPARE(when.timeSpec(), Qt::UTC);
    QVERIFY(when >= before && when <= QDateTime::currentDateTimeUtc());
    QCOMPARE(first.value(u"action"_s).toString(), u"dlg.end_dlg"_s);
    const QJsonObject dialog = first.value(u"dialog"_s).toObject();
    QCOMPARE(dialog.value(u"callId"_s).toString(), QString::fromLatin1(CallId));
    QCOMPARE(dialog.value(u"fromTag"_s).toString(), QString::fromLatin1(FromTag));
    QCOMPARE(dialog.value(u"toTag"_s).toString(), QString::fromLatin1(ToTag));
    QCOMPARE(dialog.value(u"key"_s).toString(), QString::number(key));
    QCOMPARE(first.value(u"path"_s).toString(), u"proxy kam1 (dlg.end_dlg)"_s);
    const QJsonObject request = first.value(u"request"_s).toObject();
    QCOMPARE(request.value(u"method"_s).toString(), u"dlg.end_dlg"_s);
    QCOMPARE(request.value(u"params"_s).toObject().value(u"side"_s).toString(), u"both"_s);
    const QJsonObject result = first.value(u"result"_s).toObject();
    QCOMPARE(result.value(u"ok"_s).toBool(), true);
    QCOMPARE(result.value(u"code"_s).toInt(), 0);

    const QJsonObject second = lines.at(1);
    QCOMPARE(second.value(u"action"_s).toString(), u"calldeck.refer"_s);
    QCOMPARE(second.value(u"request"_s).toObject().value(u"params"_s).toObject(),
             (QJsonObject{{u"side"_s, u"caller"_s}, {u"uri"_s, u"sip:1001@example.com"_s}}));
    QCOMPARE(second.value(u"result"_s).toObject().value(u"ok"_s).toBool(), false);
    QCOMPARE(second.value(u"result"_s).toObject().value(u"code"_s).toInt(), 403);
    QVERIFY(second.value(u"result"_s).toObject().value(u"message"_s).toString().contains(u"read-only"_s));
    QCOMPARE(second.value(u"dialog"_s).toObject().value(u"key"_s).toString(), QString::number(key));

    const QJsonObject third = lines.at(2);
    QCOMPARE(third.value(u"dialog"_s).toObject().value(u"callId"_s).toString(), u"no-such-call"_s);
    QCOMPARE(third.value(u"request"_s).toObject().value(u"params"_s).toObject().value(u"seconds"_s).toInt(),
             90);
    QCOMPARE(third.value(u"result"_s).toObject().value(u"code"_s).toInt(), 404);
    QCOMPARE(audit.read().size(), 3);
}

void TestAuditLog::servedRpcIsAudited()
{
    const QString path = m_dir.filePath(u"served.db"_s);
    AuditLog audit(store(path));
    audit.attach(m_bed->control());
    RpcServer::Options o;
    o.control.control = &m_bed->control();
    o.control.sources = &m_bed->sources();
    o.control.timeoutMs = 5000;
    RpcServer server(m_bed->worker(), o);
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    RpcTestClient client(server.port());
    // Named by the proxy's own h_entry/h_id: the audit still names the dialog by Call-ID and tags.
    const RpcTestClient::Answer a = client.call(u"dlg.end_dlg"_s, "[707,8109]");
    QCOMPARE(a.status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(fileLines(path).size(), 1, 5000);
    const QJsonObject line = fileLines(path).first();
    QCOMPARE(line.value(u"requestedBy"_s).toString(), u"served RPC"_s);
    QCOMPARE(line.value(u"dialog"_s).toObject().value(u"callId"_s).toString(), QString::fromLatin1(CallId));
    QCOMPARE(line.value(u"dialog"_s).toObject().value(u"hEntry"_s).toInt(), 707);
    QCOMPARE(line.value(u"path"_s).toString(), u"proxy kam1 (dlg.end_dlg)"_s);
    QVERIFY(line.value(u"result"_s).toObject().value(u"ok"_s).toBool());
}

void TestAuditLog::survivesRestart()
{
    const QString path = m_dir.filePath(u"restart.db"_s);
    ControlRequest r;
    r.action = DialogAction::SetVariable;
    r.callId = "gone";
    r.name = u"x"_s;
    r.value = u"1"_s;
    {
        AuditLog first(store(path));
        first.attach(m_bed->control());
        run(r);
        run(r);
    }
    QCOMPARE(fileLines(path).size(), 2);
    AuditLog again(store(path)); // a new session: appends
    again.attach(m_bed->control());
    run(r);
    const QList<QJsonObject> lines = fileLines(path);
    QCOMPARE(lines.size(), 3);
    QCOMPARE(again.read().size(), 3);
    for (const QJsonObject &line : lines)
    {
        QCOMPARE(
            line.value(u"request"_s).toObject().value(u"params"_s).toObject().value(u"name"_s).toString(),
            u"x"_s);
    }
}

void TestAuditLog::keepsTheNewestRows()
{
    const QString path = m_dir.filePath(u"limit.db"_s);
    AuditLog audit(store(path));
    audit.setMaxRows(3);
    QCOMPARE(audit.maxRows(), 10); // the least kept
    audit.setMaxRows(20);
    ControlResult result;
    result.ok = true;
    result.path = u"CallDeck core"_s;
    const int written = 45;
    for (int n = 0; n < written; ++n)
    {
        ControlRequest r;
        r.action = DialogAction::SetVariable;
        r.callId = "call-" + std::to_string(n);
        r.name = u"n"_s;
        r.value = QString::number(n);
        QVERIFY(audit.record(r, result));
    }
    QCOMPARE(fileLines(path).size(), 20);
    // The newest entries are kept, in order; the oldest went.
    const QList<QJsonObject> kept = audit.read();
    QCOMPARE(kept.size(), 20);
    QCOMPARE(kept.last().value(u"dialog"_s).toObject().value(u"callId"_s).toString(),
             u"call-%1"_s.arg(written - 1));
    for (qsizetype i = 0; i < kept.size(); ++i)
    {
        const QJsonObject params = kept.at(i).value(u"request"_s).toObject().value(u"params"_s).toObject();
        QCOMPARE(params.value(u"value"_s).toString().toInt(), written - 20 + int(i));
    }
}

void TestAuditLog::unwritableFileGoesToTheEventLog()
{
    // The "directory" is a file: nothing can be created under it.
    const QString blocker = m_dir.filePath(u"blocker"_s);
    QFile file(blocker);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    EventLog log;
    AuditLog audit(store(blocker + u"/calldeck.db"_s), &log);
    QSignalSpy recorded(&audit, &AuditLog::recorded);
    ControlResult result;
    QVERIFY(!audit.record(ControlRequest{}, result));
    QVERIFY(!audit.record(ControlRequest{}, result));
    QCOMPARE(recorded.count(), 2); // an open view still shows them
    const QList<EventLogEntry> entries = log.entries();
    QCOMPARE(entries.size(), 1); // once per outage, not per action
    QCOMPARE(entries.first().severity, EventLogEntry::Severity::Error);
    QCOMPARE(entries.first().source, u"audit"_s);
    QVERIFY2(entries.first().message.contains(u"Cannot write the audit log"_s) &&
                 entries.first().message.contains(u"free disk space or fix the permissions"_s),
             qPrintable(entries.first().message));
}

void TestAuditLog::importsTheOldFilesOnce()
{
    // The files of an earlier version: the rotated older one and the current one (with a torn line).
    const QString old = m_dir.filePath(u"legacy/audit.jsonl"_s);
    QVERIFY(QDir().mkpath(m_dir.filePath(u"legacy"_s)));
    ControlResult ok;
    ok.ok = true;
    ok.path = u"CallDeck core"_s;
    QList<QJsonObject> entries;
    QList<QByteArray> lines;
    for (int n = 0; n < 5; ++n)
    {
        ControlRequest r;
        r.action = n % 2 ? DialogAction::SetTimeout : DialogAction::EndDialog;
        r.callId = "old-" + std::to_string(n);
        r.seconds = 60 + n;
        QJsonObject e =
            AuditLog::entryFor(r, n == 3 ? ControlResult::failure(404, u"gone"_s) : ok, u"noc-old"_s);
        e.insert(u"time"_s, u"2026-01-0%1T10:00:00.123Z"_s.arg(n + 1));
        entries.append(e);
        lines.append(QJsonDocument(e).toJson(QJsonDocument::Compact));
    }
    writeLines(old + u".1"_s, lines.mid(0, 2));
    writeLines(old, lines.mid(2) + QList<QByteArray>{"{\"torn"});

    const QString path = m_dir.filePath(u"legacy/calldeck.db"_s);
    {
        AuditLog audit(store(path));
        audit.setLegacyFile(old);
        QVERIFY(audit.open());
        QCOMPARE(audit.importedEntries(), 5);
        QCOMPARE(audit.read(), entries); // equal objects, oldest first
        QCOMPARE(fileLines(path), entries);
    }
    QVERIFY(!QFile::exists(old));
    QVERIFY(!QFile::exists(old + u".1"_s));
    QVERIFY(QFile::exists(old + u".imported"_s));
    QVERIFY(QFile::exists(old + u".1.imported"_s));

    // The next start imports nothing; what was imported is still there, and new entries follow it.
    AuditLog again(store(path));
    again.setLegacyFile(old);
    QVERIFY(again.open());
    QCOMPARE(again.importedEntries(), 0);
    ControlRequest r;
    r.action = DialogAction::SetVariable;
    r.callId = "new";
    QVERIFY(again.record(r, ok));
    const QList<QJsonObject> now = again.read();
    QCOMPARE(now.size(), 6);
    QCOMPARE(now.mid(0, 5), entries);
    QCOMPARE(now.last().value(u"dialog"_s).toObject().value(u"callId"_s).toString(), u"new"_s);
}

QTEST_GUILESS_MAIN(TestAuditLog)
#include "tst_auditlog.moc"
