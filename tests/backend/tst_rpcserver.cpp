// SPDX-License-Identifier: GPL-3.0-or-later
// The HTTP side of the served JSON-RPC: ids, status lines, quirks Kamailio has, garbage, the
// bearer token, a busy core and the compact format.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QThread>

#include "backend/rpcserver.h"
#include "rpctestclient.h"
#include "rpctestcore.h"

using namespace Qt::StringLiterals;

namespace
{

QByteArray sample(const QString &name)
{
    QFile f(QStringLiteral(CALLDECK_SAMPLES) + u'/' + name);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QByteArray httpPost(const QByteArray &body, const QByteArray &extraHeaders = {})
{
    return "POST /RPC HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: " +
           QByteArray::number(body.size()) + "\r\n" + extraHeaders + "\r\n" + body;
}

} // namespace

class TestRpcServer final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void idsAreEchoed_data();
    void idsAreEchoed();
    void notificationStillGetsAReply();
    void statusLineCarriesTheError();
    void batchGetsKamailiosQuirkReply();
    void notACallGetsAnEmptyResult_data();
    void notACallGetsAnEmptyResult();
    void malformedJsonIs400AndCloses();
    void keepAliveServesSeveralRequests();
    void getIs405();
    void otherPathsAre404();
    void tokenIsRequiredWhenSet();
    void nonLoopbackNeedsAToken();
    void busyCoreAnswers500();
    void stoppedCoreAnswers500();
    void compactFormat();
    void bindErrorSaysWhatToDo();

private:
    std::unique_ptr<RpcTestCore> m_core;
    std::unique_ptr<RpcServer> m_server;
    std::unique_ptr<RpcTestClient> m_client;
};

void TestRpcServer::initTestCase()
{
    m_core = std::make_unique<RpcTestCore>();
    QVERIFY(m_core->populate());
    m_server = std::make_unique<RpcServer>(m_core->worker(), RpcServer::Options{});
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    m_client = std::make_unique<RpcTestClient>(m_server->port());
}

void TestRpcServer::cleanupTestCase()
{
    m_client.reset();
    m_server->stop();
    QVERIFY(!m_server->running());
    QCOMPARE(m_server->port(), quint16(0));
    m_server.reset();
    m_core.reset();
}

void TestRpcServer::idsAreEchoed_data()
{
    QTest::addColumn<QByteArray>("id");
    QTest::addColumn<QByteArray>("echoed");
    QTest::newRow("number") << QByteArray("42") << QByteArray("\"id\":\t42\n}");
    QTest::newRow("string") << QByteArray("\"abc-1\"") << QByteArray("\"id\":\t\"abc-1\"\n}");
    QTest::newRow("large number") << QByteArray("4294967296") << QByteArray("\"id\":\t4294967296\n}");
    QTest::newRow("fraction") << QByteArray("1.5") << QByteArray("\"id\":\t1.5\n}");
    QTest::newRow("null") << QByteArray("null") << QByteArray("\"id\":\tnull\n}");
}

void TestRpcServer::idsAreEchoed()
{
    QFETCH(QByteArray, id);
    QFETCH(QByteArray, echoed);
    for (const QByteArray &method : {QByteArray("dlg.stats_active"), QByteArray("dlg.nosuch")})
    {
        const RpcTestClient::Answer a =
            m_client->post(R"({"jsonrpc":"2.0","method":")" + method + R"(","params":[],"id":)" + id + '}');
        QVERIFY2(a.body.endsWith(echoed), a.body.constData());
    }
}

void TestRpcServer::notificationStillGetsAReply()
{
    const RpcTestClient::Answer a = m_client->post(R"({"jsonrpc":"2.0","method":"calldeck.version"})");
    QCOMPARE(a.status, 200);
    QVERIFY(!a.json.contains(u"id"_s));
    QVERIFY(a.json.value(u"result"_s).isString());
    // Same layout as samples/quirk.notification_no_id.json.
    QVERIFY(a.body.startsWith("{\n\t\"jsonrpc\":\t\"2.0\",\n\t\"result\":\t\""));
    QVERIFY(a.body.endsWith("\"\n}"));
}

void TestRpcServer::statusLineCarriesTheError()
{
    bool closed = false;
    const QByteArray response = RpcTestClient::raw(
        m_server->port(),
        httpPost(R"({"jsonrpc":"2.0","method":"dlg.profile_get_size","params":["nosuch"],"id":5})",
                 "Connection: close\r\n"),
        5000, &closed);
    QVERIFY(closed);
    QVERIFY2(response.startsWith("HTTP/1.1 404 Profile not found: nosuch\r\n"), response.constData());
    QVERIFY(response.contains("\r\nContent-Type: application/json\r\n"));
    QVERIFY(
        response.endsWith(QByteArray("\r\n\r\n" + sample(u"dlg.profile_get_size.unknown_profile.json"_s))));

    const QByteArray ok = RpcTestClient::raw(
        m_server->port(),
        httpPost(R"({"jsonrpc":"2.0","method":"dlg.stats_active","id":1})", "Connection: close\r\n"), 5000,
        &closed);
    QVERIFY(ok.startsWith("HTTP/1.1 200 OK\r\n"));
    const QByteArray body = ok.mid(ok.indexOf("\r\n\r\n") + 4);
    QVERIFY(ok.contains(QByteArray("Content-Length: " + QByteArray::number(body.size()) + "\r\n")));
}

