// SPDX-License-Identifier: GPL-3.0-or-later
// DialogEngine's change tracking for a dialog store (issue #9, reference §8.3): which dialogs a
// take returns as rows to write or delete, and that a store's rows restored into a fresh engine
// give the same dialogs and continue the h_id counters.
#include "enginetesthelpers.h"

#include <algorithm>

#include <QTest>

using namespace calldeck::core;
using namespace calldeck::testsupport;

namespace
{

constexpr std::int64_t S = 1000000; // µs per second

SipTrafficGenerator generator()
{
    SipTrafficGenerator::Options o;
    o.seed = 9;
    return SipTrafficGenerator(o);
}

/// The setup of call @p n up to (not including) the message that starts with @p stopAt.
std::vector<GeneratedMessage> setupUntil(const SipTrafficGenerator &gen, std::uint64_t n, CallKind kind,
                                         std::int64_t t, const std::string &stopAt)
{
    std::vector<GeneratedMessage> msgs;
    gen.setup(n, kind, t, msgs);
    const int stop = stopAt.empty() ? -1 : indexOf(msgs, stopAt);
    if (stop >= 0)
    {
        msgs.resize(static_cast<std::size_t>(stop));
    }
    return msgs;
}

bool hasId(const std::vector<DialogSnapshot> &rows, DialogId id)
{
    return std::any_of(rows.begin(), rows.end(),
                       [&](const DialogSnapshot &d) { return d.hEntry == id.hEntry && d.hId == id.hId; });
}

} // namespace

class TestDialogEngineStore final : public QObject
{
    Q_OBJECT

private slots:
    void offByDefault();
    void onlyConfirmedDialogsAreWritten();
    void changesAreTakenOnce();
    void endedDialogIsDeleted();
    void unwrittenDialogIsNeverDeleted();
    void managementChangesAreWritten();
    void dumpHasEveryConfirmedDialog();
    void restoreContinuesCountersAndTimers();
};

void TestDialogEngineStore::offByDefault()
{
    DialogEngine engine;
    const auto gen = generator();
    feedAll(engine, setupUntil(gen, 1, CallKind::CallerHangsUp, T0, {}));
    QVERIFY(!engine.dbTracking());
    QVERIFY(engine.takeDbChanges().empty());
}

void TestDialogEngineStore::onlyConfirmedDialogsAreWritten()
{
    DialogEngine engine;
    engine.setDbTracking(true);
    const auto gen = generator();
    // Call 1 stays early (no 200), call 2 is answered but not acknowledged, call 3 is confirmed,
    // call 4 is rejected.
    feedAll(engine, setupUntil(gen, 1, CallKind::CallerHangsUp, T0, "SIP/2.0 200"));
    feedAll(engine, setupUntil(gen, 2, CallKind::CallerHangsUp, T0, "ACK "));
    feedAll(engine, setupUntil(gen, 3, CallKind::CallerHangsUp, T0, {}));
    feedAll(engine, setupUntil(gen, 4, CallKind::Rejected, T0, {}));
    const DialogDbChanges c = engine.takeDbChanges();
    QCOMPARE(c.upserts.size(), 2u);
    QVERIFY(hasId(c.upserts, gen.dialogId(2)));
    QVERIFY(hasId(c.upserts, gen.dialogId(3)));
    for (const DialogSnapshot &d : c.upserts)
    {
        QVERIFY(d.state == 3 || d.state == 4);
        QVERIFY(d.callee.tag.has_value());
        QVERIFY(d.timeout > d.startTs);
    }
    QVERIFY(c.deleted.empty());
    QVERIFY(!c.counters.empty()); // the rejected and early calls took ids too
}

