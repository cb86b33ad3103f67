// SPDX-License-Identifier: GPL-3.0-or-later
// Proxy URLs for the JSON-RPC client: parts, defaults, validation messages, no password shown.
#include <QTest>

#include "backend/rpcendpoint.h"

using namespace Qt::StringLiterals;

class TestRpcEndpoint final : public QObject
{
    Q_OBJECT

private slots:
    void parsesParts_data();
    void parsesParts();
    void rejects_data();
    void rejects();
    void credentialsFromUrlAndSetter();
    void passwordNeverShown();
    void keepsSettingsAcrossParse();
    void timeoutsHaveDefaults();
};

void TestRpcEndpoint::parsesParts_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("https");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("requestUrl");

    QTest::addRow("plain") << u"http://127.0.0.1:5071/RPC"_s << false << u"127.0.0.1"_s << 5071 << u"/RPC"_s
                           << "http://127.0.0.1:5071/RPC"_ba;
    QTest::addRow("default http port and path")
        << u"http://kamailio.example"_s << false << u"kamailio.example"_s << 80 << u"/RPC"_s
        << "http://kamailio.example:80/RPC"_ba;
    QTest::addRow("https default port") << u"https://proxy/jsonrpc"_s << true << u"proxy"_s << 443
                                        << u"/jsonrpc"_s << "https://proxy:443/jsonrpc"_ba;
    QTest::addRow("upper-case scheme") << u"HTTP://127.0.0.1:5071/RPC"_s << false << u"127.0.0.1"_s << 5071
                                       << u"/RPC"_s << "http://127.0.0.1:5071/RPC"_ba;
    QTest::addRow("ipv6") << u"http://[::1]:5071/RPC"_s << false << u"::1"_s << 5071 << u"/RPC"_s
                          << "http://[::1]:5071/RPC"_ba;
    QTest::addRow("query kept") << u"http://h:1/RPC?x=1"_s << false << u"h"_s << 1 << u"/RPC?x=1"_s
                                << "http://h:1/RPC?x=1"_ba;
    QTest::addRow("user info left out of the request URL")
        << u"http://admin:s3cret@10.0.0.5:5071/RPC"_s << false << u"10.0.0.5"_s << 5071 << u"/RPC"_s
        << "http://10.0.0.5:5071/RPC"_ba;
    QTest::addRow("spaces around") << u"  http://h:2/RPC \n"_s << false << u"h"_s << 2 << u"/RPC"_s
                                   << "http://h:2/RPC"_ba;
}

void TestRpcEndpoint::parsesParts()
{
    QFETCH(QString, url);
    RpcEndpoint e;
    QString error;
    QVERIFY2(RpcEndpoint::parse(url, e, &error), qPrintable(error));
    QVERIFY(e.isValid());
    QFETCH(bool, https);
    QCOMPARE(e.scheme() == RpcEndpoint::Scheme::Https, https);
    QTEST(e.host(), "host");
    QTEST(int(e.port()), "port");
    QTEST(e.path(), "path");
    QTEST(e.requestUrl(), "requestUrl");
    QVERIFY(e.verifyTls());
}

void TestRpcEndpoint::rejects_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("expected");

    QTest::addRow("ftp") << u"ftp://user:pw1234@host/x"_s
                         << u"unsupported scheme 'ftp' in ftp://user@host/x; use http:// or https://"_s;
    QTest::addRow("empty") << u"  "_s << u"empty proxy URL; expected e.g. http://127.0.0.1:5071/RPC"_s;
    QTest::addRow("no scheme") << u"127.0.0.1:5071/RPC"_s
                               << u"no scheme in '127.0.0.1:5071/RPC'; use http:// or https://, e.g. "
                                  "http://127.0.0.1:5071/RPC"_s;
    QTest::addRow("no scheme, credentials") << u"admin:pw1234@h:1/RPC"_s
                                            << u"no scheme in 'admin@h:1/RPC'; use http:// or https://, e.g. "
                                               "http://127.0.0.1:5071/RPC"_s;
    QTest::addRow("no host") << u"http:///RPC"_s
                             << u"no host in http:///RPC; expected e.g. http://127.0.0.1:5071/RPC"_s;
    QTest::addRow("port 0") << u"http://h:0/RPC"_s
                            << u"port 0 in http://h:0/RPC is not usable; use 1 to 65535"_s;
    QTest::addRow("port too big") << u"http://u:pw1234@h:99999/RPC"_s
                                  << u"invalid proxy URL http://u@h:99999/RPC"_s;
    QTest::addRow("bad host") << u"http://ho st:1/RPC"_s << u"invalid proxy URL http://ho st:1/RPC"_s;
}

