// SPDX-License-Identifier: GPL-3.0-or-later
#include <string>

#include <QTest>

#include "backend/core/sipheaders.h"
#include "siptestsupport.h"

using namespace calldeck::core;
using namespace Qt::StringLiterals;

namespace
{

QByteArray bytes(std::string_view v)
{
    return siptest::toBytes(v);
}

std::string_view view(const QByteArray &b)
{
    return siptest::toView(b);
}

} // namespace

class TestSipHeaders final : public QObject
{
    Q_OBJECT

private slots:
    void nameAddr_data();
    void nameAddr();
    void cseq_data();
    void cseq();
    void via_data();
    void via();
    void entries_data();
    void entries();
    void entriesStopEarly();
    void params_data();
    void params();
    void uriParts_data();
    void uriParts();
    void unfold_data();
    void unfold();
    void caseAndTrim();
};

void TestSipHeaders::nameAddr_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QByteArray>("display");
    QTest::addColumn<QByteArray>("uri");
    QTest::addColumn<QByteArray>("params");
    QTest::addColumn<QByteArray>("tag");
    const QByteArray none;
    QTest::newRow("quoted") << R"("Alice" <sip:alice@a.com>;tag=123)"_ba << true << "Alice"_ba
                            << "sip:alice@a.com"_ba
                            << ";tag=123"_ba
                            << "123"_ba;
    QTest::newRow("token display") << "Alice Smith <sip:alice@a.com>"_ba << true << "Alice Smith"_ba
                                   << "sip:alice@a.com"_ba << none << none;
    QTest::newRow("brackets only") << "<sip:a@b>"_ba << true << none << "sip:a@b"_ba << none << none;
    QTest::newRow("bare with tag") << "sip:a@b;tag=x;lr"_ba << true << none << "sip:a@b"_ba
                                   << ";tag=x;lr"_ba
                                   << "x"_ba;
    QTest::newRow("bare") << "sip:a@b"_ba << true << none << "sip:a@b"_ba << none << none;
    QTest::newRow("bare, space before ;") << "sip:a@b ;tag=3"_ba << true << none << "sip:a@b"_ba
                                          << ";tag=3"_ba
                                          << "3"_ba;
    QTest::newRow("escaped quotes") << R"("A \"q\" B" <sip:a@b>;tag=1)"_ba << true << R"(A \"q\" B)"_ba
                                    << "sip:a@b"_ba
                                    << ";tag=1"_ba
                                    << "1"_ba;
    QTest::newRow("escaped backslash") << R"("A\\" <sip:a@b>)"_ba << true << R"(A\\)"_ba
                                       << "sip:a@b"_ba << none << none;
    QTest::newRow("brackets in quotes") << R"("<sip:fake@x>" <sip:real@y>)"_ba << true << "<sip:fake@x>"_ba
                                        << "sip:real@y"_ba << none << none;
    QTest::newRow("uri params stay in uri") << R"("a;b" <sip:x@y;lr>;tag=t;foo)"_ba << true << "a;b"_ba
                                            << "sip:x@y;lr"_ba
                                            << ";tag=t;foo"_ba
                                            << "t"_ba;
    QTest::newRow("spaces") << "  <sip:a@b>  ;  tag = 7 "_ba << true << none << "sip:a@b"_ba
                            << ";  tag = 7"_ba
                            << "7"_ba;
    QTest::newRow("TAG upper") << "<sip:a@b>;TAG=Up"_ba << true << none << "sip:a@b"_ba
                               << ";TAG=Up"_ba
                               << "Up"_ba;
    QTest::newRow("valueless tag") << "<sip:a@b>;tagx=1;tag"_ba << true << none << "sip:a@b"_ba
                                   << ";tagx=1;tag"_ba << none;
    QTest::newRow("folded") << "Bob\r\n <sip:bob@b>"_ba << true << "Bob"_ba
                            << "sip:bob@b"_ba << none << none;
    QTest::newRow("no space") << R"("Alice"<sip:a@b>)"_ba << true << "Alice"_ba
                              << "sip:a@b"_ba << none << none;
    QTest::newRow("uri headers") << "<sip:a@b;transport=tcp?subject=x>;tag=9"_ba << true << none
                                 << "sip:a@b;transport=tcp?subject=x"_ba
                                 << ";tag=9"_ba
                                 << "9"_ba;
    QTest::newRow("star") << "*"_ba << true << none << "*"_ba << none << none;
    QTest::newRow("tel") << "tel:+15551234;tag=9"_ba << true << none << "tel:+15551234"_ba
                         << ";tag=9"_ba
                         << "9"_ba;
    QTest::newRow("quoted param") << R"(<sip:a@b>;+sip.instance="<urn:uuid:1;tag=2>";tag=q)"_ba << true
                                  << none << "sip:a@b"_ba
                                  << R"(;+sip.instance="<urn:uuid:1;tag=2>";tag=q)"_ba
                                  << "q"_ba;
    QTest::newRow("empty display quotes")
        << R"("" <sip:a@b>)"_ba << true << none << "sip:a@b"_ba << none << none;
    QTest::newRow("empty") << QByteArray() << false << none << none << none << none;
    QTest::newRow("blank") << "  \r\n "_ba << false << none << none << none << none;
    QTest::newRow("unterminated quote") << R"("Alice <sip:a@b>)"_ba << false << none << none << none << none;
    QTest::newRow("unterminated bracket") << "<sip:a@b;tag=1"_ba << false << none << none << none << none;
    QTest::newRow("quoted display, bare uri")
        << R"("Alice" sip:a@b)"_ba << false << none << none << none << none;
    QTest::newRow("empty brackets") << "<>"_ba << false << none << none << none << none;
    QTest::newRow("junk after >") << "<sip:a@b> junk"_ba << false << none << none << none << none;
    QTest::newRow("token display, bare uri") << "Alice sip:a@b"_ba << false << none << none << none << none;
    QTest::newRow("params only") << ";tag=1"_ba << false << none << none << none << none;
}

