// SPDX-License-Identifier: GPL-3.0-or-later
// Issue #10's proof: a headless CallDeck joins a real two-node Kamailio 5.6 DMQ cluster
// (`--dmq`, `--dmq-notify`, `--dmq-ping 1`) as a third, passive node while sipp calls run through
// both nodes. Its cluster dialogs equal the union of both nodes' dlg.list at quiet checkpoints,
// an ended call leaves it within 1 s (sipp BYE and dlg.end_dlg), a CallDeck started after the
// calls gets them by SYNC, a stopped node is shown down with its dialogs stale, the nodes list
// CallDeck active while it runs and disabled after it left, and the nodes never gain a dialog
// CallDeck made up.
#include <algorithm>

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include "harness/boundedwait.h"
#include "harness/calldeckheadless.h"
#include "harness/dialogrowcomparer.h"
#include "harness/dmqfeedprobe.h"
#include "harness/integrationpaths.h"
#include "harness/kamailiocluster.h"
#include "harness/proxytestbed.h"
#include "harness/sippprocess.h"
#include "harness/testdirectory.h"

using namespace calldeck::integration;
using namespace Qt::StringLiterals;

namespace
{

constexpr int Ended = 5;
/// CallDeck's --dmq-ping in these tests.
constexpr int PingSeconds = 1;

/// dlg.end_dlg on @p node for each of its live dialogs whose Call-ID starts with @p prefix.
int endCalls(KamailioInstance &node, const QString &prefix)
{
    int ended = 0;
    const QJsonArray list = KamailioCluster::dialogs(node);
    for (const QJsonValue &v : list)
    {
        const QJsonObject d = v.toObject();
        if (d.value(u"call-id"_s).toString().startsWith(prefix) && d.value(u"state"_s).toInt() < Ended &&
            node.rpc(u"dlg.end_dlg"_s, {d.value(u"h_entry"_s), d.value(u"h_id"_s)}).ok())
        {
            ++ended;
        }
    }
    return ended;
}

/// The calldeck.dialogs row of @p callId, empty when none.
QJsonObject rowOf(const QJsonArray &rows, const QString &callId)
{
    for (const QJsonValue &v : rows)
    {
        if (ProxyTestBed::callIdOf(v) == callId)
        {
            return v.toObject();
        }
    }
    return {};
}

/// Every Call-ID in both nodes' dlg.list comes from one of our sipp callers.
QString foreignDialogs(KamailioCluster &cluster, const QStringList &prefixes)
{
    QStringList foreign;
    for (int i = 0; i < 2; ++i)
    {
        if (!cluster.node(i).isRunning())
        {
            continue;
        }
        const QJsonArray list = KamailioCluster::dialogs(cluster.node(i));
        for (const QJsonValue &v : list)
        {
            const QString callId = ProxyTestBed::callIdOf(v);
            if (std::none_of(prefixes.begin(), prefixes.end(),
                             [&](const QString &p) { return callId.startsWith(p); }))
            {
                foreign << callId;
            }
        }
    }
    return foreign.join(u", "_s);
}

/// "call-id origin [flags]" per row, one a line, for failure messages.
QString summary(const QJsonArray &rows)
{
    QStringList lines;
    for (const QJsonValue &v : rows)
    {
        QStringList flags;
        for (const QJsonValue &f : v[u"flags"_s].toArray())
        {
            flags << f.toString();
        }
        lines << u"%1 %2 [%3]"_s.arg(ProxyTestBed::callIdOf(v), v[u"origin"_s].toString(), flags.join(u','));
    }
    return u"\n  "_s + lines.join(u"\n  "_s);
}

} // namespace

class TestDmqClusterKamailio final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void mirrorsTheClusterAndLeavesCleanly();
    void lateJoinerSyncsAndSeesANodeStop();
};

