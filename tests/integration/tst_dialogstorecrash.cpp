// SPDX-License-Identifier: GPL-3.0-or-later
// Issue #9, crash safety, on SQLite and on a real PostgreSQL: a headless collector in db_mode 1
// (real-time) gets mirrored calls, is
// killed with SIGKILL in the middle of more traffic, and is started again on the same store:
// every dialog that was confirmed at the checkpoint is back with the same fields and the same
// absolute timeout (so the same remaining time), ended and early calls are not, what the traffic
// after the checkpoint left is whole rows only, and a new dialog gets an id no stored one has.
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUdpSocket>

#include <chrono>

#include "harness/calldeckheadless.h"
#include "harness/postgresinstance.h"
#include "tests/support/siptrafficgenerator.h"

using namespace Qt::StringLiterals;
using namespace calldeck::integration;
using namespace calldeck::testsupport;

namespace
{

std::int64_t nowUs()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

/// The fields a store row keeps (reference §8.2), as `dlg.list` shows them.
const QStringList StoredKeys = {u"h_entry"_s, u"h_id"_s,     u"call-id"_s, u"from_uri"_s, u"to_uri"_s,
                                u"state"_s,   u"start_ts"_s, u"timeout"_s, u"sflags"_s,   u"iflags"_s};
const QStringList LegKeys = {u"tag"_s, u"contact"_s, u"cseq"_s, u"route_set"_s, u"socket"_s};

QString differences(const QJsonObject &before, const QJsonObject &after)
{
    QStringList out;
    for (const QString &k : StoredKeys)
    {
        if (before.value(k) != after.value(k))
        {
            out << u"%1: %2 → %3"_s.arg(k, before.value(k).toVariant().toString(),
                                        after.value(k).toVariant().toString());
        }
    }
    for (const QString &leg : {u"caller"_s, u"callee"_s})
    {
        for (const QString &k : LegKeys)
        {
            const QJsonValue a = before.value(leg).toObject().value(k);
            const QJsonValue b = after.value(leg).toObject().value(k);
            if (a != b)
            {
                out << u"%1.%2: %3 → %4"_s.arg(leg, k, a.toVariant().toString(), b.toVariant().toString());
            }
        }
    }
    return out.join(u"; "_s);
}

QHash<QString, QJsonObject> byCallId(const QJsonArray &list)
{
    QHash<QString, QJsonObject> out;
    for (const QJsonValue &v : list)
    {
        out.insert(v.toObject().value(u"call-id"_s).toString(), v.toObject());
    }
    return out;
}

/// Sends @p msgs as raw SIP over UDP, pausing now and then so that loopback never overflows.
void send(QUdpSocket &socket, quint16 port, const std::vector<GeneratedMessage> &msgs)
{
    int n = 0;
    for (const GeneratedMessage &m : msgs)
    {
        socket.writeDatagram(QByteArray::fromStdString(m.text), QHostAddress::LocalHost, port);
        if (++n % 40 == 0)
        {
            QThread::msleep(2);
        }
    }
}

} // namespace

class TestDialogStoreCrash final : public QObject
{
    Q_OBJECT

private slots:
    void killNineThenRestart_data();
    void killNineThenRestart();
};

void TestDialogStoreCrash::killNineThenRestart_data()
{
    QTest::addColumn<bool>("postgres");
    QTest::addRow("sqlite") << false;
    QTest::addRow("postgresql") << true;
}