void TestSipHeaders::nameAddr()
{
    QFETCH(QByteArray, value);
    QFETCH(bool, ok);
    SipNameAddr a;
    a.uri = "stale";
    QCOMPARE(parseNameAddr(view(value), a), ok);
    if (!ok)
    {
        QVERIFY(a.uri.empty());
        return;
    }
    QFETCH(QByteArray, display);
    QFETCH(QByteArray, uri);
    QFETCH(QByteArray, params);
    QFETCH(QByteArray, tag);
    QCOMPARE(bytes(a.display), display);
    QCOMPARE(bytes(a.uri), uri);
    QCOMPARE(bytes(a.params), params);
    QCOMPARE(bytes(a.tag), tag);
}

void TestSipHeaders::cseq_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<uint>("number");
    QTest::addColumn<QByteArray>("methodText");
    QTest::addColumn<int>("method");
    QTest::newRow("invite") << "1 INVITE"_ba << true << 1u << "INVITE"_ba << int(SipMethod::Invite);
    QTest::newRow("max") << "4294967295 BYE"_ba << true << 4294967295u << "BYE"_ba << int(SipMethod::Bye);
    QTest::newRow("zero") << "0 ACK"_ba << true << 0u << "ACK"_ba << int(SipMethod::Ack);
    QTest::newRow("spaces") << "  42   CANCEL  "_ba << true << 42u << "CANCEL"_ba << int(SipMethod::Cancel);
    QTest::newRow("tab") << "42\tPRACK"_ba << true << 42u << "PRACK"_ba << int(SipMethod::Prack);
    QTest::newRow("folded") << "7\r\n\tUPDATE"_ba << true << 7u << "UPDATE"_ba << int(SipMethod::Update);
    QTest::newRow("leading zeros") << "00000000001 REFER"_ba << true << 1u << "REFER"_ba
                                   << int(SipMethod::Refer);
    QTest::newRow("lower-case method") << "1 invite"_ba << true << 1u << "invite"_ba << int(SipMethod::Other);
    QTest::newRow("extension method") << "1 FOO"_ba << true << 1u << "FOO"_ba << int(SipMethod::Other);
    QTest::newRow("overflow") << "4294967296 BYE"_ba << false << 0u << QByteArray() << 0;
    QTest::newRow("huge") << "99999999999999999999999 BYE"_ba << false << 0u << QByteArray() << 0;
    QTest::newRow("no number") << "INVITE"_ba << false << 0u << QByteArray() << 0;
    QTest::newRow("no method") << "1"_ba << false << 0u << QByteArray() << 0;
    QTest::newRow("glued") << "1INVITE"_ba << false << 0u << QByteArray() << 0;
    QTest::newRow("trailing word") << "1 INVITE x"_ba << false << 0u << QByteArray() << 0;
    QTest::newRow("negative") << "-1 INVITE"_ba << false << 0u << QByteArray() << 0;
    QTest::newRow("bad method char") << "1 INV;TE"_ba << false << 0u << QByteArray() << 0;
    QTest::newRow("empty") << QByteArray() << false << 0u << QByteArray() << 0;
}

