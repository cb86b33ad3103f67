// SPDX-License-Identifier: GPL-3.0-or-later
// Issue #10, bad input on CallDeck's DMQ node: a test-local UDP socket plays the Kamailio node
// CallDeck registers with (harness/dmqtestnode). Malformed and empty bodies, unknown actions,
// wrong JSON types, STATE/RM for unknown dialogs, an unknown channel, a node list with garbage
// lines and a flood of 20 000 UPDATEs: every request gets its reply (400 / 500 / 404 / 503 / 200),
// calldeck.sources counts them, CallDeck stays up and lists exactly the valid dialogs.
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

#include "harness/boundedwait.h"
#include "harness/calldeckheadless.h"
#include "harness/dmqfeedprobe.h"
#include "harness/dmqtestnode.h"
#include "harness/proxytestbed.h"

using namespace calldeck::integration;
using namespace Qt::StringLiterals;

namespace
{

constexpr int FloodSize = 20000;
/// --dmq-max-rate for this test: the flood is sent faster than that.
constexpr int MaxRate = 2000;

/// A confirmed dialog's UPDATE as Kamailio 5.6.3 sends it in a SYNC answer (duplicate keys too),
/// started now (a start_ts + lifetime in the past would be an expired dialog).
QByteArray updateBody(const int hEntry, const int hId, const QString &callId, const QString &account)
{
    // Plain literals: moc mis-reads raw strings that contain backslashes.
    static const char *const pattern =
        "{\"action\":1,\"h_entry\":%1,\"h_id\":%2,\"init_ts\":%5,\"callid\":\"%3\","
        "\"from_uri\":\"sip:alice@127.0.0.1\",\"to_uri\":\"sip:bob@127.0.0.1\",\"req_uri\":\"sip:bob@127.0.0."
        "1\","
        "\"tag1\":\"a-tag\",\"cseq1\":\"1\",\"route_set1\":\"\",\"contact1\":\"sip:alice@127.0.0.1:5999\","
        "\"vars\":{\"acct\":\"%4\"},"
        "\"profiles\":\"{\\\"profiles\\\":[{\\\"name\\\":\\\"inbound\\\",\\\"puid\\\":\\\"p-%2\\\"}]}\","
        "\"state\":4,\"start_ts\":%5,\"lifetime\":43200,\"tag1\":\"a-tag\",\"tag2\":\"b-tag\",\"cseq1\":"
        "\"1\","
        "\"cseq2\":\"0\",\"route_set1\":\"\",\"route_set2\":\"\",\"contact1\":\"sip:alice@127.0.0.1:5999\","
        "\"contact2\":\"sip:bob@127.0.0.1:5998\"}";
    return QString::fromLatin1(pattern)
        .arg(hEntry)
        .arg(hId)
        .arg(callId, account)
        .arg(QDateTime::currentSecsSinceEpoch())
        .toUtf8();
}

} // namespace

class TestDmqBadInput final : public QObject
{
    Q_OBJECT

private slots:
    void everyBadRequestIsAnsweredAndCounted();
};

