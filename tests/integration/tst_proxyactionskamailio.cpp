// SPDX-License-Identifier: GPL-3.0-or-later
// Issue #5's proof, the helper actions: a headless CallDeck that polls a real Kamailio 5.6
// forwards calldeck.refer, calldeck.set_timeout, calldeck.set_profile/unset_profile and
// calldeck.set_var to the proxy's helper include (resources/kamailio/calldeck-helpers.cfg); the
// effects show on the wire (sipp), in Kamailio's own RPC and in CallDeck's rows after a poll.
// A proxy without the helper gets nothing: CallDeck answers 501 and names the include.
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
/// Two poll intervals (Proxies/IntervalMs 1 s) and the RPC round trips.
constexpr int TwoPollsMs = 2500;

/// The REFERs sipp received in @p callId, as full message texts.
QStringList refersReceived(const SippProcess &sipp, const QString &callId)
{
    QStringList texts;
    const SippMessageLog log = sipp.messages(); // entries() refers into it: keep it alive
    for (const SippMessageLog::Entry &entry : log.entries())
    {
        if (entry.received && entry.status == 0 && entry.method == u"REFER"_s && entry.callId == callId)
        {
            texts << entry.text;
        }
    }
    return texts;
}

int profileSize(KamailioInstance &k, const QString &profile, const QString &value)
{
    const RpcResult r = k.rpc(u"dlg.profile_get_size"_s, {profile, value});
    return r.ok() ? r.result().toInt(-1) : -1;
}

bool rowHas(ProxyFeedProbe &probe, const QString &origin, const QString &callId, const QString &key,
            const QJsonValue &entry)
{
    const QJsonObject row = DialogRowComparer::findByCallId(probe.rows(origin), callId);
    return row[u"dialog"_s][key].toArray().contains(entry);
}

/// Counts the HTTP requests for /calldeck that reached a Kamailio without the helper (the test
/// config logs every refused path).
int helperRequestsLogged(const KamailioInstance &k)
{
    return int(k.log().count(u"calldeck-test: HTTP POST /calldeck refused"_s));
}

} // namespace

class TestProxyActionsKamailio final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void referReachesTheChosenSide();
    void setTimeoutEndsTheCallByKamailiosTimer();
    void profilesAndVariablesShowInBothPlaces();
    void proxyWithoutHelperGetsNothing();

private:
    PolledKamailio m_proxy;
};

void TestProxyActionsKamailio::cleanup()
{
    // A failed test may leave calls up (their sipp is gone): end them so the next test starts
    // from an empty proxy.
    QVERIFY2(m_proxy.endLeftovers(), "Kamailio still lists dialogs after dlg.end_dlg");
}

void TestProxyActionsKamailio::initTestCase()
{
    // A BYE at a dialog's timeout needs the timeout-BYE behaviour from the dialog's start.
    QVERIFY2(m_proxy.start({.timeoutBye = true}, true), qPrintable(m_proxy.errorString()));
}