void TestRpcServer::batchGetsKamailiosQuirkReply()
{
    const RpcTestClient::Answer a =
        m_client->post(R"([{"jsonrpc":"2.0","method":"dlg.list","id":1},)"
                       R"({"jsonrpc":"2.0","method":"dlg.stats_active","id":2}])");
    QCOMPARE(a.status, 200);
    QCOMPARE(a.body, sample(u"quirk.batch_request_unsupported.json"_s));
}

void TestRpcServer::notACallGetsAnEmptyResult_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("no jsonrpc") << QByteArray(R"({"method":"dlg.list","id":3})");
    QTest::newRow("wrong version") << QByteArray(R"({"jsonrpc":"1.0","method":"dlg.list","id":3})");
    QTest::newRow("no method") << QByteArray(R"({"jsonrpc":"2.0","id":3})");
    QTest::newRow("method not a string") << QByteArray(R"({"jsonrpc":"2.0","method":7,"id":3})");
    QTest::newRow("params a string") << QByteArray(
        R"({"jsonrpc":"2.0","method":"dlg.list","params":"x","id":3})");
}

void TestRpcServer::notACallGetsAnEmptyResult()
{
    QFETCH(QByteArray, body);
    const RpcTestClient::Answer a = m_client->post(body);
    QCOMPARE(a.status, 200);
    QCOMPARE(a.body, QByteArray("{\n\t\"jsonrpc\":\t\"2.0\",\n\t\"result\":\t{\n\t},\n\t\"id\":\t3\n}"));
}

void TestRpcServer::malformedJsonIs400AndCloses()
{
    for (const QByteArray &garbage : {QByteArray(R"({"jsonrpc":"2.0","method":)"), QByteArray("not json"),
                                      QByteArray(), QByteArray("\xff\xfe{}")})
    {
        bool closed = false;
        const QByteArray response = RpcTestClient::raw(m_server->port(), httpPost(garbage), 5000, &closed);
        QVERIFY2(closed, "the server closes the connection after a parse error");
        QVERIFY2(response.startsWith("HTTP/1.1 400 Parse Error\r\n"), response.constData());
        QVERIFY(response.contains("\r\nConnection: close\r\n"));
        const QJsonObject json =
            QJsonDocument::fromJson(response.mid(response.indexOf("\r\n\r\n") + 4)).object();
        QCOMPARE(json.value(u"error"_s).toObject().value(u"code"_s).toInt(), -32700);
        QCOMPARE(json.value(u"error"_s).toObject().value(u"message"_s).toString(), u"Parse Error"_s);
        QVERIFY(json.value(u"id"_s).isNull());
    }
    // The server is still there.
    QCOMPARE(m_client->call(u"dlg.stats_active"_s).status, 200);
}

void TestRpcServer::keepAliveServesSeveralRequests()
{
    const QByteArray one = httpPost(R"({"jsonrpc":"2.0","method":"calldeck.version","id":1})");
    const QByteArray two =
        httpPost(R"({"jsonrpc":"2.0","method":"calldeck.version","id":2})", "Connection: close\r\n");
    bool closed = false;
    const QByteArray response = RpcTestClient::raw(m_server->port(), one + two, 5000, &closed);
    QVERIFY(closed);
    QCOMPARE(response.count("HTTP/1.1 200 OK\r\n"), 2);
    QVERIFY(response.contains("\"id\":\t1\n}"));
    QVERIFY(response.endsWith("\"id\":\t2\n}"));
}

void TestRpcServer::getIs405()
{
    const RpcTestClient::Answer a = m_client->get();
    QCOMPARE(a.status, 405);
    QCOMPARE(a.allow, QByteArray("POST"));
    QCOMPARE(a.json.value(u"error"_s).toObject().value(u"code"_s).toInt(), 405);
}

void TestRpcServer::otherPathsAre404()
{
    RpcTestClient other(m_server->port(), u"/nosuch"_s);
    const RpcTestClient::Answer a = other.call(u"dlg.list"_s);
    QCOMPARE(a.status, 404);
    QVERIFY(a.json.value(u"error"_s).toObject().value(u"message"_s).toString().contains(u"POST /RPC"_s));
    // Kamailio's default route matches "^/RPC": sub-paths are served too.
    RpcTestClient sub(m_server->port(), u"/RPC/dialog"_s);
    QCOMPARE(sub.call(u"dlg.stats_active"_s).status, 200);
}