void TestSipHeaders::cseq()
{
    QFETCH(QByteArray, value);
    QFETCH(bool, ok);
    SipCSeq c;
    QCOMPARE(parseCSeq(view(value), c), ok);
    if (!ok)
    {
        return;
    }
    QFETCH(uint, number);
    QFETCH(QByteArray, methodText);
    QFETCH(int, method);
    QCOMPARE(c.number, number);
    QCOMPARE(bytes(c.numberText), QByteArray::number(number).rightJustified(c.numberText.size(), '0'));
    QCOMPARE(bytes(c.methodText), methodText);
    QCOMPARE(int(c.method), method);
}

void TestSipHeaders::via_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QByteArray>("protocol");
    QTest::addColumn<QByteArray>("transport");
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QByteArray>("branch");
    QTest::addColumn<QByteArray>("received");
    QTest::addColumn<QByteArray>("rport");
    QTest::addColumn<QByteArray>("params");
    const QByteArray none;
    QTest::newRow("udp") << "SIP/2.0/UDP 1.2.3.4:5060;branch=z9hG4bK1;rport;received=5.6.7.8"_ba << true
                         << "SIP/2.0/UDP"_ba
                         << "UDP"_ba
                         << "1.2.3.4"_ba << 5060 << "z9hG4bK1"_ba
                         << "5.6.7.8"_ba << none << ";branch=z9hG4bK1;rport;received=5.6.7.8"_ba;
    QTest::newRow("no port") << "SIP/2.0/TCP host.example.com;branch=b"_ba << true << "SIP/2.0/TCP"_ba
                             << "TCP"_ba
                             << "host.example.com"_ba << 0 << "b"_ba << none << none << ";branch=b"_ba;
    QTest::newRow("spaces") << "SIP / 2.0 / TLS h : 5061 ; branch = x"_ba << true << "SIP / 2.0 / TLS"_ba
                            << "TLS"_ba
                            << "h"_ba << 5061 << "x"_ba << none << none << "; branch = x"_ba;
    QTest::newRow("ipv6") << "SIP/2.0/WSS [2001:db8::1]:443;branch=b;rport=1234"_ba << true
                          << "SIP/2.0/WSS"_ba
                          << "WSS"_ba
                          << "[2001:db8::1]"_ba << 443 << "b"_ba << none << "1234"_ba
                          << ";branch=b;rport=1234"_ba;
    QTest::newRow("ipv6 no port") << "SIP/2.0/UDP [::1];branch=b"_ba << true << "SIP/2.0/UDP"_ba
                                  << "UDP"_ba
                                  << "[::1]"_ba << 0 << "b"_ba << none << none << ";branch=b"_ba;
    QTest::newRow("first of a list") << "SIP/2.0/UDP a;branch=1, SIP/2.0/UDP b;branch=2"_ba << true
                                     << "SIP/2.0/UDP"_ba
                                     << "UDP"_ba
                                     << "a"_ba << 0 << "1"_ba << none << none << ";branch=1"_ba;
    QTest::newRow("folded") << "SIP/2.0/UDP h\r\n ;branch=f"_ba << true << "SIP/2.0/UDP"_ba
                            << "UDP"_ba
                            << "h"_ba << 0 << "f"_ba << none << none << ";branch=f"_ba;
    QTest::newRow("no params") << "SIP/2.0/SCTP h:65535"_ba << true << "SIP/2.0/SCTP"_ba
                               << "SCTP"_ba
                               << "h"_ba << 65535 << none << none << none << none;
    QTest::newRow("case") << "sip/2.0/udp H;BRANCH=Z;RECEIVED=1.1.1.1;RPORT=9"_ba << true << "sip/2.0/udp"_ba
                          << "udp"_ba
                          << "H"_ba << 0 << "Z"_ba
                          << "1.1.1.1"_ba
                          << "9"_ba
                          << ";BRANCH=Z;RECEIVED=1.1.1.1;RPORT=9"_ba;
    for (const char *bad : {"", "SIP/2.0 h", "SIP/2.0/ h", "SIP/2.0/UDP", "SIP/2.0/UDP ", "SIP/2.0/UDP h:0",
                            "SIP/2.0/UDP h:65536", "SIP/2.0/UDP h:123456", "SIP/2.0/UDP h:abc",
                            "SIP/2.0/UDP [::1", "SIP/2.0/UDP h junk", "SIP/2.0/UDP h:", "SIP/2.0/UDPh",
                            "/2.0/UDP h", "SIP//UDP h", "SIP/2.0/UDP ;branch=1"})
    {
        QTest::addRow("bad: %s", bad)
            << QByteArray(bad) << false << none << none << none << 0 << none << none << none << none;
    }
}

