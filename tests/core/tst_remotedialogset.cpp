// SPDX-License-Identifier: GPL-3.0-or-later
// RemoteDialogSet: per-proxy listings diffed poll after poll (added/changed/removed row keys),
// identity (h_entry, h_id, Call-ID) per origin, stale flags, Call-ID lookups, and long random
// churn checked against a naive model.
#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <QTest>

#include "backend/core/remotedialogset.h"

using namespace calldeck::core;

namespace
{

DialogSnapshot dialog(std::uint32_t hEntry, std::uint32_t hId, const std::string &callId,
                      std::uint8_t state = 4)
{
    DialogSnapshot d;
    d.hEntry = hEntry;
    d.hId = hId;
    d.callId = callId;
    d.state = state;
    d.ref = 2;
    d.fromUri = "sip:alice@example.com";
    d.caller.tag = "from-" + callId;
    d.callee.tag = "to-" + callId;
    d.caller.cseq = "1";
    return d;
}

std::vector<std::uint64_t> sorted(std::vector<std::uint64_t> v)
{
    std::sort(v.begin(), v.end());
    return v;
}

} // namespace

class TestRemoteDialogSet final : public QObject
{
    Q_OBJECT

private slots:
    void addChangeRemove()
    {
        RemoteDialogSet set;
        auto diff = set.apply(1, {dialog(1, 10, "a"), dialog(2, 20, "b")}, 100);
        QCOMPARE(diff.added.size(), std::size_t(2));
        QVERIFY(diff.changed.empty() && diff.removed.empty());
        QCOMPARE(set.size(), std::size_t(2));
        const std::uint64_t a = diff.added[0];
        const std::uint64_t b = diff.added[1];
        QVERIFY(a & RemoteDialogSet::KeyBit);
        QVERIFY(b & RemoteDialogSet::KeyBit);
        QVERIFY(a != b);
        QCOMPARE(set.find(a)->dialog.callId, std::string("a"));
        QCOMPARE(set.find(1, 2, 20)->key, b);
        QCOMPARE(set.find(a)->firstSeen, 100u);

        // duration and ref move: no change reported, but the values are stored.
        std::vector<DialogSnapshot> next{dialog(1, 10, "a"), dialog(2, 20, "b", 5)};
        next[0].duration = 7;
        next[0].ref = 3;
        diff = set.apply(1, std::move(next), 102);
        QVERIFY(diff.added.empty() && diff.removed.empty());
        QCOMPARE(diff.changed, std::vector<std::uint64_t>{b});
        QCOMPARE(set.find(a)->dialog.duration, std::int64_t(7));
        QCOMPARE(set.find(a)->dialog.ref, 3u);
        QCOMPARE(set.find(a)->lastChanged, 100u);
        QCOMPARE(set.find(b)->lastChanged, 102u);
        QCOMPARE(set.find(b)->dialog.state, std::uint8_t(5));

        diff = set.apply(1, {dialog(2, 20, "b", 5)}, 104);
        QCOMPARE(diff.removed, std::vector<std::uint64_t>{a});
        QVERIFY(diff.added.empty() && diff.changed.empty());
        QVERIFY(!set.find(a));
        QCOMPARE(set.size(), std::size_t(1));
        QCOMPARE(set.size(1), std::size_t(1));
    }

    void timeoutWobbleIsNoChange()
    {
        // Kamailio 5.6.3 prints `timeout` one second apart in two listings a moment apart.
        RemoteDialogSet set;
        DialogSnapshot d = dialog(1, 10, "a");
        d.timeout = 1000;
        const std::uint64_t a = set.apply(1, {d}, 1).added.at(0);
        d.timeout = 1001;
        QVERIFY(set.apply(1, {d}, 2).changed.empty());
        d.timeout = 999;
        QVERIFY(set.apply(1, {d}, 3).changed.empty());
        d.timeout = 1005; // a real change (calldeck.set_timeout, dlg_set_timeout)
        QCOMPARE(set.apply(1, {d}, 4).changed, std::vector<std::uint64_t>{a});
        QCOMPARE(set.find(a)->dialog.timeout, 1005u);
    }

    void restartReusesHId()
    {
        RemoteDialogSet set;
        const std::uint64_t old = set.apply(1, {dialog(5, 50, "before")}, 1).added.at(0);
        const auto diff = set.apply(1, {dialog(5, 50, "after")}, 2);
        QCOMPARE(diff.removed, std::vector<std::uint64_t>{old});
        QCOMPARE(diff.added.size(), std::size_t(1));
        QVERIFY(diff.added[0] != old);
        QVERIFY(diff.changed.empty());
        QCOMPARE(set.find(1, 5, 50)->dialog.callId, std::string("after"));
        QCOMPARE(set.find(1, 5, 50)->firstSeen, 2u);
    }

