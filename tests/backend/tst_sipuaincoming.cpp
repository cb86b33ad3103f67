// SPDX-License-Identifier: GPL-3.0-or-later
// SipUserAgent's answers to requests from the network (NOTIFY and OPTIONS: 200, anything else:
// 481), over UDP and TCP, retransmissions, and garbage that must be dropped.
#include <memory>

#include <QTest>

#include "backend/sipua/sipuseragent.h"
#include "tests/backend/siptestpeer.h"
#include "tests/backend/sipuatestsupport.h"

using namespace Qt::StringLiterals;

class TestSipUaIncoming final : public QObject
{
    Q_OBJECT

private slots:
    void incomingNotifyAnswered();
    void incomingInfoGets481();
    void incomingOverTcp();
    void garbageIgnored();
};

void TestSipUaIncoming::incomingNotifyAnswered()
{
    auto ua = startUserAgent(50);
    QVERIFY(ua);
    QList<QStringList> seen;
    connect(ua.get(), &SipUserAgent::requestReceived, this,
            [&seen](const QByteArray &message, const QString &sender, int code) {
                seen.append({QString::fromLatin1(message), sender, QString::number(code)});
            });
    SipTestPeer peer;
    QVERIFY(peer.listenUdp());
    const QByteArray request = incomingRequest("z9hG4bKnotify1");
    peer.sendUdp(request, ua->port());
    QTRY_COMPARE_WITH_TIMEOUT(peer.responses().size(), 1, 3000);
    const QByteArray answer = peer.responses().at(0).data;
    QVERIFY(answer.startsWith("SIP/2.0 200 OK\r\n"));
    QVERIFY(
        answer.contains("\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKnotify1\r\n"
                        "Via: SIP/2.0/UDP 192.0.2.30:5070;branch=z9hG4bKdownstream;received=192.0.2.30\r\n"));
    QCOMPARE(SipTestPeer::header(answer, "From"), QByteArray("<sip:bob@example.com>;tag=n1"));
    QVERIFY(SipTestPeer::header(answer, "To").startsWith("<sip:calldeck@example.com>;tag="));
    QCOMPARE(SipTestPeer::header(answer, "Call-ID"), QByteArray("refer-1@example.com"));
    QCOMPARE(SipTestPeer::header(answer, "CSeq"), QByteArray("7 NOTIFY"));
    QCOMPARE(SipTestPeer::header(answer, "User-Agent"), QByteArray("CallDeck-test"));
    QVERIFY(answer.endsWith("\r\nContent-Length: 0\r\n\r\n"));
    QTRY_COMPARE_WITH_TIMEOUT(seen.size(), 1, 3000);
    QCOMPARE(seen.at(0).at(0), QString::fromLatin1(request));
    QCOMPARE(seen.at(0).at(1), u"127.0.0.1:%1"_s.arg(peer.udpPort()));
    QCOMPARE(seen.at(0).at(2), u"200"_s);

    // A retransmission gets the very same answer (same To tag) and is not reported again.
    peer.sendUdp(request, ua->port());
    QTRY_COMPARE_WITH_TIMEOUT(peer.responses().size(), 2, 3000);
    QCOMPARE(peer.responses().at(1).data, answer);
    // OPTIONS: 200 as well.
    peer.sendUdp(incomingRequest("z9hG4bKoptions1", "OPTIONS"), ua->port());
    QTRY_COMPARE_WITH_TIMEOUT(peer.responses().size(), 3, 3000);
    QVERIFY(peer.responses().at(2).data.startsWith("SIP/2.0 200 OK\r\n"));
    QTRY_COMPARE_WITH_TIMEOUT(seen.size(), 2, 3000);
    QCOMPARE(seen.at(1).at(2), u"200"_s);
}

void TestSipUaIncoming::incomingInfoGets481()
{
    auto ua = startUserAgent(50);
    QVERIFY(ua);
    QList<int> codes;
    connect(ua.get(), &SipUserAgent::requestReceived, this,
            [&codes](const QByteArray &, const QString &, int code) { codes.append(code); });
    SipTestPeer peer;
    QVERIFY(peer.listenUdp());
    peer.sendUdp(incomingRequest("z9hG4bKinfo1", "INFO"), ua->port());
    QTRY_COMPARE_WITH_TIMEOUT(peer.responses().size(), 1, 3000);
    QVERIFY(peer.responses().at(0).data.startsWith("SIP/2.0 481 Call/Transaction Does Not Exist\r\n"));
    QCOMPARE(SipTestPeer::header(peer.responses().at(0).data, "CSeq"), QByteArray("7 INFO"));
    QTRY_COMPARE_WITH_TIMEOUT(codes.size(), 1, 3000);
    QCOMPARE(codes.at(0), 481);
}

void TestSipUaIncoming::incomingOverTcp()
{
    auto ua = startUserAgent(50);
    QVERIFY(ua);
    SipTestPeer peer;
    // Two requests in one write, so the UA has to frame them.
    peer.sendTcp(incomingRequest("z9hG4bKtcp1") + incomingRequest("z9hG4bKtcp2", "OPTIONS"), ua->port());
    QTRY_COMPARE_WITH_TIMEOUT(peer.responses().size(), 2, 3000);
    QVERIFY(peer.responses().at(0).tcp);
    QCOMPARE(SipTestPeer::header(peer.responses().at(0).data, "CSeq"), QByteArray("7 NOTIFY"));
    QCOMPARE(SipTestPeer::header(peer.responses().at(1).data, "CSeq"), QByteArray("7 OPTIONS"));
}

void TestSipUaIncoming::garbageIgnored()
{
    auto ua = startUserAgent(50);
    QVERIFY(ua);
    SipTestPeer peer;
    QVERIFY(peer.listenUdp());
    const QList<QByteArray> garbage = {QByteArray("\x00\x01\x02garbage", 10),
                                       "HELLO\r\n\r\n",
                                       "SIP/2.0 999\r\n\r\n",
                                       "\r\n\r\n",
                                       QByteArray(3000, 'x'),
                                       "NOTIFY sip:x SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bKg\r\n\r\n"};
    for (const QByteArray &g : garbage)
    {
        peer.sendUdp(g, ua->port());
    }
    peer.sendUdp(incomingRequest("z9hG4bKafter", "OPTIONS"), ua->port());
    QTRY_COMPARE_WITH_TIMEOUT(peer.responses().size(), 1, 3000);
    QCOMPARE(SipTestPeer::header(peer.responses().at(0).data, "CSeq"), QByteArray("7 OPTIONS"));
    QTest::qWait(50);
    QCOMPARE(peer.responses().size(), 1);
}

QTEST_GUILESS_MAIN(TestSipUaIncoming)
#include "tst_sipuaincoming.moc"
