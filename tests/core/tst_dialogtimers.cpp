// SPDX-License-Identifier: GPL-3.0-or-later
#include "enginetesthelpers.h"

#include <QTest>

using namespace calldeck::core;
using namespace calldeck::testsupport;

namespace
{

constexpr std::int64_t S = 1000000; // µs per second

DialogHandle confirmedCall(DialogEngine &engine, const SipTrafficGenerator &gen, std::uint64_t n,
                           std::int64_t t)
{
    std::vector<GeneratedMessage> msgs;
    gen.setup(n, CallKind::CallerHangsUp, t, msgs);
    return feedAll(engine, msgs)[0].dialog;
}

} // namespace

class TestDialogTimers final : public QObject
{
    Q_OBJECT

private slots:
    void defaultTimeoutExpires();
    void setTimeoutRearms();
    void setTimeoutBeforeAnswerIsUsedAtAnswer();
    void noResetProperty_data();
    void noResetProperty();
    void timeoutByProfile();
    void noAckTimeout();
    void earlyTimeoutSweeps();
    void endTimeoutSweepsLeftovers();
    void sendByeOnTimeout();
    void sendByeWithoutSenderExpires();
    void wheelSurvivesLongJumps();
    void restoredTimerInThePastFiresAtOnce();
};

void TestDialogTimers::defaultTimeoutExpires()
{
    SipTrafficGenerator gen({});
    DialogConfig c;
    c.defaultTimeout = 30;
    DialogEngine engine(c);
    const DialogHandle h = confirmedCall(engine, gen, 1, T0);
    const std::uint32_t expiry = engine.snapshot(h).timeout;
    QCOMPARE(expiry, static_cast<std::uint32_t>(T0 / S) + 30);
    engine.advanceTo((expiry - 1) * S);
    QCOMPARE(engine.state(h), DialogState::Confirmed);
    engine.advanceTo(static_cast<std::int64_t>(expiry) * S);
    QCOMPARE(engine.state(h), DialogState::Deleted);
    QVERIFY(engine.snapshot(h).dflags & DFlag::Expired);
    QCOMPARE(engine.stats().expiredDialogs, 1u);
    QCOMPARE(engine.stats().activeDialogs, 0);
}

void TestDialogTimers::setTimeoutRearms()
{
    SipTrafficGenerator gen({});
    DialogEngine engine;
    const DialogHandle h = confirmedCall(engine, gen, 2, T0);
    engine.advanceTo(T0 + 10 * S);
    QVERIFY(engine.setTimeout(h, 5));
    QCOMPARE(engine.snapshot(h).lifetime, 5u);
    QCOMPARE(engine.snapshot(h).timeout, static_cast<std::uint32_t>(T0 / S) + 15);
    engine.advanceTo(T0 + 14 * S);
    QCOMPARE(engine.state(h), DialogState::Confirmed);
    engine.advanceTo(T0 + 15 * S);
    QCOMPARE(engine.state(h), DialogState::Deleted);
    QVERIFY(!engine.setTimeout(DialogHandle{999, 1}, 5));
    QVERIFY(!engine.setTimeout(h, 0) || engine.state(h) == DialogState::Deleted);
}

void TestDialogTimers::setTimeoutBeforeAnswerIsUsedAtAnswer()
{
    SipTrafficGenerator gen({});
    DialogEngine engine;
    std::vector<GeneratedMessage> msgs;
    gen.setup(3, CallKind::CallerHangsUp, T0, msgs);
    const DialogHandle h = engine.feed(msgs[0].text, msgs[0].meta).dialog;
    QVERIFY(engine.setTimeout(h, 7));
    QCOMPARE(engine.snapshot(h).timeout, 0u); // no timer before the 2xx
    for (std::size_t i = 1; i < msgs.size(); ++i)
    {
        engine.feed(msgs[i].text, msgs[i].meta);
    }
    QCOMPARE(engine.snapshot(h).timeout, static_cast<std::uint32_t>(T0 / S) + 7);
}

void TestDialogTimers::noResetProperty_data()
{
    QTest::addColumn<bool>("global");
    QTest::addColumn<bool>("property");
    QTest::addColumn<bool>("reset");
    QTest::newRow("default resets") << false << false << true;
    QTest::newRow("timeout_noreset=1") << true << false << false;
    QTest::newRow("timeout-noreset property") << false << true << false;
}

