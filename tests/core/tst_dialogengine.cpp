// SPDX-License-Identifier: GPL-3.0-or-later
#include "enginetesthelpers.h"

#include "backend/core/sipparser.h"

#include <QTest>

using namespace calldeck::core;
using namespace calldeck::testsupport;

class TestDialogEngine final : public QObject
{
    Q_OBJECT

private slots:
    void answeredCallStepByStep_data();
    void answeredCallStepByStep();
    void calleeHangsUp();
    void cancelBeforeAnswer();
    void rejected486();
    void retransmittedInviteAfterFailureIsATwin();
    void okBeforeRinging();
    void byeWhileEarlyIsIgnored();
    void reinviteRefreshesLeg();
    void spiralDetection();
    void spiralDetectionOff();
    void initialInviteNeedsOneContact();
    void matchModes_data();
    void matchModes();
    void lateOkRevivesCancelledDialog();
    void adoptedIdTakesOverCollision();
    void callbacksFireAtModulePoints();
    void perDialogCallbacks();
    void statsActiveBuckets();
    void garbageIsCountedNotFatal();
    void findByTags();
    void prackDuringSetup();
    void restoreFromStoredRow();
    void responseForwardedAndRpcContext();
};

void TestDialogEngine::answeredCallStepByStep_data()
{
    QTest::addColumn<bool>("bothCopies");
    QTest::newRow("proxy-received copies") << false;
    QTest::newRow("mirror: both copies") << true;
}

void TestDialogEngine::answeredCallStepByStep()
{
    QFETCH(bool, bothCopies);
    SipTrafficGenerator::Options o;
    o.bothCopies = bothCopies;
    SipTrafficGenerator gen(o);
    DialogEngine engine;
    std::vector<GeneratedMessage> msgs;
    gen.setup(7, CallKind::CallerHangsUp, T0, msgs);
    const int ringing = indexOf(msgs, "SIP/2.0 180");
    const int ok = indexOf(msgs, "SIP/2.0 200");
    const int ack = indexOf(msgs, "ACK ");

    FeedResult r = engine.feed(msgs[0].text, msgs[0].meta);
    QCOMPARE(r.outcome, FeedOutcome::Created);
    const DialogHandle h = r.dialog;
    QCOMPARE(engine.state(h), DialogState::Unconfirmed);
    QCOMPARE(engine.id(h).hEntry, gen.dialogId(7).hEntry);
    for (int i = 1; i < ringing; ++i)
    {
        engine.feed(msgs[static_cast<std::size_t>(i)].text, msgs[static_cast<std::size_t>(i)].meta);
    }
    if (bothCopies)
    {
        // The forwarded INVITE carried the proxy's did: the dialog took Kamailio's id.
        QCOMPARE(engine.id(h).hId, gen.dialogId(7).hId);
    }
    engine.feed(msgs[static_cast<std::size_t>(ringing)].text, msgs[static_cast<std::size_t>(ringing)].meta);
    QCOMPARE(engine.state(h), DialogState::Early);
    QCOMPARE(engine.id(h).hId, gen.dialogId(7).hId); // the 180's Record-Route carries it too
    QCOMPARE(engine.stats().earlyDialogs, 1);
    for (int i = ringing + 1; i <= ok; ++i)
    {
        engine.feed(msgs[static_cast<std::size_t>(i)].text, msgs[static_cast<std::size_t>(i)].meta);
    }
    QCOMPARE(engine.state(h), DialogState::ConfirmedNa);
    DialogSnapshot s = engine.snapshot(h);
    QCOMPARE(s.callee.tag.value_or(""), gen.calleeTag(7));
    QVERIFY(s.callee.contact.value_or("").find("10.0.0.3") != std::string::npos);
    QCOMPARE(s.callee.cseq.value_or("?"), std::string("0"));
    QCOMPARE(s.callee.routeSet.value_or("?"), std::string()); // only this proxy record-routed
    QCOMPARE(s.callee.socket.value_or(""), std::string("udp:10.0.0.2:5060"));
    QCOMPARE(s.caller.socket.value_or(""), std::string("udp:10.0.0.2:5060"));
    QCOMPARE(s.caller.routeSet.value_or("?"), std::string());
    QCOMPARE(s.startTs, static_cast<std::uint32_t>(msgs[static_cast<std::size_t>(ok)].meta.timeUs / 1000000));
    QCOMPARE(s.timeout, s.startTs + 43200);
    QCOMPARE(s.ref, 2u);
    QCOMPARE(engine.stats().earlyDialogs, 0);
    QCOMPARE(engine.stats().activeDialogs, 1);
    for (std::size_t i = static_cast<std::size_t>(ok) + 1; i < msgs.size(); ++i)
    {
        engine.feed(msgs[i].text, msgs[i].meta);
    }
    QVERIFY(ack > ok);
    QCOMPARE(engine.state(h), DialogState::Confirmed);
    std::vector<GeneratedMessage> down;
    gen.teardown(7, CallKind::CallerHangsUp, T0 + 60000000, down);
    feedAll(engine, down);
    QCOMPARE(engine.state(h), DialogState::Deleted);
    s = engine.snapshot(h);
    QCOMPARE(s.endTs, static_cast<std::uint32_t>((T0 + 60000000) / 1000000));
    QVERIFY(s.dflags & DFlag::HasBye);
    QCOMPARE(s.timeout, 0u);
    QCOMPARE(engine.stats().activeDialogs, 0);
    QCOMPARE(engine.stats().processedDialogs, 1u);
    QCOMPARE(engine.dialogCount(), std::size_t(1));
    if (bothCopies)
    {
        QVERIFY(engine.feedStats().mirrorTwins >= 4);
    }
    QCOMPARE(engine.feedStats().bogusEvents, 0u);
    QCOMPARE(engine.feedStats().unmatched, 0u);
    // The deleted dialog lingers for the transaction's lifetime, then is destroyed.
    engine.advanceTo(T0 + 70000000);
    QCOMPARE(engine.dialogCount(), std::size_t(0));
    QVERIFY(!engine.valid(h));
}

