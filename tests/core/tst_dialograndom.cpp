// SPDX-License-Identifier: GPL-3.0-or-later
// Thousands of interleaved calls with loss, retransmission and reordering; the engine's
// invariants must hold throughout and nothing may be left once every timer has run.
#include "enginetesthelpers.h"

#include <QTest>

#include <algorithm>
#include <random>

using namespace calldeck::core;
using namespace calldeck::testsupport;

class TestDialogRandom final : public QObject
{
    Q_OBJECT

private slots:
    void interleavedCallsKeepInvariants_data();
    void interleavedCallsKeepInvariants();

private:
    void checkInvariants(const DialogEngine &engine, const char *where);
};

void TestDialogRandom::checkInvariants(const DialogEngine &engine, const char *where)
{
    // Profile sizes equal the memberships the dialogs list.
    std::uint64_t inbound = 0, trunk = 0, callerLinks = 0;
    std::uint64_t byState[6] = {};
    for (DialogHandle h : engine.list())
    {
        const DialogSnapshot s = engine.snapshot(h);
        ++byState[s.state];
        for (const auto &[name, value] : s.profiles)
        {
            inbound += name == "inbound";
            trunk += name == "trunk";
            callerLinks += name == "caller";
        }
        QVERIFY2(s.state == 5 || s.profiles.size() == 3 || s.state < 5, where);
    }
    QVERIFY2(engine.profileSize("inbound").value() == inbound, where);
    QVERIFY2(engine.profileSize("trunk").value() == trunk, where);
    QVERIFY2(engine.profileSize("caller").value() == callerLinks, where);
    QVERIFY2(engine.profileLinkCount() == inbound + trunk + callerLinks, where);
    // Statistics add up with a live recount.
    const DialogActiveStats a = engine.activeStats();
    QVERIFY2(a.starting == byState[1] && a.connecting == byState[2], where);
    QVERIFY2(a.answering == byState[3] && a.ongoing == byState[4], where);
    QVERIFY2(engine.stats().activeDialogs == static_cast<std::int64_t>(byState[3] + byState[4]), where);
    QVERIFY2(engine.stats().earlyDialogs == static_cast<std::int64_t>(byState[2]), where);
    QVERIFY2(engine.dialogCount() == byState[1] + byState[2] + byState[3] + byState[4] + byState[5], where);
}

void TestDialogRandom::interleavedCallsKeepInvariants_data()
{
    QTest::addColumn<uint>("seed");
    QTest::addColumn<bool>("bothCopies");
    QTest::addColumn<int>("matchMode");
    QTest::newRow("seed 1, proxy view, did only") << 1u << false << 0;
    QTest::newRow("seed 2, mirror twins, fallback") << 2u << true << 1;
    QTest::newRow("seed 3, mirror twins, no did") << 3u << true << 2;
}

