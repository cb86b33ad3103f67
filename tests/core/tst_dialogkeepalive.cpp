// SPDX-License-Identifier: GPL-3.0-or-later
// The dialog module's keep-alive OPTIONS (§6.6): queue, requests, failure counting.
#include "keepalivetesthelpers.h"

#include <QTest>

using namespace calldeck::core;
using namespace calldeck::testsupport;

class TestDialogKeepAlive final : public QObject
{
    Q_OBJECT

private slots:
    void optionsEveryIntervalOnlyInState4();
    void scanStepIsKaTimer();
    void offOrInvalidInterval_data();
    void offOrInvalidInterval();
    void failuresEndTheDialog_data();
    void failuresEndTheDialog();
    void otherRepliesResetTheCounter();
    void timeout408CountsForASilentCallee();
    void droppedAfterBye();
    void propertySetLater();
    void restoredState4RowEntersTheQueue();
    void headers();
    void withoutSinkNothingIsSent();
};

void TestDialogKeepAlive::optionsEveryIntervalOnlyInState4()
{
    DialogConfig c = kaConfig();
    c.cleanupPeriod = 100000; // no no-ACK grace for the dialog put back in state 3 below
    KeepAliveRig rig(c);
    rig.propertiesAtCreation({"ka-src", "ka-dst"});
    const DialogHandle unacked = rig.call(1, false);
    QCOMPARE(rig.engine.state(unacked), DialogState::ConfirmedNa);
    QCOMPARE(rig.engine.keepAliveQueueSize(), std::size_t(0)); // only state 4 enters
    const DialogHandle h = rig.call(2);
    QCOMPARE(rig.engine.state(h), DialogState::Confirmed);
    QCOMPARE(rig.engine.keepAliveQueueSize(), std::size_t(1));
    at(rig.engine, C + 29);
    QVERIFY(rig.sent.empty());
    at(rig.engine, C + 30);
    QCOMPARE(rig.sent.size(), std::size_t(2));
    const DialogSnapshot d = rig.engine.snapshot(h);
    // Caller base = the callee's CSeq (none yet: 0) → 1; callee base = INVITE CSeq 1 → 1.
    checkOptions(rig.sent[0], d, DialogLeg::Caller, 1);
    checkOptions(rig.sent[1], d, DialogLeg::Callee, 1);
    QCOMPARE(rig.sent[0].dialog, h);
    QCOMPARE(rig.engine.state(h), DialogState::Confirmed); // nothing else changed
    QCOMPARE(rig.engine.snapshot(h).caller, d.caller);     // CSeq space not consumed
    QCOMPARE(rig.engine.snapshot(h).callee, d.callee);
    QCOMPARE(rig.engine.snapshot(h).timeout, d.timeout);
    at(rig.engine, C + 59);
    QCOMPARE(rig.sent.size(), std::size_t(2));
    at(rig.engine, C + 60);
    QCOMPARE(rig.sent.size(), std::size_t(4));
    // Out of state 4 (dlg.set_state 3): kept in the queue, nothing sent; back in 4: resumes.
    QVERIFY(rig.engine.setState(h, 3));
    at(rig.engine, C + 90);
    QCOMPARE(rig.sent.size(), std::size_t(4));
    QCOMPARE(rig.engine.keepAliveQueueSize(), std::size_t(1));
    QVERIFY(rig.engine.setState(h, 4));
    at(rig.engine, C + 120);
    QCOMPARE(rig.sent.size(), std::size_t(6));
    QCOMPARE(rig.count("OPTIONS"), std::size_t(6));
}

void TestDialogKeepAlive::scanStepIsKaTimer()
{
    KeepAliveRig rig(kaConfig(7, 30));
    rig.propertiesAtCreation({"ka-dst"});
    const DialogHandle h = rig.call(3); // the first packet starts the scans: C+7, C+14, ...
    for (std::uint32_t s = 1; s <= 34; ++s)
    {
        at(rig.engine, C + s);
    }
    QVERIFY(rig.sent.empty()); // due at C+30, no scan between C+28 and C+35
    at(rig.engine, C + 35);
    QCOMPARE(rig.sent.size(), std::size_t(1));
    QCOMPARE(rig.sent[0].leg, DialogLeg::Callee);
    QCOMPARE(rig.sent[0].dialog, h);
    for (std::uint32_t s = 36; s <= 69; ++s)
    {
        at(rig.engine, C + s);
    }
    QCOMPARE(rig.sent.size(), std::size_t(1)); // re-queued for C+65, scans at C+63, C+70
    at(rig.engine, C + 70);
    QCOMPARE(rig.sent.size(), std::size_t(2));
}

