// SPDX-License-Identifier: GPL-3.0-or-later
// The core's inputs to the alarms (issue #8): DialogEngine::countAged() and the answered counter.
#include "enginetesthelpers.h"

#include <QTest>

using namespace calldeck::core;
using namespace calldeck::testsupport;

class TestDialogAges final : public QObject
{
    Q_OBJECT

private slots:
    void countsByStateAndAge();
    void noQueriesNoWalk();
    void answeredAndFailedCounters();
};

namespace
{

/// Feeds call @p n's setup at @p timeUs up to (not including) the first message starting with @p stopAt.
void feedUntil(DialogEngine &engine, std::uint64_t n, std::int64_t timeUs, const std::string &stopAt)
{
    SipTrafficGenerator gen({});
    std::vector<GeneratedMessage> msgs;
    gen.setup(n, CallKind::CallerHangsUp, timeUs, msgs);
    const int stop = stopAt.empty() ? int(msgs.size()) : indexOf(msgs, stopAt);
    QVERIFY(stop > 0);
    for (int i = 0; i < stop; ++i)
    {
        engine.feed(msgs[std::size_t(i)].text, msgs[std::size_t(i)].meta);
    }
}

constexpr std::int64_t Second = 1000000;

} // namespace

void TestDialogAges::countsByStateAndAge()
{
    DialogEngine engine;
    feedUntil(engine, 1, T0, "SIP/2.0 180");               // state 1 since T0
    feedUntil(engine, 2, T0 + 10 * Second, "SIP/2.0 200"); // state 2 since T0+10
    feedUntil(engine, 3, T0 + 20 * Second, "ACK ");        // state 3: 2xx at about T0+20
    feedUntil(engine, 4, T0 + 30 * Second, "");            // state 4 since T0+30
    QCOMPARE(engine.activeStats().all(), 4u);
    engine.advanceTo(T0 + 100 * Second);

    const std::vector<DialogAgeQuery> queries{
        {DialogAgeQuery::Kind::Any, 0},    {DialogAgeQuery::Kind::Any, 81},
        {DialogAgeQuery::Kind::Any, 101},  {DialogAgeQuery::Kind::Early, 0},
        {DialogAgeQuery::Kind::Early, 95}, {DialogAgeQuery::Kind::NoAck, 70},
        {DialogAgeQuery::Kind::NoAck, 85},
    };
    const std::vector<DialogAgeCount> c = engine.countAged(queries);
    QCOMPARE(c.size(), queries.size());
    QCOMPARE(c[0].count, 4u);
    QCOMPARE(c[0].oldest, 100u);
    QCOMPARE(c[1].count, 2u); // the ones of T0 and T0+10 (90 s)
    QCOMPARE(c[2].count, 0u);
    QCOMPARE(c[2].oldest, 0u);
    QCOMPARE(c[3].count, 2u); // states 1 and 2 only
    QCOMPARE(c[3].oldest, 100u);
    QCOMPARE(c[4].count, 1u); // only the unconfirmed one is 95 s old
    QCOMPARE(c[5].count, 1u); // state 3, about 80 s since its 2xx
    QVERIFY(c[5].oldest >= 79 && c[5].oldest <= 80);
    QCOMPARE(c[6].count, 0u);
}

void TestDialogAges::noQueriesNoWalk()
{
    DialogEngine engine;
    feedUntil(engine, 1, T0, "");
    QVERIFY(engine.countAged({}).empty());
}

void TestDialogAges::answeredAndFailedCounters()
{
    DialogEngine engine;
    SipTrafficGenerator gen({});
    std::vector<GeneratedMessage> msgs;
    gen.setup(1, CallKind::CallerHangsUp, T0, msgs);
    gen.setup(2, CallKind::Rejected, T0, msgs);
    gen.setup(3, CallKind::Cancelled, T0, msgs);
    gen.setup(4, CallKind::CalleeHangsUp, T0, msgs);
    feedAll(engine, msgs);
    QCOMPARE(engine.stats().answeredDialogs, 2u);
    QCOMPARE(engine.stats().failedDialogs, 2u);
    // A retransmitted 200 is not a second answer.
    const int ok = indexOf(msgs, "SIP/2.0 200");
    engine.feed(msgs[std::size_t(ok)].text, msgs[std::size_t(ok)].meta);
    QCOMPARE(engine.stats().answeredDialogs, 2u);
}

QTEST_APPLESS_MAIN(TestDialogAges)
#include "tst_dialogages.moc"
