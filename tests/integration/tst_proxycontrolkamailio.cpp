// SPDX-License-Identifier: GPL-3.0-or-later
// Issue #5's proof, ending calls: a headless CallDeck that polls a real Kamailio 5.6 routes
// dlg.terminate_dlg, dlg.is_alive and dlg.end_dlg to the proxy that owns the dialog; both sipp
// ends receive their BYE and the dialog leaves Kamailio's dlg.list and calldeck.dialogs.
#include <memory>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QThread>

#include "harness/boundedwait.h"
#include "harness/calldeckheadless.h"
#include "harness/dialogrowcomparer.h"
#include "harness/freeport.h"
#include "harness/kamailioinstance.h"
#include "harness/polledkamailio.h"
#include "harness/proxyfeedprobe.h"
#include "harness/proxytestbed.h"
#include "harness/sippcallpair.h"
#include "harness/sippprocess.h"

using namespace calldeck::integration;
using namespace Qt::StringLiterals;

namespace
{

constexpr int Confirmed = 4;

/// Waits until each of @p callIds got exactly one BYE at the caller and one at the callee.
bool byeAtBothEnds(const SippProcess &uac, const SippProcess &uas, const QStringList &callIds, int timeoutMs)
{
    return BoundedWait::until(timeoutMs, [&] {
        const SippMessageLog callers = uac.messages();
        const SippMessageLog callees = uas.messages();
        for (const QString &callId : callIds)
        {
            if (callers.countRequests(u"BYE"_s, true, callId) != 1 ||
                callees.countRequests(u"BYE"_s, true, callId) != 1)
            {
                return false;
            }
        }
        return true;
    });
}

QString byeCounts(const SippProcess &uac, const SippProcess &uas, const QStringList &callIds)
{
    QStringList lines;
    for (const QString &callId : callIds)
    {
        lines << u"%1: caller got %2 BYE, callee got %3"_s.arg(callId)
                     .arg(uac.messages().countRequests(u"BYE"_s, true, callId))
                     .arg(uas.messages().countRequests(u"BYE"_s, true, callId));
    }
    return lines.join(u'\n');
}

} // namespace

class TestProxyControlKamailio final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void terminateDialogThroughCalldeck();
    void endDialogOnAMirroredAndPolledDialog();

private:
    PolledKamailio m_proxy;
};

void TestProxyControlKamailio::cleanup()
{
    // A failed test may leave calls up (their sipp is gone): end them so the next test starts
    // from an empty proxy.
    QVERIFY2(m_proxy.endLeftovers(), "Kamailio still lists dialogs after dlg.end_dlg");
}

void TestProxyControlKamailio::initTestCase()
{
    QVERIFY2(m_proxy.start({}, false), qPrintable(m_proxy.errorString()));
}