void TestDialogEngine::calleeHangsUp()
{
    SipTrafficGenerator gen({});
    DialogEngine engine;
    DialogDirection seen = DialogDirection::None;
    engine.callbacks().registerObserver(
        Dlgcb::Terminated, [&](DialogHandle, const DialogCallbackParams &p) { seen = p.direction; });
    std::vector<GeneratedMessage> msgs;
    gen.setup(1, CallKind::CalleeHangsUp, T0, msgs);
    gen.teardown(1, CallKind::CalleeHangsUp, T0 + 5000000, msgs);
    const auto results = feedAll(engine, msgs);
    QCOMPARE(engine.state(results[0].dialog), DialogState::Deleted);
    QCOMPARE(seen, DialogDirection::Upstream);
    QCOMPARE(engine.feedStats().unmatched, 0u);
}

void TestDialogEngine::cancelBeforeAnswer()
{
    SipTrafficGenerator::Options o;
    o.bothCopies = true;
    SipTrafficGenerator gen(o);
    DialogEngine engine;
    std::vector<GeneratedMessage> msgs;
    gen.setup(3, CallKind::Cancelled, T0, msgs);
    const auto results = feedAll(engine, msgs);
    const DialogHandle h = results[0].dialog;
    QCOMPARE(engine.state(h), DialogState::Deleted);
    QCOMPARE(engine.stats().failedDialogs, 1u);
    QCOMPARE(engine.stats().earlyDialogs, 0);
    QCOMPARE(engine.stats().activeDialogs, 0);
    QCOMPARE(engine.snapshot(h).startTs, 0u);
    // The module's quirk: duration of a failed call is the raw end_ts.
    QCOMPARE(engine.snapshot(h).duration, static_cast<std::int64_t>(engine.snapshot(h).endTs));
    QCOMPARE(engine.feedStats().bogusEvents, 0u);
}

void TestDialogEngine::rejected486()
{
    SipTrafficGenerator gen({});
    DialogEngine engine;
    std::vector<GeneratedMessage> msgs;
    gen.setup(4, CallKind::Rejected, T0, msgs);
    const auto results = feedAll(engine, msgs);
    QCOMPARE(engine.state(results[0].dialog), DialogState::Deleted);
    QCOMPARE(engine.stats().failedDialogs, 1u);
    QCOMPARE(engine.stats().earlyDialogs, 0);
    QCOMPARE(engine.activeStats().all(), 0u);
}