void TestDmqClusterKamailio::initTestCase()
{
    QString error;
    QVERIFY2(!IntegrationPaths::kamailio(&error).isEmpty(), qPrintable(error));
    QVERIFY2(!IntegrationPaths::sipp(&error).isEmpty(), qPrintable(error));
    QVERIFY2(QFile::exists(CalldeckHeadless::program()), qPrintable(CalldeckHeadless::program()));
}

void TestDmqClusterKamailio::mirrorsTheClusterAndLeavesCleanly()
{
    TestDirectory dir(u"tst_dmqclusterkamailio"_s);
    KamailioCluster cluster;
    QVERIFY2(cluster.start(), qPrintable(cluster.errorString()));
    KamailioInstance &a = cluster.a();
    KamailioInstance &b = cluster.b();
    quint16 port = 0;
    auto cd = DmqFeedProbe::startCalldeck({u"127.0.0.1:%1"_s.arg(a.dmqPort())}, &port, PingSeconds);
    QVERIFY(cd);
    DmqFeedProbe probe(*cd);
    const QString uri = u"sip:127.0.0.1:%1"_s.arg(port);

    // (e) Both nodes list CallDeck active: A from the notification, B from A's re-broadcast.
    QElapsedTimer clock;
    clock.start();
    QVERIFY2(BoundedWait::until(10000,
                                [&] {
                                    return KamailioCluster::statusOf(a, port) == u"active"_s &&
                                           KamailioCluster::statusOf(b, port) == u"active"_s;
                                }),
             qPrintable(cluster.describe() + cd->output().right(2000)));
    qInfo("CallDeck listed active by A and B %lld ms after its RPC answered", clock.elapsed());
    QCOMPARE(probe.bus().value(u"uri"_s).toString(), uri);
    QCOMPARE(probe.bus().value(u"local"_s).toBool(), true);
    QVERIFY2(BoundedWait::until(5000,
                                [&] {
                                    return probe.node(a.dmqUri()).value(u"status"_s) == u"active"_s &&
                                           probe.node(b.dmqUri()).value(u"status"_s) == u"active"_s;
                                }),
             qPrintable(ProxyTestBed::json(probe.sources())));
    QCOMPARE(probe.node(a.dmqUri()).value(u"notification_peer"_s).toBool(), true);

    // Calls through both nodes: 4 through A, 3 through B, held until ended below.
    auto uasA = ProxyTestBed::startUas(a.options().uasPort, 4, dir.path());
    auto uasB = ProxyTestBed::startUas(b.options().uasPort, 4, dir.path());
    QVERIFY(uasA && uasB);
    auto uacA = ProxyTestBed::startUac(a, u"clusterA"_s, 4, 60000, dir.path());
    auto uacB = ProxyTestBed::startUac(b, u"clusterB"_s, 3, 60000, dir.path());
    QVERIFY(uacA && uacB);
    QVERIFY2(BoundedWait::until(10000, [&] { return cluster.allConfirmed(7); }),
             qPrintable(ProxyTestBed::json(KamailioCluster::dialogs(a)) + cluster.describe()));

    // (a) The quiet checkpoint: CallDeck's cluster rows = A's dlg.list ∪ B's, each with its owner.
    qint64 elapsed = -1;
    QString diff = probe.waitEqual({&a, &b}, 5000, &elapsed);
    QVERIFY2(diff.isEmpty(), qPrintable(diff + cd->output().right(2000)));
    qInfo("7 confirmed calls: CallDeck's cluster rows equal A's and B's dlg.list %lld ms after both listed "
          "them",
          elapsed);
    const QJsonArray rows = probe.clusterRows();
    for (const QJsonValue &v : rows)
    {
        const QJsonObject row = v.toObject();
        const QString callId = ProxyTestBed::callIdOf(row);
        const KamailioInstance &owner = callId.startsWith(u"clusterA-"_s) ? a : b;
        QCOMPARE(row.value(u"origin"_s).toString(), DmqFeedProbe::originOf(owner));
        QVERIFY2(!row.value(u"flags"_s).toArray().contains(u"stale"_s), qPrintable(ProxyTestBed::json(row)));
    }
    QCOMPARE(probe.node(a.dmqUri()).value(u"dialogs"_s).toInt(), 4);
    QCOMPARE(probe.node(b.dmqUri()).value(u"dialogs"_s).toInt(), 3);

    // (b) A call ended by dlg.end_dlg on A (only an RM goes out), then one by sipp's BYE through B
    // (a 4th caller on B, held 3 s): each leaves CallDeck's live rows within 1 s.
    const QString endedByRpc = uacA->callIds().first();
    const QJsonObject target = rowOf(rows, endedByRpc);
    clock.restart();
    QVERIFY(a.rpc(u"dlg.end_dlg"_s, {target.value(u"proxy_h_entry"_s), target.value(u"proxy_h_id"_s)}).ok());
    const auto gone = [&](const QString &callId) {
        const QJsonObject row = rowOf(probe.clusterRows(), callId);
        return row.isEmpty() || ProxyTestBed::stateOf(row) == Ended;
    };
    QVERIFY2(BoundedWait::until(
                 3000, [&] { return gone(endedByRpc); }, 20),
             qPrintable(endedByRpc));
    const qint64 byRpcMs = clock.elapsed();
    qInfo("dlg.end_dlg on A: the call left CallDeck %lld ms after the RPC was sent", byRpcMs);
    QVERIFY2(byRpcMs <= 1000, qPrintable(QString::number(byRpcMs)));

    auto shortCall = ProxyTestBed::startUac(b, u"clusterBye"_s, 1, 3000, dir.path());
    QVERIFY(shortCall);
    const QString endedByBye = shortCall->callIds().first();
    QVERIFY2(BoundedWait::until(5000, [&] { return !rowOf(probe.clusterRows(), endedByBye).isEmpty(); }),
             qPrintable(endedByBye));
    // The moment B has it ended (its own dlg.list) to the moment CallDeck has.
    qint64 proxyEndedAt = -1;
    qint64 calldeckEndedAt = -1;
    clock.restart();
    BoundedWait::until(
        10000,
        [&] {
            if (proxyEndedAt < 0)
            {
                const QJsonObject d =
                    DialogRowComparer::findByCallId(KamailioCluster::dialogs(b), endedByBye);
                if (d.isEmpty() || ProxyTestBed::stateOf(d) == Ended)
                {
                    proxyEndedAt = clock.elapsed();
                }
            }
            if (calldeckEndedAt < 0 && gone(endedByBye))
            {
                calldeckEndedAt = clock.elapsed();
            }
            return proxyEndedAt >= 0 && calldeckEndedAt >= 0;
        },
        20);
    QVERIFY2(proxyEndedAt >= 0 && calldeckEndedAt >= 0, qPrintable(shortCall->describe()));
    const qint64 byByeMs = qMax<qint64>(0, calldeckEndedAt - proxyEndedAt);
    qInfo("sipp BYE through B: the call left CallDeck %lld ms after B listed it ended", byByeMs);
    QVERIFY2(byByeMs <= 1000, qPrintable(QString::number(byByeMs)));
    QVERIFY2(shortCall->waitForFinished(10000), qPrintable(shortCall->describe()));

    // Quiet again: still the union (ended dialogs gone from both once the nodes drop them).
    QVERIFY2(BoundedWait::until(15000, [&] { return cluster.allConfirmed(6); }),
             qPrintable(ProxyTestBed::json(KamailioCluster::dialogs(b))));
    diff = probe.waitEqual({&a, &b}, 5000);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));

    // (f) Passive: the nodes never listed a dialog our callers did not place.
    const QStringList prefixes{u"clusterA-"_s, u"clusterB-"_s, u"clusterBye-"_s};
    QCOMPARE(foreignDialogs(cluster, prefixes), QString());

    // (e) CallDeck leaves (SIGTERM): its goodbye makes both nodes show it disabled at once.
    QVERIFY2(cd->stop(), "calldeck did not stop within 10 s of SIGTERM");
    QCOMPARE(cd->exitCode(), 0);
    clock.restart();
    QVERIFY2(BoundedWait::until(3000,
                                [&] {
                                    return KamailioCluster::statusOf(a, port) == u"disabled"_s &&
                                           KamailioCluster::statusOf(b, port) == u"disabled"_s;
                                }),
             qPrintable(cluster.describe()));
    qInfo("CallDeck shown disabled by A and B %lld ms after it exited", clock.elapsed());

    QCOMPARE(endCalls(a, u"clusterA-"_s), 3);
    QCOMPARE(endCalls(b, u"clusterB-"_s), 3);
    QVERIFY2(uacA->waitForFinished(15000) && uacB->waitForFinished(15000),
             qPrintable(uacA->describe() + uacB->describe()));
    QVERIFY2(ProxyTestBed::waitEmpty(a) && ProxyTestBed::waitEmpty(b), qPrintable(cluster.describe()));
    QCOMPARE(foreignDialogs(cluster, prefixes), QString());
}