void TestProxyControlKamailio::terminateDialogThroughCalldeck()
{
    KamailioInstance &k = m_proxy.kamailio();
    CalldeckHeadless &cd = m_proxy.calldeck();
    ProxyFeedProbe probe(cd);
    const QString name = ProxyFeedProbe::proxyName(k);
    SippCallPair calls(u"tst_proxycontrolkamailio"_s);
    QVERIFY2(calls.startPolled(k, probe, u"terminate"_s, 3),
             qPrintable(calls.errorString() + ProxyTestBed::details(k, cd)));
    SippProcess &uac = calls.uac();
    SippProcess &uas = calls.uas();
    const QJsonArray rows = probe.rows(name);
    const QStringList callIds = uac.callIds();
    const QJsonArray ids1 = ProxyTestBed::tagsOf(DialogRowComparer::findByCallId(rows, callIds.at(0)));
    const QJsonArray ids2 = ProxyTestBed::tagsOf(DialogRowComparer::findByCallId(rows, callIds.at(1)));
    const QJsonObject row3 = DialogRowComparer::findByCallId(rows, callIds.at(2));
    const QJsonArray ids3 = ProxyTestBed::tagsOf(row3);

    // dlg.is_alive goes to the proxy and answers as Kamailio does.
    RpcResult reply = cd.rpc(u"dlg.is_alive"_s, ids1);
    QVERIFY2(reply.ok(), qPrintable(reply.describe()));
    QCOMPARE(reply.result(), k.rpc(u"dlg.is_alive"_s, ids1).result());
    QCOMPARE(reply.result().toString(), u"Alive"_s);

    // dlg.terminate_dlg by Call-ID and tags, for two of the three calls.
    reply = cd.rpc(u"dlg.terminate_dlg"_s, ids1);
    QVERIFY2(reply.ok(), qPrintable(reply.describe() + ProxyTestBed::details(k, cd)));
    QCOMPARE(reply.result().toObject(), QJsonObject());
    reply = cd.rpc(u"dlg.terminate_dlg"_s, ids2);
    QVERIFY2(reply.ok(), qPrintable(reply.describe()));
    const QStringList ended{callIds.at(0), callIds.at(1)};
    QVERIFY2(byeAtBothEnds(uac, uas, ended, 5000), qPrintable(byeCounts(uac, uas, callIds)));
    QCOMPARE(uac.messages().countRequests(u"BYE"_s, true, callIds.at(2)), 0);
    QCOMPARE(uas.messages().countRequests(u"BYE"_s, true, callIds.at(2)), 0);

    // Gone from Kamailio's dlg.list and from CallDeck's rows; the third call is still up.
    QString diff = probe.waitEqual(k, 1, Confirmed, 15000);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    QCOMPARE(ProxyTestBed::callIdOf(probe.rows(name).at(0)), callIds.at(2));

    // A gone dialog: the same error Kamailio gives for it.
    const RpcResult fromKamailio = k.rpc(u"dlg.terminate_dlg"_s, ids1);
    reply = cd.rpc(u"dlg.terminate_dlg"_s, ids1);
    QVERIFY2(!reply.ok() && !fromKamailio.ok(),
             qPrintable(reply.describe() + u" / "_s + fromKamailio.describe()));
    QCOMPARE(reply.rpcError(), fromKamailio.rpcError());
    QCOMPARE(reply.httpStatus, fromKamailio.httpStatus);

    // dlg.end_dlg with the ids a proxy-only dialog has (the proxy's, shown in calldeck.dialogs):
    // CallDeck sends dlg.end_dlg to that proxy and both ends get their BYE.
    reply = cd.rpc(u"dlg.end_dlg"_s,
                   {row3.value(u"proxy_h_entry"_s).toInt(), row3.value(u"proxy_h_id"_s).toInt()});
    QVERIFY2(reply.ok(), qPrintable(reply.describe() + ProxyTestBed::details(k, cd)));
    QCOMPARE(reply.result().toObject(), QJsonObject());
    QVERIFY2(byeAtBothEnds(uac, uas, callIds, 5000), qPrintable(byeCounts(uac, uas, callIds)));
    QVERIFY2(calls.finish(15000, 3), qPrintable(calls.errorString()));
    diff = probe.waitEqual(k, 0, 0, 15000);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
}