void TestSipHeaders::via()
{
    QFETCH(QByteArray, value);
    QFETCH(bool, ok);
    SipVia v;
    QCOMPARE(parseVia(view(value), v), ok);
    if (!ok)
    {
        return;
    }
    QFETCH(QByteArray, protocol);
    QFETCH(QByteArray, transport);
    QFETCH(QByteArray, host);
    QFETCH(int, port);
    QFETCH(QByteArray, branch);
    QFETCH(QByteArray, received);
    QFETCH(QByteArray, rport);
    QFETCH(QByteArray, params);
    QCOMPARE(bytes(v.protocol), protocol);
    QCOMPARE(bytes(v.transport), transport);
    QCOMPARE(bytes(v.host), host);
    QCOMPARE(int(v.port), port);
    QCOMPARE(bytes(v.branch), branch);
    QCOMPARE(bytes(v.received), received);
    QCOMPARE(bytes(v.rport), rport);
    QCOMPARE(bytes(v.params), params);
}

void TestSipHeaders::entries_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArray>("joined");
    QTest::newRow("simple") << "a, b ,c"_ba
                            << "a|b|c"_ba;
    QTest::newRow("comma in brackets") << "<sip:a,b@h>, <sip:c@h>"_ba
                                       << "<sip:a,b@h>|<sip:c@h>"_ba;
    QTest::newRow("comma in quotes") << R"("x, y" <sip:a@h>, z)"_ba
                                     << R"("x, y" <sip:a@h>|z)"_ba;
    QTest::newRow("escaped quote") << R"("e \" , s" <sip:a@h>, b)"_ba
                                   << R"("e \" , s" <sip:a@h>|b)"_ba;
    QTest::newRow("empty entries") << ", ,a,,"_ba
                                   << "a"_ba;
    QTest::newRow("empty") << QByteArray() << QByteArray();
    QTest::newRow("unterminated quote") << R"("unterminated, x)"_ba
                                        << R"("unterminated, x)"_ba;
    QTest::newRow("unbalanced bracket") << "<sip:a@h, b"_ba
                                        << "<sip:a@h, b"_ba;
    QTest::newRow("stray >") << "a>, b"_ba
                             << "a>|b"_ba;
    QTest::newRow("no spaces") << "<sip:a@h;lr>,<sip:b@h;lr>"_ba
                               << "<sip:a@h;lr>|<sip:b@h;lr>"_ba;
    QTest::newRow("folded") << "<sip:a@h>,\r\n <sip:b@h>"_ba
                            << "<sip:a@h>|<sip:b@h>"_ba;
    QTest::newRow("vias") << "SIP/2.0/UDP a;branch=1, SIP/2.0/UDP b;branch=2"_ba
                          << "SIP/2.0/UDP a;branch=1|SIP/2.0/UDP b;branch=2"_ba;
}

