// SPDX-License-Identifier: GPL-3.0-or-later
// JsonRpcClient's HTTP authentication: basic and digest (the fake server challenges and checks the
// Authorization header, digest response included), wrong credentials, and the password never
// reaching an RpcError message or a log line.
#include <memory>

#include <QCryptographicHash>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QMutex>
#include <QRegularExpression>
#include <QTest>

#include "backend/jsonrpcclient.h"
#include "fakehttpserver.h"
#include "rpcclientfixtures.h"
#include "rpcrecorder.h"

using namespace Qt::StringLiterals;
using Fx = FakeHttpServer;
using Kind = RpcError::Kind;

namespace
{

const QString User = u"noc"_s;
const QString Password = u"S3cr3t-Pa55"_s;
const QByteArray Realm = "kamailio";

// Every message logged while the tests run, from any thread.
QMutex logMutex;
QStringList logLines;
QtMessageHandler previousHandler = nullptr;

void captureMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        const QMutexLocker lock(&logMutex);
        logLines.append(message);
    }
    previousHandler(type, context, message);
}

QByteArray md5(const QByteArray &text)
{
    return QCryptographicHash::hash(text, QCryptographicHash::Md5).toHex();
}

/// The name=value pairs of a Digest Authorization header (values unquoted).
QHash<QByteArray, QByteArray> digestParameters(const QByteArray &header)
{
    QHash<QByteArray, QByteArray> parameters;
    static const QRegularExpression pair(uR"re((\w+)=(?:"([^"]*)"|([^,\s]*)))re"_s);
    auto it = pair.globalMatch(QString::fromLatin1(header.mid(7)));
    while (it.hasNext())
    {
        const QRegularExpressionMatch m = it.next();
        parameters.insert(m.captured(1).toLatin1(),
                          (m.capturedLength(2) > 0 ? m.captured(2) : m.captured(3)).toLatin1());
    }
    return parameters;
}

Fx::Response success(const Fx::Request &r)
{
    return Fx::json(
        RpcClientFixtures::withId(RpcClientFixtures::sample(u"dlg.stats_active.json"_s), r.rpcId()));
}

Fx::Response challenge(const QByteArray &scheme)
{
    QByteArray header = "WWW-Authenticate: " + scheme + " realm=\"" + Realm + '"';
    if (scheme == "Digest")
    {
        header += ", qop=\"auth\", nonce=\"6d2f0e8b11d0f600bfb0c093\", algorithm=MD5";
    }
    header += "\r\n";
    return Fx::raw(Fx::reply(401, "Unauthorized", "", header));
}

} // namespace

class TestJsonRpcAuth final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

    void basicAuth();
    void digestAuth();
    void credentialsSetSeparately();
    void wrongPasswordIsHttp401();
    void passwordNeverInErrorsOrLogs();

private:
    std::unique_ptr<JsonRpcClient> makeClient(const QString &userInfo, int timeoutMs = 3000);
    Fx::Handler basicHandler(const QString &password);
    Fx::Handler digestHandler(const QString &password);

    std::unique_ptr<FakeHttpServer> m_server;
    int m_challenges = 0;
};

void TestJsonRpcAuth::initTestCase()
{
    QVERIFY(RpcClientFixtures::initLibcurl());
    QLoggingCategory::setFilterRules(u"calldeck.rpc.debug=true"_s);
    previousHandler = qInstallMessageHandler(captureMessage);
}

void TestJsonRpcAuth::cleanupTestCase()
{
    qInstallMessageHandler(previousHandler);
}

void TestJsonRpcAuth::init()
{
    m_server = std::make_unique<FakeHttpServer>();
    QVERIFY(m_server->start());
    m_challenges = 0;
}

void TestJsonRpcAuth::cleanup()
{
    m_server.reset();
}

std::unique_ptr<JsonRpcClient> TestJsonRpcAuth::makeClient(const QString &userInfo, const int timeoutMs)
{
    RpcEndpoint endpoint;
    if (!RpcEndpoint::parse(m_server->url(u"http"_s, userInfo), endpoint, nullptr))
    {
        return nullptr;
    }
    endpoint.setTimeoutMs(timeoutMs);
    return std::make_unique<JsonRpcClient>(endpoint);
}

