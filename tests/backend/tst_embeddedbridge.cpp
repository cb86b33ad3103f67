// SPDX-License-Identifier: GPL-3.0-or-later
// EmbeddedBridge (dlg_bridge by CallDeck's own UA) against an in-process SIP peer playing the
// called party: INVITE with the hold offer, ACK, REFER to the other party, BYE, with the module's
// CSeqs; through an outbound proxy; a busy party; a party that rings past the ring timeout (CANCEL);
// a party that takes the call but refuses the REFER; refused requests.
#include <memory>
#include <optional>

#include <QJsonObject>
#include <QTest>

#include "backend/sipua/embeddedbridge.h"
#include "tests/backend/siptestpeer.h"
#include "tests/backend/sipuatestsupport.h"

using namespace Qt::StringLiterals;

namespace
{

QList<QByteArray> requestsOf(const SipTestPeer &peer, const QByteArray &method)
{
    QList<QByteArray> out;
    for (const SipTestPeer::Message &m : peer.requests())
    {
        if (m.data.startsWith(QByteArray(method + ' ')))
        {
            out << m.data;
        }
    }
    return out;
}

/// The called party: answers INVITE with @p inviteCode (180 first when it is 0: rings forever),
/// REFER with @p referCode, BYE/CANCEL with 200 (and the INVITE with 487 after a CANCEL).
SipTestPeer::Policy party(SipTestPeer &peer, int inviteCode, int referCode = 202)
{
    auto invite = std::make_shared<QByteArray>();
    return [&peer, invite, inviteCode, referCode](const QByteArray &request, int copy) -> QList<QByteArray> {
        if (request.startsWith("INVITE"))
        {
            *invite = request;
            if (copy > 1)
            {
                return {};
            }
            if (inviteCode == 0)
            {
                return {SipTestPeer::response(request, 180, "Ringing")};
            }
            QByteArray r = SipTestPeer::response(request, inviteCode, inviteCode == 200 ? "OK" : "Busy Here");
            const QByteArray contact = QByteArray("Contact: <sip:alice@127.0.0.1:") +
                                       QByteArray::number(peer.udpPort()) + ">\r\nContent-Length: 0\r\n";
            r.replace("Content-Length: 0\r\n", contact);
            return {r};
        }
        if (request.startsWith("REFER"))
        {
            return {SipTestPeer::response(request, referCode, referCode == 202 ? "Accepted" : "Not Allowed")};
        }
        if (request.startsWith("BYE"))
        {
            return {SipTestPeer::response(request, 200, "OK")};
        }
        if (request.startsWith("CANCEL"))
        {
            return {SipTestPeer::response(request, 200, "OK"),
                    SipTestPeer::response(*invite, 487, "Request Terminated")};
        }
        return {};
    };
}

struct Outcome
{
    bool sent = false;
    std::optional<ControlResult> result;
};

void start(EmbeddedBridge &bridge, const EmbeddedBridge::Request &request, Outcome &out)
{
    bridge.start(
        request, [&out] { out.sent = true; }, [&out](const ControlResult &r) { out.result = r; });
}

} // namespace

class TestEmbeddedBridge final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void inviteReferBye();
    void throughAnOutboundProxy();
    void busyParty();
    void ringingPartyCancelled();
    void referRefused();
    void refusedRequests();

private:
    std::unique_ptr<SipUserAgent> m_ua;
    std::unique_ptr<EmbeddedBridge> m_bridge;
    std::unique_ptr<SipTestPeer> m_peer;
};

void TestEmbeddedBridge::init()
{
    m_bridge.reset();
    m_ua = startUserAgent(50);
    QVERIFY(m_ua);
    m_bridge = std::make_unique<EmbeddedBridge>(*m_ua, u"sip:calldeck@127.0.0.1:%1"_s.arg(m_ua->port()));
    m_peer = std::make_unique<SipTestPeer>();
    QVERIFY(m_peer->listenUdp());
}

