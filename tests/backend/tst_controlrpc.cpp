// SPDX-License-Identifier: GPL-3.0-or-later
// The served control methods (dlg.end_dlg, dlg.terminate_dlg, dlg.is_alive, calldeck.*) routed by
// DialogControl to the dialog's owner: a proxy (a fake Kamailio answering with samples/), the
// CallDeck core (mirror-only dialogs) or an honest "not available yet".
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>

#include "backend/dialogcontrol.h"
#include "backend/rpcserver.h"
#include "fakekamailio.h"
#include "proxytestbed.h"
#include "rpcclientfixtures.h"
#include "rpctestclient.h"
#include "tests/support/siptrafficgenerator.h"

using namespace Qt::StringLiterals;
using calldeck::testsupport::SipTrafficGenerator;

namespace
{

// The first dialog of samples/dlg.list.json.
constexpr auto CallId = "3-19005@127.0.0.1";
constexpr auto FromTag = "19005SIPpTag003";
constexpr auto ToTag = "16269SIPpTag0126";
constexpr int HEntry = 707;
constexpr int HId = 8109;
constexpr std::uint32_t MirrorSeed = 7;

QByteArray tags(const QByteArray &rest = {})
{
    return QByteArray("[\"") + CallId + "\",\"" + FromTag + "\",\"" + ToTag + '"' + rest + ']';
}

QByteArray digitsOut(const QByteArray &text)
{
    static const QRegularExpression digits(u"[0-9]+"_s);
    return QString::fromUtf8(text).replace(digits, u"0"_s).toUtf8();
}

QString errorMessage(const RpcTestClient::Answer &a)
{
    return a.json.value("error"_L1).toObject().value("message"_L1).toString();
}

int errorCode(const RpcTestClient::Answer &a)
{
    return a.json.value("error"_L1).toObject().value("code"_L1).toInt();
}

} // namespace

class TestControlRpc final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void terminateProxyDialog();
    void endProxyDialogByRowKey();
    void remoteErrorsPassThrough();
    void readOnlyRefusesAndSendsNothing();
    void mirrorOnlyDialog();
    void sourcesListTheProxy();
    void parameterErrors();
    void helperActionsWithoutHelper();
    void secondActionWhileOneIsInFlight();
    void timeoutByProfile();

private:
    bool startProxy(const QString &name);
    quint64 proxyRowKey(const char *callId);

    std::unique_ptr<FakeKamailio> m_fake;
    std::unique_ptr<ProxyTestBed> m_bed;
    ProxyFeed *m_feed = nullptr;
    std::unique_ptr<RpcServer> m_server;
    std::unique_ptr<RpcTestClient> m_client;
};

void TestControlRpc::initTestCase()
{
    QVERIFY(RpcClientFixtures::initLibcurl());
}

void TestControlRpc::init()
{
    m_fake = std::make_unique<FakeKamailio>();
    QVERIFY(m_fake->start());
    m_bed = std::make_unique<ProxyTestBed>();
    RpcServer::Options o;
    o.control.control = &m_bed->control();
    o.control.sources = &m_bed->sources();
    o.control.worker = &m_bed->worker();
    o.control.timeoutMs = 5000;
    m_server = std::make_unique<RpcServer>(m_bed->worker(), o);
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    m_client = std::make_unique<RpcTestClient>(m_server->port());
    QVERIFY(startProxy(u"kam1"_s));
}

void TestControlRpc::cleanup()
{
    m_client.reset();
    m_server.reset();
    m_feed = nullptr;
    m_bed.reset();
    m_fake.reset();
}

bool TestControlRpc::startProxy(const QString &name)
{
    ProxyFeed::Options o;
    o.intervalMs = 200;
    m_feed = &m_bed->addProxy(name, m_fake->url(), o);
    const quint16 origin = m_feed->origin();
    return QTest::qWaitFor([&]() { return m_feed->status().state == ProxyStatus::State::Up; }, 5000) &&
           QTest::qWaitFor([&]() { return m_bed->countRows(origin) == 5; }, 5000);
}