void TestDialogKeepAlive::offOrInvalidInterval_data()
{
    QTest::addColumn<uint>("timer");
    QTest::addColumn<uint>("interval");
    QTest::addColumn<bool>("error");
    QTest::addColumn<bool>("sends");
    QTest::newRow("default: off") << 0u << 0u << false << false;
    QTest::newRow("ka_timer 0") << 0u << 30u << false << false;
    QTest::newRow("ka_interval 0") << 1u << 0u << false << false;
    QTest::newRow("ka_interval 29 rejected") << 1u << 29u << true << false;
    QTest::newRow("ka_interval 1 rejected") << 1u << 1u << true << false;
    QTest::newRow("ka_interval 30") << 1u << 30u << false << true;
}

void TestDialogKeepAlive::offOrInvalidInterval()
{
    QFETCH(uint, timer);
    QFETCH(uint, interval);
    QFETCH(bool, error);
    QFETCH(bool, sends);
    KeepAliveRig rig(kaConfig(timer, interval));
    QCOMPARE(rig.engine.configError().has_value(), error);
    if (error)
    {
        QCOMPARE(rig.engine.configError()->code, Error::Code::InvalidArgument);
        QVERIFY(rig.engine.configError()->detail.find("ka_interval") != std::string::npos);
        QCOMPARE(rig.engine.config().kaInterval, 0u);
    }
    rig.propertiesAtCreation({"ka-src", "ka-dst"});
    const DialogHandle h = rig.call(4);
    for (std::uint32_t s = 1; s <= 300; s += 3)
    {
        at(rig.engine, C + s);
    }
    QCOMPARE(rig.engine.state(h), DialogState::Confirmed);
    QCOMPARE(!rig.sent.empty(), sends);
    QCOMPARE(rig.engine.keepAliveQueueSize(), std::size_t(sends ? 1 : 0));
}

void TestDialogKeepAlive::failuresEndTheDialog_data()
{
    QTest::addColumn<uint>("limit");
    QTest::addColumn<int>("code");
    QTest::addColumn<int>("leg");
    QTest::addColumn<bool>("timeoutBye");
    QTest::newRow("408 caller, limit 1") << 1u << 408 << 0 << false;
    QTest::newRow("481 callee, limit 1") << 1u << 481 << 1 << false;
    QTest::newRow("481 caller, limit 3") << 3u << 481 << 0 << false;
    QTest::newRow("408 caller, limit 2, timeout-bye") << 2u << 408 << 0 << true;
    QTest::newRow("481 callee, limit 1, timeout-bye") << 1u << 481 << 1 << true;
}

void TestDialogKeepAlive::failuresEndTheDialog()
{
    QFETCH(uint, limit);
    QFETCH(int, code);
    QFETCH(int, leg);
    QFETCH(bool, timeoutBye);
    DialogConfig c = kaConfig(1, 30, limit);
    c.sendByeOnTimeout = timeoutBye;
    KeepAliveRig rig(c);
    rig.propertiesAtCreation({"ka-src", "ka-dst"});
    const DialogHandle h = rig.call(5);
    const DialogLeg side = static_cast<DialogLeg>(leg);
    const DialogLeg otherSide = leg ? DialogLeg::Caller : DialogLeg::Callee;
    const std::uint32_t lifetime = rig.engine.snapshot(h).lifetime;
    std::uint32_t now = C + 30;
    for (uint i = 1; i < limit; ++i, now += 30)
    {
        at(rig.engine, now);
        rig.engine.keepAliveReply(h, side, code);
        rig.engine.keepAliveReply(h, otherSide, code == 408 ? 481 : 408); // the other leg counts apart
        QCOMPARE(rig.engine.snapshot(h).lifetime, lifetime);
    }
    at(rig.engine, now);
    rig.engine.keepAliveReply(h, side, 100); // provisional: nothing
    QCOMPARE(rig.engine.snapshot(h).lifetime, lifetime);
    rig.engine.keepAliveReply(h, side, code);
    QCOMPARE(rig.engine.snapshot(h).lifetime, 10u);
    QCOMPARE(rig.engine.snapshot(h).timeout, now + 10);
    QVERIFY(rig.engine.snapshot(h).dflags & DFlag::Changed);
    at(rig.engine, now + 9);
    QCOMPARE(rig.engine.state(h), DialogState::Confirmed);
    QCOMPARE(rig.count("BYE"), std::size_t(0));
    at(rig.engine, now + 10);
    QCOMPARE(rig.engine.stats().expiredDialogs, 1u);
    if (timeoutBye)
    {
        QCOMPARE(rig.count("BYE"), std::size_t(2));
        QCOMPARE(rig.engine.state(h), DialogState::Confirmed); // ends with the BYE replies
        rig.engine.localReply(h, DialogLeg::Caller, 200);
        rig.engine.localReply(h, DialogLeg::Callee, 200);
    }
    else
    {
        QCOMPARE(rig.count("BYE"), std::size_t(0));
    }
    QCOMPARE(rig.engine.state(h), DialogState::Deleted);
    QCOMPARE(rig.engine.stats().activeDialogs, 0);
    const std::size_t options = rig.count("OPTIONS");
    at(rig.engine, now + 60);
    QCOMPARE(rig.count("OPTIONS"), options);
    QCOMPARE(rig.engine.keepAliveQueueSize(), std::size_t(0));
}

