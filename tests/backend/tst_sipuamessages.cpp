// SPDX-License-Identifier: GPL-3.0-or-later
// The SIP user agent's pure helpers: next-hop URIs and the top-Via rewrite of outgoing requests.
#include <QTest>

#include "backend/sipua/sipnexthop.h"
#include "backend/sipua/sipoutgoingrequest.h"

using namespace Qt::StringLiterals;

class TestSipUaMessages final : public QObject
{
    Q_OBJECT

private slots:
    void nextHop_data();
    void nextHop();
    void badNextHop_data();
    void badNextHop();
    void viaReplaced_data();
    void viaReplaced();
    void viaInsertedAndContentLengthAdded();
    void rejected_data();
    void rejected();
};

void TestSipUaMessages::nextHop_data()
{
    QTest::addColumn<QString>("uri");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<bool>("tcp");
    QTest::addColumn<bool>("literal");
    QTest::addRow("ipv4") << u"sip:192.0.2.1"_s << u"192.0.2.1"_s << 5060 << false << true;
    QTest::addRow("user, port, lr") << u"sip:bob@192.0.2.1:5070;lr"_s << u"192.0.2.1"_s << 5070 << false
                                    << true;
    QTest::addRow("route entry") << u" <sip:10.0.0.1;lr;did=e1f.2;transport=TCP> "_s << u"10.0.0.1"_s << 5060
                                 << true << true;
    QTest::addRow("ipv6") << u"sip:[2001:db8::1]:5080;transport=udp"_s << u"2001:db8::1"_s << 5080 << false
                          << true;
    QTest::addRow("name") << u"SIP:proxy.example.com;transport=tcp?Subject=x"_s << u"proxy.example.com"_s
                          << 5060 << true << false;
}

void TestSipUaMessages::nextHop()
{
    QFETCH(QString, uri);
    SipNextHop hop;
    QString error;
    QVERIFY2(SipNextHop::parse(uri, hop, &error), qPrintable(error));
    QTEST(hop.host, "host");
    QTEST(int(hop.port), "port");
    QTEST(hop.transport == SipNextHop::Transport::Tcp, "tcp");
    QTEST(hop.hostIsAddress, "literal");
}

void TestSipUaMessages::badNextHop_data()
{
    QTest::addColumn<QString>("uri");
    QTest::addColumn<QString>("error");
    QTest::addRow("sips") << u"sips:p.example.com"_s << u"no TLS"_s;
    QTest::addRow("tls") << u"sip:p.example.com;transport=tls"_s << u"no TLS"_s;
    QTest::addRow("sctp") << u"sip:p.example.com;transport=sctp"_s << u"transport=sctp"_s;
    QTest::addRow("tel") << u"tel:+123"_s << u"not a SIP URI"_s;
    QTest::addRow("empty") << QString() << u"not a SIP URI"_s;
    QTest::addRow("no host") << u"sip:bob@:5060"_s << u"no host"_s;
    QTest::addRow("port 0") << u"sip:h:0"_s << u"invalid port"_s;
    QTest::addRow("port 70000") << u"sip:h:70000"_s << u"invalid port"_s;
    QTest::addRow("empty port") << u"sip:h:"_s << u"empty port"_s;
    QTest::addRow("open bracket") << u"sip:[::1"_s << u"closing ']'"_s;
    QTest::addRow("bad v6") << u"sip:[zz::1]"_s << u"invalid IPv6"_s;
}

void TestSipUaMessages::badNextHop()
{
    QFETCH(QString, uri);
    QFETCH(QString, error);
    SipNextHop hop;
    QString text;
    QVERIFY(!SipNextHop::parse(uri, hop, &text));
    QVERIFY2(text.contains(error), qPrintable(text));
    QVERIFY(text.endsWith(u"; check the dialog's contact/route"_s));
}

void TestSipUaMessages::viaReplaced_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<QByteArray>("oldVia");
    QTest::addColumn<QByteArray>("tail");
    QTest::addRow("long form") << QByteArray("REFER sip:b@h SIP/2.0\r\nVia: ")
                               << QByteArray("SIP/2.0/UDP a;branch=1")
                               << QByteArray(
                                      "\r\nFrom: <sip:a@h>;tag=1\r\nTo: <sip:b@h>;tag=2\r\nCall-ID: c\r\n"
                                      "CSeq: 3 REFER\r\nRefer-To: <sip:c@h>\r\nContent-Length: 0\r\n\r\n");
    QTest::addRow("compact, two entries, body")
        << QByteArray("INFO sip:b@h SIP/2.0\r\nv:  ") << QByteArray("SIP/2.0/TCP [::1]:5070;branch=z9hG4bKx")
        << QByteArray(", SIP/2.0/UDP second;branch=z9hG4bKy\r\nf: <sip:a@h>;tag=1\r\nt: <sip:b@h>;tag=2\r\n"
                      "i: c\r\nCSeq: 4 INFO\r\nc: text/plain\r\nl: 5\r\n\r\nhello");
}