quint64 TestControlRpc::proxyRowKey(const char *callId)
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

void TestControlRpc::terminateProxyDialog()
{
    // A dialog only the proxy lists, named by its Call-ID and tags: the proxy terminates it.
    const RpcTestClient::Answer a = m_client->call(u"dlg.terminate_dlg"_s, tags(), 42);
    QCOMPARE(a.status, 200);
    QCOMPARE(digitsOut(a.body), digitsOut(RpcClientFixtures::sample(u"dlg.terminate_dlg.json"_s)));
    QVERIFY(a.json.value("result"_L1).isObject() && a.json.value("result"_L1).toObject().isEmpty());
    const QList<FakeKamailio::Call> sent = m_fake->calls(u"dlg.terminate_dlg"_s);
    QCOMPARE(sent.size(), 1);
    QCOMPARE(sent.first().path, QByteArray("/RPC"));
    QCOMPARE(sent.first().params, (QJsonArray{QString::fromLatin1(CallId), QString::fromLatin1(FromTag),
                                              QString::fromLatin1(ToTag)}));
    QCOMPARE(m_fake->count(u"dlg.end_dlg"_s), 0);
}

void TestControlRpc::endProxyDialogByRowKey()
{
    // Served dlg.end_dlg with ids that are not the collector's own but one proxy's: that proxy
    // gets dlg.end_dlg with them (a dialog only it lists); unknown ids are "Dialog not found".
    RpcTestClient::Answer a = m_client->call(u"dlg.end_dlg"_s, "[707,8109]");
    QCOMPARE(a.status, 200);
    QCOMPARE(m_fake->count(u"dlg.end_dlg"_s), 1);
    QCOMPARE(m_fake->calls(u"dlg.end_dlg"_s).first().params, (QJsonArray{707, 8109}));
    a = m_client->call(u"dlg.end_dlg"_s, "[1,2]");
    QCOMPARE(a.status, 404);
    QCOMPARE(errorMessage(a), u"Dialog not found"_s);
    QCOMPARE(m_fake->count(u"dlg.end_dlg"_s), 1);

    // The console names the row: the proxy gets its own ids, as JSON numbers.
    const quint64 key = proxyRowKey(CallId);
    QVERIFY(key != 0);
    ControlRequest r;
    r.action = DialogAction::EndDialog;
    r.rowKey = key;
    r.extraHeaders = u"Reason: Q.850;cause=16;text=\"NOC\"\r\n"_s;
    std::optional<ControlResult> result;
    m_bed->control().execute(r, [&](const ControlResult &c) { result = c; });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 5000);
    QVERIFY2(result->ok, qPrintable(result->message));
    QCOMPARE(result->path, u"proxy kam1 (dlg.end_dlg)"_s);
    const QList<FakeKamailio::Call> sent = m_fake->calls(u"dlg.end_dlg"_s);
    QCOMPARE(sent.size(), 2);
    const QJsonArray params = sent.last().params;
    QCOMPARE(params.size(), 3);
    QVERIFY(params.at(0).isDouble() && params.at(1).isDouble());
    QCOMPARE(params.at(0).toInteger(), qint64(HEntry));
    QCOMPARE(params.at(1).toInteger(), qint64(HId));
    QCOMPARE(params.at(2).toString(), r.extraHeaders);
}