void TestProxyActionsKamailio::referReachesTheChosenSide()
{
    KamailioInstance &k = m_proxy.kamailio();
    CalldeckHeadless &cd = m_proxy.calldeck();
    ProxyFeedProbe probe(cd);
    const QString name = ProxyFeedProbe::proxyName(k);
    SippCallPair calls(u"tst_proxyactionskamailio"_s);
    QVERIFY2(calls.startPolled(k, probe, u"refer"_s, 2, u"uac_rr_accept_refer.xml"_s),
             qPrintable(calls.errorString() + ProxyTestBed::details(k, cd)));
    SippProcess &uac = calls.uac();
    SippProcess &uas = calls.uas();
    const QJsonArray rows = probe.rows(name);
    const QString toCalleeCall = uac.callId(1);
    const QString toCallerCall = uac.callId(2);
    const QJsonArray calleeIds = ProxyTestBed::tagsOf(DialogRowComparer::findByCallId(rows, toCalleeCall));
    const QJsonArray callerIds = ProxyTestBed::tagsOf(DialogRowComparer::findByCallId(rows, toCallerCall));

    const QString calleeTarget = u"sip:transfer-callee@127.0.0.1:5999"_s;
    const QString callerTarget = u"sip:transfer-caller@127.0.0.1:5998"_s;
    RpcResult reply = cd.rpc(u"calldeck.refer"_s, ProxyTestBed::with(calleeIds, {u"callee"_s, calleeTarget}));
    QVERIFY2(reply.ok(), qPrintable(reply.describe() + ProxyTestBed::details(k, cd)));
    reply = cd.rpc(u"calldeck.refer"_s, ProxyTestBed::with(callerIds, {u"caller"_s, callerTarget}));
    QVERIFY2(reply.ok(), qPrintable(reply.describe()));

    // Each REFER reaches the side named, with the Refer-To given; Kamailio then BYEs that leg.
    QStringList toCallee;
    QStringList toCaller;
    const bool referred = BoundedWait::until(5000, [&] {
        toCallee = refersReceived(uas, toCalleeCall);
        toCaller = refersReceived(uac, toCallerCall);
        return !toCallee.isEmpty() && !toCaller.isEmpty() &&
               uas.messages().countRequests(u"BYE"_s, true, toCalleeCall) == 1 &&
               uac.messages().countRequests(u"BYE"_s, true, toCallerCall) == 1;
    });
    QVERIFY2(referred, qPrintable(uac.describe() + uas.describe()));
    QCOMPARE(toCallee.size(), 1);
    QCOMPARE(toCaller.size(), 1);
    QVERIFY2(toCallee.first().contains(u"Refer-To: "_s + calleeTarget), qPrintable(toCallee.first()));
    QVERIFY2(toCaller.first().contains(u"Refer-To: "_s + callerTarget), qPrintable(toCaller.first()));
    QVERIFY(refersReceived(uac, toCalleeCall).isEmpty());
    QVERIFY(refersReceived(uas, toCallerCall).isEmpty());

    // The other parties are still in their calls; CallDeck ends them (after the referred
    // parties' sipp calls are over: a BYE in sipp's timewait would fail those calls).
    QThread::msleep(800);
    for (const QJsonArray &ids : {calleeIds, callerIds})
    {
        reply = cd.rpc(u"dlg.terminate_dlg"_s, ids);
        QVERIFY2(reply.ok(), qPrintable(reply.describe()));
    }
    QVERIFY2(calls.finish(15000, 2), qPrintable(calls.errorString()));
    QVERIFY2(ProxyTestBed::waitEmpty(k), qPrintable(k.rpc(u"dlg.list"_s).describe()));
}

void TestProxyActionsKamailio::setTimeoutEndsTheCallByKamailiosTimer()
{
    KamailioInstance &k = m_proxy.kamailio();
    CalldeckHeadless &cd = m_proxy.calldeck();
    ProxyFeedProbe probe(cd);
    const QString name = ProxyFeedProbe::proxyName(k);
    SippCallPair calls(u"tst_proxyactionskamailio"_s);
    QVERIFY2(calls.startPolled(k, probe, u"timeout"_s, 1), qPrintable(calls.errorString()));
    SippProcess &uac = calls.uac();
    SippProcess &uas = calls.uas();
    const QString callId = uac.callId(1);
    const QJsonObject before = DialogRowComparer::findByCallId(probe.rows(name), callId);
    QCOMPARE(before[u"dialog"_s][u"lifetime"_s].toInt(), 43200);

    QElapsedTimer sinceSet;
    sinceSet.start();
    const RpcResult reply =
        cd.rpc(u"calldeck.set_timeout"_s, ProxyTestBed::with(ProxyTestBed::tagsOf(before), {5}));
    QVERIFY2(reply.ok(), qPrintable(reply.describe() + ProxyTestBed::details(k, cd)));
    // The next poll shows the new expiry as Kamailio lists it.
    QString diff = probe.waitEqual(k, 1, Confirmed, 3000);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    const QJsonObject after = DialogRowComparer::findByCallId(probe.rows(name), callId);
    QVERIFY2(after[u"dialog"_s][u"timeout"_s].toInteger() <
                 before[u"dialog"_s][u"timeout"_s].toInteger() - 40000,
             qPrintable(ProxyTestBed::json(after)));

    // Kamailio's own timer ends the call ~5 s later: a BYE to each side.
    QVERIFY2(BoundedWait::until(12000,
                                [&] {
                                    return uac.messages().countRequests(u"BYE"_s, true, callId) == 1 &&
                                           uas.messages().countRequests(u"BYE"_s, true, callId) == 1;
                                }),
             qPrintable(uac.describe() + uas.describe()));
    const qint64 elapsed = sinceSet.elapsed();
    QVERIFY2(elapsed >= 4000 && elapsed <= 8500,
             qPrintable(u"BYEs %1 ms after set_timeout 5"_s.arg(elapsed)));
    QVERIFY2(calls.finish(10000, 1), qPrintable(calls.errorString()));
    diff = probe.waitEqual(k, 0, 0, 15000);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
}

