// SPDX-License-Identifier: GPL-3.0-or-later
// "One dialog, one row": the proxies' dialogs beside the mirror's (ProxyDialogs), on a real
// DialogEngine fed with generated SIP.
#include <QTest>

#include "backend/core/dialogengine.h"
#include "backend/coreworker.h"
#include "backend/proxydialogs.h"
#include "tests/support/siptrafficgenerator.h"

using namespace calldeck;
using namespace calldeck::testsupport;
using namespace Qt::StringLiterals;

namespace
{

constexpr std::int64_t T0 = 1'800'000'000'000'000; // µs
constexpr quint16 Kam1 = 1;
constexpr quint16 Kam2 = 2;

struct Fixture
{
    static core::DialogConfig config()
    {
        core::DialogConfig c;
        c.matchMode = 1; // CallDeck's default: did, then Call-ID and tags
        return c;
    }

    explicit Fixture(bool withDid = true)
        : gen(SipTrafficGenerator::Options{7, false, withDid})
        , engine(config())
    {
        engine.callbacks().registerObserver(core::Dlgcb::Destroy,
                                            [this](core::DialogHandle h, const core::DialogCallbackParams &) {
                                                removed.push_back(CoreWorker::keyOf(h));
                                            });
        proxies.setProxyName(Kam1, u"kam1"_s);
        proxies.setProxyName(Kam2, u"kam2"_s);
    }

    /// Feeds the setup of call n; returns the engine row key.
    quint64 call(std::uint64_t n, std::int64_t t = T0)
    {
        std::vector<GeneratedMessage> msgs;
        gen.setup(n, CallKind::CallerHangsUp, t, msgs);
        quint64 key = 0;
        for (const auto &m : msgs)
        {
            const core::FeedResult r = engine.feed(m.text, m.meta);
            if (r.dialog.valid())
            {
                key = CoreWorker::keyOf(r.dialog);
                dirty.insert(key);
            }
        }
        return key;
    }
    void hangUp(std::uint64_t n, std::int64_t t)
    {
        std::vector<GeneratedMessage> msgs;
        gen.teardown(n, CallKind::CallerHangsUp, t, msgs);
        for (const auto &m : msgs)
        {
            const core::FeedResult r = engine.feed(m.text, m.meta);
            if (r.dialog.valid())
            {
                dirty.insert(CoreWorker::keyOf(r.dialog));
            }
        }
    }
    core::DialogSnapshot snapshot(quint64 key) const
    {
        return engine.snapshot(
            {static_cast<std::uint32_t>(key & 0xFFFFFFFFu), static_cast<std::uint32_t>(key >> 32)});
    }
    /// What the proxy would list for call n: the mirror's view, with the proxy's own ids.
    core::DialogSnapshot proxyView(quint64 key, std::uint32_t hEntry = 11, std::uint32_t hId = 22) const
    {
        core::DialogSnapshot d = snapshot(key);
        d.hEntry = hEntry;
        d.hId = hId;
        d.profiles = {{"trunk", "a"}};
        d.variables = {{"caller", "alice"}};
        d.timeout += 1; // the proxy's own timer
        return d;
    }
    void list(quint16 proxy, std::vector<core::DialogSnapshot> dialogs, std::uint32_t now = 1'800'000'010)
    {
        proxies.applyListing(proxy, std::move(dialogs), now);
    }
    /// One publish: reconcile, then the engine rows (annotated), like CoreWorker::publish().
    void publish()
    {
        rows.clear();
        gone.clear();
        std::vector<DialogRow> proxyRows;
        proxies.reconcile(engine, dirty, removed, proxyRows, gone, 0);
        for (const quint64 key : dirty)
        {
            DialogRow row;
            row.key = key;
            row.dialog = snapshot(key);
            proxies.annotate(row, gone);
            rows.push_back(row);
        }
        for (auto &r : proxyRows)
        {
            rows.push_back(r);
        }
        dirty.clear();
        removed.clear();
    }
    const DialogRow *row(quint64 key) const
    {
        for (const auto &r : rows)
        {
            if (r.key == key)
            {
                return &r;
            }
        }
        return nullptr;
    }
    const DialogRow *proxyRow() const
    {
        for (const auto &r : rows)
        {
            if (r.key >> 63)
            {
                return &r;
            }
        }
        return nullptr;
    }

    SipTrafficGenerator gen;
    core::DialogEngine engine;
    ProxyDialogs proxies{ProxyDialogs::Options{600, 5}};
    std::unordered_set<quint64> dirty;
    std::vector<quint64> removed;
    std::vector<quint64> gone;
    std::vector<DialogRow> rows;
};

core::DialogSnapshot synthetic(std::uint32_t hEntry, std::uint32_t hId, const std::string &callId)
{
    core::DialogSnapshot d;
    d.hEntry = hEntry;
    d.hId = hId;
    d.callId = callId;
    d.state = 4;
    d.caller.tag = "ft-" + callId;
    d.callee.tag = "tt-" + callId;
    d.fromUri = "sip:alice@example.com";
    d.toUri = "sip:bob@example.com";
    return d;
}

} // namespace

class TestProxyDialogs : public QObject
{
    Q_OBJECT

private slots:
    void proxyOnlyDialogGetsARowOfItsOwn()
    {
        Fixture f;
        f.list(Kam1, {synthetic(5, 6, "only-on-proxy")});
        f.publish();
        QCOMPARE(f.rows.size(), std::size_t(1));
        const DialogRow &r = f.rows.front();
        QVERIFY(r.key >> 63);
        QCOMPARE(r.origin, u"kam1"_s);
        QCOMPARE(r.proxy, Kam1);
        QCOMPARE(r.proxyHEntry, 5u);
        QCOMPARE(r.proxyHId, 6u);
        QCOMPARE(r.flags, quint8(0));
        const quint64 key = r.key;

        f.publish(); // nothing changed: nothing published
        QVERIFY(f.rows.empty());

        auto changed = synthetic(5, 6, "only-on-proxy");
        changed.state = 5;
        f.list(Kam1, {changed});
        f.publish();
        QCOMPARE(f.rows.size(), std::size_t(1));
        QCOMPARE(f.rows.front().key, key);
        QCOMPARE(f.rows.front().dialog.state, std::uint8_t(5));

        f.list(Kam1, {});
        f.publish();
        QVERIFY(f.rows.empty());
        QCOMPARE(f.gone, std::vector<quint64>{key});
        QVERIFY(!f.proxies.owner(key));
    }