void TestDmqBadInput::everyBadRequestIsAnsweredAndCounted()
{
    DmqTestNode node;
    QVERIFY2(node.bind(), qPrintable(node.errorString()));
    quint16 port = 0;
    auto cd = DmqFeedProbe::startCalldeck({u"127.0.0.1:%1"_s.arg(node.port())}, &port, 1,
                                          {u"--dmq-max-rate"_s, QString::number(MaxRate)});
    QVERIFY(cd);
    DmqFeedProbe probe(*cd);

    // CallDeck registers with us (Max-Forwards 2, its line CRLF-terminated) and asks for a SYNC.
    const auto fromCalldeck = [port](const QString &channel) {
        return [port, channel](const DmqTestNode::Message &m) {
            return !m.isReply() && m.fromPort == port && m.channel() == channel;
        };
    };
    const DmqTestNode::Message joined = node.waitFor(5000, fromCalldeck(u"notification_peer"_s), 0);
    QVERIFY2(joined.atMs >= 0, qPrintable(cd->output().right(2000)));
    QCOMPARE(joined.header(u"Max-Forwards"_s), u"2"_s);
    QCOMPARE(joined.body(), u"sip:127.0.0.1:%1;status=active\r\n"_s.arg(port).toUtf8());
    const DmqTestNode::Message sync = node.waitFor(5000, fromCalldeck(u"dialog"_s), 0);
    QVERIFY2(sync.atMs >= 0, "CallDeck asked for no SYNC within 5 s of joining");
    QCOMPARE(QJsonDocument::fromJson(sync.body()).object().value(u"action"_s).toInt(), 4);
    QVERIFY2(
        BoundedWait::until(5000, [&] { return probe.node(node.uri()).value(u"status"_s) == u"active"_s; }),
        qPrintable(ProxyTestBed::json(probe.sources())));

    // Two valid dialogs.
    const auto ask = [&](const QString &channel, const QByteArray &body,
                         const QByteArray &type = "application/json") {
        const QString id = node.send(port, channel, body, type);
        return node.waitReply(id, 3000);
    };
    QCOMPARE(ask(u"dialog"_s, updateBody(11, 101, u"valid-1@test"_s, u"1"_s)).status(), 200);
    QCOMPARE(ask(u"dialog"_s, updateBody(12, 102, u"valid-2@test"_s, u"2"_s)).status(), 200);
    const auto exactlyTheValidOnes = [&] {
        const QJsonArray rows = probe.clusterRows();
        QSet<QString> ids;
        for (const QJsonValue &v : rows)
        {
            ids.insert(ProxyTestBed::callIdOf(v));
        }
        return rows.size() == 2 && ids == QSet<QString>{u"valid-1@test"_s, u"valid-2@test"_s};
    };
    QVERIFY2(BoundedWait::until(3000, exactlyTheValidOnes),
             qPrintable(cd->rpc(u"calldeck.dialogs"_s).describe() + cd->output().right(2000)));

    // Bad requests, each with the status the reference gives.
    struct Bad
    {
        const char *what;
        QString channel;
        QByteArray body;
        int status;
    };
    const QList<Bad> bad{
        {"malformed JSON", u"dialog"_s, R"({"action":1,"h_entry":)", 400},
        {"empty body", u"dialog"_s, {}, 400},
        {"unknown action", u"dialog"_s, R"({"action":9,"h_entry":1,"h_id":1})", 400},
        {"action of the wrong type", u"dialog"_s, R"({"action":"1","h_entry":1,"h_id":1})", 400},
        {"h_id of the wrong type", u"dialog"_s, R"({"action":2,"h_entry":11,"h_id":"101","state":4})", 400},
        {"a JSON array", u"dialog"_s, R"([1,2,3])", 400},
        {"STATE for an unknown dialog", u"dialog"_s, R"({"action":2,"h_entry":77,"h_id":7,"state":4})", 500},
        {"RM for an unknown dialog", u"dialog"_s, R"({"action":3,"h_entry":77,"h_id":7,"state":5})", 500},
        {"a body on an unknown channel", u"usrloc"_s, R"({"action":1})", 404},
    };
    int rejected = 0;
    for (const Bad &b : bad)
    {
        const DmqTestNode::Message reply = ask(b.channel, b.body);
        QVERIFY2(reply.atMs >= 0, b.what);
        QVERIFY2(reply.status() == b.status,
                 qPrintable(u"%1: %2"_s.arg(QString::fromLatin1(b.what), reply.firstLine())));
        ++rejected;
    }
    // A node list with garbage lines: answered with CallDeck's list; no garbage becomes a node.
    const DmqTestNode::Message listed = ask(u"notification_peer"_s,
                                            "garbage\r\nsip:;status=active\r\nsip:127.0.0.1:99999;status="
                                            "active\r\nsip:127.0.0.1:5;status=bogus\r\n" +
                                                node.ownLine(),
                                            "text/plain");
    QCOMPARE(listed.status(), 200);
    rejected += 4; // each garbage line is counted
    QVERIFY2(listed.body().contains(u"sip:127.0.0.1:%1;status=active\r\n"_s.arg(port).toUtf8()),
             listed.raw.constData());
    QVERIFY2(!listed.body().contains("garbage") && !listed.body().contains("99999") &&
                 !listed.body().contains("bogus"),
             listed.raw.constData());
    QVERIFY(cd->isRunning());
    // Bad input loses nothing else.
    QVERIFY2(exactlyTheValidOnes(), qPrintable(cd->rpc(u"calldeck.dialogs"_s).describe()));
    // calldeck.sources is refreshed about once a second.
    QJsonObject health;
    QVERIFY2(BoundedWait::until(3000,
                                [&] {
                                    health = probe.node(node.uri());
                                    return health.value(u"rejected"_s).toInt() == rejected;
                                }),
             qPrintable(ProxyTestBed::json(health)));
    QCOMPARE(health.value(u"status"_s).toString(), u"active"_s);
    QVERIFY(!health.value(u"last_error"_s).toString().isEmpty());

    // The flood: 20 000 UPDATEs of a valid dialog (a new variable value each), at most 200 in
    // flight; like any SIP UDP client the node re-sends a request unanswered after 500 ms (at most
    // 4 times; CallDeck answers a repeat with its first answer). The excess over --dmq-max-rate
    // is refused with 503.
    struct Pending
    {
        QByteArray raw;
        qint64 sentAt = 0;
        int tries = 1;
    };
    QHash<QString, int> status;
    QHash<QString, Pending> open;
    int sent = 0;
    int resent = 0;
    const qsizetype from = node.messages().size();
    qsizetype scanned = from;
    QElapsedTimer clock;
    clock.start();
    qint64 lastSendMs = 0;
    while ((sent < FloodSize || !open.isEmpty()) && clock.elapsed() < 90000)
    {
        while (sent < FloodSize && open.size() < 200)
        {
            const QString id = u"flood-%1"_s.arg(sent);
            Pending p{node.request(port, u"dialog"_s,
                                   updateBody(11, 101, u"valid-1@test"_s, QString::number(sent)),
                                   "application/json", 1, id),
                      clock.elapsed()};
            node.sendRaw(port, p.raw);
            open.insert(id + u"@127.0.0.1"_s, p);
            ++sent;
            lastSendMs = clock.elapsed();
        }
        node.pump(5);
        for (; scanned < node.messages().size(); ++scanned)
        {
            const DmqTestNode::Message &m = node.messages().at(scanned);
            if (m.isReply() && open.remove(m.callId()))
            {
                ++status[m.firstLine()];
            }
        }
        for (Pending &p : open)
        {
            if (clock.elapsed() - p.sentAt >= 500 && p.tries < 5)
            {
                node.sendRaw(port, p.raw);
                p.sentAt = clock.elapsed();
                ++p.tries;
                ++resent;
            }
        }
    }
    const int ok = status.value(u"SIP/2.0 200 OK"_s);
    const int refused = status.value(u"SIP/2.0 503 Service Unavailable"_s);
    qInfo(
        "flood of %d UPDATEs sent in %lld ms, all answered after %lld ms: %d answered 200, %d answered 503, "
        "%d re-sent, %d unanswered, answers: %s",
        sent, lastSendMs, clock.elapsed(), ok, refused, resent, int(open.size()),
        qPrintable(QStringList(status.keys()).join(u"; "_s)));
    QCOMPARE(sent, FloodSize);
    QVERIFY2(open.isEmpty(), qPrintable(u"%1 requests of the flood got no reply"_s.arg(open.size())));
    QCOMPARE(ok + refused, FloodSize);
    QVERIFY2(refused > 0, "the flood was never refused: was it slower than --dmq-max-rate?");
    QVERIFY(cd->isRunning());

    // After the flood CallDeck asks for a full sync; answered like Kamailio (UPDATEs of our
    // dialogs), it lists exactly the two valid dialogs.
    const qsizetype rowsAfterFlood = probe.clusterRows().size();
    const DmqTestNode::Message resync = node.waitFor(
        8000,
        [&](const DmqTestNode::Message &m) {
            return fromCalldeck(u"dialog"_s)(m) &&
                   QJsonDocument::fromJson(m.body()).object().value(u"action"_s).toInt() == 4;
        },
        int(from));
    const qsizetype rowsAtSync = probe.clusterRows().size();
    QVERIFY2(resync.atMs >= 0, "no SYNC from CallDeck within 8 s of the flood");
    qInfo("CallDeck's SYNC came %lld ms after the flood ended; its rows: %lld after the flood, %lld at the "
          "SYNC",
          resync.atMs - node.messages().at(scanned - 1).atMs, qint64(rowsAfterFlood), qint64(rowsAtSync));
    QCOMPARE(ask(u"dialog"_s, updateBody(11, 101, u"valid-1@test"_s, u"1"_s)).status(), 200);
    QCOMPARE(ask(u"dialog"_s, updateBody(12, 102, u"valid-2@test"_s, u"2"_s)).status(), 200);
    QVERIFY2(BoundedWait::until(5000, exactlyTheValidOnes),
             qPrintable(cd->rpc(u"calldeck.dialogs"_s).describe() + cd->output().right(3000)));
    const QJsonArray rows = probe.clusterRows();
    for (const QJsonValue &v : rows)
    {
        QCOMPARE(v[u"origin"_s].toString(), u"dmq 127.0.0.1:%1"_s.arg(node.port()));
        QCOMPARE(ProxyTestBed::stateOf(v), 4);
    }
    QVERIFY2(BoundedWait::until(3000,
                                [&] {
                                    health = probe.node(node.uri());
                                    return health.value(u"flood_drops"_s).toInt() == refused;
                                }),
             qPrintable(ProxyTestBed::json(health)));
    qInfo("calldeck.sources for the flooding node: %s", qPrintable(ProxyTestBed::json(health)));
    QCOMPARE(health.value(u"rejected"_s).toInt(), rejected);
    QVERIFY(health.value(u"updates"_s).toInt() >= ok);
    QCOMPARE(health.value(u"dialogs"_s).toInt(), 2);

    QVERIFY2(cd->stop(), "calldeck did not stop within 10 s of SIGTERM");
    QCOMPARE(cd->exitCode(), 0);
}

QTEST_GUILESS_MAIN(TestDmqBadInput)
#include "tst_dmqbadinput.moc"