void TestDialogEngineStore::changesAreTakenOnce()
{
    DialogEngine engine;
    engine.setDbTracking(true);
    const auto gen = generator();
    auto msgs = setupUntil(gen, 5, CallKind::CallerHangsUp, T0, "ACK ");
    feedAll(engine, msgs);
    QCOMPARE(engine.takeDbChanges().upserts.size(), 1u);
    QVERIFY(engine.takeDbChanges().empty()); // nothing new
    // The ACK confirms: one UPDATE with state 4.
    std::vector<GeneratedMessage> all;
    gen.setup(5, CallKind::CallerHangsUp, T0, all);
    engine.feed(all[static_cast<std::size_t>(indexOf(all, "ACK "))].text,
                all[static_cast<std::size_t>(indexOf(all, "ACK "))].meta);
    auto c = engine.takeDbChanges();
    QCOMPARE(c.upserts.size(), 1u);
    QCOMPARE(c.upserts[0].state, 4);
    // A re-INVITE refreshes the CSeq and the timer: one more UPDATE.
    std::vector<GeneratedMessage> re;
    gen.reinvite(5, T0 + 10 * S, re);
    feedAll(engine, re);
    c = engine.takeDbChanges();
    QCOMPARE(c.upserts.size(), 1u);
    QCOMPARE(c.upserts[0].caller.cseq, std::optional<std::string>("2"));
}

void TestDialogEngineStore::endedDialogIsDeleted()
{
    DialogEngine engine;
    engine.setDbTracking(true);
    const auto gen = generator();
    feedAll(engine, setupUntil(gen, 6, CallKind::CallerHangsUp, T0, {}));
    QCOMPARE(engine.takeDbChanges().upserts.size(), 1u);
    std::vector<GeneratedMessage> bye;
    gen.teardown(6, CallKind::CallerHangsUp, T0 + 5 * S, bye);
    feedAll(engine, bye);
    auto c = engine.takeDbChanges();
    QVERIFY(c.upserts.empty());
    QCOMPARE(c.deleted.size(), 1u);
    QCOMPARE(c.deleted[0].hEntry, gen.dialogId(6).hEntry);
    QCOMPARE(c.deleted[0].hId, gen.dialogId(6).hId);
    // Its destruction later deletes nothing more.
    engine.advanceTo(T0 + 600 * S);
    QCOMPARE(engine.dialogCount(), 0u);
    QVERIFY(engine.takeDbChanges().deleted.empty());
}

void TestDialogEngineStore::unwrittenDialogIsNeverDeleted()
{
    DialogEngine engine;
    engine.setDbTracking(true);
    const auto gen = generator();
    // Answered and hung up between two takes: never written, so nothing to delete.
    feedAll(engine, setupUntil(gen, 7, CallKind::CallerHangsUp, T0, {}));
    std::vector<GeneratedMessage> bye;
    gen.teardown(7, CallKind::CallerHangsUp, T0 + S, bye);
    feedAll(engine, bye);
    engine.advanceTo(T0 + 600 * S);
    const auto c = engine.takeDbChanges();
    QVERIFY(c.upserts.empty());
    QVERIFY(c.deleted.empty());
}

void TestDialogEngineStore::managementChangesAreWritten()
{
    DialogConfig config;
    config.profilesWithValue = "caller";
    DialogEngine engine(config);
    engine.setDbTracking(true);
    const auto gen = generator();
    const DialogHandle h = feedAll(engine, setupUntil(gen, 8, CallKind::CallerHangsUp, T0, {}))[0].dialog;
    QVERIFY(engine.takeDbChanges().upserts.size() == 1);
    QVERIFY(engine.setVariable(h, "account", "42"));
    auto c = engine.takeDbChanges();
    QCOMPARE(c.upserts.size(), 1u);
    QCOMPARE(c.upserts[0].variables.size(), 1u);
    QVERIFY(engine.setTimeout(h, 77));
    c = engine.takeDbChanges();
    QCOMPARE(c.upserts.size(), 1u);
    QCOMPARE(c.upserts[0].timeout, engine.nowSeconds() + 77);
    QVERIFY(engine.setFlag(h, 3));
    QCOMPARE(engine.takeDbChanges().upserts.at(0).sflags, 8u);
    QVERIFY(engine.setProfile(h, "caller", "alice"));
    QCOMPARE(engine.takeDbChanges().upserts.at(0).profiles.size(), 1u);
    QVERIFY(engine.setState(h, 5));
    c = engine.takeDbChanges();
    QVERIFY(c.upserts.empty());
    QCOMPARE(c.deleted.size(), 1u);
}