void TestControlRpc::remoteErrorsPassThrough()
{
    // Kamailio's "404 Dialog not found" (HTTP status and JSON-RPC error) comes back as it said it.
    m_fake->setOverride(u"dlg.is_alive"_s, [](const FakeHttpServer::Request &, int id) {
        return FakeHttpServer::raw(RpcClientFixtures::httpSample(u"error.dlg.end_dlg.not_found.http"_s, id));
    });
    RpcTestClient::Answer a = m_client->call(u"dlg.is_alive"_s, tags());
    QCOMPARE(a.status, 404);
    QCOMPARE(a.reason, QByteArray("Dialog not found"));
    QCOMPARE(errorCode(a), 404);
    QCOMPARE(errorMessage(a), u"Dialog not found"_s);
    QCOMPARE(m_fake->count(u"dlg.is_alive"_s), 1);
    m_fake->clearOverride(u"dlg.is_alive"_s);
    a = m_client->call(u"dlg.is_alive"_s, tags());
    QCOMPARE(a.status, 200);
    QCOMPARE(a.json.value("result"_L1).toString(), u"Alive"_s);

    // The same for an action the console starts.
    m_fake->setOverride(u"dlg.end_dlg"_s, [](const FakeHttpServer::Request &, int id) {
        return FakeHttpServer::raw(RpcClientFixtures::httpSample(u"error.dlg.end_dlg.not_found.http"_s, id));
    });
    ControlRequest r;
    r.action = DialogAction::EndDialog;
    r.rowKey = proxyRowKey(CallId);
    std::optional<ControlResult> result;
    m_bed->control().execute(r, [&](const ControlResult &c) { result = c; });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 5000);
    QVERIFY(!result->ok);
    QCOMPARE(result->code, 404);
    QCOMPARE(result->message, u"Dialog not found"_s);

    // Kamailio's terminate_dlg error for a dialog gone meanwhile: 500 as the proxy said it.
    m_fake->setOverride(u"dlg.terminate_dlg"_s, [](const FakeHttpServer::Request &, int id) {
        return FakeKamailio::error(500, "Couldnt find callid in dialog", id);
    });
    a = m_client->call(u"dlg.terminate_dlg"_s, tags());
    QCOMPARE(a.status, 500);
    QCOMPARE(errorMessage(a), u"Couldnt find callid in dialog"_s);

    // Any other code and message of the proxy pass through too.
    m_fake->setOverride(u"dlg.terminate_dlg"_s, [](const FakeHttpServer::Request &, int id) {
        return FakeKamailio::error(404, "Dialog not found", id);
    });
    a = m_client->call(u"dlg.terminate_dlg"_s, tags());
    QCOMPARE(a.status, 404);
    QCOMPARE(m_fake->count(u"dlg.terminate_dlg"_s), 2);

    // Not reaching the proxy is a 502 that says so.
    m_fake->setOverride(u"dlg.terminate_dlg"_s, [](const FakeHttpServer::Request &, int) {
        return FakeHttpServer::closeWithoutReply();
    });
    a = m_client->call(u"dlg.terminate_dlg"_s, tags());
    QCOMPARE(a.status, 502);
    QVERIFY2(errorMessage(a).contains(u"connection closed without a reply"_s), qPrintable(errorMessage(a)));
}

void TestControlRpc::readOnlyRefusesAndSendsNothing()
{
    m_bed->control().setReadOnly(true);
    const RpcTestClient::Answer a = m_client->call(u"dlg.terminate_dlg"_s, tags());
    QCOMPARE(a.status, 403);
    QCOMPARE(errorCode(a), 403);
    QVERIFY2(errorMessage(a).contains(u"read-only"_s), qPrintable(errorMessage(a)));
    const RpcTestClient::Answer b = m_client->call(u"calldeck.set_var"_s, tags(R"(,"x","1")"));
    QCOMPARE(b.status, 403);
    ControlRequest r;
    r.action = DialogAction::EndDialog;
    r.rowKey = proxyRowKey(CallId);
    std::optional<ControlResult> result;
    m_bed->control().execute(r, [&](const ControlResult &c) { result = c; });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 2000);
    QCOMPARE(result->code, 403);
    QTest::qWait(100);
    QCOMPARE(m_fake->count(u"dlg.terminate_dlg"_s), 0);
    QCOMPARE(m_fake->count(u"dlg.end_dlg"_s), 0);
    QCOMPARE(m_fake->count(u"calldeck.set_var"_s), 0);
}