void TestDialogTimers::noResetProperty()
{
    QFETCH(bool, global);
    QFETCH(bool, property);
    QFETCH(bool, reset);
    SipTrafficGenerator gen({});
    DialogConfig c;
    c.timeoutNoReset = global;
    DialogEngine engine(c);
    const DialogHandle h = confirmedCall(engine, gen, 4, T0);
    if (property)
    {
        QVERIFY(engine.setProperty(h, "timeout-noreset"));
        QVERIFY(engine.snapshot(h).iflags & IFlag::TimerNoReset);
    }
    QVERIFY(!engine.setProperty(h, "no-such-property"));
    const std::uint32_t before = engine.snapshot(h).timeout;
    std::vector<GeneratedMessage> re;
    gen.reinvite(4, T0 + 50 * S, re);
    feedAll(engine, re);
    QCOMPARE(engine.snapshot(h).timeout, reset ? before + 50 : before);
}

void TestDialogTimers::timeoutByProfile()
{
    SipTrafficGenerator gen({});
    DialogConfig c;
    c.profilesWithValue = "trunk";
    DialogEngine engine(c);
    const DialogHandle a = confirmedCall(engine, gen, 5, T0);
    const DialogHandle b = confirmedCall(engine, gen, 6, T0);
    const DialogHandle other = confirmedCall(engine, gen, 7, T0);
    QVERIFY(engine.setProfile(a, "trunk", "gw1"));
    QVERIFY(engine.setProfile(b, "trunk", "gw1"));
    QVERIFY(engine.setProfile(other, "trunk", "gw2"));
    const auto n = engine.setTimeoutByProfile("trunk", std::string_view("gw1"), 20);
    QVERIFY(n);
    QCOMPARE(n.value(), std::size_t(2));
    engine.advanceTo(T0 + 20 * S);
    QCOMPARE(engine.state(a), DialogState::Deleted);
    QCOMPARE(engine.state(b), DialogState::Deleted);
    QCOMPARE(engine.state(other), DialogState::Confirmed);
    QCOMPARE(engine.profileSize("trunk").value(), 1u); // ended dialogs left the profile
    QVERIFY(!engine.setTimeoutByProfile("nope", std::nullopt, 5));
}

void TestDialogTimers::noAckTimeout()
{
    SipTrafficGenerator gen({});
    DialogEngine engine; // noack_timeout 60, cleanup every 90 s
    std::vector<GeneratedMessage> msgs;
    gen.setup(8, CallKind::CallerHangsUp, T0, msgs);
    msgs.resize(static_cast<std::size_t>(indexOf(msgs, "ACK ")));
    const DialogHandle h = feedAll(engine, msgs)[0].dialog;
    QCOMPARE(engine.state(h), DialogState::ConfirmedNa);
    engine.advanceTo(T0 + 91 * S); // the cleanup pass sees it: lifetime 10 s
    QCOMPARE(engine.snapshot(h).lifetime, 10u);
    QCOMPARE(engine.state(h), DialogState::ConfirmedNa);
    engine.advanceTo(T0 + 102 * S);
    QCOMPARE(engine.state(h), DialogState::Deleted);
    QCOMPARE(engine.stats().expiredDialogs, 1u);
}

void TestDialogTimers::earlyTimeoutSweeps()
{
    SipTrafficGenerator gen({});
    DialogConfig c;
    c.earlyTimeout = 100;
    DialogEngine engine(c);
    std::vector<GeneratedMessage> msgs;
    gen.setup(9, CallKind::CallerHangsUp, T0, msgs);
    msgs.resize(static_cast<std::size_t>(indexOf(msgs, "SIP/2.0 200")));
    const DialogHandle h = feedAll(engine, msgs)[0].dialog;
    QCOMPARE(engine.state(h), DialogState::Early);
    engine.advanceTo(T0 + 95 * S); // first pass at +90: too young
    QVERIFY(engine.valid(h));
    engine.advanceTo(T0 + 185 * S); // second pass at +180
    QVERIFY(!engine.valid(h));
    QCOMPARE(engine.stats().earlyDialogs, 0);
    QCOMPARE(engine.dialogCount(), std::size_t(0));
}

void TestDialogTimers::endTimeoutSweepsLeftovers()
{
    SipTrafficGenerator gen({});
    DialogConfig c;
    c.deletedLinger = 1000; // longer than end_timeout: bounded by it
    c.endTimeout = 30;
    DialogEngine engine(c);
    std::vector<GeneratedMessage> msgs;
    gen.setup(10, CallKind::Rejected, T0, msgs);
    const DialogHandle h = feedAll(engine, msgs)[0].dialog;
    QCOMPARE(engine.state(h), DialogState::Deleted);
    engine.advanceTo(T0 + 29 * S);
    QVERIFY(engine.valid(h));
    engine.advanceTo(T0 + 31 * S);
    QVERIFY(!engine.valid(h));
}

