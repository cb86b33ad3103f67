// SPDX-License-Identifier: GPL-3.0-or-later
// SipUserAgent's client side against an in-process SIP peer on 127.0.0.1: RFC 3261 non-INVITE
// client transactions over UDP (Timer E retransmissions, Timer F, 1xx, ICMP) and TCP, the Via
// rewrite, response matching, name lookups, bad next hops, stop() and the bind errors.
#include <memory>

#include <QNetworkDatagram>
#include <QTcpServer>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QUdpSocket>

#include "backend/sipua/sipuseragent.h"
#include "tests/backend/siptestpeer.h"
#include "tests/backend/sipuatestsupport.h"

using namespace Qt::StringLiterals;

class TestSipUserAgent final : public QObject
{
    Q_OBJECT

private slots:
    void udpRetransmissionsThenOk();
    void provisionalThenOk();
    void answers481();
    void timerF();
    void closedUdpPortFailsFast();
    void unresolvableName();
    void nameResolved();
    void ipv6();
    void badNextHops();
    void tcpRequestAndReuse();
    void tcpConnectRefused();
    void twoTransactionsMatchedByBranch();
    void stopEndsTransactions();
    void portInUse();
};

void TestSipUserAgent::udpRetransmissionsThenOk()
{
    const int t1 = 50;
    auto ua = startUserAgent(t1);
    QVERIFY(ua);
    QVERIFY(ua->running());
    QVERIFY(ua->port() != 0);
    QCOMPARE(ua->address(), u"127.0.0.1"_s);
    SipTestPeer peer;
    QVERIFY(peer.listenUdp());
    peer.setPolicy([](const QByteArray &request, int copy) {
        return copy == 3 ? QList<QByteArray>{SipTestPeer::response(request, 200, "OK")} : QList<QByteArray>{};
    });
    SipOutcomes done;
    const QByteArray request = byeRequest();
    ua->sendRequest(request, u"sip:127.0.0.1:%1;lr"_s.arg(peer.udpPort()), done.callback());
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 5000);
    const SipUserAgent::Outcome o = done.at(0);
    QCOMPARE(o.status, 200);
    QCOMPARE(o.reason, u"OK"_s);
    QVERIFY(o.error.isEmpty());
    QVERIFY(o.response.startsWith("SIP/2.0 200 OK\r\n"));
    QCOMPARE(o.retransmissions, 2);
    QCOMPARE(o.transport, u"UDP"_s);
    QCOMPARE(o.destination, u"127.0.0.1:%1"_s.arg(peer.udpPort()));
    QVERIFY(done.threadAt(0) != QThread::currentThread());

    QCOMPARE(peer.requests().size(), 3);
    const QByteArray sent = peer.requests().at(0).data;
    QCOMPARE(peer.requests().at(1).data, sent);
    QCOMPARE(peer.requests().at(2).data, sent);
    // Timer E: T1, then 2·T1 (tolerant: the machine may be busy).
    const qint64 gap1 = peer.requests().at(1).atMs - peer.requests().at(0).atMs;
    const qint64 gap2 = peer.requests().at(2).atMs - peer.requests().at(1).atMs;
    QVERIFY2(gap1 >= t1 * 8 / 10 && gap1 <= t1 + 150, qPrintable(QString::number(gap1)));
    QVERIFY2(gap2 >= 2 * t1 * 8 / 10 && gap2 <= 2 * t1 + 150, qPrintable(QString::number(gap2)));
    QVERIFY(o.elapsedMs >= 3 * t1 * 8 / 10);

    // The top Via is the UA's own; everything else is byte for byte what was given.
    const QByteArray via = SipTestPeer::header(sent, "Via");
    const QByteArray expectedStart =
        "SIP/2.0/UDP 127.0.0.1:" + QByteArray::number(ua->port()) + ";branch=z9hG4bK";
    QVERIFY2(via.startsWith(expectedStart), via.constData());
    QVERIFY(via.endsWith(";rport"));
    const QByteArray branch = SipTestPeer::topBranch(sent);
    QVERIFY(branch.size() >= 7 + 16);
    QByteArray expected = request;
    expected.replace(CallerVia, via);
    QCOMPARE(sent, expected);
}

