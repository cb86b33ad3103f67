// SPDX-License-Identifier: GPL-3.0-or-later
// SipUserAgent's INVITE client transactions against an in-process SIP peer on 127.0.0.1: Timer A
// (doubling, no T2 cap) and Timer B, the ACK of a 2xx sent with sendAck() and re-sent for a
// retransmitted 2xx, the UA's own ACK for a failure, CANCEL of a ringing INVITE (and one asked
// for before the INVITE rings).
#include <memory>

#include <QTest>
#include <QTimer>

#include "backend/core/uacdialog.h"
#include "backend/sipua/sipuseragent.h"
#include "tests/backend/siptestpeer.h"
#include "tests/backend/sipuatestsupport.h"

using namespace Qt::StringLiterals;

namespace
{

QByteArray inviteText()
{
    calldeck::core::UacInvite in;
    in.target = "sip:alice@127.0.0.1:5090";
    in.fromUri = "sip:calldeck@127.0.0.1";
    in.fromTag = "ctag";
    in.callId = "invite-1@calldeck";
    in.contact = "sip:calldeck@127.0.0.1";
    in.body = calldeck::core::bridgeHoldSdp();
    return QByteArray::fromStdString(calldeck::core::buildUacInvite(in)->message);
}

/// A response to @p request with a Contact (a 2xx needs one).
QByteArray answer(const QByteArray &request, int code, const QByteArray &reason, quint16 port)
{
    QByteArray r = SipTestPeer::response(request, code, reason);
    const QByteArray contact = QByteArray("Contact: <sip:alice@127.0.0.1:") + QByteArray::number(port) +
                               ">\r\nContent-Length: 0\r\n";
    r.replace("Content-Length: 0\r\n", contact);
    return r;
}

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

} // namespace

class TestSipUaInvite final : public QObject
{
    Q_OBJECT

private slots:
    void answeredThenAcknowledged();
    void timerADoublesThenTimerB();
    void failureAcknowledgedByTheUa();
    void ringingInviteCancelled();
    void cancelWaitsForTheRinging();
};

void TestSipUaInvite::answeredThenAcknowledged()
{
    auto ua = startUserAgent(50);
    QVERIFY(ua);
    SipTestPeer peer;
    QVERIFY(peer.listenUdp());
    QByteArray ok;
    peer.setPolicy([&](const QByteArray &request, int copy) -> QList<QByteArray> {
        if (request.startsWith("INVITE") && copy == 2)
        {
            ok = answer(request, 200, "OK", peer.udpPort());
            return {SipTestPeer::response(request, 180, "Ringing"), ok};
        }
        return {};
    });
    SipOutcomes done;
    const quint64 handle =
        ua->sendInvite(inviteText(), u"sip:127.0.0.1:%1"_s.arg(peer.udpPort()), done.callback());
    QVERIFY(handle != 0);
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 5000);
    QCOMPARE(done.at(0).status, 200);
    QCOMPARE(done.at(0).retransmissions, 1);
    QVERIFY(done.at(0).response.startsWith("SIP/2.0 200 OK"));
    const QList<QByteArray> invites = requestsOf(peer, "INVITE");
    QCOMPARE(invites.size(), 2);
    QCOMPARE(invites.at(0), invites.at(1));
    QVERIFY(SipTestPeer::header(invites.at(0), "Via").startsWith("SIP/2.0/UDP 127.0.0.1:"));

    // The 2xx is acknowledged end to end: the owner builds the ACK, the UA sends it ...
    QByteArray ack = "ACK sip:alice@127.0.0.1:5090 SIP/2.0\r\nVia: SIP/2.0/UDP x;branch=z9hG4bKa\r\n"
                     "From: <sip:calldeck@127.0.0.1>;tag=ctag\r\nTo: <sip:alice@127.0.0.1:5090>;tag=peer\r\n"
                     "Call-ID: invite-1@calldeck\r\nCSeq: 10 ACK\r\nContent-Length: 0\r\n\r\n";
    ua->sendAck(handle, ack, u"sip:127.0.0.1:%1"_s.arg(peer.udpPort()));
    QTRY_COMPARE_WITH_TIMEOUT(requestsOf(peer, "ACK").size(), 1, 3000);
    const QByteArray sentAck = requestsOf(peer, "ACK").at(0);
    QVERIFY(SipTestPeer::topBranch(sentAck) != SipTestPeer::topBranch(invites.at(0)));
    QCOMPARE(SipTestPeer::header(sentAck, "CSeq"), QByteArray("10 ACK"));
    // ... and again for each retransmitted 2xx (the first ACK was lost, as far as the peer knows).
    peer.sendUdp(ok, ua->port());
    QTRY_COMPARE_WITH_TIMEOUT(requestsOf(peer, "ACK").size(), 2, 3000);
    QCOMPARE(requestsOf(peer, "ACK").at(1), sentAck);
    QCOMPARE(done.size(), 1); // Done ran once
    // INVITE refused by the non-INVITE path, and an ACK cannot be an INVITE.
    SipOutcomes refused;
    ua->sendRequest(inviteText(), u"sip:127.0.0.1:%1"_s.arg(peer.udpPort()), refused.callback());
    QTRY_COMPARE_WITH_TIMEOUT(refused.size(), 1, 3000);
    QVERIFY2(refused.at(0).error.contains(u"sendInvite()"_s), qPrintable(refused.at(0).error));
}