void TestSipUaMessages::viaReplaced()
{
    QFETCH(QByteArray, head);
    QFETCH(QByteArray, oldVia);
    QFETCH(QByteArray, tail);
    SipOutgoingRequest out;
    QString error;
    QVERIFY2(SipOutgoingRequest::prepare(head + oldVia + tail, u"UDP"_s, u"127.0.0.1:5099"_s, out, &error),
             qPrintable(error));
    QVERIFY(out.branch.startsWith("z9hG4bK"));
    QCOMPARE(out.branch.size(), 7 + 24);
    QCOMPARE(out.bytes, head + "SIP/2.0/UDP 127.0.0.1:5099;branch=" + out.branch + ";rport" + tail);
    SipOutgoingRequest again;
    QVERIFY(SipOutgoingRequest::prepare(head + oldVia + tail, u"UDP"_s, u"127.0.0.1:5099"_s, again, &error));
    QVERIFY(again.branch != out.branch);
}

void TestSipUaMessages::viaInsertedAndContentLengthAdded()
{
    const QByteArray in =
        "OPTIONS sip:b@h SIP/2.0\r\nFrom: <sip:a@h>;tag=1\r\nTo: <sip:b@h>\r\nCall-ID: c\r\n"
        "CSeq: 1 OPTIONS\r\n\r\n";
    SipOutgoingRequest out;
    QString error;
    QVERIFY2(SipOutgoingRequest::prepare(in, u"TCP"_s, u"[::1]:5099"_s, out, &error), qPrintable(error));
    QCOMPARE(out.method, QByteArray("OPTIONS"));
    QCOMPARE(out.bytes,
             "OPTIONS sip:b@h SIP/2.0\r\nVia: SIP/2.0/TCP [::1]:5099;branch=" + out.branch +
                 ";rport\r\nFrom: <sip:a@h>;tag=1\r\nTo: <sip:b@h>\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\n"
                 "Content-Length: 0\r\n\r\n");
}

void TestSipUaMessages::rejected_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QString>("error");
    QTest::addRow("garbage") << QByteArray("\x01\x02 nonsense") << u"not valid SIP"_s;
    QTest::addRow("response") << QByteArray("SIP/2.0 200 OK\r\nFrom: <sip:a@h>;tag=1\r\nTo: <sip:b@h>\r\n"
                                            "Call-ID: c\r\nCSeq: 1 BYE\r\n\r\n")
                              << u"is a response"_s;
    QTest::addRow("invite") << QByteArray(
                                   "INVITE sip:b@h SIP/2.0\r\nFrom: <sip:a@h>;tag=1\r\nTo: <sip:b@h>\r\n"
                                   "Call-ID: c\r\nCSeq: 1 INVITE\r\n\r\n")
                            << u"non-INVITE"_s;
    QTest::addRow("cseq method") << QByteArray(
                                        "BYE sip:b@h SIP/2.0\r\nFrom: <sip:a@h>;tag=1\r\nTo: <sip:b@h>\r\n"
                                        "Call-ID: c\r\nCSeq: 1 INFO\r\n\r\n")
                                 << u"differs"_s;
    QTest::addRow("truncated body") << QByteArray(
                                           "BYE sip:b@h SIP/2.0\r\nFrom: <sip:a@h>;tag=1\r\nTo: <sip:b@h>\r\n"
                                           "Call-ID: c\r\nCSeq: 1 BYE\r\nContent-Length: 10\r\n\r\nabc")
                                    << u"not valid SIP (truncated)"_s;
}

void TestSipUaMessages::rejected()
{
    QFETCH(QByteArray, message);
    QFETCH(QString, error);
    SipOutgoingRequest out;
    QString text;
    QVERIFY(!SipOutgoingRequest::prepare(message, u"UDP"_s, u"127.0.0.1:5099"_s, out, &text));
    QVERIFY2(text.contains(error), qPrintable(text));
}

QTEST_GUILESS_MAIN(TestSipUaMessages)
#include "tst_sipuamessages.moc"
