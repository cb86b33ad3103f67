// SPDX-License-Identifier: GPL-3.0-or-later
// JsonRpcClient against a fake HTTP server: the request it sends, Kamailio's success and error
// replies (samples/), and every reply it must classify as Remote, Http, Protocol or Transport.
#include <memory>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QThread>

#include "backend/jsonrpcclient.h"
#include "fakehttpserver.h"
#include "rpcclientfixtures.h"
#include "rpcrecorder.h"

using namespace Qt::StringLiterals;
using Fx = FakeHttpServer;
using Kind = RpcError::Kind;

Q_DECLARE_METATYPE(RpcError::Kind)

namespace
{

QJsonValue sampleResult(const QString &name)
{
    return QJsonDocument::fromJson(RpcClientFixtures::sample(name)).object().value("result"_L1);
}

/// A sample error body served with the HTTP status mirrored the way jsonrpcs does it.
QByteArray mirrored(const QString &name)
{
    const QByteArray body = RpcClientFixtures::withId(RpcClientFixtures::sample(name), 1);
    const QJsonObject error = QJsonDocument::fromJson(body).object().value("error"_L1).toObject();
    return Fx::reply(error.value("code"_L1).toInt(), error.value("message"_L1).toString().toUtf8(), body);
}

} // namespace

class TestJsonRpcClient final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void sendsKamailioRequest();
    void successReplies_data();
    void successReplies();
    void remoteErrors_data();
    void remoteErrors();
    void faultyReplies_data();
    void faultyReplies();
    void signalsArriveOnCallersThread();

private:
    std::unique_ptr<JsonRpcClient> makeClient();

    std::unique_ptr<FakeHttpServer> m_server;
};

void TestJsonRpcClient::initTestCase()
{
    QVERIFY(RpcClientFixtures::initLibcurl());
}

void TestJsonRpcClient::init()
{
    m_server = std::make_unique<FakeHttpServer>();
    QVERIFY(m_server->start());
}

void TestJsonRpcClient::cleanup()
{
    m_server.reset();
}

std::unique_ptr<JsonRpcClient> TestJsonRpcClient::makeClient()
{
    RpcEndpoint endpoint;
    QString error;
    if (!RpcEndpoint::parse(m_server->url(), endpoint, &error))
    {
        qWarning("%s", qPrintable(error));
    }
    endpoint.setTimeoutMs(3000);
    return std::make_unique<JsonRpcClient>(endpoint);
}

void TestJsonRpcClient::sendsKamailioRequest()
{
    m_server->setHandler([](const Fx::Request &r) {
        return Fx::json(
            RpcClientFixtures::withId(RpcClientFixtures::sample(u"dlg.end_dlg.json"_s), r.rpcId()));
    });
    const auto client = makeClient();
    RpcRecorder recorder(*client);
    const int first = client->send(u"dlg.end_dlg"_s, QJsonArray{707, 8109});
    const int second = client->send(u"dlg.stats_active"_s);
    QCOMPARE(first, 1);
    QCOMPARE(second, 2);
    QCOMPARE(client->pendingCount(), 2);
    QVERIFY(recorder.waitFor(2));
    QCOMPARE(client->pendingCount(), 0);

    QCOMPARE(m_server->requests().size(), 2);
    const Fx::Request &r = m_server->requests().first();
    QCOMPARE(r.method, "POST"_ba);
    QCOMPARE(r.path, "/RPC"_ba);
    QCOMPARE(r.header("Content-Type"), "application/json"_ba);
    QVERIFY(r.header("Expect").isEmpty());
    QVERIFY(r.header("Authorization").isEmpty());
    QVERIFY(r.header("User-Agent").startsWith("CallDeck"));
    const QJsonObject body = QJsonDocument::fromJson(r.body).object();
    QCOMPARE(body.value("jsonrpc"_L1).toString(), u"2.0"_s);
    QCOMPARE(body.value("method"_L1).toString(), u"dlg.end_dlg"_s);
    // Positional and typed: Kamailio turns a string h_entry into 0.
    QCOMPARE(body.value("params"_L1).toArray(), (QJsonArray{707, 8109}));
    QVERIFY(body.value("id"_L1).isDouble());
    QCOMPARE(body.value("id"_L1).toInt(), first);
    const QJsonObject body2 = QJsonDocument::fromJson(m_server->requests().at(1).body).object();
    QCOMPARE(body2.value("params"_L1).toArray(), QJsonArray());
    QCOMPARE(body2.value("id"_L1).toInt(), second);
}

