// SPDX-License-Identifier: GPL-3.0-or-later
#include "enginetesthelpers.h"

#include <QTest>

using namespace calldeck::core;
using namespace calldeck::testsupport;

class TestDialogProfiles final : public QObject
{
    Q_OBJECT

private slots:
    void configureRejectsBadNames();
    void membershipAndSizes();
    void deletedDialogLeavesProfiles();
    void setStateKeepsProfiles();
    void setStateIntoConfirmedArmsTheTimer();
    void variables();
    void scriptFlags();

private:
    DialogHandle call(DialogEngine &engine, std::uint64_t n);
};

DialogHandle TestDialogProfiles::call(DialogEngine &engine, std::uint64_t n)
{
    SipTrafficGenerator gen({});
    std::vector<GeneratedMessage> msgs;
    gen.setup(n, CallKind::CallerHangsUp, T0, msgs);
    return feedAll(engine, msgs)[0].dialog;
}

void TestDialogProfiles::configureRejectsBadNames()
{
    DialogConfig c;
    c.profilesNoValue = "inbound; outbound";
    c.profilesWithValue = "caller;bad-name";
    DialogEngine engine(c);
    QVERIFY(engine.configError().has_value());
    QVERIFY(engine.profiles().find("inbound") >= 0);
    QVERIFY(engine.profiles().find("outbound") >= 0);
    DialogConfig dup;
    dup.profilesNoValue = "a;a";
    QVERIFY(DialogEngine(dup).configError().has_value());
    DialogConfig ok;
    ok.profilesNoValue = "inbound";
    ok.profilesWithValue = "caller;trunk";
    QVERIFY(!DialogEngine(ok).configError().has_value());
}

void TestDialogProfiles::membershipAndSizes()
{
    DialogConfig c;
    c.profilesNoValue = "inbound";
    c.profilesWithValue = "caller;trunk";
    DialogEngine engine(c);
    const DialogHandle a = call(engine, 1);
    const DialogHandle b = call(engine, 2);
    QVERIFY(engine.setProfile(a, "inbound"));
    QVERIFY(engine.setProfile(b, "inbound", "ignored-value"));
    QVERIFY(engine.setProfile(a, "trunk", "gw1"));
    QVERIFY(engine.setProfile(b, "trunk", "gw2"));
    QVERIFY(engine.setProfile(b, "trunk", "gw2")); // no duplicate check: counts twice
    QVERIFY(!engine.setProfile(a, "trunk"));       // a valued profile needs a value
    const auto unknown = engine.setProfile(a, "nope");
    QVERIFY(!unknown);
    QCOMPARE(QString::fromStdString(unknown.error().detail), QStringLiteral("Profile not found: nope"));
    QCOMPARE(engine.profileSize("inbound").value(), 2u);
    QCOMPARE(engine.profileSize("trunk").value(), 3u);
    QCOMPARE(engine.profileSize("trunk", std::string_view("gw2")).value(), 2u);
    QCOMPARE(engine.profileSize("trunk", std::string_view("gw9")).value(), 0u);
    QCOMPARE(engine.profileSize("caller").value(), 0u);
    QVERIFY(!engine.profileSize("nope"));
    QVERIFY(engine.isInProfile(a, "trunk", std::string_view("gw1")).value());
    QVERIFY(!engine.isInProfile(a, "trunk", std::string_view("gw2")).value());
    QVERIFY(engine.isInProfile(a, "trunk").value());
    QCOMPARE(engine.profileMembers("trunk", std::string_view("gw2")).value().size(), std::size_t(1));
    QVERIFY(engine.unsetProfile(b, "trunk", "gw2"));
    QCOMPARE(engine.profileSize("trunk", std::string_view("gw2")).value(), 1u);
    QVERIFY(!engine.unsetProfile(a, "caller"));
    // Listing: valued profiles as objects, no-value ones as bare names, newest first.
    const DialogSnapshot s = engine.snapshot(a);
    QCOMPARE(s.profiles.size(), std::size_t(2));
    QCOMPARE(s.profiles[0].first, std::string("trunk"));
    QCOMPARE(s.profiles[0].second.value_or(""), std::string("gw1"));
    QVERIFY(!s.profiles[1].second.has_value());
}

