// SPDX-License-Identifier: GPL-3.0-or-later
#include "enginetesthelpers.h"

#include "backend/core/sipheaders.h"
#include "backend/core/sipparser.h"

#include <QTest>

using namespace calldeck::core;
using namespace calldeck::testsupport;

namespace
{

DialogSnapshot confirmed()
{
    DialogSnapshot d;
    d.callId = "abc@host";
    d.fromUri = "sip:alice@a.example";
    d.toUri = "sip:bob@b.example";
    d.state = 4;
    d.caller.tag = "ftag";
    d.caller.contact = "sip:alice@10.0.0.1:5060";
    d.caller.cseq = "16";
    d.caller.routeSet = "<sip:p1.example;lr>";
    d.callee.tag = "ttag";
    d.callee.contact = "sip:bob@10.0.0.3:5062";
    d.callee.cseq = "0";
    d.callee.routeSet = "<sip:p2.example;lr>,<sip:p3.example;lr>";
    return d;
}

} // namespace

class TestRequestBuilder final : public QObject
{
    Q_OBJECT

private slots:
    void byeTowardsCaller();
    void byeTowardsCallee();
    void cseqRules_data();
    void cseqRules();
    void strictRouting();
    void bodyAndHeaders();
    void refusals();
    void engineByeUsesBuilder();
};

void TestRequestBuilder::byeTowardsCaller()
{
    InDialogRequest r;
    r.target = DialogLeg::Caller;
    r.cseqRule = CSeqRule::Bye;
    r.viaBranch = "z9hG4bKx";
    const auto built = buildInDialogRequest(confirmed(), r);
    QVERIFY(built);
    SipMessage m;
    QCOMPARE(SipParser::parse(built->message, m), SipParseError::None);
    QCOMPARE(m.requestUri(), std::string_view("sip:alice@10.0.0.1:5060"));
    // The proxy impersonates the callee: From = to_uri;callee tag, To = from_uri;caller tag.
    QCOMPARE(m.from().uri, std::string_view("sip:bob@b.example"));
    QCOMPARE(m.from().tag, std::string_view("ttag"));
    QCOMPARE(m.to().uri, std::string_view("sip:alice@a.example"));
    QCOMPARE(m.to().tag, std::string_view("ftag"));
    QCOMPARE(m.cseq().number, 101u); // callee base 0 + 100 + 1, as after issue #409
    QCOMPARE(m.header(SipHeaderId::Route), std::string_view("<sip:p1.example;lr>"));
    QCOMPARE(m.maxForwards(), 70);
    QCOMPARE(built->nextHop, std::string("sip:p1.example;lr"));
}

void TestRequestBuilder::byeTowardsCallee()
{
    InDialogRequest r;
    r.target = DialogLeg::Callee;
    r.cseqRule = CSeqRule::Bye;
    const auto built = buildInDialogRequest(confirmed(), r);
    QVERIFY(built);
    SipMessage m;
    QCOMPARE(SipParser::parse(built->message, m), SipParseError::None);
    QCOMPARE(m.requestUri(), std::string_view("sip:bob@10.0.0.3:5062"));
    QCOMPARE(m.from().tag, std::string_view("ftag"));
    QCOMPARE(m.to().tag, std::string_view("ttag"));
    QCOMPARE(m.cseq().number, 117u); // caller base 16 + 101
    QCOMPARE(m.header(SipHeaderId::Route), std::string_view("<sip:p2.example;lr>,<sip:p3.example;lr>"));
    QCOMPARE(m.callId(), std::string_view("abc@host"));
}

void TestRequestBuilder::cseqRules_data()
{
    QTest::addColumn<int>("rule");
    QTest::addColumn<QString>("base");
    QTest::addColumn<uint>("expected");
    QTest::newRow("within") << int(CSeqRule::Within) << "16" << 17u;
    QTest::newRow("bye") << int(CSeqRule::Bye) << "16" << 117u;
    QTest::newRow("keepalive") << int(CSeqRule::KeepAlive) << "16" << 15u;
    QTest::newRow("keepalive low") << int(CSeqRule::KeepAlive) << "1" << 1u;
    QTest::newRow("keepalive zero") << int(CSeqRule::KeepAlive) << "0" << 1u;
}