void TestRpcEndpoint::rejects()
{
    QFETCH(QString, url);
    QFETCH(QString, expected);
    RpcEndpoint e;
    QString error;
    QVERIFY(!RpcEndpoint::parse(url, e, &error));
    QVERIFY(!e.isValid());
    QVERIFY2(error.startsWith(expected), qPrintable(error));
    QVERIFY2(!error.contains(u"pw1234"_s), qPrintable(error));
    QVERIFY(!RpcEndpoint::parse(url, e, nullptr));
}

void TestRpcEndpoint::credentialsFromUrlAndSetter()
{
    RpcEndpoint e;
    QVERIFY(RpcEndpoint::parse(u"http://ad%40min:p%3Aw%40rd@h:1/RPC"_s, e, nullptr));
    QCOMPARE(e.user(), u"ad@min"_s);
    QCOMPARE(e.password(), u"p:w@rd"_s);
    QVERIFY(e.hasCredentials());
    e.setCredentials(u"other"_s, u"secret"_s);
    QCOMPARE(e.user(), u"other"_s);
    QCOMPARE(e.password(), u"secret"_s);
    e.setCredentials({}, {});
    QVERIFY(!e.hasCredentials());
}

void TestRpcEndpoint::passwordNeverShown()
{
    RpcEndpoint e;
    QVERIFY(RpcEndpoint::parse(u"https://admin:hunter22@[::1]:5071/RPC"_s, e, nullptr));
    QCOMPARE(e.toDisplayString(), u"https://admin@[::1]:5071/RPC"_s);
    QVERIFY(!e.requestUrl().contains("hunter22"));
    QVERIFY(!e.requestUrl().contains("admin"));
    QCOMPARE(RpcEndpoint::redacted(u"http://a:b@c/d@e"_s), u"http://a@c/d@e"_s);
    QCOMPARE(RpcEndpoint::redacted(u"http://c/d:x@e"_s), u"http://c/d:x@e"_s);
    QCOMPARE(RpcEndpoint::redacted(u"http://a@c/"_s), u"http://a@c/"_s);
    QCOMPARE(RpcEndpoint().toDisplayString(), QString());
}

void TestRpcEndpoint::keepsSettingsAcrossParse()
{
    RpcEndpoint e;
    e.setCaFile(u"/etc/ca.pem"_s);
    e.setVerifyTls(false);
    e.setTimeoutMs(900);
    e.setConnectTimeoutMs(300);
    QVERIFY(RpcEndpoint::parse(u"https://h/RPC"_s, e, nullptr));
    QCOMPARE(e.caFile(), u"/etc/ca.pem"_s);
    QVERIFY(!e.verifyTls());
    QCOMPARE(e.timeoutMs(), 900);
    QCOMPARE(e.connectTimeoutMs(), 300);
}

void TestRpcEndpoint::timeoutsHaveDefaults()
{
    RpcEndpoint e;
    QCOMPARE(e.timeoutMs(), 5000);
    QCOMPARE(e.connectTimeoutMs(), 2000);
    e.setTimeoutMs(0);
    e.setConnectTimeoutMs(-5);
    QCOMPARE(e.timeoutMs(), RpcEndpoint::DefaultTimeoutMs);
    QCOMPARE(e.connectTimeoutMs(), RpcEndpoint::DefaultConnectTimeoutMs);
}

QTEST_GUILESS_MAIN(TestRpcEndpoint)
#include "tst_rpcendpoint.moc"
