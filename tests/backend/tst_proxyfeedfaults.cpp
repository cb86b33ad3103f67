// SPDX-License-Identifier: GPL-3.0-or-later
// ProxyFeed's fault cases against a fake Kamailio (the real-Kamailio tests are in
// tests/integration): each bad dlg.list reply gives a clear per-proxy error, the proxy goes
// degraded then down while the interval backs off, its dialogs stay (stale), and it recovers by
// itself. The event loop of the thread the feed lives on is never blocked.
#include <QSignalSpy>
#include <QTest>

#include "backend/dialogcontrol.h"
#include "fakekamailio.h"
#include "loopgapmeter.h"
#include "proxytestbed.h"
#include "rpcclientfixtures.h"

using namespace Qt::StringLiterals;
using Response = FakeHttpServer::Response;

namespace
{

constexpr int IntervalMs = 100;
constexpr int MaxIntervalMs = 400;
constexpr int TimeoutMs = 500;
constexpr qint64 MaxLoopGapMs = 200;
constexpr qint64 MaxBusyMs = 150;

enum class Fault
{
    Garbage,
    Truncated,
    ResultObject,
    Http500NoBody,
    ClosedWithoutReply,
    NeverAnswers,
};

FakeKamailio::Handler faulty(const Fault fault)
{
    return [fault](const FakeHttpServer::Request &, const int id) -> Response {
        switch (fault)
        {
        case Fault::Garbage:
            return FakeHttpServer::json("<html><body>503 busy</body></html>\x01\x02\x03");
        case Fault::Truncated:
        {
            const QByteArray body =
                RpcClientFixtures::withId(RpcClientFixtures::sample(u"dlg.list.json"_s), id);
            return FakeHttpServer::json(body.left(body.size() / 2));
        }
        case Fault::ResultObject:
            return FakeKamailio::result("{\n\t\t\"h_entry\":\t707,\n\t\t\"h_id\":\t8109\n\t}", id);
        case Fault::Http500NoBody:
            return FakeHttpServer::raw("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n");
        case Fault::ClosedWithoutReply:
            return FakeHttpServer::closeWithoutReply();
        case Fault::NeverAnswers:
            return FakeHttpServer::ignore();
        }
        return FakeHttpServer::closeWithoutReply();
    };
}

ProxyFeed::Options backoffOptions()
{
    ProxyFeed::Options o;
    o.intervalMs = IntervalMs;
    o.maxIntervalMs = MaxIntervalMs;
    o.downAfterErrors = 3;
    return o;
}

/// The status after each failed poll, by its number of consecutive errors.
struct StatusTrail
{
    QHash<int, ProxyStatus> byErrors;
    void record(const ProxyStatus &s)
    {
        if (s.consecutiveErrors > 0 && !byErrors.contains(s.consecutiveErrors))
        {
            byErrors.insert(s.consecutiveErrors, s);
        }
    }
};

/// The event loop was never blocked: at most MaxLoopGapMs between two ticks — unless the whole box
/// stalled as long (the idle reference thread did too: other builds on the shared cores) — and in
/// any case at most MaxBusyMs of this thread's CPU time between two ticks.
bool loopStayedFree(const LoopGapMeter &meter)
{
    const bool boxStalled = meter.referenceMaxGapMs() >= meter.maxGapMs() - MaxLoopGapMs / 2;
    if (meter.maxGapMs() >= MaxLoopGapMs && boxStalled)
    {
        qWarning("the whole box stalled; only the CPU-time bound is checked: %s",
                 qPrintable(meter.summary()));
    }
    return meter.maxBusyMs() < MaxBusyMs && (meter.maxGapMs() < MaxLoopGapMs || boxStalled);
}

QString describe(const ProxyStatus &s)
{
    return u"%1, %2 errors, interval %3 ms, last error '%4'"_s.arg(ProxyStatus::stateName(s.state))
        .arg(s.consecutiveErrors)
        .arg(s.intervalMs)
        .arg(s.lastError);
}

} // namespace

Q_DECLARE_METATYPE(Fault)