void TestDialogEngineStore::dumpHasEveryConfirmedDialog()
{
    DialogEngine engine; // not tracking: db_mode 3 dumps at shutdown only
    const auto gen = generator();
    for (std::uint64_t n = 10; n < 20; ++n)
    {
        feedAll(engine, setupUntil(gen, n, CallKind::CallerHangsUp, T0, n % 3 == 0 ? "SIP/2.0 200" : ""));
    }
    const auto rows = engine.dbDump();
    QCOMPARE(rows.size(), 7u); // 10..19 less 12, 15, 18 (still early)
    for (const DialogSnapshot &d : rows)
    {
        QCOMPARE(d.state, 4);
    }
}

void TestDialogEngineStore::restoreContinuesCountersAndTimers()
{
    DialogConfig config;
    config.defaultTimeout = 100;
    config.hashSize = 4; // few buckets, so later calls land where the ended ones were
    SipTrafficGenerator::Options o;
    o.withDid = false; // the engine hands out the ids
    o.hashSize = 4;
    const SipTrafficGenerator gen(o);
    DialogEngine first(config);
    first.setDbTracking(true);
    first.advanceTo(T0);
    for (std::uint64_t n = 1; n <= 20; ++n)
    {
        feedAll(first, setupUntil(gen, n, CallKind::CallerHangsUp, T0, {}));
    }
    std::vector<DialogId> used;
    for (const DialogHandle h : first.list())
    {
        used.push_back(first.id(h));
    }
    QCOMPARE(used.size(), 20u);
    // Ten end (without a did cookie a BYE cannot be matched in seq_match_mode 0, so they are
    // ended as dlg.set_state does): their ids were handed out and must not come back.
    const auto handles = first.list();
    for (std::size_t i = 0; i < 10; ++i)
    {
        QVERIFY(first.setState(handles[i], 5));
    }
    first.advanceTo(T0 + 40 * S);
    const auto c = first.takeDbChanges();
    QCOMPARE(c.upserts.size(), 10u);

    DialogEngine second(config);
    second.advanceTo(T0 + 60 * S); // restarted 20 s later
    for (const auto &[bucket, last] : c.counters)
    {
        second.raiseIdCounter(bucket, last);
    }
    for (const DialogSnapshot &row : c.upserts)
    {
        QVERIFY(second.restore(row));
    }
    QCOMPARE(second.dialogCount(), 10u);
    for (const DialogSnapshot &row : c.upserts)
    {
        const DialogHandle h = second.find(DialogId{row.hEntry, row.hId});
        QVERIFY(h.valid());
        const DialogSnapshot back = second.snapshot(h);
        QCOMPARE(back.callId, row.callId);
        QCOMPARE(back.state, row.state);
        QCOMPARE(back.timeout, row.timeout); // 100 s after the answer: 40 s left, not 100
    }
    // New calls on the restarted engine (same counter seeds) get ids no earlier dialog had, the
    // ended ones' included: without the stored counters they would be handed out again.
    SipTrafficGenerator::Options o2 = o;
    o2.seed = 77;
    const SipTrafficGenerator later(o2);
    for (std::uint64_t n = 1; n <= 40; ++n)
    {
        const auto results = feedAll(second, setupUntil(later, n, CallKind::CallerHangsUp, T0 + 60 * S, {}));
        const DialogId id = second.id(results[0].dialog);
        QVERIFY(id.hId != 0);
        for (const DialogId &u : used)
        {
            QVERIFY2(!(u.hEntry == id.hEntry && u.hId == id.hId),
                     qPrintable(QStringLiteral("id %1:%2 handed out again").arg(id.hEntry).arg(id.hId)));
        }
    }
    // The restored timers fire at the stored time: 40 s after the restart, not 100.
    second.advanceTo(T0 + 101 * S);
    for (const DialogSnapshot &row : c.upserts)
    {
        const DialogHandle h = second.find(DialogId{row.hEntry, row.hId});
        QVERIFY(!h.valid() || second.state(h) == DialogState::Deleted);
    }
}

QTEST_APPLESS_MAIN(TestDialogEngineStore)
#include "tst_dialogenginestore.moc"
