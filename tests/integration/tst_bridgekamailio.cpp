// SPDX-License-Identifier: GPL-3.0-or-later
// Issue #6, bridge by CallDeck's own SIP user agent: a `calldeck --headless --sip ...` without any
// RPC feed answers dlg.bridge_dlg as Kamailio does ({} at once) and runs the module's
// INVITE(hold)–REFER–BYE itself, with a real Kamailio 5.6 as the outbound proxy and sipp as the
// called party. Checked on sipp's message log: the INVITE with the hold offer comes through
// Kamailio from CallDeck's socket, the REFER names the other party and the BYE follows, with the
// module's CSeqs 10/11/12 and sipp answering 2xx; Kamailio's dialog for the short call ends; a busy
// party and one that rings past the ring timeout (CANCEL) are reported in the event log.
#include <memory>

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include "harness/boundedwait.h"
#include "harness/calldeckheadless.h"
#include "harness/freeport.h"
#include "harness/integrationpaths.h"
#include "harness/kamailioinstance.h"
#include "harness/mirroronlybed.h"
#include "harness/proxytestbed.h"
#include "harness/receivedrequest.h"
#include "harness/sipmessagetext.h"
#include "harness/sippprocess.h"
#include "harness/testdirectory.h"

using namespace calldeck::integration;
using namespace Qt::StringLiterals;

class TestBridgeKamailio final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void cleanupTestCase();
    void bridgeThroughKamailio();
    void busyPartyIsReported();
    void ringingPartyIsCancelled();

private:
    bool startParty(const QString &scenario);
    RpcResult bridge(const QString &to);
    /// Waits until CallDeck's output has a line with "bridge: " and @p text.
    bool logged(const QString &text, int timeoutMs);
    QString details() const;

    TestDirectory *m_dir = nullptr;
    MirrorOnlyBed m_bed;
    CalldeckHeadless *m_calldeck = nullptr;
    KamailioInstance *m_kamailio = nullptr;
    std::unique_ptr<SippProcess> m_party;
    quint16 m_sipPort = 0;
    quint16 m_uasPort = 0;
};

void TestBridgeKamailio::initTestCase()
{
    QVERIFY2(m_bed.start(u"tst_bridgekamailio"_s, u"[Control]\nBridgeRingTimeout=2\n"_s),
             qPrintable(m_bed.errorString()));
    m_calldeck = &m_bed.calldeck();
    m_kamailio = &m_bed.kamailio();
    m_dir = &m_bed.directory();
    m_sipPort = m_bed.sipPort();
    m_uasPort = m_bed.uasPort();
}

void TestBridgeKamailio::cleanup()
{
    m_party.reset();
    if (m_kamailio && m_kamailio->isRunning())
    {
        QVERIFY2(ProxyTestBed::endLeftovers(*m_kamailio), "Kamailio still lists dialogs after the test");
    }
}

void TestBridgeKamailio::cleanupTestCase()
{
    QVERIFY2(m_bed.stop(), qPrintable(m_bed.errorString()));
}

bool TestBridgeKamailio::startParty(const QString &scenario)
{
    m_party = std::make_unique<SippProcess>(
        SippProcess::Options{.scenario = scenario, .localPort = m_uasPort, .calls = 1}, m_dir->path());
    if (!m_party->start())
    {
        qWarning("%s", qPrintable(m_party->errorString()));
        return false;
    }
    return true;
}

RpcResult TestBridgeKamailio::bridge(const QString &to)
{
    // from = the sipp party, to = someone else, op = Kamailio (the module's third parameter).
    return m_calldeck->rpc(
        u"dlg.bridge_dlg"_s,
        {u"sip:alice@127.0.0.1:%1"_s.arg(m_uasPort), to, u"sip:127.0.0.1:%1"_s.arg(m_kamailio->sipPort())},
        15000);
}

bool TestBridgeKamailio::logged(const QString &text, const int timeoutMs)
{
    return BoundedWait::until(timeoutMs, [&] {
        const QStringList lines = m_calldeck->output().split(u'\n');
        for (const QString &line : lines)
        {
            if (line.contains(u"bridge: "_s) && line.contains(text))
            {
                return true;
            }
        }
        return false;
    });
}

QString TestBridgeKamailio::details() const
{
    return ProxyTestBed::details(*m_kamailio, *m_calldeck) + u"\nparty: "_s +
           (m_party ? m_party->describe() : QString());
}