void TestRequestBuilder::cseqRules()
{
    QFETCH(int, rule);
    QFETCH(QString, base);
    QFETCH(uint, expected);
    DialogSnapshot d = confirmed();
    d.caller.cseq = base.toStdString();
    InDialogRequest r;
    r.method = "OPTIONS";
    r.target = DialogLeg::Callee;
    r.cseqRule = static_cast<CSeqRule>(rule);
    QCOMPARE(buildInDialogRequest(d, r)->cseq, expected);
}

void TestRequestBuilder::strictRouting()
{
    DialogSnapshot d = confirmed();
    d.callee.routeSet = "<sip:strict.example>,<sip:p3.example;lr>";
    InDialogRequest r;
    r.target = DialogLeg::Callee;
    const auto built = buildInDialogRequest(d, r);
    QVERIFY(built);
    QCOMPARE(built->requestUri, std::string("sip:strict.example"));
    QVERIFY(built->message.find("Route: <sip:p3.example;lr>,<sip:bob@10.0.0.3:5062>\r\n") !=
            std::string::npos);
}

void TestRequestBuilder::bodyAndHeaders()
{
    InDialogRequest r;
    r.method = "REFER";
    r.target = DialogLeg::Caller;
    r.extraHeaders = "Refer-To: <sip:carol@c.example>\r\nReferred-By: <sip:controller@kamailio.org>\r\n";
    r.contact = "sip:controller@kamailio.org:5060";
    r.body = "hello";
    r.contentType = "text/plain";
    const auto built = buildInDialogRequest(confirmed(), r);
    QVERIFY(built);
    SipMessage m;
    QCOMPARE(SipParser::parse(built->message, m), SipParseError::None);
    QCOMPARE(m.header(SipHeaderId::ReferTo), std::string_view("<sip:carol@c.example>"));
    QCOMPARE(m.header(SipHeaderId::ContentType), std::string_view("text/plain"));
    QCOMPARE(m.body(), std::string_view("hello"));
    QCOMPARE(m.header(SipHeaderId::Contact), std::string_view("<sip:controller@kamailio.org:5060>"));
}

void TestRequestBuilder::refusals()
{
    InDialogRequest r;
    r.extraHeaders = "X-Bad: no crlf";
    QVERIFY(!buildInDialogRequest(confirmed(), r));
    r.extraHeaders = "X-A: 1\r\n\r\nINVITE x";
    QVERIFY(!buildInDialogRequest(confirmed(), r));
    DialogSnapshot early = confirmed();
    early.callee = {};
    r.extraHeaders.clear();
    QVERIFY(!buildInDialogRequest(early, r));
    r.method = "BAD METHOD";
    QVERIFY(!buildInDialogRequest(confirmed(), r));
}

void TestRequestBuilder::engineByeUsesBuilder()
{
    SipTrafficGenerator gen({});
    DialogConfig c;
    c.extraHeaders = "X-Dlg: 1\r\n";
    c.calleeHeaders = "X-Callee: 1\r\n";
    DialogEngine engine(c);
    std::vector<GeneratedMessage> msgs;
    gen.setup(1, CallKind::CallerHangsUp, T0, msgs);
    const DialogHandle h = feedAll(engine, msgs)[0].dialog;
    QVERIFY(!engine.bye(h, ByeTarget::All)); // no sender attached
    std::vector<LocalRequest> sent;
    engine.setRequestSink([&](const LocalRequest &r) { sent.push_back(r); });
    QVERIFY(engine.bye(h, ByeTarget::Callee, "Reason: SIP;cause=200;text=\"NOC\"\r\n"));
    QCOMPARE(sent.size(), std::size_t(1));
    QVERIFY(sent[0].request.message.find("X-Dlg: 1\r\nReason: SIP;cause=200") != std::string::npos);
    QVERIFY(sent[0].request.message.find("X-Callee: 1\r\n") != std::string::npos);
    QVERIFY(!engine.bye(h, ByeTarget::Callee)); // one-side BYE refused the second time
    QVERIFY(engine.snapshot(h).dflags & DFlag::CalleeBye);
    engine.localReply(h, DialogLeg::Callee, 200);
    QCOMPARE(engine.state(h), DialogState::Deleted);
}

QTEST_APPLESS_MAIN(TestRequestBuilder)
#include "tst_requestbuilder.moc"
