// SPDX-License-Identifier: GPL-3.0-or-later
// JsonRpcClient's transport: refused and silent servers, timeouts, keep-alive reuse, order of
// replies, cancelAll, destruction with requests in flight, and replies of 50 MB and over the cap.
#include <memory>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QThread>

#include "backend/dlglistparser.h"
#include "backend/jsonrpcclient.h"
#include "fakehttpserver.h"
#include "rpcclientfixtures.h"
#include "rpcrecorder.h"

using namespace Qt::StringLiterals;
using Fx = FakeHttpServer;
using Kind = RpcError::Kind;

namespace
{

/// A successful reply to @p r: {"result": <its method name>}.
Fx::Response echo(const Fx::Request &r, int delayMs = 0)
{
    const QJsonObject reply{{u"jsonrpc"_s, u"2.0"_s}, {u"result"_s, r.rpcMethod()}, {u"id"_s, r.rpcId()}};
    Fx::Response response = Fx::raw(Fx::reply(200, "OK", QJsonDocument(reply).toJson()));
    response.delayMs = delayMs;
    return response;
}

/// A Kamailio error reply to @p r with the status mirrored.
Fx::Response notFound(const Fx::Request &r)
{
    return Fx::raw(RpcClientFixtures::httpSample(u"error.dlg.end_dlg.not_found.http"_s, r.rpcId()));
}

} // namespace

class TestJsonRpcTransport final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void connectionRefused();
    void silentServerTimesOut();
    void keepAliveReusesOneConnection();
    void reconnectsAfterServerClose();
    void repliesInSendOrder();
    void cancelAllAbortsAndDrops();
    void cancelAllDropsAReplyOnItsWay();
    void destructionWithRequestsInFlight();
    void destructionWhenIdle();
    void fiftyMegabyteReply();
    void replyOverTheCap_data();
    void replyOverTheCap();

private:
    std::unique_ptr<JsonRpcClient> makeClient(int timeoutMs = 3000);

    std::unique_ptr<FakeHttpServer> m_server;
};

void TestJsonRpcTransport::initTestCase()
{
    QVERIFY(RpcClientFixtures::initLibcurl());
}

void TestJsonRpcTransport::init()
{
    m_server = std::make_unique<FakeHttpServer>();
    QVERIFY(m_server->start());
    m_server->setHandler([](const Fx::Request &r) { return echo(r); });
}

void TestJsonRpcTransport::cleanup()
{
    m_server.reset();
}

std::unique_ptr<JsonRpcClient> TestJsonRpcTransport::makeClient(const int timeoutMs)
{
    RpcEndpoint endpoint;
    if (!RpcEndpoint::parse(m_server->url(), endpoint, nullptr))
    {
        return nullptr;
    }
    endpoint.setTimeoutMs(timeoutMs);
    return std::make_unique<JsonRpcClient>(endpoint);
}

void TestJsonRpcTransport::connectionRefused()
{
    const auto client = makeClient();
    m_server->close(); // nothing listens on that port any more
    RpcRecorder recorder(*client);
    QElapsedTimer timer;
    timer.start();
    const RpcRecorder::Event e = recorder.waitForId(client->send(u"dlg.stats_active"_s));
    QCOMPARE(e.id, 1);
    QVERIFY(timer.elapsed() < 2000);
    QVERIFY2(e.error.kind == Kind::Transport, qPrintable(e.error.toString()));
    QCOMPARE(e.error.httpStatus, 0);
    QVERIFY2(e.error.message.contains(u"127.0.0.1"_s), qPrintable(e.error.message));
    qInfo("refused: %s", qPrintable(e.error.toString()));
}

void TestJsonRpcTransport::silentServerTimesOut()
{
    m_server->setHandler([](const Fx::Request &) { return Fx::ignore(); });
    const auto client = makeClient(600);
    RpcRecorder recorder(*client);
    QElapsedTimer timer;
    timer.start();
    const RpcRecorder::Event e = recorder.waitForId(client->send(u"dlg.list"_s));
    const qint64 elapsed = timer.elapsed();
    QCOMPARE(e.id, 1);
    QVERIFY2(e.error.kind == Kind::Transport, qPrintable(e.error.toString()));
    QVERIFY2(e.error.message.contains(u"timed out"_s), qPrintable(e.error.message));
    QVERIFY2(elapsed >= 550 && elapsed < 3000, qPrintable(QString::number(elapsed)));
    qInfo("silent server: %s after %lld ms", qPrintable(e.error.toString()), elapsed);
    // The client goes on with a fresh connection.
    m_server->setHandler([](const Fx::Request &r) { return echo(r); });
    QVERIFY(recorder.waitForId(client->send(u"next"_s)).ok);
}