void TestControlRpc::mirrorOnlyDialog()
{
    QVERIFY(m_bed->feedMirrorCalls(3, MirrorSeed));
    std::size_t dialogs = 0;
    QTRY_VERIFY_WITH_TIMEOUT(
        m_bed->worker().call([&](CoreContext &ctx) { dialogs = ctx.engine.dialogCount(); }) && dialogs == 3,
        3000);
    SipTrafficGenerator::Options g;
    g.seed = MirrorSeed;
    const SipTrafficGenerator gen(g);
    const QByteArray ids = QByteArray("[\"") + gen.callId(1).c_str() + "\",\"" + gen.callerTag(1).c_str() +
                           "\",\"" + gen.calleeTag(1).c_str() + '"';
    const calldeck::core::DialogId id = gen.dialogId(1);

    // BYE, REFER, a timeout need CallDeck's own SIP user agent, which this test bed does not run:
    // refused, and it says why.
    RpcTestClient::Answer a = m_client->call(u"dlg.end_dlg"_s, '[' + QByteArray::number(id.hEntry) + ',' +
                                                                   QByteArray::number(id.hId) + ']');
    QCOMPARE(a.status, 501);
    QVERIFY2(errorMessage(a).contains(u"embedded SIP user agent"_s) &&
                 errorMessage(a).contains(u"not running"_s),
             qPrintable(errorMessage(a)));
    a = m_client->call(u"dlg.terminate_dlg"_s, ids + ']');
    QCOMPARE(a.status, 501);
    QVERIFY2(errorMessage(a).contains(u"--sip"_s), qPrintable(errorMessage(a)));
    a = m_client->call(u"calldeck.refer"_s, ids + R"(,"callee","sip:2000@10.0.0.9"])");
    QCOMPARE(a.status, 501);
    a = m_client->call(u"dlg.bridge_dlg"_s, R"(["sip:1000@10.0.0.1","sip:2000@10.0.0.3"])");
    QCOMPARE(a.status, 200); // the proxy offers dlg.bridge_dlg: it does it
    QCOMPARE(m_fake->count(u"dlg.bridge_dlg"_s), 1);

    // Profiles and variables are the core's own.
    a = m_client->call(u"calldeck.set_profile"_s, ids + R"(,"trunk","gw-9"])");
    QCOMPARE(a.status, 200);
    QVERIFY(a.json.value("result"_L1).isObject());
    a = m_client->call(u"dlg.profile_get_size"_s, R"(["trunk","gw-9"])");
    QCOMPARE(a.json.value("result"_L1).toInt(), 1);
    a = m_client->call(u"calldeck.set_var"_s, ids + R"(,"calldeck_tag","noc"])");
    QCOMPARE(a.status, 200);
    a = m_client->call(u"calldeck.unset_profile"_s, ids + R"(,"trunk","gw-9"])");
    QCOMPARE(a.status, 200);
    a = m_client->call(u"dlg.profile_get_size"_s, R"(["trunk","gw-9"])");
    QCOMPARE(a.json.value("result"_L1).toInt(), 0);
    a = m_client->call(u"dlg.list"_s);
    bool found = false;
    for (const QJsonValue &v : a.json.value("result"_L1).toArray())
    {
        const QJsonObject d = v.toObject();
        if (d.value("call-id"_L1).toString() == QString::fromStdString(gen.callId(1)))
        {
            found = d.value("variables"_L1).toArray().contains(QJsonObject{{u"calldeck_tag"_s, u"noc"_s}});
        }
    }
    QVERIFY2(found, a.body.left(2000).constData());
    // dlg.is_alive on the core: confirmed → "Alive".
    a = m_client->call(u"dlg.is_alive"_s, ids + ']');
    QCOMPARE(a.json.value("result"_L1).toString(), u"Alive"_s);

    for (const QString &m : {u"dlg.end_dlg"_s, u"dlg.terminate_dlg"_s, u"calldeck.refer"_s,
                             u"calldeck.set_profile"_s, u"calldeck.set_var"_s, u"dlg.is_alive"_s})
    {
        QVERIFY2(m_fake->count(m) == 0, qPrintable(m));
    }
}

