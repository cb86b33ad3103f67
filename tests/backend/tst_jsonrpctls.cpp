// SPDX-License-Identifier: GPL-3.0-or-later
// JsonRpcClient over HTTPS against a TLS fake server (QSslSocket on the accepted socket) with a
// throwaway self-signed certificate made by openssl: a trusted CA file, the system store (which
// does not know it), verification off, a host-name mismatch, a missing CA file, and https:// to a
// plain HTTP server.
#include <memory>

#include <QFile>
#include <QJsonObject>
#include <QProcess>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "backend/jsonrpcclient.h"
#include "fakehttpserver.h"
#include "rpcclientfixtures.h"
#include "rpcrecorder.h"

using namespace Qt::StringLiterals;
using Fx = FakeHttpServer;
using Kind = RpcError::Kind;

class TestJsonRpcTls final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void trustedByCaFile();
    void untrustedBySystemStore();
    void verificationOff();
    void hostNameMismatch();
    void missingCaFile();
    void httpsToPlainHttpServer();

private:
    RpcRecorder::Event callOnce(const QString &url, const QString &caFile, bool verify = true);

    QTemporaryDir m_dir;
    QString m_certFile;
    QSslCertificate m_certificate;
    QSslKey m_key;
    std::unique_ptr<FakeHttpServer> m_server;
};

void TestJsonRpcTls::initTestCase()
{
    QVERIFY(RpcClientFixtures::initLibcurl());
    if (!QSslSocket::supportsSsl())
    {
        QSKIP("Qt has no TLS backend here; the TLS fake server cannot run");
    }
    const QString openssl = QStandardPaths::findExecutable(u"openssl"_s);
    if (openssl.isEmpty())
    {
        QSKIP("openssl (Debian package openssl) is not installed; cannot make a test certificate");
    }
    QVERIFY(m_dir.isValid());
    m_certFile = m_dir.filePath(u"cert.pem"_s);
    const QString keyFile = m_dir.filePath(u"key.pem"_s);
    QProcess process;
    process.start(openssl, {u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
                            u"ec_paramgen_curve:prime256v1"_s, u"-nodes"_s, u"-keyout"_s, keyFile, u"-out"_s,
                            m_certFile, u"-days"_s, u"2"_s, u"-subj"_s, u"/CN=127.0.0.1"_s, u"-addext"_s,
                            u"subjectAltName=IP:127.0.0.1"_s});
    QVERIFY(process.waitForFinished(30000));
    QVERIFY2(process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0,
             process.readAllStandardError().constData());
    const QList<QSslCertificate> certificates = QSslCertificate::fromPath(m_certFile);
    QCOMPARE(certificates.size(), 1);
    m_certificate = certificates.first();
    QFile key(keyFile);
    QVERIFY(key.open(QIODevice::ReadOnly));
    m_key = QSslKey(&key, QSsl::Ec);
    QVERIFY(!m_key.isNull());
}

void TestJsonRpcTls::init()
{
    m_server = std::make_unique<FakeHttpServer>();
    m_server->setTls(m_certificate, m_key);
    QVERIFY(m_server->start());
    m_server->setHandler([](const Fx::Request &r) {
        return Fx::json(
            RpcClientFixtures::withId(RpcClientFixtures::sample(u"dlg.stats_active.json"_s), r.rpcId()));
    });
}

void TestJsonRpcTls::cleanup()
{
    m_server.reset();
}

RpcRecorder::Event TestJsonRpcTls::callOnce(const QString &url, const QString &caFile, const bool verify)
{
    RpcEndpoint endpoint;
    if (!RpcEndpoint::parse(url, endpoint, nullptr))
    {
        return {};
    }
    endpoint.setCaFile(caFile);
    endpoint.setVerifyTls(verify);
    endpoint.setTimeoutMs(5000);
    // The TLS handshake counts as connecting; a plain server never answers the ClientHello.
    endpoint.setConnectTimeoutMs(1000);
    JsonRpcClient client(endpoint);
    RpcRecorder recorder(client);
    return recorder.waitForId(client.send(u"dlg.stats_active"_s));
}

void TestJsonRpcTls::trustedByCaFile()
{
    RpcEndpoint endpoint;
    QVERIFY(RpcEndpoint::parse(m_server->url(u"https"_s), endpoint, nullptr));
    endpoint.setCaFile(m_certFile);
    JsonRpcClient client(endpoint);
    RpcRecorder recorder(client);
    client.send(u"dlg.stats_active"_s);
    client.send(u"dlg.stats_active"_s);
    QVERIFY(recorder.waitFor(2));
    for (const RpcRecorder::Event &e : recorder.events())
    {
        QVERIFY2(e.ok, qPrintable(e.error.toString()));
        QCOMPARE(e.result.toObject().value("all"_L1).toInt(), 20);
    }
    QCOMPARE(m_server->connectionCount(), 1); // keep-alive over TLS too
}

void TestJsonRpcTls::untrustedBySystemStore()
{
    const RpcRecorder::Event e = callOnce(m_server->url(u"https"_s), {});
    QCOMPARE(e.id, 1);
    QVERIFY2(e.error.kind == Kind::Transport, qPrintable(e.error.toString()));
    QCOMPARE(e.error.httpStatus, 0);
    QVERIFY2(e.error.message.contains(u"certificate"_s), qPrintable(e.error.message));
    qInfo("untrusted: %s", qPrintable(e.error.message));
}

void TestJsonRpcTls::verificationOff()
{
    const RpcRecorder::Event e = callOnce(m_server->url(u"https"_s), {}, false);
    QVERIFY2(e.ok, qPrintable(e.error.toString()));
}

void TestJsonRpcTls::hostNameMismatch()
{
    // The certificate names 127.0.0.1 only; "localhost" reaches the same socket.
    QString url = m_server->url(u"https"_s);
    url.replace(u"127.0.0.1"_s, u"localhost"_s);
    const RpcRecorder::Event e = callOnce(url, m_certFile);
    QCOMPARE(e.id, 1);
    QVERIFY2(e.error.kind == Kind::Transport, qPrintable(e.error.toString()));
    QVERIFY2(e.error.message.contains(u"localhost"_s), qPrintable(e.error.message));
    qInfo("mismatch: %s", qPrintable(e.error.message));
}

void TestJsonRpcTls::missingCaFile()
{
    const QString missing = m_dir.filePath(u"no-such-ca.pem"_s);
    const RpcRecorder::Event e = callOnce(m_server->url(u"https"_s), missing);
    QCOMPARE(e.id, 1);
    QVERIFY2(e.error.kind == Kind::Transport, qPrintable(e.error.toString()));
    QVERIFY2(e.error.message.contains(missing), qPrintable(e.error.message));
    qInfo("missing CA file: %s", qPrintable(e.error.message));
}

void TestJsonRpcTls::httpsToPlainHttpServer()
{
    FakeHttpServer plain;
    QVERIFY(plain.start());
    const RpcRecorder::Event e = callOnce(plain.url(u"https"_s), m_certFile);
    QCOMPARE(e.id, 1);
    QVERIFY2(e.error.kind == Kind::Transport, qPrintable(e.error.toString()));
    qInfo("https to http: %s", qPrintable(e.error.message));
}

QTEST_GUILESS_MAIN(TestJsonRpcTls)
#include "tst_jsonrpctls.moc"
