// SPDX-License-Identifier: GPL-3.0-or-later
// Issue #5's proof, the feed: a headless CallDeck polls real Kamailio 5.6 proxies over their
// JSON-RPC (`--hep off --rpc URL`) while sipp drives calls through them. At quiet checkpoints
// CallDeck's calldeck.dialogs equals each proxy's own dlg.list (ids, Call-IDs, tags, state,
// profiles with values, variables); two proxies are shown side by side; a proxy that stops is
// reported degraded then down with its dialogs kept as stale, and recovers by itself when it
// comes back on the same ports.
#include <algorithm>
#include <memory>

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>
#include <QThread>

#include "harness/boundedwait.h"
#include "harness/calldeckheadless.h"
#include "harness/dialogrowcomparer.h"
#include "harness/freeport.h"
#include "harness/integrationpaths.h"
#include "harness/kamailioinstance.h"
#include "harness/proxyfeedprobe.h"
#include "harness/proxytestbed.h"
#include "harness/sippprocess.h"
#include "harness/testdirectory.h"

using namespace calldeck::integration;
using namespace Qt::StringLiterals;

namespace
{

constexpr int Confirmed = 4;
constexpr int Deleted = 5;
/// Two poll intervals (the default Proxies/IntervalMs is 1 s) and the RPC round trips.
constexpr qint64 TwoPollsMs = 2500;

bool hasEntry(const QJsonObject &dialog, const QString &key, const QJsonValue &entry)
{
    return dialog.value(key).toArray().contains(entry);
}

} // namespace

class TestProxyFeedKamailio final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void pollingShowsExactlyKamailiosDialogs();
    void twoProxiesSideBySide();
    void proxyStoppedThenRestartedOnTheSamePorts();
};

void TestProxyFeedKamailio::initTestCase()
{
    QString error;
    QVERIFY2(!IntegrationPaths::kamailio(&error).isEmpty(), qPrintable(error));
    QVERIFY2(!IntegrationPaths::sipp(&error).isEmpty(), qPrintable(error));
}