void TestProxyActionsKamailio::profilesAndVariablesShowInBothPlaces()
{
    KamailioInstance &k = m_proxy.kamailio();
    CalldeckHeadless &cd = m_proxy.calldeck();
    ProxyFeedProbe probe(cd);
    const QString name = ProxyFeedProbe::proxyName(k);
    SippCallPair calls(u"tst_proxyactionskamailio"_s);
    QVERIFY2(calls.startPolled(k, probe, u"profile"_s, 1), qPrintable(calls.errorString()));
    SippProcess &uac = calls.uac();
    SippProcess &uas = calls.uas();
    const QString callId = uac.callId(1);
    const QJsonArray ids = ProxyTestBed::tagsOf(DialogRowComparer::findByCallId(probe.rows(name), callId));
    const QJsonObject nocDesk{{u"caller"_s, u"noc-desk"_s}};
    QCOMPARE(profileSize(k, u"caller"_s, u"noc-desk"_s), 0);

    RpcResult reply =
        cd.rpc(u"calldeck.set_profile"_s, ProxyTestBed::with(ids, {u"caller"_s, u"noc-desk"_s}));
    QVERIFY2(reply.ok(), qPrintable(reply.describe() + ProxyTestBed::details(k, cd)));
    QCOMPARE(profileSize(k, u"caller"_s, u"noc-desk"_s), 1);
    QElapsedTimer shown;
    shown.start();
    QVERIFY2(BoundedWait::until(
                 5000, [&] { return rowHas(probe, name, callId, u"profiles"_s, nocDesk); }, 100),
             qPrintable(ProxyTestBed::json(probe.rows(name))));
    QVERIFY2(shown.elapsed() <= TwoPollsMs, qPrintable(QString::number(shown.elapsed())));

    const QJsonObject note{{u"calldeck_note"_s, u"ticket \"42\""_s}};
    reply = cd.rpc(u"calldeck.set_var"_s, ProxyTestBed::with(ids, {u"calldeck_note"_s, u"ticket \"42\""_s}));
    QVERIFY2(reply.ok(), qPrintable(reply.describe()));
    QVERIFY(DialogRowComparer::findByCallId(ProxyTestBed::kamailioDialogs(k), callId)[u"variables"_s]
                .toArray()
                .contains(note));
    QVERIFY2(BoundedWait::until(
                 TwoPollsMs, [&] { return rowHas(probe, name, callId, u"variables"_s, note); }, 100),
             qPrintable(ProxyTestBed::json(probe.rows(name))));
    QString diff = probe.waitEqual(k, 1, Confirmed, 3000);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));

    reply = cd.rpc(u"calldeck.unset_profile"_s, ProxyTestBed::with(ids, {u"caller"_s, u"noc-desk"_s}));
    QVERIFY2(reply.ok(), qPrintable(reply.describe()));
    QCOMPARE(profileSize(k, u"caller"_s, u"noc-desk"_s), 0);
    QVERIFY2(BoundedWait::until(
                 TwoPollsMs, [&] { return !rowHas(probe, name, callId, u"profiles"_s, nocDesk); }, 100),
             qPrintable(ProxyTestBed::json(probe.rows(name))));
    QVERIFY(rowHas(probe, name, callId, u"profiles"_s, QJsonObject{{u"caller"_s, u"sipp"_s}}));

    // The helper's refusal passes through as the proxy said it.
    reply = cd.rpc(u"calldeck.set_profile"_s, ProxyTestBed::with(ids, {u"no_such_profile"_s, u"x"_s}));
    QCOMPARE(reply.rpcError().value(u"code"_s).toInt(), 500);
    QCOMPARE(reply.rpcError().value(u"message"_s).toString(), u"Set profile failed"_s);

    reply = cd.rpc(u"dlg.terminate_dlg"_s, ids);
    QVERIFY2(reply.ok(), qPrintable(reply.describe()));
    QVERIFY2(uac.waitForFinished(10000), qPrintable(uac.describe()));
    QVERIFY2(uas.waitForFinished(10000), qPrintable(uas.describe()));
    QCOMPARE(uac.successfulCalls(), 1);
    diff = probe.waitEqual(k, 0, 0, 15000);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
}