void TestSipHeaders::entries()
{
    QFETCH(QByteArray, value);
    QFETCH(QByteArray, joined);
    QList<QByteArray> got;
    forEachHeaderEntry(view(value), [&got](std::string_view e) { got.append(bytes(e)); });
    QCOMPARE(got.join('|'), joined);
}

void TestSipHeaders::entriesStopEarly()
{
    int calls = 0;
    forEachHeaderEntry("a, b, c", [&calls](std::string_view) {
        ++calls;
        return calls < 2;
    });
    QCOMPARE(calls, 2);
}

void TestSipHeaders::params_data()
{
    QTest::addColumn<QByteArray>("params");
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<bool>("found");
    QTest::addColumn<QByteArray>("value");
    QTest::newRow("tag") << ";tag=1;lr"_ba
                         << "tag"_ba << true << "1"_ba;
    QTest::newRow("valueless") << ";tag=1;lr"_ba
                               << "lr"_ba << true << QByteArray();
    QTest::newRow("case") << ";tag=1;lr"_ba
                          << "LR"_ba << true << QByteArray();
    QTest::newRow("absent") << ";tag=1;lr"_ba
                            << "x"_ba << false << QByteArray();
    QTest::newRow("prefix is not a match") << ";tagx=1"_ba
                                           << "tag"_ba << false << QByteArray();
    QTest::newRow("quoted value") << R"(;a=1;b="q;x";c=3)"_ba
                                  << "b"_ba << true << R"("q;x")"_ba;
    QTest::newRow("after quoted") << R"(;a=1;b="q;c=x";c=3)"_ba
                                  << "c"_ba << true << "3"_ba;
    QTest::newRow("uri") << "sip:h;lr;did=a.b"_ba
                         << "did"_ba << true << "a.b"_ba;
    QTest::newRow("uri headers cut") << "sip:h;did=1?did=2"_ba
                                     << "did"_ba << true << "1"_ba;
    QTest::newRow("uri headers only") << "sip:h?x=1;did=2"_ba
                                      << "did"_ba << false << QByteArray();
    QTest::newRow("spaces") << " ; tag = 5 ; x"_ba
                            << "tag"_ba << true << "5"_ba;
    QTest::newRow("empty value") << ";tag="_ba
                                 << "tag"_ba << true << QByteArray();
    QTest::newRow("first wins") << ";tag=1;tag=2"_ba
                                << "tag"_ba << true << "1"_ba;
    QTest::newRow("before first ;") << "tag=1"_ba
                                    << "tag"_ba << false << QByteArray();
    QTest::newRow("empty") << QByteArray() << "tag"_ba << false << QByteArray();
    QTest::newRow("only ;") << ";;;"_ba
                            << "tag"_ba << false << QByteArray();
    QTest::newRow("unterminated quote") << R"(;a="open)"_ba
                                        << "a"_ba << true << R"("open)"_ba;
    QTest::newRow("value with =") << ";a=b=c"_ba
                                  << "a"_ba << true << "b=c"_ba;
}

void TestSipHeaders::params()
{
    QFETCH(QByteArray, params);
    QFETCH(QByteArray, name);
    QFETCH(bool, found);
    QFETCH(QByteArray, value);
    bool f = !found;
    QCOMPARE(bytes(findParam(view(params), view(name), &f)), value);
    QCOMPARE(f, found);
    QCOMPARE(bytes(findParam(view(params), view(name))), value);
}

