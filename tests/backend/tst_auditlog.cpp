// SPDX-License-Identifier: GPL-3.0-or-later
// The audit trail (issue #7): every action attempt DialogControl reports - ok, refused, failed, the
// served JSON-RPC's too - is one JSON line with who, when, which dialog, which way, what and the
// result; the file survives a restart (appends), rotates at its size keeping one older file, and
// a file that cannot be written goes to the event log once, with what to do.
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
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

QList<QJsonObject> fileLines(const QString &path)
{
    QList<QJsonObject> out;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
    {
        return out;
    }
    while (!file.atEnd())
    {
        const QByteArray line = file.readLine();
        if (!line.endsWith('\n'))
        {
            return {}; // every entry is a whole line
        }
        const QJsonDocument doc = QJsonDocument::fromJson(line);
        out.append(doc.isObject() ? doc.object() : QJsonObject{{u"broken"_s, true}});
    }
    return out;
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
    void rotatesKeepingOneOlderFile();
    void unwritableFileGoesToTheEventLog();

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
    const QString path = m_dir.filePath(u"one/audit.jsonl"_s); // the directory does not exist yet
    AuditLog audit(path);
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
    const QString path = m_dir.filePath(u"served.jsonl"_s);
    AuditLog audit(path);
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
    const QString path = m_dir.filePath(u"restart.jsonl"_s);
    ControlRequest r;
    r.action = DialogAction::SetVariable;
    r.callId = "gone";
    r.name = u"x"_s;
    r.value = u"1"_s;
    {
        AuditLog first(path);
        first.attach(m_bed->control());
        run(r);
        run(r);
    }
    QCOMPARE(fileLines(path).size(), 2);
    AuditLog again(path); // a new session: appends
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

void TestAuditLog::rotatesKeepingOneOlderFile()
{
    const QString path = m_dir.filePath(u"rotate.jsonl"_s);
    AuditLog audit(path);
    audit.setMaxBytes(4096);
    ControlResult result;
    result.ok = true;
    result.path = u"CallDeck core"_s;
    int written = 0;
    auto record = [&](int n) {
        ControlRequest r;
        r.action = DialogAction::SetVariable;
        r.callId = "call-" + std::to_string(n);
        r.name = u"n"_s;
        r.value = QString::number(n);
        QVERIFY(audit.record(r, result));
        ++written;
    };
    const qint64 lineSize =
        QJsonDocument(AuditLog::entryFor({}, result, audit.user())).toJson(QJsonDocument::Compact).size();
    const int perFile = static_cast<int>(4096 / lineSize);
    QVERIFY(perFile > 3);
    for (int n = 0; n < perFile * 3 + 2; ++n)
    {
        record(n);
    }
    QVERIFY(QFileInfo(path).size() <= 4096);
    QVERIFY(QFileInfo(audit.rotatedPath()).size() <= 4096);
    QVERIFY(!QFile::exists(path + u".2"_s));
    const QList<QJsonObject> current = fileLines(path);
    const QList<QJsonObject> older = fileLines(audit.rotatedPath());
    QVERIFY(!current.isEmpty() && !older.isEmpty());
    // The newest entries are kept, in order, across the two files; the oldest went.
    const QList<QJsonObject> kept = audit.read();
    QCOMPARE(kept.size(), current.size() + older.size());
    QVERIFY(kept.size() < written);
    QCOMPARE(kept.last().value(u"dialog"_s).toObject().value(u"callId"_s).toString(),
             u"call-%1"_s.arg(written - 1));
    for (qsizetype i = 1; i < kept.size(); ++i)
    {
        const int prev = kept.at(i - 1)
                             .value(u"request"_s)
                             .toObject()
                             .value(u"params"_s)
                             .toObject()
                             .value(u"value"_s)
                             .toString()
                             .toInt();
        const int next = kept.at(i)
                             .value(u"request"_s)
                             .toObject()
                             .value(u"params"_s)
                             .toObject()
                             .value(u"value"_s)
                             .toString()
                             .toInt();
        QCOMPARE(next, prev + 1);
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
    AuditLog audit(blocker + u"/audit.jsonl"_s, &log);
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

QTEST_GUILESS_MAIN(TestAuditLog)
#include "tst_auditlog.moc"
