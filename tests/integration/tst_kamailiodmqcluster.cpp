// SPDX-License-Identifier: GPL-3.0-or-later
// Issue #10's test bed: two real Kamailio 5.6 nodes replicating dialogs over DMQ
// (harness/kamailiocluster). The cluster forms, a call through either node is listed by the
// other with the same ids, Call-ID, tags and state, and its end removes it on both. A second test
// plays a DMQ node itself (harness/dmqtestnode) and asserts the wire facts CallDeck's node relies
// on: the 200 to a notification, the re-broadcast, SYNC answered by UPDATEs, retransmissions of
// an unanswered KDMQ, the ping interval's floor, dlg.end_dlg giving an RM, and a clean leave.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

#include "harness/boundedwait.h"
#include "harness/dmqtestnode.h"
#include "harness/integrationpaths.h"
#include "harness/kamailiocluster.h"
#include "harness/proxytestbed.h"
#include "harness/sippprocess.h"
#include "harness/testdirectory.h"

using namespace calldeck::integration;
using namespace Qt::StringLiterals;

namespace
{

constexpr int Confirmed = 4;

/// "h_entry:h_id call-id state tag1 tag2" of a dlg.list entry.
QString keyOf(const QJsonObject &d)
{
    return u"%1:%2 %3 %4 %5 %6"_s.arg(d.value(u"h_entry"_s).toInteger())
        .arg(d.value(u"h_id"_s).toInteger())
        .arg(d.value(u"call-id"_s).toString())
        .arg(d.value(u"state"_s).toInt())
        .arg(d.value(u"caller"_s).toObject().value(u"tag"_s).toString(),
             d.value(u"callee"_s).toObject().value(u"tag"_s).toString());
}

QSet<QString> keysOf(const QJsonArray &list)
{
    QSet<QString> keys;
    for (const QJsonValue &v : list)
    {
        keys.insert(keyOf(v.toObject()));
    }
    return keys;
}

bool allConfirmed(const QJsonArray &list, const int count)
{
    return list.size() == count && ProxyTestBed::allInState(list, Confirmed);
}

/// The raw datagram with its line ends made visible, for the log.
QByteArray shown(const QByteArray &raw)
{
    QByteArray text = raw;
    return text.replace("\r\n", "\\r\\n\n");
}

QJsonObject jsonOf(const DmqTestNode::Message &m)
{
    return QJsonDocument::fromJson(m.body()).object();
}

} // namespace

class TestKamailioDmqCluster final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void clusterReplicatesCalls();
    void protocolFactsSeenByATestNode();
    void nodeLineWithoutCrlfStallsKamailio();
};

void TestKamailioDmqCluster::initTestCase()
{
    QString error;
    QVERIFY2(!IntegrationPaths::kamailio(&error).isEmpty(), qPrintable(error));
    QVERIFY2(!IntegrationPaths::sipp(&error).isEmpty(), qPrintable(error));
}

void TestKamailioDmqCluster::clusterReplicatesCalls()
{
    TestDirectory dir(u"tst_kamailiodmqcluster"_s);
    KamailioCluster cluster;
    QVERIFY2(cluster.start(), qPrintable(cluster.errorString()));
    KamailioInstance &a = cluster.a();
    KamailioInstance &b = cluster.b();
    QCOMPARE(KamailioCluster::statusOf(a, b.dmqPort()), u"active"_s);
    QCOMPARE(KamailioCluster::statusOf(b, a.dmqPort()), u"active"_s);

    // Two calls through A, one through B; each node lists all three, with the same ids.
    auto uasA = ProxyTestBed::startUas(a.options().uasPort, 2, dir.path());
    auto uasB = ProxyTestBed::startUas(b.options().uasPort, 1, dir.path());
    QVERIFY(uasA && uasB);
    // Held 20 s: under a loaded CI machine the two callers may start seconds apart, and all three
    // calls must be up at once (a 5 s hold let them end before the check once).
    auto uacA = ProxyTestBed::startUac(a, u"dmqA"_s, 2, 20000, dir.path());
    auto uacB = ProxyTestBed::startUac(b, u"dmqB"_s, 1, 20000, dir.path());
    QVERIFY(uacA && uacB);
    QVERIFY2(BoundedWait::until(15000,
                                [&] {
                                    const QJsonArray listA = KamailioCluster::dialogs(a);
                                    const QJsonArray listB = KamailioCluster::dialogs(b);
                                    return allConfirmed(listA, 3) && allConfirmed(listB, 3) &&
                                           keysOf(listA) == keysOf(listB);
                                }),
             qPrintable(ProxyTestBed::json(KamailioCluster::dialogs(a)) +
                        ProxyTestBed::json(KamailioCluster::dialogs(b)) + cluster.describe() +
                        uacA->describe() + uacB->describe()));
    const QJsonArray listB = KamailioCluster::dialogs(b);
    for (const QJsonValue &v : listB)
    {
        const QJsonObject d = v.toObject();
        const QString callId = d.value(u"call-id"_s).toString();
        // Disjoint id series: h_id_start 1 on A, 2 on B, step 10.
        const int expected = callId.startsWith(u"dmqA-"_s) ? 1 : 2;
        QVERIFY2(d.value(u"h_id"_s).toInteger() % 10 == expected, qPrintable(keyOf(d)));
        QVERIFY2(!d.value(u"callee"_s).toObject().value(u"tag"_s).toString().isEmpty(), qPrintable(keyOf(d)));
        QVERIFY2(d.value(u"profiles"_s).toArray().contains(u"inbound"_s), qPrintable(ProxyTestBed::json(d)));
    }
    qInfo("3 calls (2 through A, 1 through B) listed by both nodes with equal ids, Call-IDs, tags, state");

    // The callers hang up (sipp BYE): the dialogs leave both nodes.
    QVERIFY2(uacA->waitForFinished(40000) && uacB->waitForFinished(40000),
             qPrintable(uacA->describe() + uacB->describe()));
    QCOMPARE(uacA->successfulCalls() + uacB->successfulCalls(), 3);
    QVERIFY2(ProxyTestBed::waitEmpty(a) && ProxyTestBed::waitEmpty(b),
             qPrintable(ProxyTestBed::json(KamailioCluster::dialogs(a)) +
                        ProxyTestBed::json(KamailioCluster::dialogs(b))));
    QVERIFY2(uasA->waitForFinished(10000) && uasB->waitForFinished(10000),
             qPrintable(uasA->describe() + uasB->describe()));
}

