// SPDX-License-Identifier: GPL-3.0-or-later
// The alarm rules' state machine (issue #8): raise, hold, clear, hysteresis, acknowledge, shelve,
// and what each kind measures.
#include <QTest>

#include "backend/alarmevaluator.h"

using namespace Qt::StringLiterals;
using Kind = AlarmRule::Kind;
using Type = AlarmEvent::Type;

class TestAlarmEvaluator final : public QObject
{
    Q_OBJECT

private slots:
    void profileRaisesAndClearsWithHold();
    void hysteresisKeepsItRaised();
    void raiseAfterNeedsAContinuousSpell();
    void percentOfLimit();
    void acknowledge();
    void shelveHidesUntilItExpires();
    void ageKinds();
    void feedSilent();
    void proxyDown();
    void failureRate();
    void removedRuleClears();
    void disabledRuleIsIgnored();
};

namespace
{

constexpr qint64 T0 = 1'800'000'000'000;

AlarmRule profileRule(double threshold, int clearAfter = 3)
{
    AlarmRule r;
    r.name = u"inbound busy"_s;
    r.kind = Kind::ProfileSize;
    r.target = u"inbound"_s;
    r.threshold = threshold;
    r.clearAfter = clearAfter;
    r.severity = AlarmRule::Severity::Major;
    return r;
}

AlarmEvaluator::Inputs at(int second, double inbound = 0)
{
    AlarmEvaluator::Inputs in;
    in.nowMs = T0 + qint64(second) * 1000;
    in.profiles.insert(u"inbound"_s, inbound);
    return in;
}

QList<Type> types(const std::vector<AlarmEvent> &events)
{
    QList<Type> out;
    for (const AlarmEvent &e : events)
    {
        out << e.type;
    }
    return out;
}

} // namespace

void TestAlarmEvaluator::profileRaisesAndClearsWithHold()
{
    AlarmEvaluator ev;
    ev.setRules({profileRule(3)}, T0);
    QVERIFY(ev.evaluate(at(0, 2)).empty());
    const std::vector<AlarmEvent> raised = ev.evaluate(at(1, 3));
    QCOMPARE(types(raised), QList<Type>{Type::Raised});
    QCOMPARE(raised[0].alarm.what, u"inbound 3 ≥ 3"_s);
    QCOMPARE(raised[0].alarm.severity, AlarmRule::Severity::Major);
    QCOMPARE(raised[0].alarm.raisedMs, T0 + 1000);
    QCOMPARE(ev.attentionCount(), 1);
    QVERIFY(ev.evaluate(at(2, 5)).empty());                        // still over: no second alarm
    QVERIFY(ev.evaluate(at(3, 1)).empty());                        // under, held 0 s
    QVERIFY(ev.evaluate(at(4, 1)).empty());                        // held 1 s
    QVERIFY(ev.evaluate(at(5, 1)).empty());                        // held 2 s
    const std::vector<AlarmEvent> cleared = ev.evaluate(at(6, 1)); // held 3 s
    QCOMPARE(types(cleared), QList<Type>{Type::Cleared});
    QCOMPARE(cleared[0].alarm.state(), Alarm::State::Cleared);
    QCOMPARE(ev.attentionCount(), 0);
    QCOMPARE(ev.alarms().size(), std::size_t(1));
    // A dip shorter than the hold does not clear; the next spell over raises a new alarm.
    QCOMPARE(types(ev.evaluate(at(7, 4))), QList<Type>{Type::Raised});
    QVERIFY(ev.evaluate(at(8, 0)).empty());
    QVERIFY(ev.evaluate(at(9, 4)).empty());
    QVERIFY(ev.evaluate(at(10, 0)).empty());
    QVERIFY(ev.evaluate(at(11, 0)).empty());
    QVERIFY(ev.evaluate(at(12, 0)).empty());
    QCOMPARE(types(ev.evaluate(at(13, 0))), QList<Type>{Type::Cleared});
    QCOMPARE(ev.alarms().size(), std::size_t(2));
}