    void keysNeverReused()
    {
        RemoteDialogSet set;
        std::set<std::uint64_t> seen;
        for (std::uint32_t round = 0; round < 50; ++round)
        {
            const auto diff =
                set.apply(1, {dialog(1, 1, "same"), dialog(2, round, "r" + std::to_string(round))}, round);
            for (const std::uint64_t k : diff.added)
            {
                QVERIFY(seen.insert(k).second);
            }
            set.apply(1, {}, round); // all gone; "same" comes back with a new key
        }
        QCOMPARE(seen.size(), std::size_t(100));
    }

    void staleToggles()
    {
        RemoteDialogSet set;
        const auto keys = set.apply(1, {dialog(1, 1, "a"), dialog(1, 2, "b")}, 10).added;
        const std::uint64_t other = set.apply(2, {dialog(1, 1, "c")}, 10).added.at(0);
        QCOMPARE(sorted(set.setStale(1, true)), sorted(keys));
        QVERIFY(set.isStale(1));
        QVERIFY(set.setStale(1, true).empty());
        QVERIFY(set.find(keys[0])->stale);
        QVERIFY(!set.find(other)->stale);
        // A successful poll freshens the origin: its stale dialogs count as changed.
        const auto diff = set.apply(1, {dialog(1, 1, "a")}, 12);
        QCOMPARE(diff.changed, std::vector<std::uint64_t>{keys[0]});
        QCOMPARE(diff.removed, std::vector<std::uint64_t>{keys[1]});
        QVERIFY(!set.find(keys[0])->stale);
        QVERIFY(!set.isStale(1));
        QCOMPARE(set.find(keys[0])->lastChanged, 12u);
        set.setStale(1, true);
        QCOMPARE(set.setStale(1, false), std::vector<std::uint64_t>{keys[0]});
    }

    void originsAreSeparate()
    {
        RemoteDialogSet set;
        const std::uint64_t a = set.apply(1, {dialog(7, 70, "x")}, 1).added.at(0);
        const std::uint64_t b = set.apply(2, {dialog(7, 70, "x")}, 1).added.at(0);
        QVERIFY(a != b);
        QCOMPARE(set.find(1, 7, 70)->key, a);
        QCOMPARE(set.find(2, 7, 70)->key, b);
        QCOMPARE(set.find(2, 7, 70)->origin, std::uint16_t(2));
        QCOMPARE(set.size(), std::size_t(2));

        auto both = set.findByCallId("x", "from-x", "");
        QCOMPARE(both.size(), std::size_t(2));
        QVERIFY(set.findByCallId("x", "from-x", "to-x").size() == 2);
        QVERIFY(set.findByCallId("x", "from-x", "to-y").empty());
        QVERIFY(set.findByCallId("x", "other", "").empty());
        QVERIFY(set.findByCallId("y", "from-x", "").empty());

        // Polling origin 1 does not touch origin 2.
        const auto diff = set.apply(1, {}, 2);
        QCOMPARE(diff.removed, std::vector<std::uint64_t>{a});
        QCOMPARE(set.find(2, 7, 70)->key, b);
        QCOMPARE(set.findByCallId("x", "from-x", "").size(), std::size_t(1));

        QCOMPARE(set.removeOrigin(2), std::vector<std::uint64_t>{b});
        QCOMPARE(set.size(), std::size_t(0));
        QVERIFY(set.removeOrigin(2).empty());
        QVERIFY(!set.find(b));
        QVERIFY(!set.find(std::uint64_t(5))); // engine keys (bit 63 clear) are never here
    }

    void listingOrderAndRecycling()
    {
        RemoteDialogSet set;
        std::vector<DialogSnapshot> listing{dialog(3, 1, "c"), dialog(1, 1, "a"), dialog(2, 1, "b"),
                                            dialog(3, 1, "c")};
        const auto diff = set.apply(1, std::move(listing), 1);
        QCOMPARE(diff.added.size(), std::size_t(3)); // the repeated entry is ignored
        QCOMPARE(listing.size(), std::size_t(4));    // recycled snapshots stay for the next parse
        std::string order;
        set.forEach(1, [&order](const RemoteDialog &r) { order += r.dialog.callId; });
        QCOMPARE(order, std::string("cab"));
        set.apply(1, {dialog(2, 1, "b"), dialog(4, 1, "d"), dialog(3, 1, "c")}, 2);
        order.clear();
        set.forEach(1, [&order](const RemoteDialog &r) { order += r.dialog.callId; });
        QCOMPARE(order, std::string("bdc"));
    }