void TestDialogProfiles::deletedDialogLeavesProfiles()
{
    DialogConfig c;
    c.profilesWithValue = "caller";
    DialogEngine engine(c);
    SipTrafficGenerator gen({});
    std::vector<GeneratedMessage> msgs;
    gen.setup(3, CallKind::CallerHangsUp, T0, msgs);
    const DialogHandle h = feedAll(engine, msgs)[0].dialog;
    QVERIFY(engine.setProfile(h, "caller", "alice"));
    QCOMPARE(engine.profileSize("caller", std::string_view("alice")).value(), 1u);
    std::vector<GeneratedMessage> bye;
    gen.teardown(3, CallKind::CallerHangsUp, T0 + 5000000, bye);
    feedAll(engine, bye);
    QCOMPARE(engine.state(h), DialogState::Deleted);
    QCOMPARE(engine.profileSize("caller", std::string_view("alice")).value(), 0u); // at BYE time
    QVERIFY(!engine.setProfile(h, "caller", "bob"));
    QCOMPARE(engine.snapshot(h).profiles.size(), std::size_t(0));
}

void TestDialogProfiles::setStateKeepsProfiles()
{
    DialogConfig c;
    c.profilesNoValue = "inbound";
    DialogEngine engine(c);
    const DialogHandle h = call(engine, 4);
    QVERIFY(engine.setProfile(h, "inbound"));
    QVERIFY(!engine.setState(h, 9));
    QVERIFY(engine.setState(h, 5));
    QCOMPARE(engine.state(h), DialogState::Deleted);
    QCOMPARE(engine.stats().activeDialogs, 0);
    // dlg.set_state bypasses the state machine: memberships stay until the sweep.
    QCOMPARE(engine.profileSize("inbound").value(), 1u);
    engine.advanceTo(T0 + 400LL * 1000000);
    QCOMPARE(engine.profileSize("inbound").value(), 0u);
    QVERIFY(!engine.valid(h));
}

void TestDialogProfiles::setStateIntoConfirmedArmsTheTimer()
{
    // Found by fuzz_core: a dialog forced from state 1 to 4 had no lifetime timer and never ended.
    DialogEngine engine;
    SipTrafficGenerator gen({});
    std::vector<GeneratedMessage> msgs;
    gen.setup(7, CallKind::CallerHangsUp, T0, msgs);
    const DialogHandle h = engine.feed(msgs[0].text, msgs[0].meta).dialog;
    QVERIFY(engine.setState(h, 4));
    QVERIFY(engine.snapshot(h).timeout != 0);
    engine.advanceTo(T0 + 43201LL * 1000000);
    QCOMPARE(engine.state(h), DialogState::Deleted);
    // Forced back from 5 (destruction pending) to 4: the lifetime replaces the destruction.
    const DialogHandle g = engine.feed(msgs[0].text + "", msgs[0].meta).dialog;
    QVERIFY(engine.setState(g, 5));
    QVERIFY(engine.setState(g, 4));
    QVERIFY(engine.snapshot(g).timeout != 0);
    QCOMPARE(engine.snapshot(g).ref, 2u);
    engine.advanceTo(T0 + 100000LL * 1000000);
    engine.advanceTo(T0 + 200000LL * 1000000);
    QCOMPARE(engine.dialogCount(), std::size_t(0));
}

void TestDialogProfiles::variables()
{
    DialogEngine engine;
    const DialogHandle h = call(engine, 5);
    QVERIFY(engine.setVariable(h, "acct", "42"));
    QVERIFY(engine.setVariable(h, "caller", "sipp"));
    QCOMPARE(engine.variable(h, "acct").value_or(""), std::string("42"));
    QCOMPARE(engine.variableFlags(h, "acct"), VarFlag::New);
    QVERIFY(engine.setVariable(h, "acct", "43"));
    QCOMPARE(engine.variableFlags(h, "acct"), static_cast<std::uint16_t>(VarFlag::New | VarFlag::Changed));
    QCOMPARE(engine.variable(h, "acct").value_or(""), std::string("43"));
    const DialogSnapshot s = engine.snapshot(h);
    QCOMPARE(s.variables.size(), std::size_t(2));
    QCOMPARE(s.variables[0].first, std::string("caller")); // newest first
    QVERIFY(engine.setVariable(h, "caller", ""));          // empty removes, like $null
    QVERIFY(!engine.variable(h, "caller").has_value());
    QVERIFY(engine.unsetVariable(h, "acct"));
    QVERIFY(!engine.unsetVariable(h, "acct"));
    QVERIFY(!engine.setVariable(h, "", "x"));
    QVERIFY(!engine.setVariable(DialogHandle{77, 1}, "k", "v"));
}

void TestDialogProfiles::scriptFlags()
{
    DialogEngine engine;
    const DialogHandle h = call(engine, 6);
    QVERIFY(engine.setFlag(h, 3));
    QVERIFY(engine.isFlagSet(h, 3).value());
    QCOMPARE(engine.snapshot(h).sflags, 8u);
    QVERIFY(engine.resetFlag(h, 3));
    QVERIFY(!engine.isFlagSet(h, 3).value());
    QVERIFY(!engine.setFlag(h, 32));
}

QTEST_APPLESS_MAIN(TestDialogProfiles)
#include "tst_dialogprofiles.moc"