void TestKamailioDmqCluster::protocolFactsSeenByATestNode()
{
    TestDirectory dir(u"tst_kamailiodmqcluster"_s);
    // ping_interval 1 on purpose: Kamailio 5.6.3 raises it to 5, asserted below.
    KamailioCluster cluster({.pingInterval = 1});
    QVERIFY2(cluster.start(), qPrintable(cluster.errorString()));
    KamailioInstance &a = cluster.a();
    KamailioInstance &b = cluster.b();
    const QString aHostPort = u"127.0.0.1:%1"_s.arg(a.dmqPort());
    const QString bHostPort = u"127.0.0.1:%1"_s.arg(b.dmqPort());

    // One call through A, up until dlg.end_dlg below.
    auto uas = ProxyTestBed::startUas(a.options().uasPort, 1, dir.path());
    QVERIFY(uas);
    auto uac = ProxyTestBed::startUac(a, u"facts"_s, 1, 60000, dir.path());
    QVERIFY(uac);
    QVERIFY2(BoundedWait::until(10000, [&] { return allConfirmed(KamailioCluster::dialogs(b), 1); }),
             qPrintable(ProxyTestBed::json(KamailioCluster::dialogs(b)) + cluster.describe()));
    const QJsonObject call = KamailioCluster::dialogs(a).first().toObject();

    DmqTestNode node;
    QVERIFY2(node.bind(), qPrintable(node.errorString()));
    const QString me = u"127.0.0.1:%1"_s.arg(node.port());

    // Join: notification with Max-Forwards 2 and our line (CRLF-terminated) to A.
    const QString joinId = node.send(a.dmqPort(), u"notification_peer"_s, node.ownLine(), "text/plain", 2);
    const DmqTestNode::Message joined = node.waitReply(joinId);
    QVERIFY2(joined.atMs >= 0, "A did not answer the notification within 2 s");
    qInfo("200 to the notification:\n%s", shown(joined.raw).constData());
    QCOMPARE(joined.status(), 200);
    QCOMPARE(joined.header(u"Content-Type"_s), u"text/plain"_s);
    const QByteArray list = joined.body();
    QVERIFY2(list.endsWith("\r\n"), list.constData());
    QVERIFY2(list.contains(node.ownLine()), list.constData());
    QVERIFY2(list.contains(u"sip:%1;status=active\r\n"_s.arg(aHostPort).toUtf8()), list.constData());
    QVERIFY2(list.contains(u"sip:%1;status=active\r\n"_s.arg(bHostPort).toUtf8()), list.constData());

    // A learnt a new node: it re-broadcasts its list (Max-Forwards 1), to us as well.
    const auto fromA = [&](const QString &channel) {
        return [&a, channel](const DmqTestNode::Message &m) {
            return !m.isReply() && m.fromPort == a.dmqPort() && m.channel() == channel;
        };
    };
    const DmqTestNode::Message rebroadcast = node.waitFor(2000, fromA(u"notification_peer"_s), 0);
    QVERIFY2(rebroadcast.atMs >= 0, "A did not re-broadcast its node list within 2 s");
    qInfo("A's re-broadcast:\n%s", shown(rebroadcast.raw).constData());
    QCOMPARE(rebroadcast.firstLine(), u"KDMQ sip:notification_peer@%1 SIP/2.0"_s.arg(me));
    QCOMPARE(rebroadcast.header(u"Max-Forwards"_s), u"1"_s);
    QCOMPARE(rebroadcast.header(u"CSeq"_s), u"10 KDMQ"_s);
    QCOMPARE(rebroadcast.header(u"Content-Type"_s), u"text/plain"_s);
    QVERIFY(rebroadcast.header(u"From"_s).startsWith(u"<sip:notification_peer@%1>;tag="_s.arg(aHostPort)));
    QVERIFY(rebroadcast.header(u"Via"_s).startsWith(u"SIP/2.0/UDP %1;branch=z9hG4bK"_s.arg(aHostPort)));
    QVERIFY(rebroadcast.body().contains(node.ownLine()));
    QVERIFY2(BoundedWait::until(3000,
                                [&] {
                                    return KamailioCluster::statusOf(a, node.port()) == u"active"_s &&
                                           KamailioCluster::statusOf(b, node.port()) == u"active"_s;
                                }),
             qPrintable(cluster.describe()));

    // SYNC: an empty 200 and an UPDATE of the call (state 4), Content-Type application/json.
    int from = int(node.messages().size());
    const QString syncId = node.send(a.dmqPort(), u"dialog"_s, R"({"action":4})", "application/json");
    const DmqTestNode::Message update = node.waitFor(3000, fromA(u"dialog"_s), from);
    const DmqTestNode::Message synced = node.waitReply(syncId);
    QVERIFY2(update.atMs >= 0 && synced.atMs >= 0, "no UPDATE or no 200 after the SYNC within 3 s");
    qInfo("200 to the SYNC:\n%s", shown(synced.raw).constData());
    qInfo("an UPDATE of the SYNC answer:\n%s", shown(update.raw).constData());
    QCOMPARE(synced.status(), 200);
    QCOMPARE(synced.header(u"Content-Length"_s), u"0"_s);
    QCOMPARE(synced.header(u"Content-Type"_s), QString());
    QCOMPARE(update.header(u"Content-Type"_s), u"application/json"_s);
    QCOMPARE(update.header(u"Max-Forwards"_s), u"1"_s);
    const QJsonObject json = jsonOf(update);
    QCOMPARE(json.value(u"action"_s).toInt(), 1);
    QCOMPARE(json.value(u"h_entry"_s).toInteger(), call.value(u"h_entry"_s).toInteger());
    QCOMPARE(json.value(u"h_id"_s).toInteger(), call.value(u"h_id"_s).toInteger());
    QCOMPARE(json.value(u"callid"_s).toString(), call.value(u"call-id"_s).toString());
    QCOMPARE(json.value(u"state"_s).toInt(), Confirmed);

    // An unanswered KDMQ: A retransmits it (same Call-ID) after 0.5, 1, 2 s, then gives up.
    node.setAnswer(DmqTestNode::Answer::NotificationOnly);
    from = int(node.messages().size());
    node.send(a.dmqPort(), u"dialog"_s, R"({"action":4})", "application/json");
    const DmqTestNode::Message first = node.waitFor(3000, fromA(u"dialog"_s), from);
    QVERIFY2(first.atMs >= 0, "no UPDATE after the second SYNC within 3 s");
    node.pump(7000);
    QList<qint64> offsets;
    for (const DmqTestNode::Message &m : node.messages().mid(from))
    {
        if (!m.isReply() && m.callId() == first.callId())
        {
            offsets << m.atMs - first.atMs;
        }
    }
    node.setAnswer(DmqTestNode::Answer::All);
    qInfo("an unanswered UPDATE arrived at +ms: %s", qPrintable([&] {
              QStringList s;
              for (qint64 o : offsets)
                  s << QString::number(o);
              return s.join(u", "_s);
          }()));
    QCOMPARE(offsets.size(), 4);
    QVERIFY2(offsets.at(1) >= 300 && offsets.at(1) <= 800, qPrintable(QString::number(offsets.at(1))));
    QVERIFY2(offsets.at(2) >= 1200 && offsets.at(2) <= 1800, qPrintable(QString::number(offsets.at(2))));
    QVERIFY2(offsets.at(3) >= 3200 && offsets.at(3) <= 3900, qPrintable(QString::number(offsets.at(3))));
    // The 408 of a dialog message changes nothing: only pings decide a node's status.
    QCOMPARE(KamailioCluster::statusOf(a, node.port()), u"active"_s);

    // Pings: A sends its list to every node every ping_interval - 5 s although 1 was configured.
    QList<qint64> pings;
    QSet<QString> seen;
    node.waitFor(
        12000,
        [&](const DmqTestNode::Message &m) {
            if (!m.isReply() && m.fromPort == a.dmqPort() && m.channel() == u"notification_peer"_s &&
                m.callId() != rebroadcast.callId() && !seen.contains(m.callId()))
            {
                seen.insert(m.callId());
                pings << m.atMs;
            }
            return pings.size() >= 2;
        },
        0);
    QVERIFY2(pings.size() >= 2, "A sent fewer than two pings in 12 s");
    qInfo("A's pings %lld ms apart (ping_interval 1 configured)", pings.at(1) - pings.at(0));
    QVERIFY2(pings.at(1) - pings.at(0) >= 4500 && pings.at(1) - pings.at(0) <= 5600,
             qPrintable(QString::number(pings.at(1) - pings.at(0))));

    // dlg.end_dlg on A: an RM (action 3, state 5) reaches us, no STATE 5 before it.
    from = int(node.messages().size());
    const qint64 endAt = node.elapsedMs();
    QVERIFY2(a.rpc(u"dlg.end_dlg"_s, {call.value(u"h_entry"_s), call.value(u"h_id"_s)}).ok(),
             qPrintable(cluster.describe()));
    const DmqTestNode::Message rm = node.waitFor(
        2000,
        [&](const DmqTestNode::Message &m) {
            return fromA(u"dialog"_s)(m) && jsonOf(m).value(u"action"_s).toInt() == 3;
        },
        from);
    QVERIFY2(rm.atMs >= 0, "no RM within 2 s of dlg.end_dlg");
    qInfo("%lld ms after dlg.end_dlg was sent:\n%s", rm.atMs - endAt, shown(rm.raw).constData());
    const QJsonObject removed = jsonOf(rm);
    QCOMPARE(removed.value(u"h_id"_s).toInteger(), call.value(u"h_id"_s).toInteger());
    QCOMPARE(removed.value(u"state"_s).toInt(), 5);
    for (const DmqTestNode::Message &m : node.messages().mid(from))
    {
        QVERIFY2(m.isReply() || jsonOf(m).value(u"action"_s).toInt() != 2, m.body().constData());
    }

    // A goodbye (our line with status=disabled) makes A mark us disabled at once.
    const QString byeId =
        node.send(a.dmqPort(), u"notification_peer"_s, node.ownLine(u"disabled"_s), "text/plain", 1);
    const DmqTestNode::Message bye = node.waitReply(byeId);
    QCOMPARE(bye.status(), 200);
    QVERIFY2(!bye.body().contains(node.ownLine()), bye.body().constData());
    QCOMPARE(KamailioCluster::statusOf(a, node.port()), u"disabled"_s);

    QVERIFY2(uac->waitForFinished(10000), qPrintable(uac->describe()));
    QVERIFY2(ProxyTestBed::waitEmpty(a) && ProxyTestBed::waitEmpty(b), qPrintable(cluster.describe()));
    QVERIFY2(uas->waitForFinished(10000), qPrintable(uas->describe()));
}