void TestSipUserAgent::provisionalThenOk()
{
    // Proceeding: after the 1xx, Timer E fires every T2 (800 ms) instead of doubling from T1,
    // so only the one retransmission due at T1 happens before the 200 at 400 ms.
    auto ua = startUserAgent(40, 800);
    QVERIFY(ua);
    SipTestPeer peer;
    QVERIFY(peer.listenUdp());
    const quint16 uaPort = ua->port();
    peer.setPolicy([&peer, uaPort](const QByteArray &request, int copy) {
        if (copy == 1)
        {
            const QByteArray ok = SipTestPeer::response(request, 200, "OK");
            QTimer::singleShot(400, &peer, [&peer, ok, uaPort] { peer.sendUdp(ok, uaPort); });
            return QList<QByteArray>{SipTestPeer::response(request, 100, "Trying")};
        }
        return QList<QByteArray>{};
    });
    SipOutcomes done;
    ua->sendRequest(byeRequest(), u"sip:127.0.0.1:%1"_s.arg(peer.udpPort()), done.callback());
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 5000);
    QCOMPARE(done.at(0).status, 200);
    QCOMPARE(done.at(0).retransmissions, 1);
    QVERIFY(done.at(0).elapsedMs >= 350);
}

void TestSipUserAgent::answers481()
{
    auto ua = startUserAgent(50);
    QVERIFY(ua);
    SipTestPeer peer;
    QVERIFY(peer.listenUdp());
    peer.setPolicy([](const QByteArray &request, int) {
        return QList<QByteArray>{SipTestPeer::response(request, 481, "Call/Transaction Does Not Exist")};
    });
    SipOutcomes done;
    ua->sendRequest(byeRequest(), u"sip:bob@127.0.0.1:%1;transport=udp"_s.arg(peer.udpPort()),
                    done.callback());
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 5000);
    QCOMPARE(done.at(0).status, 481);
    QCOMPARE(done.at(0).reason, u"Call/Transaction Does Not Exist"_s);
    QCOMPARE(done.at(0).retransmissions, 0);
}

void TestSipUserAgent::timerF()
{
    const int t1 = 20;
    auto ua = startUserAgent(t1);
    QVERIFY(ua);
    SipTestPeer peer; // listens, never answers
    QVERIFY(peer.listenUdp());
    SipOutcomes done;
    ua->sendRequest(byeRequest(), u"sip:127.0.0.1:%1"_s.arg(peer.udpPort()), done.callback());
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 5000);
    const SipUserAgent::Outcome o = done.at(0);
    QCOMPARE(o.status, 0);
    QCOMPARE(o.error,
             u"no answer within 1.28 s (Timer F): the peer did not respond; the dialog may already be "
             u"gone"_s);
    QVERIFY2(o.elapsedMs >= 64 * t1 - 5 && o.elapsedMs < 64 * t1 + 1000,
             qPrintable(QString::number(o.elapsedMs)));
    // E at 20, 60, 140, 300, 620, (1260) ms
    QVERIFY2(o.retransmissions >= 5 && o.retransmissions <= 6,
             qPrintable(QString::number(o.retransmissions)));
    QCOMPARE(peer.requests().size(), o.retransmissions + 1);
}