    void agesCountEachDialogOnce()
    {
        // The alarms' age questions: the engine's dialogs plus those only a proxy lists, a dialog
        // both know counted once.
        Fixture f;
        const quint64 e = f.call(1); // confirmed on the mirror at T0
        const std::uint32_t t0 = std::uint32_t(T0 / 1'000'000);
        core::DialogSnapshot old = synthetic(5, 6, "old-on-proxy");
        old.initTs = t0 - 100;
        old.startTs = t0 - 90;
        core::DialogSnapshot noAck = synthetic(7, 8, "no-ack-on-proxy");
        noAck.state = 3;
        noAck.initTs = t0 - 55;
        noAck.startTs = t0 - 50;
        f.list(Kam1, {f.proxyView(e), old, noAck});
        f.publish();
        QCOMPARE(f.proxies.proxyOnlyCount(), std::size_t(2));
        using Kind = core::DialogAgeQuery::Kind;
        const std::vector<core::DialogAgeQuery> queries{
            {Kind::Any, 0}, {Kind::Any, 60}, {Kind::NoAck, 30}, {Kind::Early, 0}};
        const std::vector<core::DialogAgeCount> counts = f.proxies.countAged(f.engine, queries);
        QCOMPARE(counts.size(), queries.size());
        QCOMPARE(counts[0].count, 3u); // the mirror's call (listed too) and the two proxy-only ones
        QCOMPARE(counts[1].count, 1u);
        QCOMPARE(counts[1].oldest, 100u);
        QCOMPARE(counts[2].count, 1u);
        QCOMPARE(counts[2].oldest, 50u);
        QCOMPARE(counts[3].count, 0u);
        // The engine alone knows only its own dialog.
        QCOMPARE(f.engine.countAged(queries)[0].count, 1u);
    }