void TestDialogEngine::retransmittedInviteAfterFailureIsATwin()
{
    // Seen against a real Kamailio: a UAC retransmits its INVITE after the 486 was relayed; tm
    // absorbs it, so it must not create (and fail) a second dialog.
    SipTrafficGenerator gen({});
    DialogEngine engine;
    std::vector<GeneratedMessage> msgs;
    gen.setup(44, CallKind::Rejected, T0, msgs);
    feedAll(engine, msgs);
    QCOMPARE(engine.stats().failedDialogs, 1u);
    QCOMPARE(engine.feed(msgs[0].text, msgs[0].meta).outcome, FeedOutcome::Duplicate);
    feedAll(engine, msgs);
    QCOMPARE(engine.stats().failedDialogs, 1u);
    QCOMPARE(engine.stats().processedDialogs, 1u);
    QCOMPARE(engine.dialogCount(), std::size_t(1));
}

void TestDialogEngine::okBeforeRinging()
{
    // Kamailio's workers sometimes relay a 180 after the 200: the 180 is bogus, state stays.
    SipTrafficGenerator gen({});
    DialogEngine engine;
    std::vector<GeneratedMessage> msgs;
    gen.setup(5, CallKind::CallerHangsUp, T0, msgs);
    const int ringing = indexOf(msgs, "SIP/2.0 180");
    const int ok = indexOf(msgs, "SIP/2.0 200");
    std::swap(msgs[static_cast<std::size_t>(ringing)], msgs[static_cast<std::size_t>(ok)]);
    const auto results = feedAll(engine, msgs);
    QCOMPARE(results[static_cast<std::size_t>(ok)].outcome, FeedOutcome::Bogus);
    QCOMPARE(engine.state(results[0].dialog), DialogState::Confirmed);
    QCOMPARE(engine.stats().earlyDialogs, 0);
    QCOMPARE(engine.stats().activeDialogs, 1);
}

void TestDialogEngine::byeWhileEarlyIsIgnored()
{
    SipTrafficGenerator gen({});
    DialogConfig c;
    c.matchMode = 1;
    DialogEngine engine(c);
    std::vector<GeneratedMessage> msgs;
    gen.setup(6, CallKind::CallerHangsUp, T0, msgs);
    const int ok = indexOf(msgs, "SIP/2.0 200");
    msgs.resize(static_cast<std::size_t>(ok)); // up to the 180
    gen.teardown(6, CallKind::CallerHangsUp, T0 + 1000000, msgs);
    const auto results = feedAll(engine, msgs);
    QCOMPARE(engine.state(results[0].dialog), DialogState::Early);
    QCOMPARE(results[static_cast<std::size_t>(ok)].outcome, FeedOutcome::Ignored);
}

void TestDialogEngine::reinviteRefreshesLeg()
{
    SipTrafficGenerator::Options o;
    o.bothCopies = true;
    SipTrafficGenerator gen(o);
    DialogEngine engine;
    int within = 0;
    engine.callbacks().registerObserver(Dlgcb::ReqWithin,
                                        [&](DialogHandle, const DialogCallbackParams &) { ++within; });
    std::vector<GeneratedMessage> msgs;
    gen.setup(8, CallKind::CallerHangsUp, T0, msgs);
    const auto results = feedAll(engine, msgs);
    const DialogHandle h = results[0].dialog;
    const std::uint32_t firstTimeout = engine.snapshot(h).timeout;
    std::vector<GeneratedMessage> re;
    gen.reinvite(8, T0 + 100000000, re);
    feedAll(engine, re);
    const DialogSnapshot s = engine.snapshot(h);
    QCOMPARE(s.caller.cseq.value_or(""), std::string("2"));
    QCOMPARE(s.timeout, firstTimeout + 100 - 0); // re-armed 100 s later
    QCOMPARE(within, 2);                         // the re-INVITE once (twin skipped) and its ACK
    QCOMPARE(engine.state(h), DialogState::Confirmed);
}

static std::string withBranch(std::string text, const std::string &branch)
{
    const auto p = text.find("branch=");
    const auto e = text.find_first_of(";\r", p);
    return text.replace(p + 7, e - p - 7, branch);
}