void TestDialogTimers::sendByeOnTimeout()
{
    SipTrafficGenerator gen({});
    DialogConfig c;
    c.sendByeOnTimeout = true;
    c.defaultTimeout = 10;
    DialogEngine engine(c);
    std::vector<LocalRequest> sent;
    engine.setRequestSink([&](const LocalRequest &r) { sent.push_back(r); });
    bool expiredFired = false;
    engine.callbacks().registerObserver(
        Dlgcb::Expired, [&](DialogHandle, const DialogCallbackParams &) { expiredFired = true; });
    const DialogHandle h = confirmedCall(engine, gen, 11, T0);
    QVERIFY(engine.snapshot(h).iflags & IFlag::TimeoutBye);
    engine.advanceTo(T0 + 10 * S);
    QCOMPARE(sent.size(), std::size_t(2));
    QCOMPARE(sent[0].leg, DialogLeg::Caller);
    QCOMPARE(sent[1].leg, DialogLeg::Callee);
    QVERIFY(!expiredFired);                            // the module skips DLGCB_EXPIRED on this path
    QCOMPARE(engine.state(h), DialogState::Confirmed); // state changes with the BYE replies
    engine.localReply(h, DialogLeg::Caller, 200);
    QCOMPARE(engine.state(h), DialogState::Deleted);
    engine.localReply(h, DialogLeg::Callee, 481);
    QCOMPARE(engine.stats().expiredDialogs, 1u);
    QCOMPARE(engine.stats().activeDialogs, 0);
}

void TestDialogTimers::sendByeWithoutSenderExpires()
{
    SipTrafficGenerator gen({});
    DialogConfig c;
    c.sendByeOnTimeout = true;
    c.defaultTimeout = 10;
    DialogEngine engine(c);
    const DialogHandle h = confirmedCall(engine, gen, 12, T0);
    engine.advanceTo(T0 + 10 * S);
    QCOMPARE(engine.state(h), DialogState::Deleted);
}

void TestDialogTimers::wheelSurvivesLongJumps()
{
    SipTrafficGenerator gen({});
    DialogEngine engine;
    std::vector<DialogHandle> calls;
    for (std::uint64_t n = 0; n < 50; ++n)
    {
        calls.push_back(confirmedCall(engine, gen, 100 + n, T0 + static_cast<std::int64_t>(n) * S));
        QVERIFY(engine.setTimeout(calls.back(), 100 + static_cast<std::uint32_t>(n) * 200));
    }
    engine.advanceTo(T0 + 5000 * S); // more than one turn of the 4096-slot wheel at once
    int ended = 0;
    for (std::size_t n = 0; n < calls.size(); ++n)
    {
        const bool shouldEnd =
            static_cast<std::int64_t>(n) + 100 + static_cast<std::int64_t>(n) * 200 <= 5000;
        if (!engine.valid(calls[n]) || engine.state(calls[n]) == DialogState::Deleted)
        {
            ++ended;
            QVERIFY(shouldEnd);
        }
        else
        {
            QVERIFY(!shouldEnd);
        }
    }
    QCOMPARE(ended, 25);
}

void TestDialogTimers::restoredTimerInThePastFiresAtOnce()
{
    SipTrafficGenerator gen({});
    DialogEngine a;
    const DialogHandle h = confirmedCall(a, gen, 200, T0);
    DialogSnapshot row = a.snapshot(h);
    row.timeout = static_cast<std::uint32_t>(T0 / S) + 10; // expired while the process was down
    for (bool sameSecond : {true, false})
    {
        DialogEngine b;
        b.advanceTo(T0 + 1000 * S);
        b.advanceTo(T0 + 1000 * S + 10); // the wheel has processed this second already
        const auto restored = b.restore(row);
        QVERIFY(restored);
        QCOMPARE(b.state(restored.value()), DialogState::Confirmed);
        b.advanceTo(T0 + (sameSecond ? 1000 : 1001) * S + 20);
        QCOMPARE(b.state(restored.value()), DialogState::Deleted);
    }
}

QTEST_APPLESS_MAIN(TestDialogTimers)
#include "tst_dialogtimers.moc"