void TestProxyControlKamailio::endDialogOnAMirroredAndPolledDialog()
{
    // The proxy both mirrors its SIP to CallDeck (HEP) and is polled: one row per dialog,
    // "mirror + <proxy>", with CallDeck's ids taken from the did cookie - dlg.end_dlg with them
    // goes to the proxy.
    QString error;
    KamailioInstance::Options o;
    o.sipPort = FreePort::pick(&error);
    o.rpcPort = FreePort::pick(&error);
    QVERIFY2(o.sipPort && o.rpcPort, qPrintable(error));
    auto cd = ProxyTestBed::startCalldeck({}, {u"http://127.0.0.1:%1/RPC"_s.arg(o.rpcPort)}, true);
    QVERIFY(cd);
    o.mirror = cd->hepAddress();
    KamailioInstance k(o);
    QVERIFY2(k.start(), qPrintable(k.errorString()));
    ProxyFeedProbe probe(*cd);
    const QString name = ProxyFeedProbe::proxyName(k);
    SippCallPair calls(u"tst_proxycontrolkamailio"_s);
    QVERIFY2(calls.start(k, ProxyTestBed::callerOptions(k, u"mirrored"_s, 2, 30000)),
             qPrintable(calls.errorString()));
    SippProcess &uac = calls.uac();
    SippProcess &uas = calls.uas();
    QVERIFY2(ProxyTestBed::waitConfirmed(k, 2), qPrintable(uac.describe()));

    const QString origin = u"mirror + "_s + name;
    QJsonArray rows;
    const bool merged = BoundedWait::until(
        10000,
        [&] {
            rows = probe.dialogs();
            if (rows.size() != 2)
            {
                return false;
            }
            for (const QJsonValue &v : rows)
            {
                if (v.toObject().value(u"origin"_s).toString() != origin ||
                    !v.toObject().value(u"flags"_s).toArray().contains(u"merged"_s) ||
                    ProxyTestBed::stateOf(v) != Confirmed)
                {
                    return false;
                }
            }
            return true;
        },
        200);
    QVERIFY2(merged, qPrintable(ProxyTestBed::json(rows) + ProxyTestBed::details(k, *cd)));
    const QStringList callIds = uac.callIds();
    const QJsonArray kam = ProxyTestBed::kamailioDialogs(k);
    for (const QString &callId : callIds)
    {
        const QJsonObject row = DialogRowComparer::findByCallId(rows, callId);
        const QJsonObject d = DialogRowComparer::findByCallId(kam, callId);
        QCOMPARE(row.value(u"proxy_h_entry"_s), d.value(u"h_entry"_s));
        QCOMPARE(row.value(u"proxy_h_id"_s), d.value(u"h_id"_s));
        // The mirror adopted the proxy's ids from the did cookie.
        QCOMPARE(row[u"dialog"_s][u"h_entry"_s], d.value(u"h_entry"_s));
        QCOMPARE(row[u"dialog"_s][u"h_id"_s], d.value(u"h_id"_s));
    }

    const QJsonObject first = DialogRowComparer::findByCallId(rows, callIds.at(0));
    RpcResult reply = cd->rpc(
        u"dlg.end_dlg"_s, {first[u"dialog"_s][u"h_entry"_s].toInt(), first[u"dialog"_s][u"h_id"_s].toInt()});
    QVERIFY2(reply.ok(), qPrintable(reply.describe() + ProxyTestBed::details(k, *cd)));
    QVERIFY2(byeAtBothEnds(uac, uas, {callIds.at(0)}, 5000), qPrintable(byeCounts(uac, uas, callIds)));
    QCOMPARE(uac.messages().countRequests(u"BYE"_s, true, callIds.at(1)), 0);
    reply = cd->rpc(u"dlg.terminate_dlg"_s,
                    ProxyTestBed::tagsOf(DialogRowComparer::findByCallId(rows, callIds.at(1))));
    QVERIFY2(reply.ok(), qPrintable(reply.describe()));
    QVERIFY2(byeAtBothEnds(uac, uas, callIds, 5000), qPrintable(byeCounts(uac, uas, callIds)));
    QVERIFY2(calls.finish(15000, 2), qPrintable(calls.errorString()));
    QVERIFY2(ProxyTestBed::waitEmpty(k), qPrintable(k.rpc(u"dlg.list"_s).describe()));
    QVERIFY2(BoundedWait::until(
                 5000, [&] { return probe.dialogs().isEmpty(); }, 200),
             qPrintable(ProxyTestBed::json(probe.dialogs())));
    QVERIFY2(cd->stop(), "calldeck did not stop within 10 s of SIGTERM");
}

QTEST_GUILESS_MAIN(TestProxyControlKamailio)
#include "tst_proxycontrolkamailio.moc"