Fx::Handler TestJsonRpcAuth::basicHandler(const QString &password)
{
    const QByteArray expected = "Basic " + (User + u':' + password).toUtf8().toBase64();
    return [this, expected](const Fx::Request &r) {
        if (r.header("Authorization") != expected)
        {
            ++m_challenges;
            return challenge("Basic");
        }
        return success(r);
    };
}

Fx::Handler TestJsonRpcAuth::digestHandler(const QString &password)
{
    return [this, password](const Fx::Request &r) {
        const QByteArray header = r.header("Authorization");
        const QHash<QByteArray, QByteArray> p = digestParameters(header);
        const QByteArray ha1 = md5(User.toUtf8() + ':' + Realm + ':' + password.toUtf8());
        const QByteArray ha2 = md5(r.method + ':' + p.value("uri"));
        const QByteArray expected = md5(ha1 + ':' + p.value("nonce") + ':' + p.value("nc") + ':' +
                                        p.value("cnonce") + ':' + p.value("qop") + ':' + ha2);
        if (!header.startsWith("Digest ") || p.value("username") != User.toUtf8() ||
            p.value("realm") != Realm || p.value("uri") != r.path || p.value("qop") != "auth" ||
            p.value("response") != expected)
        {
            ++m_challenges;
            return challenge("Digest");
        }
        return success(r);
    };
}

void TestJsonRpcAuth::basicAuth()
{
    m_server->setHandler(basicHandler(Password));
    const auto client = makeClient(User + u':' + Password);
    RpcRecorder recorder(*client);
    for (int i = 0; i < 3; ++i)
    {
        client->send(u"dlg.stats_active"_s);
    }
    QVERIFY(recorder.waitFor(3));
    for (const RpcRecorder::Event &e : recorder.events())
    {
        QVERIFY2(e.ok, qPrintable(e.error.toString()));
    }
    // libcurl asks first (the server names the scheme), then sends basic credentials on every
    // later request without asking again.
    QCOMPARE(m_challenges, 1);
    QCOMPARE(m_server->requests().size(), 4);
    QCOMPARE(m_server->connectionCount(), 1);
}

void TestJsonRpcAuth::digestAuth()
{
    m_server->setHandler(digestHandler(Password));
    const auto client = makeClient(User + u':' + Password);
    RpcRecorder recorder(*client);
    for (int i = 0; i < 3; ++i)
    {
        client->send(u"dlg.end_dlg"_s, QJsonArray{i, i});
    }
    QVERIFY(recorder.waitFor(3));
    for (const RpcRecorder::Event &e : recorder.events())
    {
        QVERIFY2(e.ok, qPrintable(e.error.toString()));
    }
    qInfo("digest: %d challenge(s) for 3 requests, %lld HTTP requests, %d connection(s)", m_challenges,
          static_cast<long long>(m_server->requests().size()), m_server->connectionCount());
    // The first request is answered with a challenge; libcurl keeps the nonce and counts nc up.
    QCOMPARE(m_challenges, 1);
    QCOMPARE(m_server->requests().size(), 4);
    QCOMPARE(m_server->connectionCount(), 1);
    // The body was sent again in full after the challenge.
    QCOMPARE(m_server->requests().at(0).body, m_server->requests().at(1).body);
    for (const Fx::Request &r : m_server->requests())
    {
        QVERIFY(!r.header("Authorization").contains(Password.toUtf8()));
    }
}

void TestJsonRpcAuth::credentialsSetSeparately()
{
    m_server->setHandler(digestHandler(u"p@ss:word"_s));
    RpcEndpoint endpoint;
    QVERIFY(RpcEndpoint::parse(m_server->url(), endpoint, nullptr));
    endpoint.setCredentials(User, u"p@ss:word"_s);
    JsonRpcClient client(endpoint);
    RpcRecorder recorder(client);
    const RpcRecorder::Event e = recorder.waitForId(client.send(u"dlg.stats_active"_s));
    QVERIFY2(e.ok, qPrintable(e.error.toString()));
    QVERIFY(!client.endpoint().toDisplayString().contains(u"p@ss"_s));
}