void TestSipUserAgent::closedUdpPortFailsFast()
{
    // Guaranteed on Linux: the socket has IP_RECVERR, so the ICMP port unreachable of the
    // first datagram ends the transaction at once (loopback ICMP is not rate limited). Timer F
    // (6.4 s here) would only be the fallback where ICMP is filtered.
    auto ua = startUserAgent(100);
    QVERIFY(ua);
    quint16 closedPort = 0;
    {
        QUdpSocket probe;
        QVERIFY(probe.bind(QHostAddress::LocalHost, 0));
        closedPort = probe.localPort();
    }
    SipOutcomes done;
    ua->sendRequest(byeRequest(), u"sip:127.0.0.1:%1"_s.arg(closedPort), done.callback());
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 3000);
    const SipUserAgent::Outcome o = done.at(0);
    QCOMPARE(o.status, 0);
    QCOMPARE(o.error,
             u"ICMP: destination unreachable (port unreachable, reported by 127.0.0.1) for 127.0.0.1:%1/UDP; "
             u"nothing answers there: the dialog's contact/route may be stale or the peer is down"_s.arg(
                 closedPort));
    QVERIFY(o.elapsedMs < 1000);
    QCOMPARE(o.retransmissions, 0);
}

void TestSipUserAgent::unresolvableName()
{
    auto ua = startUserAgent(100);
    QVERIFY(ua);
    SipOutcomes done;
    ua->sendRequest(byeRequest(), u"sip:does-not-exist.invalid"_s, done.callback());
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 10000);
    const SipUserAgent::Outcome o = done.at(0);
    QCOMPARE(o.status, 0);
    QVERIFY2(o.error.startsWith(u"cannot resolve 'does-not-exist.invalid': "_s), qPrintable(o.error));
    QVERIFY(o.error.endsWith(u"; check the dialog's contact/route"_s));
    QCOMPARE(o.destination, u"does-not-exist.invalid:5060"_s);
    qInfo().noquote() << o.error;
}

void TestSipUserAgent::nameResolved()
{
    auto ua = startUserAgent(50);
    QVERIFY(ua);
    SipTestPeer peer;
    QVERIFY(peer.listenUdp());
    peer.setPolicy([](const QByteArray &request, int) {
        return QList<QByteArray>{SipTestPeer::response(request, 200, "OK")};
    });
    SipOutcomes done;
    ua->sendRequest(byeRequest(), u"sip:localhost:%1"_s.arg(peer.udpPort()), done.callback());
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 5000);
    QCOMPARE(done.at(0).status, 200);
    QCOMPARE(done.at(0).destination, u"127.0.0.1:%1"_s.arg(peer.udpPort())); // the IPv4 one of localhost
}

void TestSipUserAgent::ipv6()
{
    QUdpSocket peer;
    if (!peer.bind(QHostAddress::LocalHostIPv6, 0))
    {
        QSKIP("no IPv6 loopback here");
    }
    connect(&peer, &QUdpSocket::readyRead, this, [&peer] {
        while (peer.hasPendingDatagrams())
        {
            const QNetworkDatagram d = peer.receiveDatagram();
            peer.writeDatagram(SipTestPeer::response(d.data(), 200, "OK"), d.senderAddress(),
                               quint16(d.senderPort()));
        }
    });
    SipUserAgent::Options options;
    options.address = u"::1"_s;
    options.t1Ms = 100;
    SipUserAgent ua(options);
    QString error;
    QVERIFY2(ua.start(&error), qPrintable(error));
    QCOMPARE(ua.address(), u"::1"_s);
    SipOutcomes done;
    ua.sendRequest(byeRequest(), u"sip:[::1]:%1"_s.arg(peer.localPort()), done.callback());
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 3000);
    QCOMPARE(done.at(0).status, 200);
    QCOMPARE(done.at(0).destination, u"[::1]:%1"_s.arg(peer.localPort()));
    const QByteArray via = SipTestPeer::header(done.at(0).response, "Via");
    const QByteArray sentBy = "SIP/2.0/UDP [::1]:" + QByteArray::number(ua.port()) + ";branch=z9hG4bK";
    QVERIFY2(via.startsWith(sentBy), via.constData());

    quint16 closedPort = 0;
    {
        QUdpSocket probe;
        QVERIFY(probe.bind(QHostAddress::LocalHostIPv6, 0));
        closedPort = probe.localPort();
    }
    ua.sendRequest(byeRequest(), u"sip:[::1]:%1"_s.arg(closedPort), done.callback());
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 2, 3000);
    QCOMPARE(done.at(1).status, 0);
    QVERIFY2(done.at(1).error.startsWith(u"ICMP: destination unreachable (port unreachable"_s),
             qPrintable(done.at(1).error));
    QVERIFY(done.at(1).elapsedMs < 1000);
}