    void mergedByCallIdAndTags()
    {
        Fixture f(false); // no did cookie: the mirror's ids are its own
        const quint64 e = f.call(1);
        f.publish();
        QCOMPARE(f.row(e)->origin, u"mirror"_s);
        QVERIFY(!(f.row(e)->flags & DialogRowFlag::Merged));

        f.list(Kam1, {f.proxyView(e, 901, 902)});
        f.publish();
        QCOMPARE(f.rows.size(), std::size_t(1)); // no row of its own
        const DialogRow *r = f.row(e);
        QVERIFY(r);
        QCOMPARE(r->origin, u"mirror + kam1"_s);
        QVERIFY(r->flags & DialogRowFlag::Merged);
        QCOMPARE(r->proxy, Kam1);
        QCOMPARE(r->proxyHEntry, 901u);
        QCOMPARE(r->proxyHId, 902u);
        const auto owner = f.proxies.owner(e);
        QVERIFY(owner);
        QCOMPARE(owner->proxy, Kam1);
        QCOMPARE(owner->dialog.hEntry, 901u);
        QCOMPARE(owner->dialog.profiles.size(), std::size_t(1));
        // What only the proxy's script knows comes from the proxy: profiles, variables, timer.
        QCOMPARE(r->dialog.profiles, (decltype(r->dialog.profiles){{"trunk", "a"}}));
        QCOMPARE(r->dialog.timeout, f.snapshot(e).timeout + 1);
        QCOMPARE(r->dialog.variables.size(), std::size_t(1));
    }

    void mergedByDidCookie()
    {
        Fixture f(true);
        const quint64 e = f.call(2);
        const core::DialogSnapshot mirror = f.snapshot(e);
        QCOMPARE(mirror.hEntry, f.gen.dialogId(2).hEntry); // adopted from the wire
        core::DialogSnapshot view = f.proxyView(e, mirror.hEntry, mirror.hId);
        view.caller.tag = "the-proxy-spells-it-otherwise";
        f.list(Kam1, {view});
        f.publish();
        QVERIFY(f.row(e));
        QVERIFY(f.row(e)->flags & DialogRowFlag::Merged);
        QVERIFY(!f.proxyRow());
    }

    void mirrorSeenAfterTheProxyTakesOverTheRow()
    {
        Fixture f(false);
        // The proxy lists the call before the mirror has seen it (a console started mid-call
        // sees the proxy first): a proxy row, then one merged row once the INVITE arrives.
        SipTrafficGenerator g({7, false, false});
        core::DialogSnapshot d = synthetic(31, 32, g.callId(3));
        d.caller.tag = g.callerTag(3);
        d.callee.tag = g.calleeTag(3);
        f.list(Kam1, {d});
        f.publish();
        const DialogRow *p = f.proxyRow();
        QVERIFY(p);
        const quint64 proxyKey = p->key;

        const quint64 e = f.call(3);
        f.publish();
        QCOMPARE(f.gone, std::vector<quint64>{proxyKey});
        QVERIFY(f.row(e)->flags & DialogRowFlag::Merged);
        QCOMPARE(f.row(e)->proxyHEntry, 31u);
    }

    void proxyForgetsTheDialogRowStaysOnTheMirror()
    {
        Fixture f(false);
        const quint64 e = f.call(4);
        f.list(Kam1, {f.proxyView(e)});
        f.publish();
        QVERIFY(f.row(e)->flags & DialogRowFlag::Merged);
        f.list(Kam1, {});
        f.publish();
        QVERIFY(f.row(e));
        QCOMPARE(f.row(e)->origin, u"mirror"_s);
        QCOMPARE(f.row(e)->proxy, quint16(0));
        QVERIFY(f.gone.empty());
        QCOMPARE(f.proxies.owner(e)->proxy, quint16(0));
    }