void TestDialogStoreCrash::killNineThenRestart()
{
    QFETCH(bool, postgres);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // A real PostgreSQL 15 on a private port and data directory, stopped by its PID at the end.
    std::unique_ptr<PostgresInstance> server;
    QString url = u"sqlite://"_s + dir.filePath(u"calldeck.db"_s);
    if (postgres)
    {
        server = std::make_unique<PostgresInstance>();
        QVERIFY2(server->start(), qPrintable(server->errorString()));
        url = server->url();
    }
    CalldeckHeadless::Options o;
    o.extraArguments = {u"--db"_s, url, u"--db-mode"_s, u"1"_s};
    auto first = std::make_unique<CalldeckHeadless>(o);
    QVERIFY2(first->start(), qPrintable(first->errorString() + first->output()));

    // Phase 1: 300 calls; 0–49 hang up again, 250–299 stay ringing (never stored), the rest stay up.
    SipTrafficGenerator::Options go;
    go.seed = 4242;
    const SipTrafficGenerator gen(go);
    std::vector<GeneratedMessage> msgs;
    for (std::uint64_t n = 0; n < 300; ++n)
    {
        std::vector<GeneratedMessage> call;
        gen.setup(n, CallKind::CallerHangsUp, nowUs(), call);
        if (n >= 250)
        {
            call.resize(3); // INVITE, 100, 180
        }
        msgs.insert(msgs.end(), call.begin(), call.end());
    }
    for (std::uint64_t n = 0; n < 50; ++n)
    {
        gen.teardown(n, CallKind::CallerHangsUp, nowUs(), msgs);
    }
    QUdpSocket socket;
    send(socket, first->hepPort(), msgs);
    QTRY_COMPARE_WITH_TIMEOUT(
        first->rpc(u"dlg.stats_active"_s).result().toObject().value(u"ongoing"_s).toInt(), 200, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(
        first->rpc(u"dlg.stats_active"_s).result().toObject().value(u"connecting"_s).toInt(), 50, 15000);
    const QJsonArray listed = first->rpc(u"dlg.list"_s).result().toArray();
    QHash<QString, QJsonObject> confirmed;
    for (const QJsonValue &v : listed)
    {
        const QJsonObject d = v.toObject();
        if (d.value(u"state"_s).toInt() == 4)
        {
            confirmed.insert(d.value(u"call-id"_s).toString(), d);
        }
    }
    QCOMPARE(confirmed.size(), 200);
    // Real-time mode batches each core tick (100 ms); give the writer a moment to commit.
    QThread::msleep(600);

    // Phase 2: more calls arrive, and the collector is killed halfway through them.
    std::vector<GeneratedMessage> more;
    for (std::uint64_t n = 1000; n < 1400; ++n)
    {
        gen.setup(n, CallKind::CallerHangsUp, nowUs(), more);
    }
    const std::vector<GeneratedMessage> firstHalf(more.begin(),
                                                  more.begin() + std::ptrdiff_t(more.size() / 2));
    send(socket, first->hepPort(), firstHalf);
    QThread::msleep(20);
    QVERIFY2(first->kill(), "calldeck did not die on SIGKILL");
    const auto killedAt = nowUs() / 1000000;

    // Restart on the same store.
    auto second = std::make_unique<CalldeckHeadless>(o);
    QVERIFY2(second->start(), qPrintable(second->errorString() + second->output()));
    const QHash<QString, QJsonObject> back = byCallId(second->rpc(u"dlg.list"_s).result().toArray());
    int missing = 0;
    for (auto it = confirmed.cbegin(); it != confirmed.cend(); ++it)
    {
        const auto found = back.constFind(it.key());
        if (found == back.cend())
        {
            ++missing;
            continue;
        }
        QVERIFY2(differences(it.value(), *found).isEmpty(),
                 qPrintable(it.key() + u": "_s + differences(it.value(), *found)));
        // Same absolute expiry: the remaining time went on while CallDeck was down.
        QVERIFY(found->value(u"timeout"_s).toInteger() > killedAt);
    }
    QCOMPARE(missing, 0);
    for (std::uint64_t n = 0; n < 50; ++n)
    {
        QVERIFY2(!back.contains(QString::fromStdString(gen.callId(n))), "an ended call came back");
    }
    for (std::uint64_t n = 250; n < 300; ++n)
    {
        QVERIFY2(!back.contains(QString::fromStdString(gen.callId(n))), "a ringing call was stored");
    }
    // Whatever phase 2 left in the store is whole: confirmed rows with both legs.
    int fromPhase2 = 0;
    for (std::uint64_t n = 1000; n < 1400; ++n)
    {
        const auto found = back.constFind(QString::fromStdString(gen.callId(n)));
        if (found != back.cend())
        {
            ++fromPhase2;
            QCOMPARE(found->value(u"state"_s).toInt() >= 3, true);
            QCOMPARE(found->value(u"callee"_s).toObject().value(u"tag"_s).toString(),
                     QString::fromStdString(gen.calleeTag(n)));
        }
    }
    qInfo("restored %d confirmed dialogs of the checkpoint and %d of the traffic cut by the kill",
          int(confirmed.size()), fromPhase2);
    QCOMPARE(back.size(), confirmed.size() + fromPhase2);

    // A new call after the restart gets an id no stored dialog has.
    std::vector<GeneratedMessage> fresh;
    SipTrafficGenerator::Options no = go;
    no.withDid = false;
    const SipTrafficGenerator noDid(no);
    noDid.setup(5000, CallKind::CallerHangsUp, nowUs(), fresh);
    send(socket, second->hepPort(), fresh);
    QTRY_VERIFY_WITH_TIMEOUT(byCallId(second->rpc(u"dlg.list"_s).result().toArray())
                                 .contains(QString::fromStdString(noDid.callId(5000))),
                             5000);
    const QJsonObject created = byCallId(second->rpc(u"dlg.list"_s).result().toArray())
                                    .value(QString::fromStdString(noDid.callId(5000)));
    for (const QJsonObject &d : back)
    {
        QVERIFY(!(d.value(u"h_entry"_s) == created.value(u"h_entry"_s) &&
                  d.value(u"h_id"_s) == created.value(u"h_id"_s)));
    }
    QVERIFY(second->stop());
}

QTEST_GUILESS_MAIN(TestDialogStoreCrash)
#include "tst_dialogstorecrash.moc"