void TestControlRpc::sourcesListTheProxy()
{
    QTRY_VERIFY_WITH_TIMEOUT(m_feed->status().helper, 3000);
    const RpcTestClient::Answer a = m_client->call(u"calldeck.sources"_s);
    QCOMPARE(a.status, 200);
    QJsonObject proxy;
    for (const QJsonValue &v : a.json.value("result"_L1).toArray())
    {
        if (v.toObject().value("kind"_L1).toString() == "rpc"_L1)
        {
            QCOMPARE(v.toObject().value("label"_L1).toString(), u"kam1"_s);
            QCOMPARE(v.toObject().value("id"_L1).toInt(), int(m_feed->origin()));
            proxy = v.toObject().value("proxy"_L1).toObject();
        }
    }
    QVERIFY2(!proxy.isEmpty(), a.body.constData());
    QCOMPARE(proxy.value("name"_L1).toString(), u"kam1"_s);
    QCOMPARE(proxy.value("endpoint"_L1).toString(), m_fake->url());
    QCOMPARE(proxy.value("state"_L1).toString(), u"up"_s);
    QCOMPARE(proxy.value("dialogs"_L1).toInt(), 5);
    QCOMPARE(proxy.value("version"_L1).toString(), u"kamailio 5.6.3 (x86_64/linux)"_s);
    QCOMPARE(proxy.value("uptime"_L1).toInt(), 169);
    QCOMPARE(proxy.value("helper"_L1).toBool(), true);
    QCOMPARE(proxy.value("consecutive_errors"_L1).toInt(), 0);
    QCOMPARE(proxy.value("interval_ms"_L1).toInt(), 200);
    const QJsonArray actions = proxy.value("actions"_L1).toArray();
    for (const QString &m : {u"dlg.end_dlg"_s, u"dlg.terminate_dlg"_s, u"dlg.bridge_dlg"_s, u"dlg.is_alive"_s,
                             u"calldeck.refer"_s, u"calldeck.set_timeout"_s, u"calldeck.set_var"_s})
    {
        QVERIFY2(actions.contains(m), qPrintable(m));
    }
}