void TestDialogEngine::spiralDetection()
{
    SipTrafficGenerator gen({});
    DialogEngine engine;
    int spirals = 0;
    engine.callbacks().registerObserver(Dlgcb::Spiraled,
                                        [&](DialogHandle, const DialogCallbackParams &) { ++spirals; });
    std::vector<GeneratedMessage> msgs;
    gen.setup(9, CallKind::CallerHangsUp, T0, msgs);
    engine.feed(msgs[0].text, msgs[0].meta);
    // The same INVITE again (retransmission): a twin, not a spiral.
    QCOMPARE(engine.feed(msgs[0].text, msgs[0].meta).outcome, FeedOutcome::Duplicate);
    // The INVITE coming back through the proxy with other branches: a spiral.
    const FeedResult r = engine.feed(withBranch(msgs[0].text, "z9hG4bK-spiral"), msgs[0].meta);
    QCOMPARE(r.outcome, FeedOutcome::Spiral);
    QCOMPARE(spirals, 1);
    QCOMPARE(engine.dialogCount(), std::size_t(1));
    QCOMPARE(engine.stats().processedDialogs, 1u);
}

void TestDialogEngine::spiralDetectionOff()
{
    SipTrafficGenerator gen({});
    DialogConfig c;
    c.detectSpirals = false;
    DialogEngine engine(c);
    std::vector<GeneratedMessage> msgs;
    gen.setup(9, CallKind::CallerHangsUp, T0, msgs);
    engine.feed(msgs[0].text, msgs[0].meta);
    QCOMPARE(engine.feed(withBranch(msgs[0].text, "z9hG4bK-spiral"), msgs[0].meta).outcome,
             FeedOutcome::Created);
    QCOMPARE(engine.dialogCount(), std::size_t(2));
}

void TestDialogEngine::initialInviteNeedsOneContact()
{
    SipTrafficGenerator gen({});
    DialogEngine engine;
    std::vector<GeneratedMessage> msgs;
    gen.setup(10, CallKind::CallerHangsUp, T0, msgs);
    std::string none = msgs[0].text;
    const auto c = none.find("Contact: ");
    none.erase(c, none.find("\r\n", c) + 2 - c);
    QCOMPARE(engine.feed(none, msgs[0].meta).outcome, FeedOutcome::Rejected);
    std::string two = msgs[0].text;
    two.insert(two.find("Contact: "), "Contact: <sip:other@10.0.0.9>\r\n");
    QCOMPARE(engine.feed(two, msgs[0].meta).outcome, FeedOutcome::Rejected);
    std::string noTag = msgs[0].text;
    noTag.erase(noTag.find(";tag="), 2 + 3 + 16);
    QCOMPARE(engine.feed(noTag, msgs[0].meta).outcome, FeedOutcome::Rejected);
    QCOMPARE(engine.dialogCount(), std::size_t(0));
    QCOMPARE(engine.feedStats().rejectedCreations, 3u);
}

void TestDialogEngine::matchModes_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<bool>("withDid");
    QTest::addColumn<int>("expected");
    QTest::newRow("0 did only, did present") << 0 << true << 4;
    QTest::newRow("0 did only, no did") << 0 << false << 3;
    QTest::newRow("1 fallback, no did") << 1 << false << 4;
    QTest::newRow("2 no did") << 2 << true << 4;
}

void TestDialogEngine::matchModes()
{
    QFETCH(int, mode);
    QFETCH(bool, withDid);
    QFETCH(int, expected);
    SipTrafficGenerator::Options o;
    o.withDid = withDid;
    SipTrafficGenerator gen(o);
    DialogConfig c;
    c.matchMode = static_cast<std::uint8_t>(mode);
    DialogEngine engine(c);
    std::vector<GeneratedMessage> msgs;
    gen.setup(11, CallKind::CallerHangsUp, T0, msgs);
    const auto results = feedAll(engine, msgs);
    QCOMPARE(static_cast<int>(engine.state(results[0].dialog)), expected);
}