void TestProxyFeedKamailio::pollingShowsExactlyKamailiosDialogs()
{
    TestDirectory dir(u"tst_proxyfeedkamailio"_s);
    KamailioInstance k;
    QVERIFY2(k.start(), qPrintable(k.errorString()));
    auto cd = ProxyTestBed::startCalldeck({&k});
    QVERIFY(cd);
    ProxyFeedProbe probe(*cd);
    const QString name = ProxyFeedProbe::proxyName(k);
    QVERIFY2(BoundedWait::until(5000, [&] { return probe.proxyStatus(name).value(u"helper"_s).toBool(); }),
             qPrintable(ProxyTestBed::details(k, *cd)));

    auto uas = ProxyTestBed::startUas(k.options().uasPort, 10, dir.path());
    QVERIFY(uas);
    auto uac = ProxyTestBed::startUac(k, u"feed"_s, 10, 8000, dir.path());
    QVERIFY(uac);
    QVERIFY2(ProxyTestBed::waitConfirmed(k, 10), qPrintable(uac->describe() + ProxyTestBed::details(k, *cd)));

    // The quiet checkpoint: within two poll intervals CallDeck shows exactly Kamailio's dialogs.
    qint64 elapsed = -1;
    const QString diff = probe.waitEqual(k, 10, Confirmed, 8000, &elapsed);
    QVERIFY2(diff.isEmpty(), qPrintable(diff + ProxyTestBed::details(k, *cd)));
    QVERIFY2(elapsed <= TwoPollsMs, qPrintable(u"equal only after %1 ms"_s.arg(elapsed)));
    qInfo("10 confirmed calls: calldeck.dialogs equal to dlg.list %lld ms after Kamailio listed them",
          elapsed);

    // The script's profiles (with values) and variable are there, so the equality means something.
    const QJsonArray rows = probe.rows(name);
    QCOMPARE(rows.size(), 10);
    const QString trunk = u"uas-%1"_s.arg(k.options().uasPort);
    for (const QString &callId : uac->callIds())
    {
        const QJsonObject row = DialogRowComparer::findByCallId(rows, callId);
        const QJsonObject d = row.value(u"dialog"_s).toObject();
        QVERIFY2(!d.isEmpty(), qPrintable(callId));
        QCOMPARE(row.value(u"proxy"_s).toInt() > 0, true);
        QCOMPARE(row.value(u"flags"_s).toArray(), QJsonArray());
        QVERIFY2(hasEntry(d, u"profiles"_s, u"inbound"_s), qPrintable(callId));
        QVERIFY2(hasEntry(d, u"profiles"_s, QJsonObject{{u"caller"_s, u"sipp"_s}}), qPrintable(callId));
        QVERIFY2(hasEntry(d, u"profiles"_s, QJsonObject{{u"trunk"_s, trunk}}), qPrintable(callId));
        QVERIFY2(hasEntry(d, u"variables"_s, QJsonObject{{u"caller"_s, u"sipp"_s}}), qPrintable(callId));
        QVERIFY(!d.value(u"callee"_s).toObject().value(u"tag"_s).toString().isEmpty());
    }

    // The feed's health and facts.
    const QJsonObject status = probe.proxyStatus(name);
    QCOMPARE(status.value(u"state"_s).toString(), u"up"_s);
    QCOMPARE(status.value(u"endpoint"_s).toString(), k.rpcUrl().toString());
    QCOMPARE(status.value(u"dialogs"_s).toInt(), 10);
    QCOMPARE(status.value(u"consecutive_errors"_s).toInt(), 0);
    QCOMPARE(status.value(u"interval_ms"_s).toInt(), 1000);
    QCOMPARE(status.value(u"last_error"_s).toString(), QString());
    QVERIFY2(status.value(u"version"_s).toString().startsWith(u"kamailio 5."_s),
             qPrintable(status.value(u"version"_s).toString()));
    QVERIFY(status.value(u"uptime"_s).toInteger(-1) >= 0);
    QVERIFY(status.value(u"latency_ms"_s).toInt(-1) >= 0);
    const qint64 sinceSuccess =
        QDateTime::currentMSecsSinceEpoch() - status.value(u"last_success_ms"_s).toInteger();
    QVERIFY2(sinceSuccess >= 0 && sinceSuccess < 3000, qPrintable(QString::number(sinceSuccess)));
    QCOMPARE(status.value(u"helper"_s).toBool(), true);
    const QJsonArray actions = status.value(u"actions"_s).toArray();
    for (const QString &method :
         {u"dlg.end_dlg"_s, u"dlg.terminate_dlg"_s, u"dlg.is_alive"_s, u"dlg.bridge_dlg"_s,
          u"calldeck.refer"_s, u"calldeck.set_timeout"_s, u"calldeck.set_profile"_s,
          u"calldeck.unset_profile"_s, u"calldeck.set_var"_s})
    {
        QVERIFY2(actions.contains(method), qPrintable(method));
    }

    // The callers hang up: within two polls no row is confirmed any more (Kamailio keeps ended
    // dialogs in state 5 a few seconds), and once Kamailio lists none, neither does CallDeck.
    QVERIFY2(uac->waitForFinished(20000), qPrintable(uac->describe()));
    QCOMPARE(uac->successfulCalls(), 10);
    QElapsedTimer ended;
    ended.start();
    QVERIFY2(
        BoundedWait::until(4000, [&] { return ProxyTestBed::allInState(probe.rows(name), Deleted); }),
        qPrintable(DialogRowComparer::differences(ProxyTestBed::kamailioDialogs(k), probe.rows(name), name)));
    QVERIFY2(ended.elapsed() <= TwoPollsMs, qPrintable(u"rows ended after %1 ms"_s.arg(ended.elapsed())));
    qInfo("calls hung up: every row in state 5 within %lld ms", ended.elapsed());
    QVERIFY2(ProxyTestBed::waitEmpty(k), qPrintable(k.rpc(u"dlg.list"_s).describe()));
    ended.restart();
    QVERIFY2(BoundedWait::until(
                 5000, [&] { return probe.rows(name).isEmpty(); }, 50),
             qPrintable(DialogRowComparer::differences({}, probe.rows(name), name)));
    QVERIFY2(ended.elapsed() <= TwoPollsMs, qPrintable(u"rows gone after %1 ms"_s.arg(ended.elapsed())));
    qInfo("Kamailio's dlg.list empty: calldeck.dialogs empty %lld ms later", ended.elapsed());
    QVERIFY2(uas->waitForFinished(10000), qPrintable(uas->describe()));
    QCOMPARE(uas->successfulCalls(), 10);
    QVERIFY2(cd->stop(), "calldeck did not stop within 10 s of SIGTERM");
    QCOMPARE(cd->exitCode(), 0);
}