void TestSipUaInvite::timerADoublesThenTimerB()
{
    const int t1 = 25;
    auto ua = startUserAgent(t1, 50); // T2 = 2·T1: a non-INVITE would stop doubling at once
    QVERIFY(ua);
    SipTestPeer peer;
    QVERIFY(peer.listenUdp());
    SipOutcomes done;
    ua->sendInvite(inviteText(), u"sip:127.0.0.1:%1"_s.arg(peer.udpPort()), done.callback());
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 5000);
    QCOMPARE(done.at(0).status, 0);
    QVERIFY2(done.at(0).error.contains(u"Timer B"_s), qPrintable(done.at(0).error));
    QVERIFY(done.at(0).elapsedMs >= 64 * t1 * 9 / 10);
    const QList<SipTestPeer::Message> &sent = peer.requests();
    QVERIFY(sent.size() >= 5);
    // T1, 2·T1, 4·T1, 8·T1: the fourth gap is well past T2.
    const qint64 gap4 = sent.at(4).atMs - sent.at(3).atMs;
    QVERIFY2(gap4 >= 8 * t1 * 8 / 10, qPrintable(QString::number(gap4)));
    QVERIFY(sent.size() <= 7); // 0, 25, 75, 175, 375, 775, (1575 > 1600 - jitter)
}

void TestSipUaInvite::failureAcknowledgedByTheUa()
{
    auto ua = startUserAgent(50);
    QVERIFY(ua);
    SipTestPeer peer;
    QVERIFY(peer.listenUdp());
    QByteArray busy;
    peer.setPolicy([&](const QByteArray &request, int) -> QList<QByteArray> {
        if (request.startsWith("INVITE"))
        {
            busy = SipTestPeer::response(request, 486, "Busy Here");
            return {busy};
        }
        return {};
    });
    SipOutcomes done;
    ua->sendInvite(inviteText(), u"sip:127.0.0.1:%1"_s.arg(peer.udpPort()), done.callback());
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 5000);
    QCOMPARE(done.at(0).status, 486);
    QTRY_COMPARE_WITH_TIMEOUT(requestsOf(peer, "ACK").size(), 1, 3000);
    const QByteArray invite = requestsOf(peer, "INVITE").at(0);
    const QByteArray ack = requestsOf(peer, "ACK").at(0);
    QCOMPARE(SipTestPeer::header(ack, "Via"), SipTestPeer::header(invite, "Via")); // hop by hop
    QCOMPARE(SipTestPeer::header(ack, "To"), QByteArray("<sip:alice@127.0.0.1:5090>;tag=peer"));
    QCOMPARE(SipTestPeer::header(ack, "CSeq"), QByteArray("10 ACK"));
    QVERIFY(ack.startsWith("ACK sip:alice@127.0.0.1:5090 SIP/2.0\r\n"));
    peer.sendUdp(busy, ua->port()); // the 486 again: the ACK again
    QTRY_COMPARE_WITH_TIMEOUT(requestsOf(peer, "ACK").size(), 2, 3000);
    QCOMPARE(requestsOf(peer, "INVITE").size(), 1);
}