void TestDialogEngine::lateOkRevivesCancelledDialog()
{
    SipTrafficGenerator gen({});
    DialogEngine engine;
    std::vector<GeneratedMessage> cancelled;
    gen.setup(12, CallKind::Cancelled, T0, cancelled);
    std::vector<GeneratedMessage> answered;
    gen.setup(12, CallKind::CallerHangsUp, T0, answered);
    const auto results = feedAll(engine, cancelled);
    const DialogHandle h = results[0].dialog;
    QCOMPARE(engine.state(h), DialogState::Deleted);
    const int ok = indexOf(answered, "SIP/2.0 200");
    engine.feed(answered[static_cast<std::size_t>(ok)].text, answered[static_cast<std::size_t>(ok)].meta);
    QCOMPARE(engine.state(h), DialogState::ConfirmedNa);
    QCOMPARE(engine.snapshot(h).ref, 2u);
    QCOMPARE(engine.stats().activeDialogs, 1);
}

void TestDialogEngine::adoptedIdTakesOverCollision()
{
    // Our own counter gives call A an id; the proxy then uses that id for call B in the same
    // bucket. The wire wins: B gets it, A moves to a fresh id, both stay findable.
    SipTrafficGenerator gen({});
    DialogConfig c;
    c.hashSize = 1; // one bucket: every call collides
    c.idSeed = 1;
    DialogEngine engine(c);
    SipTrafficGenerator::Options o;
    o.hashSize = 1;
    SipTrafficGenerator g1(o);
    std::vector<GeneratedMessage> a;
    g1.setup(100, CallKind::CallerHangsUp, T0, a);
    const DialogHandle ha = engine.feed(a[0].text, a[0].meta).dialog;
    const std::uint32_t idA = engine.id(ha).hId;
    // Craft call B whose did says idA.
    std::vector<GeneratedMessage> b;
    g1.setup(static_cast<std::uint64_t>(idA) - 1, CallKind::CallerHangsUp, T0 + 1000, b);
    QCOMPARE(g1.dialogId(static_cast<std::uint64_t>(idA) - 1).hId, idA);
    const auto results = feedAll(engine, b);
    const DialogHandle hb = results[0].dialog;
    QCOMPARE(engine.id(hb).hId, idA);
    QVERIFY(engine.id(ha).hId != idA);
    QCOMPARE(engine.find(engine.id(ha)), ha);
    QCOMPARE(engine.find(engine.id(hb)), hb);
}

void TestDialogEngine::callbacksFireAtModulePoints()
{
    SipTrafficGenerator::Options o;
    o.bothCopies = true;
    SipTrafficGenerator gen(o);
    DialogEngine engine;
    std::vector<std::uint32_t> fired;
    engine.callbacks().registerObserver(
        Dlgcb::All, [&](DialogHandle, const DialogCallbackParams &p) { fired.push_back(p.type); });
    std::vector<GeneratedMessage> msgs;
    gen.setup(13, CallKind::CallerHangsUp, T0, msgs);
    gen.teardown(13, CallKind::CallerHangsUp, T0 + 3000000, msgs);
    feedAll(engine, msgs);
    engine.advanceTo(T0 + 20000000);
    const std::vector<std::uint32_t> expected = {
        Dlgcb::Created,       Dlgcb::Early,     Dlgcb::ResponseFwded, Dlgcb::ConfirmedNa,
        Dlgcb::ResponseFwded, Dlgcb::Confirmed, Dlgcb::Terminated,    Dlgcb::TerminatedConfirmed,
        Dlgcb::Destroy};
    QCOMPARE(fired, expected);

    fired.clear();
    std::vector<GeneratedMessage> rej;
    gen.setup(14, CallKind::Rejected, T0 + 30000000, rej);
    feedAll(engine, rej);
    QCOMPARE(fired, (std::vector<std::uint32_t>{Dlgcb::Created, Dlgcb::Failed, Dlgcb::ResponseFwded}));
    QVERIFY(
        !engine.callbacks().registerGlobal(Dlgcb::Early, [](DialogHandle, const DialogCallbackParams &) {}));
    QVERIFY(
        engine.callbacks().registerGlobal(Dlgcb::Created, [](DialogHandle, const DialogCallbackParams &) {}));
}

