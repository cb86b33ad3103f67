// SPDX-License-Identifier: GPL-3.0-or-later
// The bridge's UAC side in the core: the out-of-dialog INVITE, the dialog its 2xx makes (ACK,
// REFER and BYE built from it), the CANCEL and the hop-by-hop ACK of a failure.
#include "backend/core/sipheaders.h"
#include "backend/core/sipparser.h"
#include "backend/core/uacdialog.h"

#include <QTest>

using namespace calldeck::core;

namespace
{

UacInvite invite()
{
    UacInvite in;
    in.target = "sip:alice@127.0.0.1:5090";
    in.fromUri = "sip:calldeck@127.0.0.1:5070";
    in.fromTag = "ctag";
    in.callId = "bridge-1@calldeck";
    in.contact = "sip:calldeck@127.0.0.1:5070";
    in.body = bridgeHoldSdp();
    in.userAgent = "CallDeck";
    return in;
}

const std::string Answer = "SIP/2.0 200 OK\r\n"
                           "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKabc;rport=5070\r\n"
                           "Record-Route: <sip:10.0.0.2;lr;did=1.2>\r\n"
                           "Record-Route: <sip:10.0.0.1;lr>\r\n"
                           "From: <sip:calldeck@127.0.0.1:5070>;tag=ctag\r\n"
                           "To: <sip:alice@127.0.0.1:5090>;tag=atag\r\n"
                           "Call-ID: bridge-1@calldeck\r\n"
                           "CSeq: 10 INVITE\r\n"
                           "Contact: <sip:alice@192.0.2.7:5090;transport=udp>\r\n"
                           "Content-Length: 0\r\n\r\n";

std::string header(const std::string &message, std::string_view name)
{
    SipMessage m;
    if (SipParser::parse(message, m) != SipParseError::None)
    {
        return "<unparsable>";
    }
    return std::string(m.header(name));
}

} // namespace

class TestUacDialog final : public QObject
{
    Q_OBJECT

private slots:
    void inviteText();
    void inviteRefusesBadInput();
    void dialogFromAnswer();
    void ackReferByeFromTheDialog();
    void answerNotForThisInvite();
    void cancelAndFailureAck();
};

void TestUacDialog::inviteText()
{
    const auto built = buildUacInvite(invite());
    QVERIFY(built);
    QCOMPARE(built->nextHop, std::string("sip:alice@127.0.0.1:5090"));
    QCOMPARE(built->cseq, 10u);
    SipMessage m;
    QCOMPARE(SipParser::parse(built->message, m), SipParseError::None);
    QVERIFY(m.isRequest());
    QCOMPARE(m.method(), SipMethod::Invite);
    QCOMPARE(m.requestUri(), std::string_view("sip:alice@127.0.0.1:5090"));
    QCOMPARE(m.to().uri, std::string_view("sip:alice@127.0.0.1:5090"));
    QVERIFY(m.to().tag.empty());
    QCOMPARE(m.from().tag, std::string_view("ctag"));
    QCOMPARE(m.cseq().number, 10u);
    QCOMPARE(m.header(SipHeaderId::Contact), std::string_view("<sip:calldeck@127.0.0.1:5070>"));
    QCOMPARE(m.header(SipHeaderId::ContentType), std::string_view("application/sdp"));
    QCOMPARE(m.body(), std::string_view(bridgeHoldSdp()));
    QVERIFY(m.body().find("o=kamailio-bridge 0 0 IN IP4 0.0.0.0") != std::string_view::npos);
    QVERIFY(m.body().find("m=audio 9 RTP/AVP 8 0") != std::string_view::npos);

    UacInvite noBody = invite();
    noBody.body.clear();
    const auto bare = buildUacInvite(noBody);
    QVERIFY(bare);
    QCOMPARE(header(bare->message, "Content-Length"), std::string("0"));
    QCOMPARE(header(bare->message, "Content-Type"), std::string());
}

void TestUacDialog::inviteRefusesBadInput()
{
    for (const std::string target :
         {"", "alice@host", "tel:+123", "sip:a b@host", "sip:a@host\r\nX: y", "sip:"})
    {
        UacInvite in = invite();
        in.target = target;
        const auto built = buildUacInvite(in);
        QVERIFY2(!built, target.c_str());
        QCOMPARE(built.error().code, Error::Code::InvalidArgument);
    }
    UacInvite noTag = invite();
    noTag.fromTag.clear();
    QVERIFY(!buildUacInvite(noTag));
    UacInvite badContact = invite();
    badContact.contact = "calldeck@127.0.0.1";
    QVERIFY(!buildUacInvite(badContact));
}

void TestUacDialog::dialogFromAnswer()
{
    const auto d = uacDialogFromAnswer(invite(), Answer);
    QVERIFY2(d, d ? "" : d.error().detail.c_str());
    QCOMPARE(d->callId, std::string("bridge-1@calldeck"));
    QCOMPARE(d->caller.tag.value_or(""), std::string("ctag"));
    QCOMPARE(d->caller.cseq.value_or(""), std::string("10"));
    QCOMPARE(d->callee.tag.value_or(""), std::string("atag"));
    QCOMPARE(d->callee.contact.value_or(""), std::string("sip:alice@192.0.2.7:5090;transport=udp"));
    // The answer's Record-Route reversed: the proxy next to CallDeck first.
    QCOMPARE(d->callee.routeSet.value_or(""), std::string("<sip:10.0.0.1;lr>,<sip:10.0.0.2;lr;did=1.2>"));
}