void TestDialogRandom::interleavedCallsKeepInvariants()
{
    QFETCH(uint, seed);
    QFETCH(bool, bothCopies);
    QFETCH(int, matchMode);
    constexpr int Calls = 4000;
    std::mt19937 rng(seed);
    SipTrafficGenerator::Options o;
    o.seed = seed;
    o.bothCopies = bothCopies;
    SipTrafficGenerator gen(o);
    DialogConfig c;
    c.matchMode = static_cast<std::uint8_t>(matchMode);
    c.profilesNoValue = "inbound";
    c.profilesWithValue = "trunk;caller";
    c.defaultTimeout = 600;
    c.kaTimer = 5;
    c.kaInterval = 30;
    c.kaFailedLimit = 2;
    DialogEngine engine(c);
    // Keep-alives are answered at once (from inside the engine's scan): 200, 408, 481 or 486.
    std::size_t keepAlives = 0;
    std::uniform_int_distribution<int> kaReply(0, 3);
    engine.setRequestSink([&](const LocalRequest &r) {
        if (r.method == "OPTIONS")
        {
            ++keepAlives;
            static constexpr int Codes[] = {200, 408, 481, 486};
            engine.keepAliveReply(r.dialog, r.leg, Codes[kaReply(rng)]);
        }
    });
    const auto registered =
        engine.callbacks().registerGlobal(Dlgcb::Created, [&](DialogHandle h, const DialogCallbackParams &) {
            // What a proxy script does on the initial INVITE: profiles and a variable.
            QVERIFY(engine.setProfile(h, "inbound"));
            QVERIFY(engine.setProfile(h, "trunk", h.index % 2 ? "gw1" : "gw2"));
            QVERIFY(engine.setProfile(h, "caller", std::to_string(h.index % 7)));
            QVERIFY(engine.setVariable(h, "acct", std::to_string(h.index)));
            if (h.index % 3 != 0)
            {
                QVERIFY(engine.setProperty(h, h.index % 3 == 1 ? "ka-src" : "ka-dst"));
            }
        });
    QVERIFY(registered);

    std::vector<GeneratedMessage> all;
    all.reserve(Calls * 12);
    std::uniform_int_distribution<int> kindDist(0, 9);
    for (int n = 0; n < Calls; ++n)
    {
        const std::int64_t start = T0 + static_cast<std::int64_t>(n) * 20000; // 50 calls/s
        const int k = kindDist(rng);
        const CallKind kind = k < 5   ? CallKind::CallerHangsUp
                              : k < 7 ? CallKind::CalleeHangsUp
                              : k < 9 ? CallKind::Cancelled
                                      : CallKind::Rejected;
        gen.setup(static_cast<std::uint64_t>(n), kind, start, all);
        if (kind == CallKind::CallerHangsUp || kind == CallKind::CalleeHangsUp)
        {
            if (k == 4)
            {
                gen.reinvite(static_cast<std::uint64_t>(n), start + 2000000, all);
            }
            if (n % 20 != 0) // else no BYE ever comes: the lifetime or failed keep-alives end it
            {
                gen.teardown(static_cast<std::uint64_t>(n), kind, start + 5000000 + (n % 50) * 100000, all);
            }
        }
    }
    std::stable_sort(all.begin(), all.end(), [](const GeneratedMessage &a, const GeneratedMessage &b) {
        return a.meta.timeUs < b.meta.timeUs;
    });
    // Impairments: 3 % loss, 3 % retransmission, 3 % swapped with the next message.
    std::uniform_int_distribution<int> pct(0, 99);
    std::vector<const GeneratedMessage *> wire;
    wire.reserve(all.size() * 2);
    for (const GeneratedMessage &m : all)
    {
        const int p = pct(rng);
        if (p < 3)
        {
            continue;
        }
        wire.push_back(&m);
        if (p < 6)
        {
            wire.push_back(&m);
        }
        else if (p < 9 && wire.size() >= 2)
        {
            std::swap(wire[wire.size() - 1], wire[wire.size() - 2]);
        }
    }
    std::size_t i = 0;
    for (const GeneratedMessage *m : wire)
    {
        const FeedResult r = engine.feed(m->text, m->meta);
        QVERIFY(r.outcome != FeedOutcome::ParseError);
        if (++i % 5000 == 0)
        {
            checkInvariants(engine, "during traffic");
        }
    }
    checkInvariants(engine, "after traffic");
    QVERIFY(engine.stats().processedDialogs >= static_cast<std::uint64_t>(Calls * 9 / 10));
    QVERIFY(engine.stats().failedDialogs > 0);
    QVERIFY(engine.stats().processedDialogs <= static_cast<std::uint64_t>(Calls));

    // Let every timer run: lifetimes (600 s), the no-ACK and early sweeps, end_timeout.
    for (std::int64_t t = wire.back()->meta.timeUs; t < wire.back()->meta.timeUs + 3600LL * 1000000;
         t += 30LL * 1000000)
    {
        engine.advanceTo(t);
    }
    checkInvariants(engine, "after timers");
    QVERIFY(keepAlives > 0);
    QCOMPARE(engine.keepAliveQueueSize(), std::size_t(0));
    QCOMPARE(engine.dialogCount(), std::size_t(0));
    QCOMPARE(engine.liveStringBytes(), std::size_t(0));
    QCOMPARE(engine.profileLinkCount(), std::size_t(0));
    QCOMPARE(engine.variableCount(), std::size_t(0));
    QCOMPARE(engine.stats().activeDialogs, 0);
    QCOMPARE(engine.stats().earlyDialogs, 0);
}

QTEST_APPLESS_MAIN(TestDialogRandom)
#include "tst_dialograndom.moc"