void TestDialogEngine::perDialogCallbacks()
{
    SipTrafficGenerator gen({});
    DialogEngine engine;
    int confirmed = 0;
    int expired = 0;
    std::uint32_t expiredData = 99;
    QVERIFY(
        engine.callbacks().registerGlobal(Dlgcb::Created, [&](DialogHandle h, const DialogCallbackParams &) {
            // As modules do in their CREATED callback: register per-dialog callbacks.
            QVERIFY(engine.callbacks().registerFor(h.index, Dlgcb::Confirmed | Dlgcb::Expired,
                                                   [&](DialogHandle, const DialogCallbackParams &p) {
                                                       if (p.type == Dlgcb::Confirmed)
                                                       {
                                                           ++confirmed;
                                                       }
                                                       else
                                                       {
                                                           ++expired;
                                                           expiredData = p.dlgData;
                                                       }
                                                   }));
        }));
    std::vector<GeneratedMessage> msgs;
    gen.setup(15, CallKind::CallerHangsUp, T0, msgs);
    feedAll(engine, msgs);
    QCOMPARE(confirmed, 1);
    engine.advanceTo(T0 + (43200LL + 2) * 1000000);
    QCOMPARE(expired, 1);
    QCOMPARE(expiredData, 1u); // it had been confirmed
    QCOMPARE(engine.stats().expiredDialogs, 1u);
}

void TestDialogEngine::statsActiveBuckets()
{
    SipTrafficGenerator gen({});
    DialogEngine engine;
    std::vector<GeneratedMessage> msgs;
    gen.setup(20, CallKind::CallerHangsUp, T0, msgs); // → 4
    std::vector<GeneratedMessage> early;
    gen.setup(21, CallKind::CallerHangsUp, T0, early);
    early.resize(static_cast<std::size_t>(indexOf(early, "SIP/2.0 200"))); // → 2
    std::vector<GeneratedMessage> start;
    gen.setup(22, CallKind::CallerHangsUp, T0, start);
    start.resize(1); // → 1
    std::vector<GeneratedMessage> answering;
    gen.setup(23, CallKind::CallerHangsUp, T0, answering);
    answering.resize(static_cast<std::size_t>(indexOf(answering, "ACK "))); // → 3
    for (auto *v : {&msgs, &early, &start, &answering})
    {
        feedAll(engine, *v);
    }
    const DialogActiveStats s = engine.activeStats();
    QCOMPARE(s.starting, 1u);
    QCOMPARE(s.connecting, 1u);
    QCOMPARE(s.answering, 1u);
    QCOMPARE(s.ongoing, 1u);
    QCOMPARE(s.all(), 4u);
    QCOMPARE(engine.stats().activeDialogs, 2);
    QCOMPARE(engine.stats().earlyDialogs, 1);
}

void TestDialogEngine::garbageIsCountedNotFatal()
{
    DialogEngine engine;
    PacketMeta meta;
    meta.timeUs = T0;
    QCOMPARE(engine.feed("", meta).outcome, FeedOutcome::ParseError);
    QCOMPARE(engine.feed("\x01\x02garbage", meta).outcome, FeedOutcome::ParseError);
    QCOMPARE(engine
                 .feed("INVITE sip:a SIP/2.0\r\nFrom: <sip:a>;tag=1\r\nTo: <sip:b>\r\nCSeq: 1 INVITE\r\n\r\n",
                       meta)
                 .outcome,
             FeedOutcome::ParseError); // no Call-ID
    QCOMPARE(engine.feedStats().parseErrors, 3u);
    QCOMPARE(engine.dialogCount(), std::size_t(0));
}

void TestDialogEngine::findByTags()
{
    SipTrafficGenerator gen({});
    DialogEngine engine;
    std::vector<GeneratedMessage> msgs;
    gen.setup(30, CallKind::CallerHangsUp, T0, msgs);
    const auto results = feedAll(engine, msgs);
    const DialogHandle h = results[0].dialog;
    QCOMPARE(engine.find(gen.callId(30), gen.callerTag(30), gen.calleeTag(30)), h);
    QCOMPARE(engine.find(gen.callId(30), gen.calleeTag(30), gen.callerTag(30)), h); // either orientation
    QCOMPARE(engine.find(gen.callId(30), gen.callerTag(30), ""), h);                // early form
    QVERIFY(!engine.find(gen.callId(30), "nope", gen.calleeTag(30)).valid());
    QCOMPARE(engine.find(engine.id(h)), h);
}