void TestUacDialog::ackReferByeFromTheDialog()
{
    auto d = uacDialogFromAnswer(invite(), Answer);
    QVERIFY(d);
    InDialogRequest ack;
    ack.method = "ACK";
    ack.cseqRule = CSeqRule::Same;
    ack.viaBranch = "z9hG4bKx";
    const auto a = buildInDialogRequest(*d, ack);
    QVERIFY(a);
    QCOMPARE(a->cseq, 10u);
    QCOMPARE(a->requestUri, std::string("sip:alice@192.0.2.7:5090;transport=udp"));
    QCOMPARE(a->nextHop, std::string("sip:10.0.0.1;lr"));
    QCOMPARE(header(a->message, "CSeq"), std::string("10 ACK"));
    QCOMPARE(header(a->message, "To"), std::string("<sip:alice@127.0.0.1:5090>;tag=atag"));
    QCOMPARE(header(a->message, "From"), std::string("<sip:calldeck@127.0.0.1:5070>;tag=ctag"));
    QCOMPARE(header(a->message, "Route"), std::string("<sip:10.0.0.1;lr>,<sip:10.0.0.2;lr;did=1.2>"));

    InDialogRequest refer;
    refer.method = "REFER";
    refer.viaBranch = "z9hG4bKy";
    const auto r = buildInDialogRequest(*d, refer);
    QVERIFY(r);
    QCOMPARE(r->cseq, 11u);
    d.value().caller.cseq = std::to_string(r->cseq);
    InDialogRequest bye;
    bye.method = "BYE";
    bye.viaBranch = "z9hG4bKz";
    const auto b = buildInDialogRequest(*d, bye);
    QVERIFY(b);
    QCOMPARE(b->cseq, 12u); // the module's bridge: INVITE 10, REFER 11, BYE 12
}

void TestUacDialog::answerNotForThisInvite()
{
    QCOMPARE(uacDialogFromAnswer(invite(), "garbage").error().code, Error::Code::Malformed);
    std::string busy = Answer;
    busy.replace(busy.find("200 OK"), 6, "486 Busy Here");
    QCOMPARE(uacDialogFromAnswer(invite(), busy).error().code, Error::Code::WrongState);
    std::string other = Answer;
    other.replace(other.find("Call-ID: bridge-1"), 17, "Call-ID: bridge-2");
    QCOMPARE(uacDialogFromAnswer(invite(), other).error().code, Error::Code::WrongState);
    std::string noTag = Answer;
    noTag.replace(noTag.find(";tag=atag"), 9, "");
    QCOMPARE(uacDialogFromAnswer(invite(), noTag).error().code, Error::Code::WrongState);
    std::string noContact = Answer;
    noContact.replace(noContact.find("Contact: "), 9, "X-Contact: ");
    QCOMPARE(uacDialogFromAnswer(invite(), noContact).error().code, Error::Code::WrongState);
}

void TestUacDialog::cancelAndFailureAck()
{
    auto built = buildUacInvite(invite());
    QVERIFY(built);
    std::string sent = built->message;
    const std::string via = "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKsent;rport\r\n";
    sent.replace(sent.find("Via: "), sent.find("\r\n", sent.find("Via: ")) + 2 - sent.find("Via: "), via);
    sent.insert(sent.find("Max-Forwards"), "Route: <sip:10.0.0.1;lr>\r\n");

    const auto cancel = buildCancel(sent);
    QVERIFY(cancel);
    QVERIFY(cancel->starts_with("CANCEL sip:alice@127.0.0.1:5090 SIP/2.0\r\n"));
    QCOMPARE(header(*cancel, "Via"), std::string("SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKsent;rport"));
    QCOMPARE(header(*cancel, "CSeq"), std::string("10 CANCEL"));
    QCOMPARE(header(*cancel, "To"), std::string("<sip:alice@127.0.0.1:5090>"));
    QCOMPARE(header(*cancel, "Route"), std::string("<sip:10.0.0.1;lr>"));
    QCOMPARE(header(*cancel, "Content-Length"), std::string("0"));

    std::string busy = Answer;
    busy.replace(busy.find("200 OK"), 6, "486 Busy Here");
    const auto ack = buildFailureAck(sent, busy);
    QVERIFY(ack);
    QVERIFY(ack->starts_with("ACK sip:alice@127.0.0.1:5090 SIP/2.0\r\n"));
    QCOMPARE(header(*ack, "Via"), std::string("SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKsent;rport"));
    QCOMPARE(header(*ack, "To"), std::string("<sip:alice@127.0.0.1:5090>;tag=atag"));
    QCOMPARE(header(*ack, "CSeq"), std::string("10 ACK"));
    QVERIFY(!buildFailureAck(sent, Answer)); // a 2xx is acknowledged end to end, not here
    QVERIFY(!buildCancel("SIP/2.0 200 OK\r\n\r\n"));
    QVERIFY(!buildCancel(Answer));
}

QTEST_APPLESS_MAIN(TestUacDialog)
#include "tst_uacdialog.moc"