void TestControlRpc::parameterErrors()
{
    RpcTestClient::Answer a =
        m_client->call(u"dlg.terminate_dlg"_s, QByteArray("[\"") + CallId + "\",\"" + FromTag + "\"]");
    QCOMPARE(a.status, 400);
    QCOMPARE(errorCode(a), 400);
    QCOMPARE(errorMessage(a), u"Need a Callid ,from tag ,to tag"_s);
    a = m_client->call(u"calldeck.refer"_s, tags(R"(,"both","sip:2000@127.0.0.1")"));
    QCOMPARE(a.status, 400);
    QVERIFY2(errorMessage(a).contains(u"caller"_s) && errorMessage(a).contains(u"callee"_s),
             qPrintable(errorMessage(a)));
    a = m_client->call(u"calldeck.refer"_s, tags(R"(,"callee","http://example.com")"));
    QCOMPARE(a.status, 400);
    a = m_client->call(u"calldeck.set_timeout"_s, tags(R"(,0)"));
    QCOMPARE(a.status, 400);
    QCOMPARE(m_fake->count(u"dlg.terminate_dlg"_s), 0);
    QCOMPARE(m_fake->count(u"calldeck.refer"_s), 0);
    QCOMPARE(m_fake->count(u"calldeck.set_timeout"_s), 0);

    // The valid request goes to the proxy's helper, with the proxy's tags.
    QTRY_VERIFY_WITH_TIMEOUT(m_feed->status().helper, 3000);
    a = m_client->call(u"calldeck.refer"_s, tags(R"(,"callee","sip:2000@127.0.0.1")"));
    QCOMPARE(a.status, 200);
    const QList<FakeKamailio::Call> refers = m_fake->calls(u"calldeck.refer"_s);
    QCOMPARE(refers.size(), 1);
    QCOMPARE(refers.first().path, QByteArray("/calldeck"));
    QCOMPARE(refers.first().params,
             (QJsonArray{QString::fromLatin1(CallId), QString::fromLatin1(FromTag),
                         QString::fromLatin1(ToTag), u"callee"_s, u"sip:2000@127.0.0.1"_s}));
}

void TestControlRpc::helperActionsWithoutHelper()
{
    // A proxy without resources/kamailio/calldeck-helpers.cfg: its helper actions are refused.
    m_fake->setHelper(false);
    m_bed->removeProxy(m_feed->origin());
    QVERIFY(startProxy(u"kam2"_s));
    QTRY_COMPARE_WITH_TIMEOUT(m_fake->count(u"calldeck.helper_version"_s), 2, 3000);
    QTest::qWait(300);
    QVERIFY(!m_feed->status().helper);
    for (const auto &[method, extra] : {std::pair{u"calldeck.set_timeout"_s, QByteArray(",30")},
                                        std::pair{u"calldeck.refer"_s, QByteArray(R"(,"caller","sip:9@x")")},
                                        std::pair{u"calldeck.set_var"_s, QByteArray(R"(,"a","b")")}})
    {
        const RpcTestClient::Answer a = m_client->call(method, tags(extra));
        QCOMPARE(a.status, 501);
        QVERIFY2(errorMessage(a).contains(u"calldeck-helpers.cfg"_s) && errorMessage(a).contains(u"kam2"_s),
                 qPrintable(errorMessage(a)));
        QCOMPARE(m_fake->count(method), 0);
    }
    // The module's own actions still work.
    const RpcTestClient::Answer a = m_client->call(u"dlg.terminate_dlg"_s, tags());
    QCOMPARE(a.status, 200);
}

void TestControlRpc::secondActionWhileOneIsInFlight()
{
    // The proxy is slow to end the dialog: a second action on the same dialog meanwhile is refused
    // with 409 and never sent; is_alive (a question) still goes; after the answer all is allowed.
    m_fake->setDelay(u"dlg.terminate_dlg"_s, 800);
    const quint64 key = proxyRowKey(CallId);
    QVERIFY(key != 0);
    ControlRequest terminate;
    terminate.action = DialogAction::TerminateDialog;
    terminate.rowKey = key;
    std::optional<ControlResult> first;
    m_bed->control().execute(terminate, [&](const ControlResult &c) { first = c; });
    ControlRequest refer = terminate;
    refer.action = DialogAction::Refer;
    refer.side = u"callee"_s;
    refer.uri = u"sip:x@127.0.0.1"_s;
    std::optional<ControlResult> second;
    m_bed->control().execute(refer, [&](const ControlResult &c) { second = c; });
    QTRY_VERIFY_WITH_TIMEOUT(second.has_value(), 3000);
    QVERIFY(!first.has_value());
    QCOMPARE(second->code, 409);
    // Asked for by row, it is named by its Call-ID once found (for the operator and the audit log).
    QVERIFY2(second->message.startsWith(
                 u"dlg.terminate_dlg is still running on dialog '%1'"_s.arg(QString::fromLatin1(CallId))),
             qPrintable(second->message));
    ControlRequest alive = terminate;
    alive.action = DialogAction::IsAlive;
    std::optional<ControlResult> third;
    m_bed->control().execute(alive, [&](const ControlResult &c) { third = c; });
    QTRY_VERIFY_WITH_TIMEOUT(third.has_value(), 3000);
    QVERIFY2(third->ok, qPrintable(third->message));
    QTRY_VERIFY_WITH_TIMEOUT(first.has_value(), 5000);
    QVERIFY2(first->ok, qPrintable(first->message));
    QCOMPARE(m_fake->count(u"dlg.terminate_dlg"_s), 1);
    std::optional<ControlResult> again;
    m_bed->control().execute(terminate, [&](const ControlResult &c) { again = c; });
    QTRY_VERIFY_WITH_TIMEOUT(again.has_value(), 5000);
    QCOMPARE(m_fake->count(u"dlg.terminate_dlg"_s), 2);
}

void TestControlRpc::timeoutByProfile()
{
    // Five proxy dialogs with trunk=uas-5080 (the helper sets their timeout) and three mirror-only
    // dialogs, two of them put in trunk=uas-5080 by CallDeck (their timeout needs the embedded UA,
    // which this bed does not run: they fail, with the reason, and the rest still goes).
    QVERIFY(m_bed->feedMirrorCalls(3, MirrorSeed));
    std::size_t dialogs = 0;
    QTRY_VERIFY_WITH_TIMEOUT(
        m_bed->worker().call([&](CoreContext &ctx) { dialogs = ctx.engine.dialogCount(); }) && dialogs == 3,
        3000);
    SipTrafficGenerator::Options g;
    g.seed = MirrorSeed;
    const SipTrafficGenerator gen(g);
    for (const int n : {0, 2})
    {
        const QByteArray ids = QByteArray("[\"") + gen.callId(n).c_str() + "\",\"" +
                               gen.callerTag(n).c_str() + "\",\"" + gen.calleeTag(n).c_str() + '"';
        QCOMPARE(m_client->call(u"calldeck.set_profile"_s, ids + R"(,"trunk","uas-5080"])").status, 200);
    }
    RpcTestClient::Answer a =
        m_client->call(u"calldeck.set_timeout_by_profile"_s, R"(["trunk","uas-5080",90])");
    QCOMPARE(a.status, 200);
    const QJsonObject r = a.json.value("result"_L1).toObject();
    QCOMPARE(r.value("dialogs"_L1).toInt(), 7);
    QCOMPARE(r.value("changed"_L1).toInt(), 5);
    const QJsonArray failed = r.value("failed"_L1).toArray();
    QCOMPARE(failed.size(), 2);
    for (const QJsonValue &f : failed)
    {
        QCOMPARE(f.toObject().value("code"_L1).toInt(), 501);
        QVERIFY(f.toObject().value("message"_L1).toString().contains(u"--sip"_s));
    }
    const QList<FakeKamailio::Call> sent = m_fake->calls(u"calldeck.set_timeout"_s);
    QCOMPARE(sent.size(), 5);
    for (const FakeKamailio::Call &c : sent)
    {
        QCOMPARE(c.path, QByteArray("/calldeck"));
        QCOMPARE(c.params.at(3).toInteger(), 90);
    }
    // Any value of the profile; a value nobody has; bad parameters.
    a = m_client->call(u"calldeck.set_timeout_by_profile"_s, R"(["inbound","",60])");
    QCOMPARE(a.json.value("result"_L1).toObject().value("changed"_L1).toInt(), 5);
    a = m_client->call(u"calldeck.set_timeout_by_profile"_s, R"(["trunk","nobody",60])");
    QCOMPARE(a.json.value("result"_L1).toObject().value("dialogs"_L1).toInt(), 0);
    for (const QByteArray &params :
         {QByteArray(R"(["trunk"])"), QByteArray(R"(["trunk","",0])"), QByteArray(R"(["","",5])")})
    {
        a = m_client->call(u"calldeck.set_timeout_by_profile"_s, params);
        QCOMPARE(a.status, 400);
    }
    QCOMPARE(m_fake->calls(u"calldeck.set_timeout"_s).size(), 10);
}

QTEST_GUILESS_MAIN(TestControlRpc)
#include "tst_controlrpc.moc"