void TestRpcServer::tokenIsRequiredWhenSet()
{
    RpcServer::Options o;
    o.token = "s3cret-token";
    RpcServer server(m_core->worker(), o);
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    RpcTestClient client(server.port());
    const QByteArray body = R"({"jsonrpc":"2.0","method":"dlg.stats_active","id":1})";

    const RpcTestClient::Answer none = client.post(body);
    QCOMPARE(none.status, 401);
    QCOMPARE(none.json.value(u"error"_s).toObject().value(u"code"_s).toInt(), 401);
    QVERIFY(none.json.value(u"error"_s).toObject().value(u"message"_s).toString().contains(u"Bearer"_s));
    QCOMPARE(client.post(body, {{"Authorization", "Bearer wrong"}}).status, 401);
    QCOMPARE(client.post(body, {{"Authorization", "Bearer s3cret-token-and-more"}}).status, 401);
    QCOMPARE(client.post(body, {{"Authorization", "Basic czNjcmV0LXRva2Vu"}}).status, 401);
    const RpcTestClient::Answer ok = client.post(body, {{"Authorization", "Bearer s3cret-token"}});
    QCOMPARE(ok.status, 200);
    QCOMPARE(ok.json.value(u"result"_s).toObject().value(u"ongoing"_s).toInt(), RpcTestCore::Answered);
    QCOMPARE(client.post(body, {{"Authorization", "bearer  s3cret-token "}}).status, 200);
}

void TestRpcServer::nonLoopbackNeedsAToken()
{
    RpcServer::Options o;
    o.address = QHostAddress(QHostAddress::AnyIPv4);
    RpcServer refused(m_core->worker(), o);
    QString error;
    QVERIFY(!refused.start(&error));
    QVERIFY(!refused.running());
    QVERIFY2(error.contains(u"--rpc-token"_s) && error.contains(u"127.0.0.1"_s), qPrintable(error));

    o.token = "t";
    RpcServer served(m_core->worker(), o);
    QVERIFY2(served.start(&error), qPrintable(error));
    RpcTestClient client(served.port());
    QCOMPARE(client.call(u"dlg.stats_active"_s).status, 401);
    QCOMPARE(
        client
            .post(R"({"jsonrpc":"2.0","method":"dlg.stats_active","id":1})", {{"Authorization", "Bearer t"}})
            .status,
        200);
}

void TestRpcServer::busyCoreAnswers500()
{
    RpcServer::Options o;
    o.callTimeoutMs = 200;
    RpcServer server(m_core->worker(), o);
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    RpcTestClient client(server.port());
    m_core->worker().post([](CoreContext &) { QThread::msleep(1500); });
    const RpcTestClient::Answer a = client.call(u"dlg.list"_s, "[]", 77);
    QCOMPARE(a.status, 500);
    QCOMPARE(a.reason, QByteArray("core busy"));
    QCOMPARE(a.json.value(u"error"_s).toObject().value(u"message"_s).toString(), u"core busy"_s);
    QCOMPARE(a.json.value(u"id"_s).toInt(), 77);
    // Methods that do not need the core still answer; the core answers again once it is free.
    QCOMPARE(client.call(u"system.listMethods"_s).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(client.call(u"dlg.stats_active"_s).status, 200, 5000);
}

void TestRpcServer::stoppedCoreAnswers500()
{
    RpcTestCore stopped;
    stopped.worker().stop();
    RpcServer server(stopped.worker(), RpcServer::Options{});
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    RpcTestClient client(server.port());
    const RpcTestClient::Answer a = client.call(u"dlg.stats_active"_s);
    QCOMPARE(a.status, 500);
    QCOMPARE(a.json.value(u"error"_s).toObject().value(u"message"_s).toString(), u"core stopped"_s);
}

void TestRpcServer::compactFormat()
{
    RpcServer::Options o;
    o.pretty = false;
    RpcServer server(m_core->worker(), o);
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    RpcTestClient client(server.port());
    const RpcTestClient::Answer a = client.call(u"dlg.list"_s);
    QCOMPARE(a.status, 200);
    QVERIFY(!a.body.contains('\t') && !a.body.contains('\n'));
    QVERIFY(a.body.startsWith(R"({"jsonrpc":"2.0","result":[{"h_entry":)"));
    QCOMPARE(a.json, m_client->call(u"dlg.list"_s).json);
    QCOMPARE(client.post("[]").body, QByteArray(R"({"jsonrpc":"2.0","result":{}})"));
}

void TestRpcServer::bindErrorSaysWhatToDo()
{
    RpcServer::Options o;
    o.port = m_server->port(); // taken
    RpcServer second(m_core->worker(), o);
    QString error;
    QVERIFY(!second.start(&error));
    QVERIFY(!second.running());
    QVERIFY2(error.contains(u"--serve-rpc ADDR:PORT"_s), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestRpcServer)
#include "tst_rpcserver.moc"