void TestJsonRpcClient::successReplies_data()
{
    QTest::addColumn<QByteArray>("reply");
    QTest::addColumn<QString>("sample");
    using RpcClientFixtures::jsonSample;
    for (const QString &name :
         {u"dlg.list.json"_s, u"dlg.stats_active.json"_s, u"dlg.profile_get_size.caller_sipp.json"_s,
          u"dlg.profile_get_size.inbound.json"_s, u"dlg.profile_get_size.trunk.json"_s, u"dlg.end_dlg.json"_s,
          u"dlg.is_alive.json"_s, u"core.version.json"_s, u"stats.get_statistics.dialog.json"_s,
          u"system.listMethods.json"_s})
    {
        QTest::addRow("%s", qPrintable(name)) << jsonSample(name, 1) << name;
    }
    // The complete HTTP reply Kamailio sent (its extra Sia: and Server: headers).
    QTest::addRow("dlg.stats_active.http")
        << RpcClientFixtures::httpSample(u"dlg.stats_active.http"_s, 1) << u"dlg.stats_active.http"_s;
}

void TestJsonRpcClient::successReplies()
{
    QFETCH(QByteArray, reply);
    QFETCH(QString, sample);
    m_server->setHandler([reply](const Fx::Request &) { return Fx::raw(reply); });
    const auto client = makeClient();
    RpcRecorder recorder(*client);
    const RpcRecorder::Event e = recorder.waitForId(client->send(u"x"_s));
    QVERIFY2(e.ok, qPrintable(e.error.toString()));
    QJsonValue expected = sampleResult(sample);
    if (sample.endsWith(u".http"_s))
    {
        const QByteArray raw = RpcClientFixtures::sample(sample);
        expected = QJsonDocument::fromJson(raw.mid(raw.indexOf("\r\n\r\n") + 4)).object().value("result"_L1);
    }
    QVERIFY(!expected.isUndefined());
    QCOMPARE(e.result, expected);
}

void TestJsonRpcClient::remoteErrors_data()
{
    QTest::addColumn<QByteArray>("reply");
    QTest::addColumn<int>("httpStatus");
    QTest::addColumn<int>("rpcCode");
    QTest::addColumn<QString>("message");
    using RpcClientFixtures::httpSample;
    // Kamailio's own HTTP replies: the status mirrors the error, the body still holds it.
    QTest::addRow("not found (.http)")
        << httpSample(u"error.dlg.end_dlg.not_found.http"_s, 1) << 404 << 404 << u"Dialog not found"_s;
    QTest::addRow("unknown method (.http)")
        << httpSample(u"error.unknown_method.http"_s, 1) << 500 << 500 << u"Method Not Found"_s;
    // h_entry/h_id sent as strings: Kamailio reads 0 and finds no dialog.
    QTest::addRow("non-numeric params")
        << mirrored(u"error.dlg.end_dlg.nonnumeric_params.json"_s) << 404 << 404 << u"Dialog not found"_s;
    QTest::addRow("is_alive gone") << mirrored(u"error.dlg.is_alive.gone.json"_s) << 404 << 404
                                   << u"Dialog not found"_s;
    QTest::addRow("unknown profile") << mirrored(u"dlg.profile_get_size.unknown_profile.json"_s) << 404 << 404
                                     << u"Profile not found: nosuch"_s;
    QTest::addRow("list_match numeric ts")
        << mirrored(u"error.dlg.list_match.numeric_start_ts.json"_s) << 500 << 500 << u"Invalid parameters"_s;
    // A JSON-RPC server that keeps 200 for errors.
    QTest::addRow("error in a 200") << RpcClientFixtures::jsonSample(u"error.dlg.end_dlg.not_found.json"_s, 1)
                                    << 200 << 404 << u"Dialog not found"_s;
    QTest::addRow("standard code, null id")
        << Fx::reply(200, "OK",
                     R"({"jsonrpc":"2.0","error":{"code":-32600,"message":"Invalid Request"},"id":null})")
        << 200 << -32600 << u"Invalid Request"_s;
}