void TestBridgeKamailio::bridgeThroughKamailio()
{
    QVERIFY(startParty(u"uas.xml"_s));
    const QString target = u"sip:bob@127.0.0.1:5999"_s;
    const RpcResult reply = bridge(target);
    QVERIFY2(reply.ok(), qPrintable(reply.describe() + details()));
    QCOMPARE(reply.result().toObject(), QJsonObject()); // as Kamailio: {} at once
    QVERIFY2(m_party->waitForFinished(15000), qPrintable(details()));
    QCOMPARE(m_party->successfulCalls(), 1);

    const QStringList callIds = m_party->messages().callIds();
    QCOMPARE(callIds.size(), 1);
    const QString callId = callIds.at(0);
    const ReceivedRequest invite = ReceivedRequest::of(*m_party, callId, u"INVITE"_s);
    QCOMPARE(invite.count, 1);
    QCOMPARE(invite.answer, 180);
    QVERIFY2(invite.worse.isEmpty(), qPrintable(invite.worse.join(u", "_s)));
    QCOMPARE(SipMessageText::requestUri(invite.text), u"sip:alice@127.0.0.1:%1"_s.arg(m_uasPort));
    QCOMPARE(SipMessageText::cseqNumber(invite.text), 10);
    QVERIFY2(invite.text.contains(u"o=kamailio-bridge 0 0 IN IP4 0.0.0.0"_s), qPrintable(invite.text));
    QVERIFY2(invite.text.contains(u"m=audio 9 RTP/AVP 8 0"_s), qPrintable(invite.text));
    const QString controller = u"sip:calldeck@127.0.0.1:%1"_s.arg(m_sipPort);
    QCOMPARE(SipMessageText::header(invite.text, u"Contact"_s, u"m"_s), u"<%1>"_s.arg(controller));

    int cseq = 10;
    for (const QString &method : {u"INVITE"_s, u"REFER"_s, u"BYE"_s})
    {
        const ReceivedRequest r = ReceivedRequest::of(*m_party, callId, method);
        QCOMPARE(r.count, 1);
        // From CallDeck's socket through Kamailio (the INVITE via the outbound proxy, the others
        // by the Record-Route of the 200).
        const QStringList vias = SipMessageText::headers(r.text, u"Via"_s, u"v"_s);
        QVERIFY2(vias.size() == 2 && SipMessageText::viaPort(vias.value(0)) == m_kamailio->sipPort() &&
                     SipMessageText::viaPort(vias.value(1)) == m_sipPort,
                 qPrintable(r.text));
        QCOMPARE(SipMessageText::cseqNumber(r.text), cseq++);
    }
    const ReceivedRequest refer = ReceivedRequest::of(*m_party, callId, u"REFER"_s);
    QCOMPARE(refer.answer, 202);
    QCOMPARE(SipMessageText::header(refer.text, u"Refer-To"_s, u"r"_s), u"<%1>"_s.arg(target));
    QCOMPARE(SipMessageText::header(refer.text, u"Referred-By"_s, u"b"_s), u"<%1>"_s.arg(controller));
    QCOMPARE(ReceivedRequest::of(*m_party, callId, u"BYE"_s).answer, 200);
    QCOMPARE(m_party->messages().countRequests(u"ACK"_s, true, callId), 1);

    // The operator learns the outcome; Kamailio's dialog of the short call is gone, and so is the
    // one CallDeck's mirror showed.
    QVERIFY2(
        logged(
            u"done: INVITE to sip:alice@127.0.0.1:%1: 200 OK; REFER (Refer-To %2): 202 Accepted; BYE: 200 OK"_s
                .arg(m_uasPort)
                .arg(target),
            5000),
        qPrintable(details()));
    QVERIFY2(ProxyTestBed::waitEmpty(*m_kamailio), qPrintable(m_kamailio->rpc(u"dlg.list"_s).describe()));
    QVERIFY2(BoundedWait::until(15000,
                                [&] { return m_calldeck->rpc(u"dlg.list"_s).result().toArray().isEmpty(); }),
             qPrintable(ProxyTestBed::json(m_calldeck->rpc(u"dlg.list"_s).result())));
}

void TestBridgeKamailio::busyPartyIsReported()
{
    QVERIFY(startParty(u"uas_busy.xml"_s));
    const RpcResult reply = bridge(u"sip:bob@127.0.0.1:5999"_s);
    QVERIFY2(reply.ok(), qPrintable(reply.describe() + details()));
    QVERIFY2(m_party->waitForFinished(15000), qPrintable(details())); // it got its ACK
    QCOMPARE(m_party->successfulCalls(), 1);
    const QString callId = m_party->messages().callIds().value(0);
    QCOMPARE(m_party->messages().countRequests(u"REFER"_s, true, callId), 0);
    QVERIFY2(logged(u"failed: INVITE to sip:alice@127.0.0.1:%1: 486 Busy Here. Nothing was bridged"_s.arg(
                        m_uasPort),
                    5000),
             qPrintable(details()));
}

void TestBridgeKamailio::ringingPartyIsCancelled()
{
    QVERIFY(startParty(u"uas_noanswer.xml"_s));
    const RpcResult reply = bridge(u"sip:bob@127.0.0.1:5999"_s);
    QVERIFY2(reply.ok(), qPrintable(reply.describe() + details()));
    // Control/BridgeRingTimeout=2: the CANCEL reaches the party through Kamailio, which ends the
    // INVITE with 487; sipp counts the cancelled call as a success.
    QVERIFY2(m_party->waitForFinished(15000), qPrintable(details()));
    QCOMPARE(m_party->successfulCalls(), 1);
    const QString callId = m_party->messages().callIds().value(0);
    QCOMPARE(m_party->messages().countRequests(u"CANCEL"_s, true, callId), 1);
    QVERIFY2(
        logged(u"did not answer within 2 s; CallDeck cancelled the INVITE (487 Request Terminated)"_s, 5000),
        qPrintable(details()));
    QVERIFY2(ProxyTestBed::waitEmpty(*m_kamailio), qPrintable(m_kamailio->rpc(u"dlg.list"_s).describe()));
}

QTEST_GUILESS_MAIN(TestBridgeKamailio)
#include "tst_bridgekamailio.moc"