class TestProxyFeedFaults final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void badListThenRecovery_data();
    void badListThenRecovery();
    void malformedEntriesAreSkipped();
    void hugeReplyKeepsTheLoopFree();
};

void TestProxyFeedFaults::initTestCase()
{
    QVERIFY(RpcClientFixtures::initLibcurl());
    QVERIFY2(!RpcClientFixtures::sample(u"dlg.list.json"_s).isEmpty(), "samples missing (CALLDECK_SAMPLES)");
}

void TestProxyFeedFaults::badListThenRecovery_data()
{
    QTest::addColumn<Fault>("fault");
    QTest::addColumn<QString>("expected");
    QTest::newRow("garbage body") << Fault::Garbage
                                  << u"dlg.list: protocol error (HTTP 200): reply is not valid JSON"_s;
    QTest::newRow("truncated JSON") << Fault::Truncated
                                    << u"dlg.list: protocol error (HTTP 200): reply is not valid JSON"_s;
    QTest::newRow("result is an object")
        << Fault::ResultObject
        << u"dlg.list: protocol error (HTTP 200): the result is an object, expected an array"_s;
    QTest::newRow("HTTP 500 without body") << Fault::Http500NoBody << u"dlg.list: HTTP error (HTTP 500)"_s;
    QTest::newRow("closed without reply")
        << Fault::ClosedWithoutReply << u"dlg.list: transport error: connection closed without a reply"_s;
    QTest::newRow("never answers") << Fault::NeverAnswers << u"timed out"_s;
}