void TestKamailioDmqCluster::nodeLineWithoutCrlfStallsKamailio()
{
    // Kamailio 5.6.3 cuts the last character of every node line: a line without its CRLF reads
    // "status=activ", gets no reply, and leaves the node's DMQ answering nothing any more. A DMQ
    // node (CallDeck) must end every line with CRLF, the last one too.
    KamailioInstance k({.dmq = true});
    QVERIFY2(k.start(), qPrintable(k.errorString()));
    DmqTestNode bad;
    DmqTestNode good;
    QVERIFY(bad.bind() && good.bind());
    QByteArray line = bad.ownLine();
    line.chop(2);
    const QString badId = bad.send(k.dmqPort(), u"notification_peer"_s, line, "text/plain", 2);
    QCOMPARE(bad.waitReply(badId, 2000).atMs, -1);
    QVERIFY2(BoundedWait::until(2000, [&] { return k.log().contains(u"invalid status parameter: activ"_s); }),
             qPrintable(k.logErrors().join(u'\n')));
    const QString goodId = good.send(k.dmqPort(), u"notification_peer"_s, good.ownLine(), "text/plain", 2);
    QCOMPARE(good.waitReply(goodId, 3000).atMs, -1);
    qInfo("a node line without CRLF: no reply, and a correct notification after it got none in 3 s");
}

QTEST_GUILESS_MAIN(TestKamailioDmqCluster)
#include "tst_kamailiodmqcluster.moc"