void TestEmbeddedBridge::inviteReferBye()
{
    m_peer->setPolicy(party(*m_peer, 200));
    EmbeddedBridge::Request r;
    r.from = u"sip:alice@127.0.0.1:%1"_s.arg(m_peer->udpPort());
    r.to = u"sip:bob@192.0.2.5"_s;
    Outcome out;
    start(*m_bridge, r, out);
    QVERIFY(out.sent);
    QTRY_VERIFY_WITH_TIMEOUT(out.result.has_value(), 5000);
    QVERIFY2(out.result->ok, qPrintable(out.result->message));
    QCOMPARE(out.result->path, u"embedded UA (sip:calldeck@127.0.0.1:%1)"_s.arg(m_ua->port()));
    QCOMPARE(
        out.result->message,
        u"INVITE to %1: 200 OK; REFER (Refer-To sip:bob@192.0.2.5): 202 Accepted; BYE: 200 OK"_s.arg(r.from));
    QCOMPARE(out.result->result.toObject().value(u"refer"_s).toInt(), 202);

    const QByteArray invite = requestsOf(*m_peer, "INVITE").value(0);
    QVERIFY(invite.startsWith(QByteArray("INVITE " + r.from.toLatin1() + " SIP/2.0\r\n")));
    QVERIFY(invite.contains("o=kamailio-bridge 0 0 IN IP4 0.0.0.0"));
    QCOMPARE(SipTestPeer::header(invite, "CSeq"), QByteArray("10 INVITE"));
    QCOMPARE(SipTestPeer::header(invite, "Content-Type"), QByteArray("application/sdp"));
    const QByteArray callId = SipTestPeer::header(invite, "Call-ID");
    const QByteArray ack = requestsOf(*m_peer, "ACK").value(0);
    const QByteArray refer = requestsOf(*m_peer, "REFER").value(0);
    const QByteArray bye = requestsOf(*m_peer, "BYE").value(0);
    QCOMPARE(SipTestPeer::header(ack, "CSeq"), QByteArray("10 ACK"));
    QCOMPARE(SipTestPeer::header(refer, "CSeq"), QByteArray("11 REFER"));
    QCOMPARE(SipTestPeer::header(bye, "CSeq"), QByteArray("12 BYE"));
    for (const QByteArray &m : {ack, refer, bye})
    {
        // In the dialog the 2xx made: to its Contact, with its To tag.
        QVERIFY2(m.contains(QByteArray(" sip:alice@127.0.0.1:" + QByteArray::number(m_peer->udpPort()) +
                                       " SIP/2.0\r\n")),
                 m.constData());
        QCOMPARE(SipTestPeer::header(m, "Call-ID"), callId);
        QVERIFY(SipTestPeer::header(m, "To").endsWith(";tag=peer"));
    }
    QCOMPARE(SipTestPeer::header(refer, "Refer-To"), QByteArray("<sip:bob@192.0.2.5>"));
    QCOMPARE(SipTestPeer::header(refer, "Referred-By"),
             QByteArray("<sip:calldeck@127.0.0.1:" + QByteArray::number(m_ua->port()) + ">"));
    QCOMPARE(requestsOf(*m_peer, "INVITE").size(), 1);
    // In order, the REFER well after the ACK (a proxy's workers must not swap them).
    QStringList order;
    qint64 ackAt = 0;
    for (const SipTestPeer::Message &m : m_peer->requests())
    {
        order << QString::fromLatin1(m.data.left(m.data.indexOf(' ')));
        ackAt = m.data.startsWith("ACK") ? m.atMs : ackAt;
        if (m.data.startsWith("REFER"))
        {
            QVERIFY2(m.atMs - ackAt >= 80, qPrintable(QString::number(m.atMs - ackAt)));
        }
    }
    QCOMPARE(order, (QStringList{u"INVITE"_s, u"ACK"_s, u"REFER"_s, u"BYE"_s}));
}

void TestEmbeddedBridge::throughAnOutboundProxy()
{
    // The party's host does not exist: only the outbound proxy (the peer) makes the INVITE go.
    m_peer->setPolicy(party(*m_peer, 486));
    EmbeddedBridge::Request r;
    r.from = u"sip:alice@alice.invalid"_s;
    r.to = u"sip:bob@192.0.2.5"_s;
    r.outboundProxy = u"sip:127.0.0.1:%1"_s.arg(m_peer->udpPort());
    r.body = u"_"_s;
    Outcome out;
    start(*m_bridge, r, out);
    QTRY_VERIFY_WITH_TIMEOUT(out.result.has_value(), 5000);
    const QByteArray invite = requestsOf(*m_peer, "INVITE").value(0);
    QVERIFY(invite.startsWith("INVITE sip:alice@alice.invalid SIP/2.0\r\n"));
    QCOMPARE(SipTestPeer::header(invite, "Content-Length"), QByteArray("0")); // "_" = no body
    QVERIFY(!out.result->ok);
}