void TestProxyFeedFaults::badListThenRecovery()
{
    QFETCH(Fault, fault);
    QFETCH(QString, expected);

    FakeKamailio fake;
    QVERIFY(fake.start());
    ProxyTestBed bed;
    ProxyFeed &feed = bed.addProxy(u"kam1"_s, fake.url(), backoffOptions(), TimeoutMs);
    const quint16 origin = feed.origin();
    QTRY_COMPARE_WITH_TIMEOUT(feed.status().state, ProxyStatus::State::Up, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(bed.countRows(origin), 5, 3000);

    StatusTrail trail;
    connect(&feed, &ProxyFeed::statusChanged, this, [&]() { trail.record(feed.status()); });
    QSignalSpy unreachable(&feed, &ProxyFeed::unreachable);
    LoopGapMeter meter;
    meter.start();
    fake.setOverride(u"dlg.list"_s, faulty(fault));

    // Degraded at the first failure, down at the third; the interval doubles up to its cap.
    QTRY_COMPARE_WITH_TIMEOUT(feed.status().state, ProxyStatus::State::Down, 5000);
    QCOMPARE(unreachable.count(), 3);
    QCOMPARE(unreachable.first().first().value<quint16>(), origin);
    QVERIFY(trail.byErrors.contains(1) && trail.byErrors.contains(2) && trail.byErrors.contains(3));
    const ProxyStatus first = trail.byErrors.value(1);
    QVERIFY2(first.state == ProxyStatus::State::Degraded && first.intervalMs == 2 * IntervalMs,
             qPrintable(describe(first)));
    const ProxyStatus second = trail.byErrors.value(2);
    QVERIFY2(second.state == ProxyStatus::State::Degraded && second.intervalMs == 4 * IntervalMs,
             qPrintable(describe(second)));
    const ProxyStatus third = trail.byErrors.value(3);
    QVERIFY2(third.state == ProxyStatus::State::Down && third.intervalMs == MaxIntervalMs,
             qPrintable(describe(third)));
    for (const ProxyStatus &s : {first, second, third})
    {
        QVERIFY2(s.lastError.startsWith(u"dlg.list: "_s) && s.lastError.contains(expected),
                 qPrintable(describe(s)));
        // Every error says what to check next.
        QVERIFY2(s.lastError.contains(u"check"_s, Qt::CaseInsensitive), qPrintable(describe(s)));
    }
    QVERIFY(feed.status().failures >= 3);
    QVERIFY(feed.status().lastSuccessMs > 0);
    QCOMPARE(feed.status().dialogs, 5); // the last good listing's count
    const SourceHealth health = bed.sources().source(origin);
    QVERIFY(health.proxy.has_value());
    QCOMPARE(health.proxy->state, ProxyStatus::State::Down);
    QCOMPARE(health.proxy->lastError, feed.status().lastError);

    // The dialogs stay, flagged stale; actions wait for the proxy.
    QTRY_COMPARE_WITH_TIMEOUT(bed.countRows(origin, DialogRowFlag::Stale), 5, 3000);
    QCOMPARE(bed.countRows(origin), 5);
    QString why;
    QVERIFY(!feed.can(DialogAction::EndDialog, &why));
    QVERIFY2(why.contains(u"down"_s), qPrintable(why));

    // It answers well again: up, the normal interval, nothing stale, the facts asked again.
    fake.clearOverride(u"dlg.list"_s);
    QTRY_COMPARE_WITH_TIMEOUT(feed.status().state, ProxyStatus::State::Up, 5000);
    QCOMPARE(feed.status().intervalMs, IntervalMs);
    QCOMPARE(feed.status().consecutiveErrors, 0);
    QTRY_COMPARE_WITH_TIMEOUT(bed.countRows(origin, DialogRowFlag::Stale), 0, 3000);
    QCOMPARE(bed.countRows(origin), 5);
    QTRY_COMPARE_WITH_TIMEOUT(fake.count(u"core.version"_s), 2, 3000);
    QVERIFY(feed.can(DialogAction::EndDialog));

    meter.stop();
    QVERIFY2(loopStayedFree(meter), qPrintable(meter.summary()));
}

void TestProxyFeedFaults::malformedEntriesAreSkipped()
{
    FakeKamailio fake;
    QVERIFY(fake.start());
    ProxyTestBed bed;
    ProxyFeed &feed = bed.addProxy(u"kam1"_s, fake.url(), backoffOptions(), TimeoutMs);
    const quint16 origin = feed.origin();
    QTRY_COMPARE_WITH_TIMEOUT(feed.status().state, ProxyStatus::State::Up, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(bed.countRows(origin), 5, 3000);
    QSignalSpy unreachable(&feed, &ProxyFeed::unreachable);

    // One entry with a string h_entry: skipped; the four others kept.
    fake.setOverride(u"dlg.list"_s, [](const FakeHttpServer::Request &, const int id) {
        QByteArray body = RpcClientFixtures::withId(RpcClientFixtures::sample(u"dlg.list.json"_s), id);
        body.replace("\"h_entry\":\t707,", "\"h_entry\":\t\"707\",");
        return FakeHttpServer::json(body);
    });
    QTRY_COMPARE_WITH_TIMEOUT(feed.status().skippedEntries, 1, 3000);
    const ProxyStatus s = feed.status();
    QCOMPARE(s.state, ProxyStatus::State::Degraded);
    QCOMPARE(s.dialogs, 4);
    QCOMPARE(s.consecutiveErrors, 0); // the poll worked
    QCOMPARE(s.intervalMs, IntervalMs);
    QCOMPARE(unreachable.count(), 0);
    QVERIFY2(s.lastError.contains(u"3-19005@127.0.0.1"_s) && s.lastError.contains(u"h_entry"_s),
             qPrintable(s.lastError));
    QTest::qWait(3 * IntervalMs);
    QCOMPARE(feed.status().state, ProxyStatus::State::Degraded); // every poll: still degraded, not down
    QCOMPARE(unreachable.count(), 0);

    QTRY_COMPARE_WITH_TIMEOUT(bed.countRows(origin), 4, 3000);
    QCOMPARE(bed.countRows(origin, DialogRowFlag::Stale), 0);
    QStringList kept;
    for (const DialogRow &row : bed.rowsOf(origin))
    {
        kept.append(QString::fromStdString(row.dialog.callId));
    }
    kept.sort();
    QCOMPARE(kept, (QStringList{u"1-19005@127.0.0.1"_s, u"2-19005@127.0.0.1"_s, u"4-19005@127.0.0.1"_s,
                                u"5-19005@127.0.0.1"_s}));

    fake.clearOverride(u"dlg.list"_s);
    QTRY_COMPARE_WITH_TIMEOUT(feed.status().state, ProxyStatus::State::Up, 3000);
    QCOMPARE(feed.status().skippedEntries, 0);
    QTRY_COMPARE_WITH_TIMEOUT(bed.countRows(origin), 5, 3000);
}

void TestProxyFeedFaults::hugeReplyKeepsTheLoopFree()
{
    // A valid dlg.list of about 50 MB (~57 000 dialogs), below the 64 MB default limit.
    const qsizetype perDialog = RpcClientFixtures::dlgListReply(100, 0).size() / 100;
    const int dialogs = static_cast<int>(50 * 1000 * 1000 / perDialog) + 1;
    QByteArray big = RpcClientFixtures::dlgListReply(dialogs, 0);
    QVERIFY(big.size() > 50 * 1000 * 1000 && big.size() < 64 * 1024 * 1024);
    QVERIFY(big.endsWith("\"id\":\t0\n}"));
    big.chop(3); // "0\n}": the id goes there
    FakeKamailio fake;
    QVERIFY(fake.start());
    fake.setOverride(u"dlg.list"_s, [big](const FakeHttpServer::Request &, const int id) {
        const QByteArray body = big + QByteArray::number(id) + "\n}";
        return FakeHttpServer::json(body);
    });

    LoopGapMeter meter;
    meter.start();
    ProxyTestBed bed;
    ProxyFeed::Options o = backoffOptions();
    o.intervalMs = 1000;
    o.maxIntervalMs = 2000;
    // Read the listing ahead of the core, which takes the dialogs out of the shared payload.
    std::size_t listed = 0;
    qint64 listedAtMs = -1;
    ProxyFeed &feed = bed.addProxy(u"kam1"_s, fake.url(), o, 10000, [&](ProxyFeed &f) {
        connect(&f, &ProxyFeed::listingReady, this,
                [&](quint16, const std::shared_ptr<const DialogListPayload> &l) {
                    if (listedAtMs < 0)
                    {
                        listed = l->dialogs.size();
                        listedAtMs = meter.elapsedMs();
                        QVERIFY(l->skipped.isEmpty());
                        QCOMPARE(l->replyBytes, big.size() + 3);
                        qInfo("50 MB dlg.list: %lld ms transfer, %lld ms decode", l->transferMs, l->decodeMs);
                    }
                });
    });
    QSignalSpy unreachable(&feed, &ProxyFeed::unreachable);
    QTRY_VERIFY_WITH_TIMEOUT(listedAtMs >= 0 || unreachable.count() > 0, 20000);
    if (listedAtMs >= 0)
    {
        QCOMPARE(listed, std::size_t(dialogs));
        QTRY_COMPARE_WITH_TIMEOUT(feed.status().dialogs, dialogs, 5000);
    }
    else
    {
        // Refused: then with a reason an operator understands.
        const QString error = feed.status().lastError;
        QVERIFY2(error.contains(u"larger than"_s) || error.contains(u"timed out"_s), qPrintable(error));
    }
    // The next polls are small again: the feed and the core go on.
    fake.clearOverride(u"dlg.list"_s);
    QTRY_VERIFY_WITH_TIMEOUT(feed.status().dialogs == 5 && feed.status().state == ProxyStatus::State::Up,
                             10000);
    meter.stop();
    qInfo("%s (the listing came %lld ms after the start)", qPrintable(meter.summary()), listedAtMs);
    QVERIFY2(loopStayedFree(meter), qPrintable(meter.summary()));
    QTRY_COMPARE_WITH_TIMEOUT(bed.countRows(feed.origin()), 5, 10000);
    bool answered = false;
    QVERIFY(bed.worker().call([&](CoreContext &) { answered = true; }, 2000));
    QVERIFY(answered);
}

QTEST_GUILESS_MAIN(TestProxyFeedFaults)
#include "tst_proxyfeedfaults.moc"