void TestDialogEngine::prackDuringSetup()
{
    SipTrafficGenerator gen({});
    DialogEngine engine;
    std::vector<GeneratedMessage> msgs;
    gen.setup(31, CallKind::CallerHangsUp, T0, msgs);
    const int ok = indexOf(msgs, "SIP/2.0 200");
    std::vector<GeneratedMessage> head(msgs.begin(), msgs.begin() + ok);
    const DialogHandle h = feedAll(engine, head)[0].dialog;
    QCOMPARE(engine.state(h), DialogState::Early);
    // A PRACK for the reliable 180: in-dialog (To tag), caller's CSeq 2.
    std::string prack = msgs[static_cast<std::size_t>(indexOf(msgs, "ACK "))].text;
    prack.replace(0, 3, "PRACK");
    prack.replace(prack.find("CSeq: 1 ACK"), 11, "CSeq: 2 PRACK");
    const FeedResult r = engine.feed(prack, msgs[0].meta);
    QCOMPARE(r.outcome, FeedOutcome::Updated);
    QVERIFY(engine.snapshot(h).iflags & IFlag::Prack);
    QCOMPARE(engine.snapshot(h).caller.cseq.value_or(""), std::string("2"));
    QCOMPARE(engine.state(h), DialogState::Early);
}

void TestDialogEngine::restoreFromStoredRow()
{
    SipTrafficGenerator gen({});
    DialogConfig c;
    c.profilesWithValue = "trunk";
    DialogEngine a(c);
    std::vector<GeneratedMessage> msgs;
    gen.setup(40, CallKind::CallerHangsUp, T0, msgs);
    const DialogHandle h = feedAll(a, msgs)[0].dialog;
    QVERIFY(a.setProfile(h, "trunk", "gw1"));
    QVERIFY(a.setVariable(h, "acct", "42"));
    QVERIFY(a.setTimeout(h, 120));
    const DialogSnapshot row = a.snapshot(h);

    DialogEngine b(c);
    int loaded = 0;
    QVERIFY(b.callbacks().registerGlobal(Dlgcb::Loaded,
                                         [&](DialogHandle, const DialogCallbackParams &) { ++loaded; }));
    b.advanceTo(T0 + 60LL * 1000000); // a restart one minute later
    const auto restored = b.restore(row);
    QVERIFY(restored);
    QCOMPARE(loaded, 1);
    DialogSnapshot again = b.snapshot(restored.value());
    QCOMPARE(again.hId, row.hId);
    QCOMPARE(again.timeout, row.timeout); // remaining time resumes at the same absolute second
    QCOMPARE(again.callee, row.callee);
    QCOMPARE(again.caller, row.caller);
    QCOMPARE(again.profiles, row.profiles);
    QCOMPARE(again.variables, row.variables);
    QCOMPARE(b.stats().activeDialogs, 1);
    QVERIFY(!b.restore(row)); // the id is taken now
    DialogSnapshot wrongHash = row;
    wrongHash.hEntry ^= 1;
    QVERIFY(!b.restore(wrongHash));
    // New dialogs of that bucket never reuse the restored id.
    b.advanceTo(T0 + 121LL * 1000000);
    QCOMPARE(b.state(restored.value()), DialogState::Deleted);
}

void TestDialogEngine::responseForwardedAndRpcContext()
{
    SipTrafficGenerator::Options o;
    o.bothCopies = true;
    SipTrafficGenerator gen(o);
    DialogEngine engine;
    int forwarded = 0;
    void *context = nullptr;
    engine.callbacks().registerObserver(Dlgcb::ResponseFwded,
                                        [&](DialogHandle, const DialogCallbackParams &) { ++forwarded; });
    engine.callbacks().registerObserver(
        Dlgcb::RpcContext, [&](DialogHandle, const DialogCallbackParams &p) { context = p.rpcContext; });
    std::vector<GeneratedMessage> msgs;
    gen.setup(41, CallKind::CallerHangsUp, T0, msgs);
    const DialogHandle h = feedAll(engine, msgs)[0].dialog;
    QCOMPARE(forwarded, 2); // 180 and 200, once each (twins and the 100 do not count)
    int marker = 0;
    engine.fireRpcContext(h, &marker);
    QCOMPARE(context, static_cast<void *>(&marker));
}

QTEST_APPLESS_MAIN(TestDialogEngine)
#include "tst_dialogengine.moc"