void TestDialogKeepAlive::otherRepliesResetTheCounter()
{
    KeepAliveRig rig(kaConfig(1, 30, 2));
    rig.propertiesAtCreation({"ka-src"});
    const DialogHandle h = rig.call(6);
    const std::uint32_t lifetime = rig.engine.snapshot(h).lifetime;
    at(rig.engine, C + 30);
    for (int reset : {200, 404, 503})
    {
        rig.engine.keepAliveReply(h, DialogLeg::Caller, 481); // 1 of 2
        rig.engine.keepAliveReply(h, DialogLeg::Caller, reset);
        rig.engine.keepAliveReply(h, DialogLeg::Caller, 408); // 1 of 2 again
        rig.engine.keepAliveReply(h, DialogLeg::Caller, reset);
        QCOMPARE(rig.engine.snapshot(h).lifetime, lifetime);
    }
    rig.engine.keepAliveReply(h, DialogLeg::Caller, 481);
    QCOMPARE(rig.engine.snapshot(h).lifetime, lifetime);
    rig.engine.keepAliveReply(h, DialogLeg::Caller, 408);
    QCOMPARE(rig.engine.snapshot(h).lifetime, 10u);
    // Invalid handles and other states are ignored.
    rig.engine.keepAliveReply(DialogHandle{999, 1}, DialogLeg::Caller, 481);
    rig.engine.keepAliveReply(DialogHandle{}, DialogLeg::Callee, 408);
}

void TestDialogKeepAlive::timeout408CountsForASilentCallee()
{
    // The module ignores a 408 only while the leg's CSeq text is empty. A callee that sent nothing
    // has "0" from the 2xx on: not empty, so its 408 counts (a dead callee must end the dialog).
    KeepAliveRig rig(kaConfig());
    rig.propertiesAtCreation({"ka-dst"});
    const DialogHandle h = rig.call(7);
    QCOMPARE(*rig.engine.snapshot(h).callee.cseq, std::string("0")); // the callee sent nothing yet
    at(rig.engine, C + 30);
    rig.engine.keepAliveReply(h, DialogLeg::Callee, 408);
    QCOMPARE(rig.engine.snapshot(h).lifetime, 10u);

    // Also for a restored row with the callee's CSeq known.
    DialogSnapshot row = rig.engine.snapshot(h);
    row.callee.cseq = std::to_string(7); // (a literal trips GCC 12 -Wrestrict)
    row.lifetime = 0;
    row.timeout = C + 3600;
    KeepAliveRig other(kaConfig());
    at(other.engine, C);
    const auto restored = other.engine.restore(row);
    QVERIFY(restored);
    QVERIFY(other.engine.snapshot(restored.value()).lifetime != 10u);
    other.engine.keepAliveReply(restored.value(), DialogLeg::Callee, 408);
    QCOMPARE(other.engine.snapshot(restored.value()).lifetime, 10u);
}