void TestProxyFeedKamailio::twoProxiesSideBySide()
{
    TestDirectory dir(u"tst_proxyfeedkamailio"_s);
    KamailioInstance a;
    KamailioInstance b;
    QVERIFY2(a.start(), qPrintable(a.errorString()));
    QVERIFY2(b.start(), qPrintable(b.errorString()));
    auto cd = ProxyTestBed::startCalldeck({&a, &b});
    QVERIFY(cd);
    ProxyFeedProbe probe(*cd);
    const QString nameA = ProxyFeedProbe::proxyName(a);
    const QString nameB = ProxyFeedProbe::proxyName(b);
    QVERIFY(nameA != nameB);

    auto uasA = ProxyTestBed::startUas(a.options().uasPort, 6, dir.path());
    auto uasB = ProxyTestBed::startUas(b.options().uasPort, 4, dir.path());
    QVERIFY(uasA && uasB);
    auto uacA = ProxyTestBed::startUac(a, u"proxyA"_s, 6, 6000, dir.path());
    auto uacB = ProxyTestBed::startUac(b, u"proxyB"_s, 4, 6000, dir.path());
    QVERIFY(uacA && uacB);
    QVERIFY2(ProxyTestBed::waitConfirmed(a, 6) && ProxyTestBed::waitConfirmed(b, 4),
             qPrintable(uacA->describe() + uacB->describe()));

    QString diff = probe.waitEqual(a, 6, Confirmed, 6000);
    QVERIFY2(diff.isEmpty(), qPrintable(diff + ProxyTestBed::details(a, *cd)));
    diff = probe.waitEqual(b, 4, Confirmed, 6000);
    QVERIFY2(diff.isEmpty(), qPrintable(diff + ProxyTestBed::details(b, *cd)));

    // Side by side: every row names its proxy, each proxy's rows are its calls and only those.
    const QJsonArray all = probe.dialogs();
    QCOMPARE(all.size(), 10);
    QSet<int> feedsA;
    QSet<int> feedsB;
    for (const QJsonValue &v : all)
    {
        const QJsonObject row = v.toObject();
        const QString origin = row.value(u"origin"_s).toString();
        const QString callId = ProxyTestBed::callIdOf(row);
        QVERIFY2(origin == nameA || origin == nameB, qPrintable(origin));
        QVERIFY2(callId.startsWith(origin == nameA ? u"proxyA-"_s : u"proxyB-"_s),
                 qPrintable(origin + u' ' + callId));
        (origin == nameA ? feedsA : feedsB).insert(row.value(u"proxy"_s).toInt());
    }
    QCOMPARE(feedsA.size(), 1);
    QCOMPARE(feedsB.size(), 1);
    QVERIFY(*feedsA.begin() != *feedsB.begin());
    QCOMPARE(probe.proxyStatus(nameA).value(u"state"_s).toString(), u"up"_s);
    QCOMPARE(probe.proxyStatus(nameB).value(u"state"_s).toString(), u"up"_s);
    QCOMPARE(probe.proxyStatus(nameA).value(u"dialogs"_s).toInt(), 6);
    QCOMPARE(probe.proxyStatus(nameB).value(u"dialogs"_s).toInt(), 4);

    // Both sets of calls end; both drain.
    QVERIFY2(uacA->waitForFinished(20000), qPrintable(uacA->describe()));
    QVERIFY2(uacB->waitForFinished(20000), qPrintable(uacB->describe()));
    QCOMPARE(uacA->successfulCalls(), 6);
    QCOMPARE(uacB->successfulCalls(), 4);
    diff = probe.waitEqual(a, 0, 0, 15000);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    diff = probe.waitEqual(b, 0, 0, 15000);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    QVERIFY(probe.dialogs().isEmpty());
    QVERIFY2(cd->stop(), "calldeck did not stop within 10 s of SIGTERM");
}