void TestJsonRpcTransport::keepAliveReusesOneConnection()
{
    const auto client = makeClient();
    RpcRecorder recorder(*client);
    for (int i = 0; i < 5; ++i)
    {
        client->send(u"dlg.stats_active"_s);
    }
    QVERIFY(recorder.waitFor(5));
    // Sent later, after a pause, and after an error status: still the same connection.
    QTest::qWait(200);
    m_server->setHandler([](const Fx::Request &r) { return notFound(r); });
    const RpcRecorder::Event e = recorder.waitForId(client->send(u"dlg.end_dlg"_s, QJsonArray{1, 2}));
    QVERIFY(e.error.kind == Kind::Remote);
    m_server->setHandler([](const Fx::Request &r) { return echo(r); });
    QVERIFY(recorder.waitForId(client->send(u"again"_s)).ok);
    QCOMPARE(m_server->requests().size(), 7);
    QCOMPARE(m_server->connectionCount(), 1);
}

void TestJsonRpcTransport::reconnectsAfterServerClose()
{
    m_server->setHandler([](const Fx::Request &r) {
        Fx::Response response = echo(r);
        response.action = Fx::Action::ReplyAndClose;
        return response;
    });
    const auto client = makeClient();
    RpcRecorder recorder(*client);
    for (int i = 0; i < 3; ++i)
    {
        client->send(u"m"_s);
    }
    QVERIFY(recorder.waitFor(3));
    for (const RpcRecorder::Event &e : recorder.events())
    {
        QVERIFY2(e.ok, qPrintable(e.error.toString()));
    }
    QCOMPARE(m_server->connectionCount(), 3);
}

void TestJsonRpcTransport::repliesInSendOrder()
{
    // Slow and fast replies, successes and errors mixed: reported in send order, once each.
    m_server->setHandler([](const Fx::Request &r) {
        if (r.rpcId() % 5 == 0)
        {
            return notFound(r);
        }
        return echo(r, r.rpcId() % 2 ? 25 : 0);
    });
    const auto client = makeClient();
    RpcRecorder recorder(*client);
    QList<int> sent;
    for (int i = 0; i < 20; ++i)
    {
        sent.append(client->send(u"m%1"_s.arg(i)));
    }
    QVERIFY(recorder.waitFor(20));
    QVERIFY(!recorder.waitFor(21, 100));
    QCOMPARE(recorder.ids(), sent);
    for (const RpcRecorder::Event &e : recorder.events())
    {
        QCOMPARE(e.ok, e.id % 5 != 0);
        if (e.ok)
        {
            QCOMPARE(e.result.toString(), u"m%1"_s.arg(e.id - 1));
        }
    }
    QCOMPARE(m_server->connectionCount(), 1);
}

void TestJsonRpcTransport::cancelAllAbortsAndDrops()
{
    m_server->setHandler([](const Fx::Request &) { return Fx::ignore(); });
    const auto client = makeClient(10000);
    RpcRecorder recorder(*client);
    for (int i = 0; i < 3; ++i)
    {
        client->send(u"dlg.list"_s);
    }
    QTRY_COMPARE(m_server->requests().size(), 1);
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(client->cancelAll(), (QList<int>{1, 2, 3}));
    QCOMPARE(client->pendingCount(), 0);
    // The transfer on the wire is aborted at once: its connection closes.
    QTRY_COMPARE_WITH_TIMEOUT(m_server->openConnectionCount(), 0, 2000);
    QVERIFY(timer.elapsed() < 1500);
    m_server->setHandler([](const Fx::Request &r) { return echo(r); });
    const RpcRecorder::Event e = recorder.waitForId(client->send(u"after"_s));
    QCOMPARE(e.id, 4);
    QVERIFY(e.ok);
    QVERIFY(!recorder.waitFor(2, 100));
    QCOMPARE(recorder.ids(), QList<int>{4});
    // Requests 2 and 3 never reached the server.
    QCOMPARE(m_server->requests().size(), 2);
    QCOMPARE(client->cancelAll(), QList<int>());
}

void TestJsonRpcTransport::cancelAllDropsAReplyOnItsWay()
{
    const auto client = makeClient();
    RpcRecorder recorder(*client);
    QList<int> cancelled;
    // The reply is written, and this thread sleeps until the RPC thread has read it and queued the
    // result for us: cancelAll() comes after the reply but before its signal.
    m_server->setHandler([&](const Fx::Request &r) {
        Fx::Response response = echo(r);
        response.afterWrite = [&]() {
            QThread::msleep(300);
            cancelled = client->cancelAll();
        };
        return response;
    });
    client->send(u"a"_s);
    QTRY_COMPARE(cancelled, QList<int>{1});
    QVERIFY(!recorder.waitFor(1, 300));
    m_server->setHandler([](const Fx::Request &r) { return echo(r); });
    QVERIFY(recorder.waitForId(client->send(u"b"_s)).ok);
    QCOMPARE(recorder.ids(), QList<int>{2});
}