void TestAlarmEvaluator::hysteresisKeepsItRaised()
{
    AlarmRule rule = profileRule(10, 0);
    rule.hysteresis = 2;
    AlarmEvaluator ev;
    ev.setRules({rule}, T0);
    QCOMPARE(types(ev.evaluate(at(0, 10))), QList<Type>{Type::Raised});
    QVERIFY(ev.evaluate(at(1, 9)).empty()); // inside the band
    QVERIFY(ev.evaluate(at(2, 8)).empty()); // 8 is not < 10 − 2
    QCOMPARE(types(ev.evaluate(at(3, 7))), QList<Type>{Type::Cleared});
}

void TestAlarmEvaluator::raiseAfterNeedsAContinuousSpell()
{
    AlarmRule rule = profileRule(3);
    rule.raiseAfter = 2;
    AlarmEvaluator ev;
    ev.setRules({rule}, T0);
    QVERIFY(ev.evaluate(at(0, 3)).empty());
    QVERIFY(ev.evaluate(at(1, 3)).empty());
    QVERIFY(ev.evaluate(at(2, 2)).empty()); // the spell breaks
    QVERIFY(ev.evaluate(at(3, 3)).empty());
    QVERIFY(ev.evaluate(at(4, 3)).empty());
    QCOMPARE(types(ev.evaluate(at(5, 3))), QList<Type>{Type::Raised});
}

void TestAlarmEvaluator::percentOfLimit()
{
    AlarmRule rule = profileRule(80);
    rule.percent = true;
    rule.target = u"profile:trunk=gw1"_s;
    AlarmEvaluator ev;
    ev.setRules({rule}, T0);
    AlarmEvaluator::Inputs in = at(0);
    in.profiles.insert(u"trunk=gw1"_s, 30);
    QVERIFY(ev.evaluate(in).empty()); // no limit: nothing to judge
    in.limits.parse(u"trunk=gw1 40\n"_s);
    in.profiles.insert(u"trunk=gw1"_s, 31);
    in.nowMs += 1000;
    QVERIFY(ev.evaluate(in).empty()); // 31 < 32
    in.profiles.insert(u"trunk=gw1"_s, 32);
    in.nowMs += 1000;
    const std::vector<AlarmEvent> e = ev.evaluate(in);
    QCOMPARE(types(e), QList<Type>{Type::Raised});
    QCOMPARE(e[0].alarm.what, u"trunk=gw1 32 ≥ 32 (80% of the limit 40)"_s);
}

void TestAlarmEvaluator::acknowledge()
{
    AlarmEvaluator ev;
    ev.setRules({profileRule(3, 0)}, T0);
    const quint64 id = ev.evaluate(at(0, 5)).at(0).alarm.id;
    QCOMPARE(types(ev.acknowledge(id, T0)), QList<Type>{Type::Acknowledged});
    QVERIFY(ev.acknowledge(id, T0).empty()); // once
    QVERIFY(ev.acknowledge(id + 100, T0).empty());
    QCOMPARE(ev.alarms()[0].state(), Alarm::State::Acknowledged);
    QCOMPARE(ev.attentionCount(), 0);
    QCOMPARE(types(ev.evaluate(at(1, 0))), QList<Type>{Type::Cleared});
    QCOMPARE(ev.alarms()[0].state(), Alarm::State::Cleared);
    QVERIFY(ev.acknowledge(id, T0).empty()); // a cleared alarm needs none
}