void TestProxyActionsKamailio::proxyWithoutHelperGetsNothing()
{
    KamailioInstance k(KamailioInstance::Options{.helper = false});
    QVERIFY2(k.start(), qPrintable(k.errorString()));
    auto cd = ProxyTestBed::startCalldeck({&k});
    QVERIFY(cd);
    ProxyFeedProbe probe(*cd);
    const QString name = ProxyFeedProbe::proxyName(k);
    // Up, and the helper probe has been made (and refused by the proxy).
    QVERIFY2(BoundedWait::until(
                 5000, [&] { return probe.proxyState(name) == u"up"_s && helperRequestsLogged(k) >= 1; }),
             qPrintable(ProxyTestBed::details(k, *cd)));
    const QJsonObject status = probe.proxyStatus(name);
    QCOMPARE(status.value(u"helper"_s).toBool(true), false);
    const QJsonArray actions = status.value(u"actions"_s).toArray();
    for (const QString &method : {u"calldeck.refer"_s, u"calldeck.set_timeout"_s, u"calldeck.set_profile"_s,
                                  u"calldeck.unset_profile"_s, u"calldeck.set_var"_s})
    {
        QVERIFY2(!actions.contains(method), qPrintable(method));
    }
    QVERIFY(actions.contains(u"dlg.terminate_dlg"_s));
    QVERIFY(actions.contains(u"dlg.end_dlg"_s));

    SippCallPair calls(u"tst_proxyactionskamailio"_s);
    QVERIFY2(calls.startPolled(k, probe, u"nohelper"_s, 1, u"uac_rr_accept_refer.xml"_s),
             qPrintable(calls.errorString()));
    SippProcess &uac = calls.uac();
    SippProcess &uas = calls.uas();
    const QString callId = uac.callId(1);
    const QJsonArray ids = ProxyTestBed::tagsOf(DialogRowComparer::findByCallId(probe.rows(name), callId));
    const int requestsBefore = helperRequestsLogged(k);

    const struct
    {
        QString method;
        QJsonArray params;
    } refused[] = {
        {u"calldeck.refer"_s, ProxyTestBed::with(ids, {u"caller"_s, u"sip:transfer@127.0.0.1:5999"_s})},
        {u"calldeck.set_timeout"_s, ProxyTestBed::with(ids, {5})},
        {u"calldeck.set_profile"_s, ProxyTestBed::with(ids, {u"caller"_s, u"noc-desk"_s})},
        {u"calldeck.set_var"_s, ProxyTestBed::with(ids, {u"calldeck_note"_s, u"x"_s})},
    };
    for (const auto &r : refused)
    {
        const RpcResult reply = cd->rpc(r.method, r.params);
        QVERIFY2(!reply.ok(), qPrintable(r.method + u": "_s + reply.describe()));
        QCOMPARE(reply.rpcError().value(u"code"_s).toInt(), 501);
        const QString message = reply.rpcError().value(u"message"_s).toString();
        QVERIFY2(message.contains(u"calldeck-helpers.cfg"_s), qPrintable(r.method + u": "_s + message));
    }
    // Nothing reached the proxy's /calldeck, nothing reached the parties.
    QThread::msleep(1500);
    QCOMPARE(helperRequestsLogged(k), requestsBefore);
    QVERIFY(refersReceived(uac, callId).isEmpty());
    QVERIFY(refersReceived(uas, callId).isEmpty());
    QCOMPARE(uac.messages().countRequests(u"BYE"_s, true, callId), 0);
    QString diff = probe.waitEqual(k, 1, Confirmed, 3000); // untouched: no new profile, no variable
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    QCOMPARE(profileSize(k, u"caller"_s, u"noc-desk"_s), 0);

    // What the proxy can do without the helper still works.
    const RpcResult reply = cd->rpc(u"dlg.terminate_dlg"_s, ids);
    QVERIFY2(reply.ok(), qPrintable(reply.describe()));
    QVERIFY2(calls.finish(10000, 1), qPrintable(calls.errorString()));
    QVERIFY2(cd->stop(), "calldeck did not stop within 10 s of SIGTERM");
}

QTEST_GUILESS_MAIN(TestProxyActionsKamailio)
#include "tst_proxyactionskamailio.moc"