void TestSipUserAgent::badNextHops()
{
    auto ua = startUserAgent(100);
    QVERIFY(ua);
    SipOutcomes done;
    ua->sendRequest(byeRequest(), u"sips:proxy.example.com"_s, done.callback());
    ua->sendRequest(byeRequest(), u"sip:127.0.0.1;transport=tls"_s, done.callback());
    ua->sendRequest(byeRequest(), u"tel:+4930123"_s, done.callback());
    ua->sendRequest("not sip at all", u"sip:127.0.0.1"_s, done.callback());
    ua->sendRequest(byeRequest("c", "INVITE"), u"sip:127.0.0.1"_s, done.callback());
    ua->sendRequest(byeRequest(), u"sip:[::1]:5060"_s, done.callback());
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 6, 3000);
    for (int i = 0; i < 6; ++i)
    {
        QCOMPARE(done.at(i).status, 0);
        qInfo().noquote() << done.at(i).error;
    }
    QVERIFY(done.at(0).error.contains(u"no TLS"_s));
    QVERIFY(done.at(1).error.contains(u"transport=tls"_s));
    QVERIFY(done.at(2).error.contains(u"is not a SIP URI"_s));
    QVERIFY(done.at(3).error.startsWith(u"the request is not valid SIP"_s));
    QVERIFY(done.at(4).error.contains(u"non-INVITE"_s));
    QVERIFY(done.at(5).error.contains(u"IPv6"_s));
}

void TestSipUserAgent::tcpRequestAndReuse()
{
    auto ua = startUserAgent(50);
    QVERIFY(ua);
    SipTestPeer peer;
    QVERIFY(peer.listenTcp());
    peer.setPolicy([](const QByteArray &request, int) {
        return QList<QByteArray>{SipTestPeer::response(request, 200, "OK")};
    });
    SipOutcomes done;
    const QString hop = u"<sip:127.0.0.1:%1;transport=tcp;lr>"_s.arg(peer.tcpPort());
    ua->sendRequest(byeRequest("tcp-1"), hop, done.callback());
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 5000);
    ua->sendRequest(byeRequest("tcp-2"), hop, done.callback());
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 2, 5000);
    for (int i = 0; i < 2; ++i)
    {
        QCOMPARE(done.at(i).status, 200);
        QCOMPARE(done.at(i).transport, u"TCP"_s);
        QCOMPARE(done.at(i).retransmissions, 0);
    }
    QCOMPARE(peer.tcpConnections(), 1);
    QCOMPARE(peer.requests().size(), 2);
    QVERIFY(peer.requests().at(0).tcp);
    const QByteArray via = "SIP/2.0/TCP 127.0.0.1:" + QByteArray::number(ua->port()) + ";branch=z9hG4bK";
    QVERIFY(SipTestPeer::header(peer.requests().at(0).data, "Via").startsWith(via));
}

void TestSipUserAgent::tcpConnectRefused()
{
    auto ua = startUserAgent(50);
    QVERIFY(ua);
    quint16 closedPort = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        closedPort = probe.serverPort();
    }
    SipOutcomes done;
    ua->sendRequest(byeRequest(), u"sip:127.0.0.1:%1;transport=TCP"_s.arg(closedPort), done.callback());
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 3000);
    QCOMPARE(done.at(0).status, 0);
    QCOMPARE(done.at(0).error, u"cannot connect to 127.0.0.1:%1/TCP: Connection refused"_s.arg(closedPort));
}