    void randomChurnMatchesModel()
    {
        using Identity = std::tuple<std::uint16_t, std::uint32_t, std::uint32_t, std::string>;
        struct Entry
        {
            std::uint64_t key;
            DialogSnapshot d;
        };
        std::map<Identity, Entry> model;
        std::mt19937 rng(1234);
        RemoteDialogSet set;
        std::set<std::uint64_t> everKey;
        std::map<std::uint16_t, std::vector<DialogSnapshot>> current;
        RemoteDialogSet::Diff diff;
        for (std::uint32_t poll = 0; poll < 300; ++poll)
        {
            const auto origin = static_cast<std::uint16_t>(rng() % 3);
            std::vector<DialogSnapshot> &list = current[origin];
            // churn: remove some, change some, add some (h_id values from a small range so that
            // restarts reuse them with other Call-IDs)
            for (std::size_t i = 0; i < list.size();)
            {
                const auto r = rng() % 100;
                if (r < 10)
                {
                    list.erase(list.begin() + static_cast<std::ptrdiff_t>(i));
                    continue;
                }
                if (r < 20)
                {
                    list[i].state = static_cast<std::uint8_t>(1 + rng() % 5);
                }
                list[i].duration += 2;
                ++i;
            }
            const auto adds = rng() % 40;
            for (std::uint32_t n = 0; n < adds; ++n)
            {
                const auto at = static_cast<std::ptrdiff_t>(rng() % (list.size() + 1));
                list.insert(list.begin() + at,
                            dialog(rng() % 16, rng() % 64, "call-" + std::to_string(rng() % 5000)));
            }
            std::set<Identity> listed;
            std::vector<DialogSnapshot> unique;
            for (const DialogSnapshot &d : list)
            {
                if (listed.insert({origin, d.hEntry, d.hId, d.callId}).second)
                {
                    unique.push_back(d);
                }
            }
            list = unique;

            std::vector<std::uint64_t> expectRemoved;
            std::vector<std::uint64_t> expectChanged;
            for (auto it = model.begin(); it != model.end();)
            {
                if (std::get<0>(it->first) == origin && !listed.count(it->first))
                {
                    expectRemoved.push_back(it->second.key);
                    it = model.erase(it);
                }
                else
                {
                    ++it;
                }
            }
            std::size_t expectAdded = 0;
            for (const DialogSnapshot &d : list)
            {
                const Identity id{origin, d.hEntry, d.hId, d.callId};
                auto it = model.find(id);
                if (it == model.end())
                {
                    ++expectAdded;
                    continue;
                }
                DialogSnapshot a = it->second.d;
                a.duration = d.duration;
                if (!(a == d))
                {
                    expectChanged.push_back(it->second.key);
                }
            }

            std::vector<DialogSnapshot> copy = list;
            set.apply(origin, std::move(copy), poll, diff);
            QCOMPARE(sorted(diff.removed), sorted(expectRemoved));
            QCOMPARE(sorted(diff.changed), sorted(expectChanged));
            QCOMPARE(diff.added.size(), expectAdded);
            for (const std::uint64_t k : diff.added)
            {
                QVERIFY(everKey.insert(k).second);
                const RemoteDialog *r = set.find(k);
                QVERIFY(r);
                model[{origin, r->dialog.hEntry, r->dialog.hId, r->dialog.callId}] = Entry{k, r->dialog};
            }
            for (auto &[id, e] : model)
            {
                if (std::get<0>(id) == origin)
                {
                    const RemoteDialog *r = set.find(e.key);
                    QVERIFY(r);
                    e.d = r->dialog;
                }
            }
            QCOMPARE(set.size(), model.size());
            QCOMPARE(set.size(origin), list.size());
            std::size_t i = 0;
            bool sameOrder = true;
            set.forEach(origin,
                        [&](const RemoteDialog &r) { sameOrder = sameOrder && r.dialog == list[i++]; });
            QVERIFY(sameOrder);
        }
        for (const auto &[id, e] : model)
        {
            const RemoteDialog *r = set.find(e.key);
            QVERIFY(r && r->dialog == e.d && r->origin == std::get<0>(id));
        }
    }
};

QTEST_APPLESS_MAIN(TestRemoteDialogSet)
#include "tst_remotedialogset.moc"