void TestDialogKeepAlive::droppedAfterBye()
{
    KeepAliveRig rig(kaConfig());
    rig.propertiesAtCreation({"ka-src", "ka-dst"});
    const DialogHandle h = rig.call(8);
    at(rig.engine, C + 30);
    QCOMPARE(rig.sent.size(), std::size_t(2));
    rig.hangUp(8, (C + 40) * S);
    QCOMPARE(rig.engine.state(h), DialogState::Deleted);
    const std::uint32_t lifetime = rig.engine.snapshot(h).lifetime;
    rig.engine.keepAliveReply(h, DialogLeg::Caller, 481); // late reply: not in state 4
    QCOMPARE(rig.engine.snapshot(h).lifetime, lifetime);
    QCOMPARE(rig.engine.keepAliveQueueSize(), std::size_t(1)); // until its next turn
    at(rig.engine, C + 60);
    QCOMPARE(rig.sent.size(), std::size_t(2));
    QCOMPARE(rig.engine.keepAliveQueueSize(), std::size_t(0));
    // A dialog destroyed before its turn is dropped as well.
    const DialogHandle g = rig.call(9);
    QCOMPARE(rig.engine.keepAliveQueueSize(), std::size_t(1));
    rig.hangUp(9, (C + 61) * S);
    at(rig.engine, C + 75); // destroyed (deleted linger 5 s)
    QVERIFY(!rig.engine.valid(g));
    at(rig.engine, C + 200);
    QCOMPARE(rig.sent.size(), std::size_t(2));
    QCOMPARE(rig.engine.keepAliveQueueSize(), std::size_t(0));
    QCOMPARE(rig.engine.dialogCount(), std::size_t(0));
}

void TestDialogKeepAlive::propertySetLater()
{
    KeepAliveRig rig(kaConfig());
    const DialogHandle h = rig.call(10);
    QCOMPARE(rig.engine.keepAliveQueueSize(), std::size_t(0));
    at(rig.engine, C + 10);
    QVERIFY(rig.engine.setProperty(h, "timeout-noreset"));
    QCOMPARE(rig.engine.keepAliveQueueSize(), std::size_t(0));
    QVERIFY(rig.engine.setProperty(h, "ka-dst"));
    QCOMPARE(rig.engine.keepAliveQueueSize(), std::size_t(1));
    QVERIFY(rig.engine.setProperty(h, "ka-src")); // once
    QVERIFY(rig.engine.setProperty(h, "ka-dst"));
    QCOMPARE(rig.engine.keepAliveQueueSize(), std::size_t(1));
    at(rig.engine, C + 39);
    QVERIFY(rig.sent.empty());
    at(rig.engine, C + 40);
    QCOMPARE(rig.sent.size(), std::size_t(2));
    // Reset of one property stops that leg; of both, the entry is dropped at its next turn.
    QVERIFY(rig.engine.resetProperty(h, "ka-src"));
    at(rig.engine, C + 70);
    QCOMPARE(rig.sent.size(), std::size_t(3));
    QCOMPARE(rig.sent[2].leg, DialogLeg::Callee);
    QVERIFY(rig.engine.resetProperty(h, "ka-dst"));
    at(rig.engine, C + 100);
    QCOMPARE(rig.sent.size(), std::size_t(3));
    QCOMPARE(rig.engine.keepAliveQueueSize(), std::size_t(0));
    QVERIFY(rig.engine.setProperty(h, "ka-src")); // queued again
    QCOMPARE(rig.engine.keepAliveQueueSize(), std::size_t(1));
    at(rig.engine, C + 130);
    QCOMPARE(rig.sent.size(), std::size_t(4));
    QCOMPARE(rig.sent[3].leg, DialogLeg::Caller);

    // On a dialog not yet in state 4 the property waits for the ACK.
    KeepAliveRig early(kaConfig());
    const DialogHandle e = early.call(11, false);
    QCOMPARE(early.engine.state(e), DialogState::ConfirmedNa);
    QVERIFY(early.engine.setProperty(e, "ka-src"));
    QCOMPARE(early.engine.keepAliveQueueSize(), std::size_t(0));
    early.ack(11);
    QCOMPARE(early.engine.state(e), DialogState::Confirmed);
    QCOMPARE(early.engine.keepAliveQueueSize(), std::size_t(1));
    at(early.engine, C + 30);
    QCOMPARE(early.sent.size(), std::size_t(1));
}