void TestProxyFeedKamailio::proxyStoppedThenRestartedOnTheSamePorts()
{
    TestDirectory dir(u"tst_proxyfeedkamailio"_s);
    auto first = std::make_unique<KamailioInstance>();
    QVERIFY2(first->start(), qPrintable(first->errorString()));
    const quint16 sipPort = first->sipPort();
    const quint16 rpcPort = first->rpcPort();
    auto cd = ProxyTestBed::startCalldeck({first.get()});
    QVERIFY(cd);
    ProxyFeedProbe probe(*cd);
    const QString name = ProxyFeedProbe::proxyName(*first);

    auto uas = ProxyTestBed::startUas(first->options().uasPort, 5, dir.path());
    QVERIFY(uas);
    auto uac = ProxyTestBed::startUac(*first, u"before"_s, 5, 60000, dir.path());
    QVERIFY(uac);
    QVERIFY2(ProxyTestBed::waitConfirmed(*first, 5), qPrintable(uac->describe()));
    QString diff = probe.waitEqual(*first, 5, Confirmed, 6000);
    QVERIFY2(diff.isEmpty(), qPrintable(diff + ProxyTestBed::details(*first, *cd)));

    // SIGTERM by PID while CallDeck polls it every second.
    QElapsedTimer sinceStop;
    sinceStop.start();
    QVERIFY(first->stop());
    QStringList states;
    QList<int> intervals;
    const bool down = BoundedWait::until(
        15000,
        [&] {
            const QJsonObject s = probe.proxyStatus(name);
            const QString state = s.value(u"state"_s).toString();
            if (states.isEmpty() || states.last() != state)
            {
                states << state;
            }
            intervals << s.value(u"interval_ms"_s).toInt();
            return state == u"down"_s;
        },
        100);
    QVERIFY2(down, qPrintable(states.join(u" -> "_s)));
    QVERIFY2(states.contains(u"degraded"_s) && states.indexOf(u"degraded"_s) < states.indexOf(u"down"_s),
             qPrintable(states.join(u" -> "_s)));
    QVERIFY2(sinceStop.elapsed() < 12000, qPrintable(QString::number(sinceStop.elapsed())));
    qInfo("proxy stopped: %s within %lld ms", qPrintable(states.join(u" -> "_s)), sinceStop.elapsed());
    const QJsonObject downStatus = probe.proxyStatus(name);
    QVERIFY2(downStatus.value(u"consecutive_errors"_s).toInt() >= 3,
             qPrintable(QString::number(downStatus.value(u"consecutive_errors"_s).toInt())));
    QVERIFY2(downStatus.value(u"interval_ms"_s).toInt() > 1000,
             qPrintable(QString::number(downStatus.value(u"interval_ms"_s).toInt())));
    QVERIFY(std::is_sorted(intervals.begin(), intervals.end()));
    QVERIFY2(!downStatus.value(u"last_error"_s).toString().isEmpty(), "no last_error while down");

    // Its dialogs are kept, flagged stale, as last listed.
    const QJsonArray staleRows = probe.rows(name);
    QCOMPARE(staleRows.size(), 5);
    for (const QString &callId : uac->callIds())
    {
        const QJsonObject row = DialogRowComparer::findByCallId(staleRows, callId);
        QVERIFY2(!row.isEmpty(), qPrintable(callId));
        QCOMPARE(row.value(u"flags"_s).toArray(), QJsonArray{u"stale"_s});
        QCOMPARE(ProxyTestBed::stateOf(row), Confirmed);
    }
    uac->stop();
    uas->stop();

    // The same proxy comes back on the same ports (a new process, new calls): the feed recovers
    // by itself, the stale rows go and the rows are the new Kamailio's dialogs.
    KamailioInstance::Options o;
    o.sipPort = sipPort;
    o.rpcPort = rpcPort;
    KamailioInstance second(o);
    QElapsedTimer sinceRestart;
    sinceRestart.start();
    QVERIFY2(second.start(), qPrintable(second.errorString()));
    QCOMPARE(second.rpcPort(), rpcPort);
    auto uas2 = ProxyTestBed::startUas(second.options().uasPort, 3, dir.path());
    QVERIFY(uas2);
    auto uac2 = ProxyTestBed::startUac(second, u"after"_s, 3, 60000, dir.path());
    QVERIFY(uac2);
    QVERIFY2(ProxyTestBed::waitConfirmed(second, 3), qPrintable(uac2->describe()));
    // The next poll comes after the backed-off interval (8 s after three failures).
    QVERIFY2(BoundedWait::until(
                 20000, [&] { return probe.proxyState(name) == u"up"_s; }, 200),
             qPrintable(ProxyTestBed::json(probe.proxyStatus(name))));
    qInfo("restarted proxy: up again %lld ms after the restart", sinceRestart.elapsed());
    diff = probe.waitEqual(second, 3, Confirmed, 6000);
    QVERIFY2(diff.isEmpty(), qPrintable(diff + ProxyTestBed::details(second, *cd)));
    const QJsonObject upStatus = probe.proxyStatus(name);
    QCOMPARE(upStatus.value(u"consecutive_errors"_s).toInt(), 0);
    QCOMPARE(upStatus.value(u"interval_ms"_s).toInt(), 1000);
    QCOMPARE(upStatus.value(u"dialogs"_s).toInt(), 3);
    QCOMPARE(upStatus.value(u"helper"_s).toBool(), true);
    // The facts are the new process's: its uptime started with the restart.
    const qint64 uptime = upStatus.value(u"uptime"_s).toInteger(-1);
    QVERIFY2(uptime >= 0 && uptime <= sinceRestart.elapsed() / 1000 + 1, qPrintable(QString::number(uptime)));
    for (const QJsonValue &v : probe.dialogs())
    {
        QVERIFY2(ProxyTestBed::callIdOf(v).startsWith(u"after-"_s), qPrintable(ProxyTestBed::callIdOf(v)));
    }
    uac2->stop();
    uas2->stop();
    QVERIFY2(cd->stop(), "calldeck did not stop within 10 s of SIGTERM");
}

QTEST_GUILESS_MAIN(TestProxyFeedKamailio)
#include "tst_proxyfeedkamailio.moc"