void TestJsonRpcClient::remoteErrors()
{
    QFETCH(QByteArray, reply);
    QFETCH(QString, message);
    m_server->setHandler([reply](const Fx::Request &) { return Fx::raw(reply); });
    const auto client = makeClient();
    RpcRecorder recorder(*client);
    const RpcRecorder::Event e = recorder.waitForId(client->send(u"dlg.end_dlg"_s, QJsonArray{1, 2}));
    QCOMPARE(e.id, 1);
    QVERIFY(!e.ok);
    QVERIFY2(e.error.kind == Kind::Remote, qPrintable(e.error.toString()));
    QTEST(e.error.httpStatus, "httpStatus");
    QTEST(e.error.rpcCode, "rpcCode");
    if (!message.isEmpty())
    {
        QCOMPARE(e.error.message, message);
    }
    // The connection stays usable after an error status.
    m_server->setHandler([](const Fx::Request &r) {
        return Fx::json(
            RpcClientFixtures::withId(RpcClientFixtures::sample(u"dlg.end_dlg.json"_s), r.rpcId()));
    });
    QVERIFY(recorder.waitForId(client->send(u"dlg.end_dlg"_s)).ok);
    QCOMPARE(m_server->connectionCount(), 1);
}

void TestJsonRpcClient::faultyReplies_data()
{
    QTest::addColumn<Fx::Response>("response");
    QTest::addColumn<RpcError::Kind>("kind");
    QTest::addColumn<int>("httpStatus");
    QTest::addColumn<QString>("message");
    const auto reply = [](const QByteArray &bytes) { return Fx::raw(bytes); };
    const auto ok = [&](const QByteArray &body) { return reply(Fx::reply(200, "OK", body)); };
    const QByteArray dlgList = RpcClientFixtures::withId(RpcClientFixtures::sample(u"dlg.list.json"_s), 1);

    QTest::addRow("batch quirk") << ok(RpcClientFixtures::sample(u"quirk.batch_request_unsupported.json"_s))
                                 << Kind::Protocol << 200
                                 << u"reply has a result but no id; Kamailio answers"_s;
    QTest::addRow("notification reply") << ok(RpcClientFixtures::sample(u"quirk.notification_no_id.json"_s))
                                        << Kind::Protocol << 200 << u"reply has a result but no id"_s;
    QTest::addRow("garbage") << ok("hello, world") << Kind::Protocol << 200
                             << u"reply is not valid JSON (illegal value at byte "_s;
    QTest::addRow("truncated JSON") << ok(dlgList.left(dlgList.size() / 2)) << Kind::Protocol << 200
                                    << u"reply is not valid JSON ("_s;
    QTest::addRow("array") << ok("[1,2]") << Kind::Protocol << 200 << u"reply is a JSON array"_s;
    QTest::addRow("jsonrpc 1.0") << ok(R"({"jsonrpc":"1.0","result":1,"id":1})") << Kind::Protocol << 200
                                 << u"reply has \"jsonrpc\": \"1.0\", expected \"2.0\""_s;
    QTest::addRow("no jsonrpc") << ok(R"({"result":1,"id":1})") << Kind::Protocol << 200
                                << u"reply has \"jsonrpc\": missing, expected \"2.0\""_s;
    QTest::addRow("jsonrpc number") << ok(R"({"jsonrpc":2.0,"result":1,"id":1})") << Kind::Protocol << 200
                                    << u"reply has \"jsonrpc\": 2, expected \"2.0\""_s;
    QTest::addRow("other id") << ok(R"({"jsonrpc":"2.0","result":1,"id":7})") << Kind::Protocol << 200
                              << u"reply id 7 does not match request id 1"_s;
    QTest::addRow("string id") << ok(R"({"jsonrpc":"2.0","result":1,"id":"1"})") << Kind::Protocol << 200
                               << u"reply id \"1\" does not match request id 1"_s;
    QTest::addRow("null id") << ok(R"({"jsonrpc":"2.0","result":1,"id":null})") << Kind::Protocol << 200
                             << u"reply has a result but \"id\": null"_s;
    QTest::addRow("no result, no error") << ok(R"({"jsonrpc":"2.0","id":1})") << Kind::Protocol << 200
                                         << u"reply has neither \"result\" nor \"error\""_s;
    QTest::addRow("error string") << ok(R"({"jsonrpc":"2.0","error":"bad","id":1})") << Kind::Protocol << 200
                                  << u"reply \"error\" is a string, expected an object"_s;
    QTest::addRow("error code string")
        << ok(R"({"jsonrpc":"2.0","error":{"code":"404","message":"x"},"id":1})") << Kind::Protocol << 200
        << u"reply \"error\" object has no whole-number"_s;
    QTest::addRow("error with other id")
        << reply(Fx::reply(404, "Dialog not found",
                           R"({"jsonrpc":"2.0","error":{"code":404,"message":"x"},"id":9})"))
        << Kind::Protocol << 404 << u"reply id 9 does not match request id 1"_s;
    QTest::addRow("200 empty body") << ok("") << Kind::Protocol << 200 << u"HTTP 200 OK with an empty body"_s;
    QTest::addRow("500 empty body") << reply(Fx::reply(500, "Internal Server Error", "")) << Kind::Http << 500
                                    << u"HTTP 500 Internal Server Error with an empty body"_s;
    QTest::addRow("502 html") << reply(
                                     Fx::reply(502, "Bad Gateway", "<html><body>upstream down</body></html>"))
                              << Kind::Http << 502
                              << u"HTTP 502 Bad Gateway; the body is not a JSON-RPC error: '<html><body>"_s;
    QTest::addRow("404 with a result")
        << reply(Fx::reply(404, "Not Found", R"({"jsonrpc":"2.0","result":1,"id":1})")) << Kind::Http << 404
        << u"HTTP 404 Not Found; the body is not a JSON-RPC error"_s;
    QTest::addRow("401 without credentials")
        << reply(Fx::reply(401, "Unauthorized", "", "WWW-Authenticate: Basic realm=\"kamailio\"\r\n"))
        << Kind::Http << 401
        << u"HTTP 401 Unauthorized with an empty body; the proxy wants credentials (http://user:password@"_s;
    QTest::addRow("redirect not followed")
        << reply(Fx::reply(301, "Moved Permanently", "", "Location: http://127.0.0.1:1/RPC\r\n"))
        << Kind::Http << 301 << u"HTTP 301 Moved Permanently with an empty body"_s;
    // Transport: no complete HTTP reply.
    QTest::addRow("closed without reply")
        << Fx::closeWithoutReply() << Kind::Transport << 0 << u"connection closed without a reply"_s;
    QByteArray cut = Fx::reply(200, "OK", dlgList);
    cut.chop(100);
    QTest::addRow("closed mid-body") << Fx::raw(cut, Fx::Action::ReplyAndClose) << Kind::Transport << 200
                                     << u"transfer closed with 100 bytes remaining to read"_s;
    QTest::addRow("not HTTP") << Fx::raw("SIP/2.0 200 OK\r\n\r\n", Fx::Action::ReplyAndClose)
                              << Kind::Transport << 0 << QString();
}