void TestSipUaInvite::ringingInviteCancelled()
{
    auto ua = startUserAgent(50);
    QVERIFY(ua);
    SipTestPeer peer;
    QVERIFY(peer.listenUdp());
    QByteArray invite;
    peer.setPolicy([&](const QByteArray &request, int) -> QList<QByteArray> {
        if (request.startsWith("INVITE"))
        {
            invite = request;
            return {SipTestPeer::response(request, 180, "Ringing")};
        }
        if (request.startsWith("CANCEL"))
        {
            return {SipTestPeer::response(request, 200, "OK"),
                    SipTestPeer::response(invite, 487, "Request Terminated")};
        }
        return {};
    });
    SipOutcomes done;
    const quint64 handle =
        ua->sendInvite(inviteText(), u"sip:127.0.0.1:%1"_s.arg(peer.udpPort()), done.callback());
    QTRY_COMPARE_WITH_TIMEOUT(requestsOf(peer, "INVITE").size(), 1, 3000);
    QTest::qWait(400); // ringing: no retransmission of the INVITE
    QCOMPARE(requestsOf(peer, "INVITE").size(), 1);
    QCOMPARE(done.size(), 0);
    ua->cancel(handle);
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 5000);
    QCOMPARE(done.at(0).status, 487);
    const QByteArray cancel = requestsOf(peer, "CANCEL").value(0);
    QCOMPARE(SipTestPeer::topBranch(cancel), SipTestPeer::topBranch(invite));
    QCOMPARE(SipTestPeer::header(cancel, "CSeq"), QByteArray("10 CANCEL"));
    QTRY_COMPARE_WITH_TIMEOUT(requestsOf(peer, "ACK").size(), 1, 3000);
    ua->cancel(handle); // answered: nothing more
    QTest::qWait(200);
    QCOMPARE(requestsOf(peer, "CANCEL").size(), 1);
}

void TestSipUaInvite::cancelWaitsForTheRinging()
{
    auto ua = startUserAgent(50);
    QVERIFY(ua);
    SipTestPeer peer;
    QVERIFY(peer.listenUdp());
    QByteArray invite;
    qsizetype ringIndex = -1; // requests received when the 180 went out
    peer.setPolicy([&](const QByteArray &request, int copy) -> QList<QByteArray> {
        if (request.startsWith("INVITE") && copy == 1)
        {
            invite = request;
            QTimer::singleShot(300, &peer, [&] {
                ringIndex = peer.requests().size();
                peer.sendUdp(SipTestPeer::response(invite, 180, "Ringing"), ua->port());
            });
        }
        if (request.startsWith("CANCEL"))
        {
            return {SipTestPeer::response(request, 200, "OK"),
                    SipTestPeer::response(invite, 487, "Request Terminated")};
        }
        return {};
    });
    SipOutcomes done;
    const quint64 handle =
        ua->sendInvite(inviteText(), u"sip:127.0.0.1:%1"_s.arg(peer.udpPort()), done.callback());
    ua->cancel(handle); // before any provisional answer: held back (RFC 3261 §9.1)
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 5000);
    QCOMPARE(done.at(0).status, 487);
    QVERIFY(ringIndex > 0);
    QCOMPARE(requestsOf(peer, "CANCEL").size(), 1);
    for (qsizetype i = 0; i < peer.requests().size(); ++i)
    {
        if (peer.requests().at(i).data.startsWith("CANCEL"))
        {
            QVERIFY2(i >= ringIndex, "the CANCEL went out before the INVITE rang");
        }
    }
}

QTEST_GUILESS_MAIN(TestSipUaInvite)
#include "tst_sipuainvite.moc"
