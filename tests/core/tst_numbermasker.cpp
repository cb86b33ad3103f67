// SPDX-License-Identifier: GPL-3.0-or-later
// NumberMasker: numbers and user@host of URIs masked with the same length, the same way in every
// text, protocol numbers (ports, CSeq, Content-Length, Via) left alone, salts that differ.
#include "backend/core/numbermasker.h"

#include <QTest>

using calldeck::core::NumberMasker;

namespace
{
const std::string Invite = "INVITE sip:+4930123410001@10.0.0.2:5060 SIP/2.0\r\n"
                           "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-776asdhds;rport\r\n"
                           "Max-Forwards: 70\r\n"
                           "From: \"4940555110007\" <sip:+4940555110007@ua1.example.net>;tag=1928301774\r\n"
                           "To: <sip:+4930123410001@example.net>\r\n"
                           "Call-ID: a84b4c76e66710@pc33.example.net\r\n"
                           "CSeq: 314159 INVITE\r\n"
                           "Contact: <sip:+4940555110007@10.0.0.1:5060;transport=udp>\r\n"
                           "P-Asserted-Identity: <tel:+4940555110007;cpc=ordinary>\r\n"
                           "Content-Type: application/sdp\r\n"
                           "Content-Length: 13\r\n"
                           "\r\n"
                           "x=4940555110007";
} // namespace

class TestNumberMasker final : public QObject
{
    Q_OBJECT

private slots:
    void sipMessageKeepsLengthAndProtocolNumbers();
    void sameInputSameMaskAcrossTexts();
    void urisAndPortsAndShortNumbers();
    void dialogFields();
};

void TestNumberMasker::sipMessageKeepsLengthAndProtocolNumbers()
{
    const NumberMasker masker(12345);
    const std::string masked = masker.maskSip(Invite);
    QCOMPARE(masked.size(), Invite.size());
    for (const char *number : {"4930123410001", "4940555110007", "1928301774", "66710"})
    {
        QVERIFY2(masked.find(number) == std::string::npos, number);
    }
    // Protocol numbers and the proxy's own addresses stay: the message still parses the same way.
    for (const char *kept :
         {"INVITE sip:+", ":5060 SIP/2.0\r\n", "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-776asdhds",
          "Max-Forwards: 70\r\n", "CSeq: 314159 INVITE\r\n", "Content-Length: 13\r\n\r\n",
          "Content-Type: application/sdp\r\n", ";tag=", "<tel:+", ";cpc=ordinary>", ";transport=udp>"})
    {
        QVERIFY2(masked.find(kept) != std::string::npos, kept);
    }
    // The user's host is masked, the port after it is not.
    QVERIFY(masked.find("ua1.example.net") == std::string::npos);
    QVERIFY(masked.find("@10.0.0.2:5060") == std::string::npos);
}

void TestNumberMasker::sameInputSameMaskAcrossTexts()
{
    const NumberMasker masker(7);
    const std::string masked = masker.maskSip(Invite);
    // The caller's number in From, Contact, PAI, the display name and the body: one masked number.
    const std::string fromUri = masker.maskText("sip:+4940555110007@ua1.example.net");
    QVERIFY(fromUri.starts_with("sip:+"));
    const std::string maskedNumber = fromUri.substr(5, 13);
    QCOMPARE(maskedNumber.size(), std::size_t(13));
    std::size_t count = 0;
    for (std::size_t pos = masked.find(maskedNumber); pos != std::string::npos;
         pos = masked.find(maskedNumber, pos + 1))
    {
        ++count;
    }
    QCOMPARE(count, std::size_t(5));
    QCOMPARE(masker.maskText("4940555110007"), maskedNumber);
    QCOMPARE(masker.maskText("Call-ID: a84b4c76e66710@pc33.example.net"),
             masker.maskText("Call-ID: a84b4c76e66710@pc33.example.net"));
    // Every digit differs from the original at its place.
    for (std::size_t i = 0; i < maskedNumber.size(); ++i)
    {
        QVERIFY(maskedNumber[i] != "4940555110007"[i]);
    }
    // Another salt, another mask.
    QVERIFY(NumberMasker(8).maskText("4940555110007") != maskedNumber);
}

void TestNumberMasker::urisAndPortsAndShortNumbers()
{
    const NumberMasker masker(99);
    const std::string text = "sips:alice@example.com:5061;transport=tls <sip:10.0.0.2;lr> 123 9000 :5060";
    const std::string masked = masker.maskText(text);
    QCOMPARE(masked.size(), text.size());
    QVERIFY(masked.starts_with("sips:"));
    QVERIFY(masked.find("alice") == std::string::npos);
    QVERIFY(masked.find("example.com") == std::string::npos);
    QVERIFY(masked.find(":5061;transport=tls <sip:10.0.0.2;lr> 123 ") !=
            std::string::npos);                        // no user: host stays
    QVERIFY(masked.find("9000") == std::string::npos); // four digits: a number
    QVERIFY(masked.ends_with(" :5060"));               // a port
    QCOMPARE(masker.maskText("tel:+1-555-0100"), masker.maskText("tel:+1-555-0100"));
    QVERIFY(masker.maskText("tel:+1-555-0100").find("555") == std::string::npos);
}

void TestNumberMasker::dialogFields()
{
    calldeck::core::DialogSnapshot d;
    d.callId = "77123456@host";
    d.fromUri = "sip:+4940555110007@ua1.example.net";
    d.toUri = "sip:+4930123410001@example.net";
    d.caller.contact = "sip:+4940555110007@10.0.0.1:5060";
    d.caller.cseq = "1";
    d.profiles = {{"caller", "+4940555110007"}, {"inbound", std::nullopt}};
    d.variables = {{"num", "4930123410001"}};
    d.headers = {{"P-Asserted-Identity", "<sip:+4940555110007@x>"}};
    const NumberMasker masker(1);
    calldeck::core::DialogSnapshot m = d;
    masker.maskDialog(m);
    QCOMPARE(m.fromUri.size(), d.fromUri.size());
    for (const std::string *s : {&m.callId, &m.fromUri, &m.toUri, &*m.caller.contact, &*m.profiles[0].second,
                                 &m.variables[0].second, &m.headers[0].second})
    {
        QVERIFY(s->find("4940555110007") == std::string::npos &&
                s->find("4930123410001") == std::string::npos);
    }
    QCOMPARE(m.caller.cseq, d.caller.cseq);
    QCOMPARE(m.profiles[0].first, std::string("caller"));
    QVERIFY(!m.profiles[1].second);
    QCOMPARE(m.fromUri, masker.maskText(d.fromUri));
}

QTEST_APPLESS_MAIN(TestNumberMasker)
#include "tst_numbermasker.moc"