void TestEmbeddedBridge::busyParty()
{
    m_peer->setPolicy(party(*m_peer, 486));
    EmbeddedBridge::Request r;
    r.from = u"sip:alice@127.0.0.1:%1"_s.arg(m_peer->udpPort());
    r.to = u"sip:bob@192.0.2.5"_s;
    Outcome out;
    start(*m_bridge, r, out);
    QTRY_VERIFY_WITH_TIMEOUT(out.result.has_value(), 5000);
    QVERIFY(!out.result->ok);
    QCOMPARE(out.result->code, 502);
    QVERIFY2(
        out.result->message.startsWith(u"INVITE to %1: 486 Busy Here. Nothing was bridged"_s.arg(r.from)),
        qPrintable(out.result->message));
    QTRY_COMPARE_WITH_TIMEOUT(requestsOf(*m_peer, "ACK").size(), 1, 2000); // the UA's own ACK
    QCOMPARE(requestsOf(*m_peer, "REFER").size(), 0);
    QCOMPARE(requestsOf(*m_peer, "BYE").size(), 0);
}

void TestEmbeddedBridge::ringingPartyCancelled()
{
    m_peer->setPolicy(party(*m_peer, 0));
    m_bridge->setRingTimeoutMs(600);
    EmbeddedBridge::Request r;
    r.from = u"sip:alice@127.0.0.1:%1"_s.arg(m_peer->udpPort());
    r.to = u"sip:bob@192.0.2.5"_s;
    Outcome out;
    QElapsedTimer clock;
    clock.start();
    start(*m_bridge, r, out);
    QTRY_VERIFY_WITH_TIMEOUT(out.result.has_value(), 5000);
    QVERIFY(clock.elapsed() >= 550);
    QCOMPARE(out.result->code, 504);
    QVERIFY2(out.result->message.contains(u"did not answer within 0.6 s; CallDeck cancelled the INVITE (487 "
                                          u"Request Terminated)"_s),
             qPrintable(out.result->message));
    QCOMPARE(requestsOf(*m_peer, "CANCEL").size(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(requestsOf(*m_peer, "ACK").size(), 1, 2000);
}

void TestEmbeddedBridge::referRefused()
{
    m_peer->setPolicy(party(*m_peer, 200, 405));
    EmbeddedBridge::Request r;
    r.from = u"sip:alice@127.0.0.1:%1"_s.arg(m_peer->udpPort());
    r.to = u"sip:bob@192.0.2.5"_s;
    Outcome out;
    start(*m_bridge, r, out);
    QTRY_VERIFY_WITH_TIMEOUT(out.result.has_value(), 5000);
    QVERIFY(!out.result->ok);
    QCOMPARE(out.result->code, 502);
    QVERIFY2(
        out.result->message.contains(u"REFER (Refer-To sip:bob@192.0.2.5): 405 Not Allowed; BYE: 200 OK"_s),
        qPrintable(out.result->message));
    QCOMPARE(requestsOf(*m_peer, "BYE").size(), 1); // the call is ended anyway
}

void TestEmbeddedBridge::refusedRequests()
{
    const QList<std::pair<QString, QString>> bad{{u"alice@127.0.0.1"_s, u"sip:bob@h"_s},
                                                 {u"tel:+4930123"_s, u"sip:bob@h"_s},
                                                 {u"sip:alice@h"_s, u"bob"_s},
                                                 {u"sip:alice@h>\r\nX: y"_s, u"sip:bob@h"_s}};
    for (const auto &[from, to] : bad)
    {
        EmbeddedBridge::Request r;
        r.from = from;
        r.to = to;
        Outcome out;
        start(*m_bridge, r, out);
        QVERIFY(out.result.has_value()); // at once
        QVERIFY(!out.sent);
        QCOMPARE(out.result->code, 400);
    }
    EmbeddedBridge::Request r;
    r.from = u"sip:alice@h"_s;
    r.to = u"sip:bob@h"_s;
    r.outboundProxy = u"http://proxy"_s;
    Outcome out;
    start(*m_bridge, r, out);
    QVERIFY(out.result.has_value());
    QVERIFY2(out.result->message.startsWith(u"the outbound proxy: "_s), qPrintable(out.result->message));
    QCOMPARE(m_peer->requests().size(), 0);
}

QTEST_GUILESS_MAIN(TestEmbeddedBridge)
#include "tst_embeddedbridge.moc"