void TestDmqClusterKamailio::lateJoinerSyncsAndSeesANodeStop()
{
    TestDirectory dir(u"tst_dmqclusterkamailio"_s);
    KamailioCluster cluster;
    QVERIFY2(cluster.start(), qPrintable(cluster.errorString()));
    KamailioInstance &a = cluster.a();
    KamailioInstance &b = cluster.b();
    auto uasA = ProxyTestBed::startUas(a.options().uasPort, 5, dir.path()); // 3 now, 2 after the join
    auto uasB = ProxyTestBed::startUas(b.options().uasPort, 4, dir.path()); // 2 now, 2 after the join
    QVERIFY(uasA && uasB);
    auto uacA = ProxyTestBed::startUac(a, u"syncA"_s, 3, 60000, dir.path());
    auto uacB = ProxyTestBed::startUac(b, u"syncB"_s, 2, 60000, dir.path());
    QVERIFY(uacA && uacB);
    QVERIFY2(BoundedWait::until(10000, [&] { return cluster.allConfirmed(5); }),
             qPrintable(cluster.describe()));

    // (c) Started after the calls are up, notifying B this time: it gets them by SYNC.
    QElapsedTimer clock;
    clock.start();
    quint16 port = 0;
    auto cd = DmqFeedProbe::startCalldeck({u"127.0.0.1:%1"_s.arg(b.dmqPort())}, &port, PingSeconds);
    QVERIFY(cd);
    DmqFeedProbe probe(*cd);
    QString diff = probe.waitEqual({&a, &b}, 5000);
    QVERIFY2(diff.isEmpty(), qPrintable(diff + cd->output().right(2000)));
    qInfo("started after 5 calls were up: CallDeck equal to the cluster %lld ms after it was started",
          clock.elapsed());
    QVERIFY(probe.node(a.dmqUri()).value(u"last_sync_ms"_s).toInteger() > 0 ||
            probe.node(b.dmqUri()).value(u"last_sync_ms"_s).toInteger() > 0);
    // A SYNC answer comes from every node and holds the copies too: the owner cannot always be
    // told apart then; every row names one of the two nodes.
    const QJsonArray synced = probe.clusterRows();
    qInfo("rows after the sync:%s", qPrintable(summary(synced)));
    for (const QJsonValue &v : synced)
    {
        const QString origin = v.toObject().value(u"origin"_s).toString();
        QVERIFY2(origin == DmqFeedProbe::originOf(a) || origin == DmqFeedProbe::originOf(b),
                 qPrintable(origin));
    }
    QCOMPARE(probe.bus()[u"owners"_s][u"provisional"_s].toInt(), 5);

    // Two new calls through each node: their owners are certain (the first UPDATE comes from the
    // owner), and the nodes' h_id series (h_id_start 1 and 2, step 10) learnt from them names the
    // owners of the synced calls too.
    auto lateA = ProxyTestBed::startUac(a, u"lateA"_s, 2, 60000, dir.path());
    auto lateB = ProxyTestBed::startUac(b, u"lateB"_s, 2, 60000, dir.path());
    QVERIFY(lateA && lateB);
    QVERIFY2(BoundedWait::until(10000, [&] { return cluster.allConfirmed(9); }),
             qPrintable(cluster.describe()));
    diff = probe.waitEqual({&a, &b}, 5000);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    const auto ofB = [](const QJsonValue &row) {
        const QString callId = ProxyTestBed::callIdOf(row);
        return callId.startsWith(u"syncB-"_s) || callId.startsWith(u"lateB-"_s);
    };
    QVERIFY2(BoundedWait::until(3000,
                                [&] {
                                    const QJsonArray rows = probe.clusterRows();
                                    for (const QJsonValue &v : rows)
                                    {
                                        if (v[u"origin"_s].toString() !=
                                            DmqFeedProbe::originOf(ofB(v) ? b : a))
                                        {
                                            return false;
                                        }
                                    }
                                    return rows.size() == 9;
                                }),
             qPrintable(summary(probe.clusterRows()) + ProxyTestBed::json(probe.bus())));
    const QJsonObject owners = probe.bus()[u"owners"_s].toObject();
    qInfo("owners after 2 new calls per node: %d confirmed, %d inferred, %d provisional, h_id step %d",
          owners[u"confirmed"_s].toInt(), owners[u"inferred"_s].toInt(), owners[u"provisional"_s].toInt(),
          owners[u"h_id_step"_s].toInt());
    QCOMPARE(owners[u"provisional"_s].toInt(), 0);
    QVERIFY(owners[u"h_id_step"_s].toInt() > 0);

    // (d) B stops (SIGTERM, it sends nothing): within two pings and a transaction timeout its
    // node is no longer active and its dialogs are stale; A's stay live.
    QVERIFY2(cluster.stopNode(1), qPrintable(cluster.errorString()));
    clock.restart();
    const qint64 bound = 2 * PingSeconds * 1000 + 5000;
    QVERIFY2(BoundedWait::until(int(bound) + 1000,
                                [&] {
                                    const QString s = probe.node(b.dmqUri()).value(u"status"_s).toString();
                                    return !s.isEmpty() && s != u"active"_s;
                                }),
             qPrintable(ProxyTestBed::json(probe.node(b.dmqUri()))));
    const qint64 downMs = clock.elapsed();
    qInfo("B stopped: CallDeck shows its node '%s' after %lld ms (bound %lld ms)",
          qPrintable(probe.node(b.dmqUri()).value(u"status"_s).toString()), downMs, bound);
    QVERIFY2(downMs <= bound, qPrintable(QString::number(downMs)));
    QVERIFY2(BoundedWait::until(2000,
                                [&] {
                                    const QJsonArray rows = probe.clusterRows();
                                    int stale = 0;
                                    for (const QJsonValue &v : rows)
                                    {
                                        const bool isB = ofB(v);
                                        const bool flagged = v[u"flags"_s].toArray().contains(u"stale"_s);
                                        if (isB != flagged)
                                        {
                                            return false;
                                        }
                                        stale += flagged ? 1 : 0;
                                    }
                                    return stale == 4;
                                }),
             qPrintable(summary(probe.clusterRows())));
    QVERIFY(probe.node(b.dmqUri()).value(u"consecutive_failures"_s).toInt() >= 1);
    QCOMPARE(probe.node(a.dmqUri()).value(u"status"_s).toString(), u"active"_s);

    QCOMPARE(endCalls(a, u"syncA-"_s), 3);
    QCOMPARE(endCalls(a, u"lateA-"_s), 2);
    QVERIFY2(uacA->waitForFinished(15000) && lateA->waitForFinished(15000),
             qPrintable(uacA->describe() + lateA->describe()));
    QVERIFY2(cd->stop(), "calldeck did not stop within 10 s of SIGTERM");
    QCOMPARE(cd->exitCode(), 0);
}

QTEST_GUILESS_MAIN(TestDmqClusterKamailio)
#include "tst_dmqclusterkamailio.moc"