void TestSipUserAgent::twoTransactionsMatchedByBranch()
{
    auto ua = startUserAgent(200);
    QVERIFY(ua);
    SipTestPeer peer;
    QVERIFY(peer.listenUdp());
    SipOutcomes done;
    const QString hop = u"sip:127.0.0.1:%1"_s.arg(peer.udpPort());
    ua->sendRequest(byeRequest("first"), hop, done.callback());
    ua->sendRequest(byeRequest("second"), hop, done.callback());
    QTRY_COMPARE_WITH_TIMEOUT(peer.requests().size(), 2, 3000);
    const QByteArray a = peer.requests().at(0).data;
    const QByteArray b = peer.requests().at(1).data;
    QVERIFY(SipTestPeer::topBranch(a) != SipTestPeer::topBranch(b));
    // A stray response (unknown branch) and one with the right branch but the wrong method are ignored.
    QByteArray stray = SipTestPeer::response(a, 500, "Stray");
    stray.replace(SipTestPeer::topBranch(a), "z9hG4bKnotours");
    QByteArray wrongMethod = SipTestPeer::response(a, 503, "Wrong Method");
    wrongMethod.replace("CSeq: 102 BYE", "CSeq: 102 INFO");
    const QByteArray bAnswer = SipTestPeer::response(b, 481, "Call/Transaction Does Not Exist");
    const QByteArray aAnswer = SipTestPeer::response(a, 200, "OK");
    for (const QByteArray &r : {stray, wrongMethod, bAnswer, aAnswer})
    {
        peer.sendUdp(r, ua->port());
    }
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 2, 3000);
    QCOMPARE(done.at(0).status, 481); // the second request finished first
    QVERIFY(done.at(0).response.contains("Call-ID: second"));
    QCOMPARE(done.at(1).status, 200);
    QVERIFY(done.at(1).response.contains("Call-ID: first"));
    peer.sendUdp(aAnswer, ua->port()); // late duplicate: ignored
    QTest::qWait(50);
    QCOMPARE(done.size(), 2);
}

void TestSipUserAgent::stopEndsTransactions()
{
    auto ua = startUserAgent(100);
    QVERIFY(ua);
    SipTestPeer peer; // never answers
    QVERIFY(peer.listenUdp());
    SipOutcomes done;
    ua->sendRequest(byeRequest(), u"sip:127.0.0.1:%1"_s.arg(peer.udpPort()), done.callback());
    QTRY_COMPARE_WITH_TIMEOUT(peer.requests().size(), 1, 3000);
    ua->stop();
    QVERIFY(!ua->running());
    QCOMPARE(ua->port(), quint16(0));
    QCOMPARE(done.size(), 1);
    QCOMPARE(done.at(0).status, 0);
    QCOMPARE(done.at(0).error,
             u"stopped: the SIP user agent shut down before a final response; the request may or "
             u"may not have reached the peer"_s);
    ua->sendRequest(byeRequest(), u"sip:127.0.0.1:%1"_s.arg(peer.udpPort()), done.callback());
    QCOMPARE(done.size(), 2); // at once, on this thread
    QCOMPARE(done.at(1).error,
             u"the SIP user agent is not running; start it with --sip ADDR:PORT before sending"_s);
    QString error;
    QVERIFY(ua->start(&error)); // restartable
    ua.reset();                 // the destructor stops it
}

void TestSipUserAgent::portInUse()
{
    auto first = startUserAgent(50);
    QVERIFY(first);
    SipUserAgent::Options options;
    options.port = first->port();
    SipUserAgent second(options);
    QString error;
    QVERIFY(!second.start(&error));
    QVERIFY(!second.running());
    QCOMPARE(error,
             u"cannot bind the SIP socket 127.0.0.1:%1/UDP: address already in use (another SIP service or "
             u"CallDeck has it); pick another port with --sip ADDR:PORT"_s.arg(first->port()));
}

QTEST_GUILESS_MAIN(TestSipUserAgent)
#include "tst_sipuseragent.moc"