void TestJsonRpcAuth::wrongPasswordIsHttp401()
{
    for (const bool digest : {false, true})
    {
        m_challenges = 0;
        m_server->setHandler(digest ? digestHandler(u"other-password"_s) : basicHandler(u"other-password"_s));
        const auto client = makeClient(User + u':' + Password);
        RpcRecorder recorder(*client);
        const RpcRecorder::Event e = recorder.waitForId(client->send(u"dlg.stats_active"_s));
        QCOMPARE(e.id, 1);
        QVERIFY2(e.error.kind == Kind::Http, qPrintable(e.error.toString()));
        QCOMPARE(e.error.httpStatus, 401);
        QCOMPARE(e.error.message,
                 u"HTTP 401 Unauthorized with an empty body; the proxy refused the credentials of "
                 "user 'noc'"_s);
        // The probe and one attempt with the credentials; libcurl does not retry a refused one.
        QCOMPARE(m_challenges, 2);
    }
}

void TestJsonRpcAuth::passwordNeverInErrorsOrLogs()
{
    {
        const QMutexLocker lock(&logMutex);
        logLines.clear();
    }
    QList<RpcError> errors;
    const auto collect = [&errors](const std::unique_ptr<JsonRpcClient> &client, const QString &method) {
        RpcRecorder recorder(*client);
        const RpcRecorder::Event e = recorder.waitForId(client->send(method));
        if (!e.ok)
        {
            errors.append(e.error);
        }
        return e;
    };
    const QString userInfo = User + u':' + Password;

    m_server->setHandler(digestHandler(Password));
    QVERIFY(collect(makeClient(userInfo), u"ok"_s).ok);
    m_server->setHandler(basicHandler(Password));
    QVERIFY(collect(makeClient(userInfo), u"ok"_s).ok);
    m_server->setHandler(digestHandler(u"x"_s));
    QVERIFY(!collect(makeClient(userInfo), u"wrong password"_s).ok);
    // A server that quotes the credentials back in an error page: scrubbed from the message.
    m_server->setHandler([](const Fx::Request &r) {
        if (r.header("Authorization").isEmpty())
        {
            return challenge("Basic");
        }
        const QByteArray body = "login " + QByteArray::fromBase64(r.header("Authorization").mid(6));
        return Fx::raw(Fx::reply(502, "Bad Gateway", body));
    });
    const auto quoted = makeClient(userInfo);
    RpcRecorder quotedRecorder(*quoted);
    QCOMPARE(quotedRecorder.waitForId(quoted->send(u"quoted"_s)).error.message,
             u"HTTP 502 Bad Gateway; the body is not a JSON-RPC error: 'login noc:***'"_s);
    m_server->setHandler([](const Fx::Request &) { return Fx::ignore(); });
    QVERIFY(!collect(makeClient(userInfo, 300), u"timeout"_s).ok);
    m_server->setHandler([](const Fx::Request &) { return Fx::closeWithoutReply(); });
    QVERIFY(!collect(makeClient(userInfo), u"closed"_s).ok);
    const auto refused = makeClient(userInfo);
    m_server->close();
    QVERIFY(!collect(refused, u"refused"_s).ok);

    QCOMPARE(errors.size(), 4); // besides the quoted one
    const QByteArray basic = (User + u':' + Password).toUtf8().toBase64();
    for (const RpcError &error : errors)
    {
        QVERIFY2(!error.message.contains(Password), qPrintable(error.message));
    }
    const QMutexLocker lock(&logMutex);
    QVERIFY(logLines.size() >= 14); // each request logged its request and reply lines
    for (const QString &line : std::as_const(logLines))
    {
        QVERIFY2(!line.contains(Password) && !line.contains(QString::fromLatin1(basic)), qPrintable(line));
    }
}

QTEST_GUILESS_MAIN(TestJsonRpcAuth)
#include "tst_jsonrpcauth.moc"