void TestDialogKeepAlive::restoredState4RowEntersTheQueue()
{
    KeepAliveRig source(DialogConfig{});
    const DialogHandle h = source.call(12);
    DialogSnapshot row = source.engine.snapshot(h);
    row.caller.cseq = "16";
    row.callee.cseq = std::to_string(7); // (a literal trips GCC 12 -Wrestrict)
    row.iflags = IFlag::KaSrc | IFlag::KaDst;
    row.caller.routeSet = "<sip:p1.example;lr>";
    row.callee.routeSet = "<sip:p2.example;lr>,<sip:p3.example;lr>";
    row.timeout = C + 3600;
    row.lifetime = 0;

    KeepAliveRig rig(kaConfig());
    at(rig.engine, C);
    const auto restored = rig.engine.restore(row);
    QVERIFY(restored);
    QCOMPARE(rig.engine.keepAliveQueueSize(), std::size_t(1));
    at(rig.engine, C + 30);
    QCOMPARE(rig.sent.size(), std::size_t(2));
    const DialogSnapshot d = rig.engine.snapshot(restored.value());
    checkOptions(rig.sent[0], d, DialogLeg::Caller, 6);                              // callee base 7 − 1
    checkOptions(rig.sent[1], d, DialogLeg::Callee, 15);                             // caller base 16 − 1
    QCOMPARE(*rig.engine.snapshot(restored.value()).caller.cseq, std::string("16")); // not consumed

    // Rows in other states do not enter.
    for (std::uint8_t state : {std::uint8_t(3), std::uint8_t(5)})
    {
        KeepAliveRig other(kaConfig());
        at(other.engine, C);
        DialogSnapshot r = row;
        r.state = state;
        QVERIFY(other.engine.restore(r));
        QCOMPARE(other.engine.keepAliveQueueSize(), std::size_t(0));
    }
    // Nor does a state-4 row without ka-src/ka-dst.
    KeepAliveRig plain(kaConfig());
    at(plain.engine, C);
    DialogSnapshot r = row;
    r.iflags = IFlag::TimerNoReset;
    QVERIFY(plain.engine.restore(r));
    QCOMPARE(plain.engine.keepAliveQueueSize(), std::size_t(0));
}

void TestDialogKeepAlive::headers()
{
    DialogConfig c = kaConfig();
    c.extraHeaders = "X-Extra: dlg\r\n";
    c.calleeHeaders = "X-Topoh: 1"; // no CRLF: added
    KeepAliveRig rig(c);
    rig.propertiesAtCreation({"ka-src", "ka-dst"});
    rig.call(13);
    at(rig.engine, C + 30);
    QCOMPARE(rig.sent.size(), std::size_t(2));
    const std::string &toCaller = rig.sent[0].request.message;
    const std::string &toCallee = rig.sent[1].request.message;
    QVERIFY(toCaller.find("X-Extra") == std::string::npos); // dlg_extra_hdrs is not added
    QVERIFY(toCallee.find("X-Extra") == std::string::npos);
    QVERIFY(toCaller.find("X-Topoh") == std::string::npos);
    QVERIFY(toCallee.find("\r\nX-Topoh: 1\r\n") != std::string::npos);
    SipMessage m;
    QCOMPARE(SipParser::parse(toCallee, m), SipParseError::None);
    QCOMPARE(m.header("X-Topoh"), std::string_view("1"));
}

void TestDialogKeepAlive::withoutSinkNothingIsSent()
{
    KeepAliveRig rig(kaConfig(), false);
    rig.propertiesAtCreation({"ka-src", "ka-dst"});
    const DialogHandle h = rig.call(14);
    for (std::uint32_t s = 1; s <= 200; ++s)
    {
        at(rig.engine, C + s);
    }
    QCOMPARE(rig.engine.state(h), DialogState::Confirmed);
    QCOMPARE(rig.engine.keepAliveQueueSize(), std::size_t(1));
    rig.engine.keepAliveReply(h, DialogLeg::Caller, 408);
    QCOMPARE(rig.engine.snapshot(h).lifetime, 10u);
    at(rig.engine, C + 210);
    QCOMPARE(rig.engine.state(h), DialogState::Deleted);
    at(rig.engine, C + 300);
    QCOMPARE(rig.engine.dialogCount(), std::size_t(0));
    QCOMPARE(rig.engine.keepAliveQueueSize(), std::size_t(0));
}

QTEST_APPLESS_MAIN(TestDialogKeepAlive)
#include "tst_dialogkeepalive.moc"
