// SPDX-License-Identifier: GPL-3.0-or-later
// Issue #10, control on cluster dialogs: CallDeck is a passive DMQ node, so an action on a dialog
// it learnt from the bus goes to the JSON-RPC of the proxy that owns it. With --rpc for both nodes
// of a real two-node Kamailio 5.6 cluster, each RPC feed finds its own DMQ address
// (dmq.list_nodes) and pairs with its node: the console shows one row per dialog (the bus's, not
// the proxies' dlg.list copies beside them), and terminating a call goes through its owner's RPC
// and really ends it (sipp gets the BYE, both nodes and CallDeck drop it).
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include "harness/boundedwait.h"
#include "harness/calldeckheadless.h"
#include "harness/dmqfeedprobe.h"
#include "harness/kamailiocluster.h"
#include "harness/proxytestbed.h"
#include "harness/sippprocess.h"
#include "harness/testdirectory.h"

using namespace calldeck::integration;
using namespace Qt::StringLiterals;

namespace
{

/// The name of the --rpc feed whose proxy said (dmq.list_nodes) it is DMQ node @p node; empty if none.
QString pairedFeed(DmqFeedProbe &probe, const KamailioInstance &node)
{
    const QJsonArray sources = probe.sources();
    for (const QJsonValue &v : sources)
    {
        const QJsonObject proxy = v[u"proxy"_s].toObject();
        if (v[u"kind"_s].toString() == u"rpc"_s && proxy[u"dmq_node"_s].toString() == node.dmqUri())
        {
            return proxy[u"name"_s].toString();
        }
    }
    return {};
}

QJsonArray allRows(CalldeckHeadless &cd)
{
    return cd.rpc(u"calldeck.dialogs"_s).result().toArray();
}

QJsonObject firstRow(const QJsonArray &rows, const QString &prefix)
{
    for (const QJsonValue &v : rows)
    {
        if (ProxyTestBed::callIdOf(v).startsWith(prefix))
        {
            return v.toObject();
        }
    }
    return {};
}

bool listedAnywhere(KamailioCluster &cluster, CalldeckHeadless &cd, const QString &callId)
{
    for (int i = 0; i < 2; ++i)
    {
        for (const QJsonValue &v : KamailioCluster::dialogs(cluster.node(i)))
        {
            if (ProxyTestBed::callIdOf(v) == callId && v[u"state"_s].toInt() < 5)
            {
                return true;
            }
        }
    }
    return !firstRow(allRows(cd), callId).isEmpty();
}
} // namespace

class TestDmqActionsKamailio : public QObject
{
    Q_OBJECT

private slots:
    void actionsGoToTheOwningProxy()
    {
        TestDirectory dir(u"tst_dmqactionskamailio"_s);
        KamailioCluster cluster;
        QVERIFY2(cluster.start(), qPrintable(cluster.errorString()));
        KamailioInstance &a = cluster.a();
        KamailioInstance &b = cluster.b();

        quint16 port = 0;
        auto cd = DmqFeedProbe::startCalldeck(
            {u"127.0.0.1:%1"_s.arg(a.dmqPort())}, &port, 1,
            {u"--rpc"_s, a.rpcUrl().toString(), u"--rpc"_s, b.rpcUrl().toString()});
        QVERIFY(cd);
        DmqFeedProbe probe(*cd);
        // Each RPC feed learns its proxy's DMQ address and pairs with that node.
        QString feedA;
        QString feedB;
        QVERIFY2(BoundedWait::until(10000,
                                    [&] {
                                        feedA = pairedFeed(probe, a);
                                        feedB = pairedFeed(probe, b);
                                        return !feedA.isEmpty() && !feedB.isEmpty();
                                    }),
                 qPrintable(ProxyTestBed::json(probe.sources()) + cd->output().right(2000)));

        // Calls set up while CallDeck listens: each dialog's owner is certain (its first UPDATE).
        auto uasA = ProxyTestBed::startUas(a.options().uasPort, 2, dir.path());
        auto uasB = ProxyTestBed::startUas(b.options().uasPort, 2, dir.path());
        QVERIFY(uasA && uasB);
        auto uacA = ProxyTestBed::startUac(a, u"actA"_s, 2, 60000, dir.path());
        auto uacB = ProxyTestBed::startUac(b, u"actB"_s, 2, 60000, dir.path());
        QVERIFY(uacA && uacB);
        QVERIFY2(BoundedWait::until(10000, [&] { return cluster.allConfirmed(4); }),
                 qPrintable(cluster.describe()));
        const QString diff = probe.waitEqual({&a, &b}, 5000);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));

        // One row per dialog: both proxies list all four (their own and the copies), the console
        // shows each once, from the bus, named after its owner.
        QVERIFY2(BoundedWait::until(5000, [&] { return allRows(*cd).size() == 4; }),
                 qPrintable(ProxyTestBed::json(allRows(*cd))));
        for (const QJsonValue &v : allRows(*cd))
        {
            const QString owner = ProxyTestBed::callIdOf(v).startsWith(u"actA"_s) ? DmqFeedProbe::originOf(a)
                                                                                  : DmqFeedProbe::originOf(b);
            QCOMPARE(v[u"origin"_s].toString(), owner);
        }

        // Terminate one call of each node through CallDeck: it goes through the owner's RPC.
        for (const auto &[prefix, feed] : {std::pair{u"actB"_s, feedB}, std::pair{u"actA"_s, feedA}})
        {
            const QJsonObject row = firstRow(allRows(*cd), prefix);
            QVERIFY2(!row.isEmpty(), qPrintable(prefix));
            const QString callId = ProxyTestBed::callIdOf(row);
            const RpcResult reply = cd->rpc(u"dlg.terminate_dlg"_s, ProxyTestBed::tagsOf(row));
            QVERIFY2(reply.ok(), qPrintable(reply.describe() + cd->output().right(2000)));
            QVERIFY2(BoundedWait::until(5000, [&] { return !listedAnywhere(cluster, *cd, callId); }),
                     qPrintable(callId + cluster.describe()));
            QVERIFY2(cd->output().contains(u"via proxy %1 (dlg.terminate_dlg): ok"_s.arg(feed)),
                     qPrintable(cd->output().right(3000)));
        }

        // The other two end as usual; nothing is left anywhere.
        for (KamailioInstance *node : {&a, &b})
        {
            for (const QJsonValue &v : KamailioCluster::dialogs(*node))
            {
                node->rpc(u"dlg.end_dlg"_s, {v[u"h_entry"_s], v[u"h_id"_s]});
            }
        }
        QVERIFY2(uacA->waitForFinished(15000), qPrintable(uacA->describe()));
        QVERIFY2(uacB->waitForFinished(15000), qPrintable(uacB->describe()));
        QVERIFY2(BoundedWait::until(5000, [&] { return allRows(*cd).isEmpty(); }),
                 qPrintable(ProxyTestBed::json(allRows(*cd))));
        QVERIFY2(cd->stop(), "calldeck did not stop within 10 s of SIGTERM");
        QCOMPARE(cd->exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestDmqActionsKamailio)
#include "tst_dmqactionskamailio.moc"