void TestJsonRpcClient::faultyReplies()
{
    QFETCH(Fx::Response, response);
    QFETCH(RpcError::Kind, kind);
    QFETCH(QString, message);
    m_server->setHandler([response](const Fx::Request &) { return response; });
    const auto client = makeClient();
    RpcRecorder recorder(*client);
    const RpcRecorder::Event e = recorder.waitForId(client->send(u"dlg.list"_s));
    QCOMPARE(e.id, 1);
    QVERIFY(!e.ok);
    QVERIFY2(e.error.kind == kind, qPrintable(e.error.toString()));
    QTEST(e.error.httpStatus, "httpStatus");
    QCOMPARE(e.error.rpcCode, 0);
    QVERIFY2(e.error.message.startsWith(message), qPrintable(e.error.message));
    QVERIFY(!e.error.message.contains(u'\n'));
    QVERIFY(!recorder.waitFor(2, 50)); // exactly one report
}

void TestJsonRpcClient::signalsArriveOnCallersThread()
{
    m_server->setHandler([](const Fx::Request &r) {
        if (r.rpcMethod() == u"close"_s)
        {
            return Fx::closeWithoutReply();
        }
        return Fx::json(
            RpcClientFixtures::withId(RpcClientFixtures::sample(u"dlg.end_dlg.json"_s), r.rpcId()));
    });
    const auto client = makeClient();
    RpcRecorder recorder(*client);
    client->send(u"ok"_s);
    client->send(u"close"_s);
    QVERIFY(recorder.waitFor(2));
    QVERIFY(recorder.events().at(0).ok);
    QVERIFY(!recorder.events().at(1).ok);
    for (const RpcRecorder::Event &e : recorder.events())
    {
        QCOMPARE(e.thread, QThread::currentThread());
    }
}

QTEST_GUILESS_MAIN(TestJsonRpcClient)
#include "tst_jsonrpcclient.moc"