void TestAlarmEvaluator::shelveHidesUntilItExpires()
{
    AlarmEvaluator ev;
    ev.setRules({profileRule(3, 0)}, T0);
    const quint64 id = ev.evaluate(at(0, 5)).at(0).alarm.id;
    QVERIFY(ev.shelve(id, T0 - 1, T0).empty()); // a time in the past
    const std::vector<AlarmEvent> shelved = ev.shelve(id, T0 + 10'000, T0);
    QCOMPARE(types(shelved), QList<Type>{Type::Shelved});
    QCOMPARE(ev.alarms()[0].state(), Alarm::State::Shelved);
    QCOMPARE(ev.attentionCount(), 0);
    // Cleared and raised again while shelved: the new alarm is shelved too.
    QCOMPARE(types(ev.evaluate(at(1, 0))), QList<Type>{Type::Cleared});
    const std::vector<AlarmEvent> again = ev.evaluate(at(2, 5));
    QCOMPARE(types(again), QList<Type>{Type::Raised});
    QCOMPARE(again[0].alarm.shelvedUntilMs, T0 + 10'000);
    QCOMPARE(ev.attentionCount(), 0);
    QVERIFY(ev.evaluate(at(9, 5)).empty());
    // The shelf runs out with the alarm still raised: it asks for attention again.
    QCOMPARE(types(ev.evaluate(at(10, 5))), QList<Type>{Type::ShelveExpired});
    QCOMPARE(ev.alarms().back().state(), Alarm::State::Active);
    QCOMPARE(ev.attentionCount(), 1);
}

void TestAlarmEvaluator::ageKinds()
{
    AlarmRule age;
    age.name = u"long"_s;
    age.kind = Kind::DialogAge;
    age.seconds = 3600;
    AlarmRule early = age;
    early.name = u"stuck early"_s;
    early.kind = Kind::EarlyStuck;
    early.seconds = 60;
    early.count = 2;
    AlarmRule noack = age;
    noack.name = u"no ack"_s;
    noack.kind = Kind::NoAckStuck;
    noack.seconds = 10;
    AlarmEvaluator ev;
    ev.setRules({age, early, noack}, T0);
    const std::vector<calldeck::core::DialogAgeQuery> q = ev.ageQueries();
    QCOMPARE(q.size(), std::size_t(3));
    QCOMPARE(q[0].kind, calldeck::core::DialogAgeQuery::Kind::Any);
    QCOMPARE(q[0].seconds, 3600u);
    QCOMPARE(q[1].kind, calldeck::core::DialogAgeQuery::Kind::Early);
    QCOMPARE(q[2].kind, calldeck::core::DialogAgeQuery::Kind::NoAck);
    AlarmEvaluator::Inputs in = at(0);
    in.ages = {{1, 4000}, {1, 70}, {0, 0}};
    std::vector<AlarmEvent> e = ev.evaluate(in);
    QCOMPARE(types(e), QList<Type>{Type::Raised}); // early needs 2
    QCOMPARE(e[0].alarm.rule, u"long"_s);
    QCOMPARE(e[0].alarm.what, u"1 dialog(s) older than 3600 s (oldest 4000 s)"_s);
    in.nowMs += 1000;
    in.ages = {{1, 4001}, {2, 71}, {1, 12}};
    e = ev.evaluate(in);
    QCOMPARE(types(e), (QList<Type>{Type::Raised, Type::Raised}));
    QCOMPARE(e[1].alarm.what, u"1 dialog(s) confirmed without ACK for 10 s (oldest 12 s)"_s);
}

void TestAlarmEvaluator::feedSilent()
{
    AlarmRule rule;
    rule.name = u"mirror quiet"_s;
    rule.kind = Kind::FeedSilent;
    rule.seconds = 30;
    rule.clearAfter = 0;
    AlarmEvaluator ev;
    ev.setRules({rule}, T0);
    SourceHealth udp;
    udp.kind = u"hep-udp"_s;
    udp.label = u"udp 127.0.0.1:9060"_s;
    udp.state = SourceHealth::State::Running;
    udp.lastSeenMs = T0;
    SourceHealth tcp = udp;
    tcp.kind = u"hep-tcp"_s;
    tcp.label = u"tcp 127.0.0.1:9060"_s;
    tcp.lastSeenMs = 0; // never used: the udp feed speaks for the pair
    AlarmEvaluator::Inputs in = at(29);
    in.sources = {udp, tcp};
    QVERIFY(ev.evaluate(in).empty());
    in.nowMs = T0 + 30'000;
    const std::vector<AlarmEvent> e = ev.evaluate(in);
    QCOMPARE(types(e), QList<Type>{Type::Raised});
    QCOMPARE(e[0].alarm.what, u"udp 127.0.0.1:9060, tcp 127.0.0.1:9060 silent for 30 s"_s);
    in.sources[0].lastSeenMs = T0 + 30'500;
    in.nowMs = T0 + 31'000;
    QCOMPARE(types(ev.evaluate(in)), QList<Type>{Type::Cleared});
    // A target watches only its feeds; a feed that never received is silent since the rule started.
    rule.target = u"tcp"_s;
    rule.name = u"tcp quiet"_s;
    AlarmEvaluator only;
    only.setRules({rule}, T0);
    in.nowMs = T0;
    QVERIFY(only.evaluate(in).empty());
    in.nowMs = T0 + 30'000;
    QCOMPARE(types(only.evaluate(in)), QList<Type>{Type::Raised});
}

void TestAlarmEvaluator::proxyDown()
{
    AlarmRule rule;
    rule.name = u"proxy gone"_s;
    rule.kind = Kind::ProxyDown;
    rule.target = u"kam1"_s;
    rule.clearAfter = 0;
    AlarmEvaluator ev;
    ev.setRules({rule}, T0);
    SourceHealth s;
    s.kind = u"rpc"_s;
    s.label = u"kam1"_s;
    s.state = SourceHealth::State::Running;
    ProxyStatus p;
    p.name = u"kam1"_s;
    p.state = ProxyStatus::State::Degraded;
    s.proxy = p;
    SourceHealth other = s;
    other.label = u"kam2"_s;
    other.proxy->name = u"kam2"_s;
    other.proxy->state = ProxyStatus::State::Down;
    AlarmEvaluator::Inputs in = at(0);
    in.sources = {s, other};
    QVERIFY(ev.evaluate(in).empty()); // kam2 is not watched, kam1 only degraded
    in.sources[0].proxy->state = ProxyStatus::State::Down;
    in.sources[0].proxy->lastError = u"connection refused"_s;
    in.nowMs += 1000;
    const std::vector<AlarmEvent> e = ev.evaluate(in);
    QCOMPARE(types(e), QList<Type>{Type::Raised});
    QCOMPARE(e[0].alarm.what, u"proxy down: kam1 (connection refused)"_s);
    in.sources[0].proxy->state = ProxyStatus::State::Up;
    in.nowMs += 1000;
    QCOMPARE(types(ev.evaluate(in)), QList<Type>{Type::Cleared});
}

void TestAlarmEvaluator::failureRate()
{
    AlarmRule rule;
    rule.name = u"failing"_s;
    rule.kind = Kind::FailureRate;
    rule.threshold = 50;
    rule.percent = true;
    rule.seconds = 10;
    rule.count = 4;
    rule.clearAfter = 0;
    AlarmEvaluator ev;
    ev.setRules({rule}, T0);
    AlarmEvaluator::Inputs in = at(0);
    in.answered = 100;
    in.failed = 100; // history before the window does not count
    QVERIFY(ev.evaluate(in).empty());
    in.nowMs += 1000;
    in.answered = 101;
    in.failed = 102; // 2 of 3: too few answers
    QVERIFY(ev.evaluate(in).empty());
    in.nowMs += 1000;
    in.failed = 103; // 3 of 4 = 75 %
    const std::vector<AlarmEvent> e = ev.evaluate(in);
    QCOMPARE(types(e), QList<Type>{Type::Raised});
    QCOMPARE(e[0].alarm.what, u"75% failed (3 of 4 in 10 s) ≥ 50%"_s);
    // Ten seconds of answered calls later the failures have left the window.
    for (int i = 0; i < 10; ++i)
    {
        in.nowMs += 1000;
        in.answered += 1;
        const std::vector<AlarmEvent> later = ev.evaluate(in);
        if (!later.empty())
        {
            QCOMPARE(types(later), QList<Type>{Type::Cleared});
            QCOMPARE(i, 2); // 3 failed of 7 answers = 43 % < 50 %
            return;
        }
    }
    QFAIL("the failure-rate alarm never cleared");
}

void TestAlarmEvaluator::removedRuleClears()
{
    AlarmEvaluator ev;
    ev.setRules({profileRule(3)}, T0);
    QCOMPARE(types(ev.evaluate(at(0, 5))), QList<Type>{Type::Raised});
    AlarmRule changed = profileRule(4); // same name and kind: the alarm stays
    QVERIFY(ev.setRules({changed}, T0).empty());
    const std::vector<AlarmEvent> e = ev.setRules({}, T0 + 1000);
    QCOMPARE(types(e), QList<Type>{Type::Cleared});
    QCOMPARE(e[0].alarm.now, u"the rule was removed or disabled"_s);
}

void TestAlarmEvaluator::disabledRuleIsIgnored()
{
    AlarmRule rule = profileRule(3);
    rule.enabled = false;
    AlarmEvaluator ev;
    ev.setRules({rule}, T0);
    QVERIFY(ev.evaluate(at(0, 50)).empty());
    QVERIFY(ev.ageQueries().empty());
}

QTEST_GUILESS_MAIN(TestAlarmEvaluator)
#include "tst_alarmevaluator.moc"