    void wireSawTheEndButTheProxyStillListsIt()
    {
        Fixture f(false);
        const quint64 e = f.call(5);
        f.list(Kam1, {f.proxyView(e)});
        f.publish();
        f.hangUp(5, T0 + 5'000'000);
        f.publish();
        QCOMPARE(f.row(e)->dialog.state, std::uint8_t(5));
        QVERIFY(f.row(e)->flags & DialogRowFlag::EndedOnWire);

        // The core lets the dialog go; the proxy still lists it: the row becomes the proxy's.
        f.engine.advanceTo(T0 + 3600'000'000);
        QCOMPARE(f.removed, std::vector<quint64>{e});
        f.publish();
        const DialogRow *p = f.proxyRow();
        QVERIFY(p);
        QVERIFY(p->flags & DialogRowFlag::EndedOnWire);
        QCOMPARE(p->origin, u"kam1"_s);
    }

    void staleWhileTheProxyFailsThenFresh()
    {
        Fixture f(false);
        const quint64 e = f.call(6);
        f.list(Kam1, {f.proxyView(e)});
        f.list(Kam2, {synthetic(1, 2, "on-kam2")});
        f.publish();
        f.proxies.markStale(Kam2);
        f.proxies.markStale(Kam1);
        f.publish();
        QCOMPARE(f.rows.size(), std::size_t(2));
        QVERIFY(f.row(e)->flags & DialogRowFlag::Stale);
        QVERIFY(f.proxyRow()->flags & DialogRowFlag::Stale);
        QCOMPARE(f.proxyRow()->origin, u"kam2"_s);

        f.proxies.markStale(Kam2); // again: nothing new
        f.list(Kam1, {f.proxyView(e)});
        f.publish();
        QCOMPARE(f.rows.size(), std::size_t(1));
        QVERIFY(!(f.row(e)->flags & DialogRowFlag::Stale));
    }

    void sweepFlagsUnknownAndGhostDialogs()
    {
        Fixture f(false);
        const quint64 e = f.call(7, T0);
        f.publish();
        const auto start = static_cast<std::uint32_t>(T0 / 1'000'000);
        f.proxies.sweep(f.engine, start + 1, f.dirty);
        QVERIFY(f.dirty.empty()); // no proxy polled yet: nothing to disagree with

        f.list(Kam1, {}, start + 60); // the proxy answered a minute later without this call
        f.proxies.sweep(f.engine, start + 60, f.dirty);
        f.publish();
        QVERIFY(f.row(e)->flags & DialogRowFlag::UnknownToProxy);

        // Ten minutes of silence in the dialog (the fixture's ghost time).
        f.engine.advanceTo(T0 + 700'000'000);
        f.proxies.sweep(f.engine, start + 700, f.dirty);
        f.publish();
        QVERIFY(f.row(e)->flags & DialogRowFlag::Ghost);

        // Listed again: no longer unknown.
        f.list(Kam1, {f.proxyView(e)}, start + 701);
        f.publish();
        f.proxies.sweep(f.engine, start + 702, f.dirty);
        f.publish();
        QVERIFY(f.row(e));
        QVERIFY(!(f.row(e)->flags & DialogRowFlag::UnknownToProxy));
        QVERIFY(f.row(e)->flags & DialogRowFlag::Merged);
    }

    void removedProxyTakesItsRows()
    {
        Fixture f;
        f.list(Kam1, {synthetic(1, 1, "a"), synthetic(1, 2, "b")});
        f.publish();
        QCOMPARE(f.rows.size(), std::size_t(2));
        f.proxies.removeProxy(Kam1);
        f.publish();
        QCOMPARE(f.gone.size(), std::size_t(2));
        QCOMPARE(f.proxies.proxyOnlyCount(), std::size_t(0));
    }
};

QTEST_APPLESS_MAIN(TestProxyDialogs)
#include "tst_proxydialogs.moc"