void TestSipHeaders::uriParts_data()
{
    QTest::addColumn<QByteArray>("uri");
    QTest::addColumn<QByteArray>("params");
    QTest::addColumn<QByteArray>("user");
    QTest::addColumn<QByteArray>("host");
    const QByteArray none;
    QTest::newRow("plain") << "sip:alice@example.com"_ba << none << "alice"_ba
                           << "example.com"_ba;
    QTest::newRow("full") << "sip:alice:secret@example.com:5060;transport=tcp?subject=x"_ba
                          << ";transport=tcp"_ba
                          << "alice"_ba
                          << "example.com"_ba;
    QTest::newRow("ipv6") << "sips:[2001:db8::1]:5061;lr"_ba
                          << ";lr"_ba << none << "[2001:db8::1]"_ba;
    QTest::newRow("did") << "sip:127.0.0.1;lr=on;ftag=x;did=a37.e89"_ba
                         << ";lr=on;ftag=x;did=a37.e89"_ba << none << "127.0.0.1"_ba;
    QTest::newRow("case") << "SIP:Bob@Example.COM"_ba << none << "Bob"_ba
                          << "Example.COM"_ba;
    QTest::newRow("tel") << "tel:+1-555-1234;phone-context=x"_ba
                         << ";phone-context=x"_ba
                         << "+1-555-1234"_ba << none;
    QTest::newRow("user params") << "sip:+4930123;npdi@gw.example.com;user=phone"_ba
                                 << ";user=phone"_ba
                                 << "+4930123;npdi"_ba
                                 << "gw.example.com"_ba;
    QTest::newRow("mailto") << "mailto:a@b"_ba << none << none << none;
    QTest::newRow("empty") << QByteArray() << none << none << none;
    QTest::newRow("scheme only") << "sip:"_ba << none << none << none;
    QTest::newRow("unclosed ipv6") << "sip:[::1"_ba << none << none << none;
    QTest::newRow("no scheme") << "host:5060"_ba << none << none << none;
}

void TestSipHeaders::uriParts()
{
    QFETCH(QByteArray, uri);
    QFETCH(QByteArray, params);
    QFETCH(QByteArray, user);
    QFETCH(QByteArray, host);
    QCOMPARE(bytes(uriParams(view(uri))), params);
    QCOMPARE(bytes(uriUser(view(uri))), user);
    QCOMPARE(bytes(uriHost(view(uri))), host);
}

void TestSipHeaders::unfold_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArray>("unfolded");
    QTest::newRow("crlf sp") << "a,\r\n b"_ba
                             << "a, b"_ba;
    QTest::newRow("spaces around") << "a \r\n\t b"_ba
                                   << "a b"_ba;
    QTest::newRow("bare lf") << "x\n y"_ba
                             << "x y"_ba;
    QTest::newRow("several") << "1\r\n 2\r\n\t3"_ba
                             << "1 2 3"_ba;
    QTest::newRow("plain") << "plain  text"_ba
                           << "plain  text"_ba;
    QTest::newRow("empty") << QByteArray() << QByteArray();
    QTest::newRow("trailing") << "a\r\n"_ba
                              << "a"_ba;
    QTest::newRow("leading") << "\r\n a"_ba
                             << "a"_ba;
}

void TestSipHeaders::unfold()
{
    QFETCH(QByteArray, value);
    QFETCH(QByteArray, unfolded);
    std::string out = "previous content";
    unfoldHeaderValue(view(value), out);
    QCOMPARE(QByteArray::fromStdString(out), unfolded);
}

void TestSipHeaders::caseAndTrim()
{
    QVERIFY(equalsNoCase("Call-ID", "call-id"));
    QVERIFY(equalsNoCase("", ""));
    QVERIFY(!equalsNoCase("Call-ID", "call-i"));
    QVERIFY(!equalsNoCase("a", "b"));
    QVERIFY(!equalsNoCase("\xc4", "\xe4")); // ASCII only
    QCOMPARE(bytes(trimSipWhitespace(" \t\r\n x y \r\n")), "x y"_ba);
    QCOMPARE(bytes(trimSipWhitespace(" \t\r\n")), QByteArray());
    QCOMPARE(bytes(trimSipWhitespace("")), QByteArray());
}

QTEST_APPLESS_MAIN(TestSipHeaders)
#include "tst_sipheaders.moc"