void TestJsonRpcTransport::destructionWithRequestsInFlight()
{
    m_server->setHandler([](const Fx::Request &) { return Fx::ignore(); });
    auto client = makeClient(30000);
    int reports = 0;
    connect(client.get(), &JsonRpcClient::finished, this, [&reports]() { ++reports; });
    connect(client.get(), &JsonRpcClient::failed, this, [&reports]() { ++reports; });
    for (int i = 0; i < 3; ++i)
    {
        client->send(u"dlg.list"_s);
    }
    QTRY_COMPARE(m_server->requests().size(), 1);
    QElapsedTimer timer;
    timer.start();
    client.reset();
    const qint64 elapsed = timer.elapsed();
    QVERIFY2(elapsed < 1000, qPrintable(QString::number(elapsed)));
    qInfo("destroyed with 3 requests in flight in %lld ms", elapsed);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->openConnectionCount(), 0, 2000);
    QTest::qWait(50);
    QCOMPARE(reports, 0);
}

void TestJsonRpcTransport::destructionWhenIdle()
{
    auto client = makeClient();
    RpcRecorder recorder(*client);
    QVERIFY(recorder.waitForId(client->send(u"a"_s)).ok);
    QElapsedTimer timer;
    timer.start();
    client.reset();
    QVERIFY(timer.elapsed() < 1000);
    // A client that never sent anything.
    timer.restart();
    makeClient().reset();
    QVERIFY(timer.elapsed() < 1000);
}

void TestJsonRpcTransport::fiftyMegabyteReply()
{
    // Kamailio's dlg.list for ~56 000 dialogs is about 50 MB (~905 bytes per dialog).
    constexpr int Dialogs = 56000;
    const QByteArray body = RpcClientFixtures::dlgListReply(Dialogs, 1);
    QVERIFY(body.size() > 50'000'000);
    const QByteArray reply = Fx::reply(200, "OK", body);
    m_server->setHandler([&reply](const Fx::Request &) { return Fx::raw(reply); });
    const auto client = makeClient(60000);
    QCOMPARE(client->maxReplyBytes(), qint64(64) * 1024 * 1024);
    RpcRecorder recorder(*client);
    QElapsedTimer timer;
    timer.start();
    const RpcRecorder::Event e = recorder.waitForId(client->send(u"dlg.list"_s), 60000);
    QVERIFY2(e.ok, qPrintable(e.error.toString()));
    const qint64 transferMs = timer.elapsed();
    timer.restart();
    const DlgListParser::Result r = DlgListParser::parseList(e.result);
    QVERIFY(r.errors.isEmpty());
    QCOMPARE(r.dialogs.size(), std::size_t(Dialogs));
    qInfo("%.1f MB reply: received and parsed in %lld ms, converted in %lld ms", body.size() / 1e6,
          transferMs, timer.elapsed());
}

void TestJsonRpcTransport::replyOverTheCap_data()
{
    QTest::addColumn<bool>("contentLength");
    QTest::newRow("Content-Length over the cap") << true;
    QTest::newRow("no Content-Length, connection close") << false;
}

void TestJsonRpcTransport::replyOverTheCap()
{
    QFETCH(bool, contentLength);
    m_server->setHandler([contentLength](const Fx::Request &r) {
        if (r.rpcMethod() != u"dlg.list"_s)
        {
            return echo(r);
        }
        QByteArray bytes = Fx::reply(200, "OK", RpcClientFixtures::dlgListReply(2400, r.rpcId())); // ~2.2 MB
        if (!contentLength)
        {
            const qsizetype at = bytes.indexOf("Content-Length:");
            bytes.remove(at, bytes.indexOf("\r\n", at) + 2 - at);
        }
        return Fx::raw(bytes, Fx::Action::ReplyAndClose);
    });
    const auto client = makeClient(20000);
    client->setMaxReplyBytes(1024 * 1024);
    QCOMPARE(client->maxReplyBytes(), 1024 * 1024);
    RpcRecorder recorder(*client);
    const RpcRecorder::Event e = recorder.waitForId(client->send(u"dlg.list"_s), 20000);
    QCOMPARE(e.id, 1);
    QVERIFY2(e.error.kind == Kind::Transport, qPrintable(e.error.toString()));
    QCOMPARE(e.error.message, u"reply larger than 1 MB (the reply size limit)"_s);
    QCOMPARE(e.error.httpStatus, 200);
    // Usable afterwards, and the cap applies to what follows only.
    QVERIFY(recorder.waitForId(client->send(u"small"_s)).ok);
    client->setMaxReplyBytes(4 * 1024 * 1024);
    const RpcRecorder::Event big = recorder.waitForId(client->send(u"dlg.list"_s), 20000);
    QVERIFY2(big.ok, qPrintable(big.error.toString()));
    QCOMPARE(big.result.toArray().size(), 2400);
}

QTEST_GUILESS_MAIN(TestJsonRpcTransport)
#include "tst_jsonrpctransport.moc"
