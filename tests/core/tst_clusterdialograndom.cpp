// SPDX-License-Identifier: GPL-3.0-or-later
// ClusterDialogTable under a flood of random DMQ messages (random actions, ids, states, senders,
// Call-IDs, clock steps, expiry, sync generations, removed owners; fixed seed): size() equals the
// sum of the listings and of the ownership counts, no dialog is in two listings, nothing ended is
// listed, and a node not reported dirty has exactly the listing it had when it was last reported;
// with confirmations that follow an h_id series, the inferred owners are the series' owners.
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <QTest>

#include "backend/core/clusterdialogtable.h"
#include "clusterdialogtesthelpers.h"

using namespace calldeck::core;
using namespace calldeck::dmqtest;
using Outcome = ClusterDialogTable::Outcome;

class TestClusterDialogRandom final : public QObject
{
    Q_OBJECT

private slots:
    void flood_data();
    void flood();
};

void TestClusterDialogRandom::flood_data()
{
    QTest::addColumn<bool>("series");
    QTest::newRow("random senders") << false;
    // UPDATE in state 1 and STATE come from node 1 + h_id % 4 (step 4 is the smallest usable).
    QTest::newRow("series senders") << true;
}

/** 100 000 random messages (fixed seed): the invariants hold after each batch (10 messages, later
 *  50), and a node not reported dirty has exactly the listing it had when it was last reported. */
void TestClusterDialogRandom::flood()
{
    QFETCH(bool, series);
    using Ownership = ClusterDialogTable::Ownership;
    std::mt19937 rng(20261127);
    const auto pick = [&rng](std::uint32_t n) {
        return std::uniform_int_distribution<std::uint32_t>(0, n - 1)(rng);
    };
    constexpr NodeId Nodes = 5;
    ClusterDialogTable t(ClusterDialogTable::Options{250, 20});
    std::map<NodeId, std::vector<DialogSnapshot>> shadow;
    std::uint32_t now = 1'000'000;
    std::map<Outcome, int> outcomes;
    // Parsed once: UPDATE by state and Call-ID, STATE by state, RM; ids and start_ts set per message.
    std::vector<DmqDialogMessage> updates;
    std::vector<DmqDialogMessage> states;
    for (int state = 1; state <= 5; ++state)
    {
        for (int call = 0; call < 3; ++call)
        {
            updates.push_back(update(0, 0, state, "c" + std::to_string(call)));
        }
        states.push_back(stateMsg(0, 0, state));
    }
    const DmqDialogMessage remove = rm(0, 0);
    for (int i = 1; i <= 100'000; ++i)
    {
        const std::uint32_t hEntry = pick(16);
        const std::uint32_t hId = pick(40);
        const auto sender = static_cast<NodeId>(pick(Nodes));
        int state = int(pick(5)) + 1;
        if (pick(50) == 0)
        {
            state = int(pick(10));
        }
        DmqDialogMessage m;
        switch (pick(10))
        {
        case 0:
        case 1:
        case 2:
        case 3:
            m = updates[std::size_t(state >= 1 && state <= 5 ? state - 1 : 3) * 3 + pick(3)];
            if (m.state == 4u)
            {
                m.startTs = now - pick(100);
            }
            if (state == 0 || state > 5)
            {
                m.state = std::uint32_t(state);
            }
            break;
        case 4:
        case 5:
        case 6:
            m = states[std::size_t(state >= 1 && state <= 5 ? state - 1 : 3)];
            if (m.state == 4u)
            {
                m.startTs = now - pick(100);
            }
            m.state = std::uint32_t(state);
            break;
        case 7:
        case 8:
            m = remove;
            break;
        default:
            m.action = pick(4) == 0 ? DmqAction::None : DmqAction::Sync;
            break;
        }
        m.hEntry = hEntry;
        m.hId = hId;
        const bool confirms =
            m.action == DmqAction::State || (m.action == DmqAction::Update && m.state == 1u);
        const auto r = t.apply(m, series && confirms ? static_cast<NodeId>(1 + hId % 4) : sender, now);
        ++outcomes[r.outcome];
        const bool refused = r.outcome == Outcome::UnknownDialog || r.outcome == Outcome::BadState ||
                             r.outcome == Outcome::Full;
        QCOMPARE(r.sipStatus, refused ? 500 : 200);
        QCOMPARE(r.reason.empty(), !refused);
        if (pick(20) == 0)
        {
            now += pick(5);
            t.expire(now);
        }
        if (pick(5000) == 0)
        {
            t.beginSync();
        }
        if (pick(5000) == 0)
        {
            t.endSync();
        }
        if (pick(20000) == 0)
        {
            t.removeOwner(static_cast<NodeId>(pick(Nodes)));
        }
        if (i % (i < 20000 ? 10 : 50) != 0)
        {
            continue;
        }
        const auto dirtyNodes = dirty(t);
        std::set<std::uint64_t> seen;
        std::size_t total = 0;
        for (NodeId node = 0; node < Nodes; ++node)
        {
            const auto l = listing(t, node);
            QCOMPARE(l.size(), t.size(node));
            total += l.size();
            for (const DialogSnapshot &d : l)
            {
                QVERIFY(d.state >= 1 && d.state <= 4);
                QVERIFY(seen.insert((std::uint64_t(d.hEntry) << 32) | d.hId).second);
                QCOMPARE(t.owner(d.hEntry, d.hId), std::optional<NodeId>(node));
                QVERIFY(d.iflags & 64);
                const auto ownership = t.ownership(d.hEntry, d.hId);
                QVERIFY(ownership);
                QCOMPARE(t.ownerConfirmed(d.hEntry, d.hId), ownership == Ownership::Confirmed);
                if (series && ownership != Ownership::Provisional)
                {
                    QCOMPARE(node, static_cast<NodeId>(1 + d.hId % 4));
                }
            }
            if (dirtyNodes.count(node))
            {
                shadow[node] = l;
            }
            else
            {
                QVERIFY2(
                    shadow[node] == l,
                    qPrintable(QStringLiteral("node %1 changed but not dirty, message %2").arg(node).arg(i)));
            }
        }
        QCOMPARE(total, t.size());
        QCOMPARE(t.count(Ownership::Provisional) + t.count(Ownership::Inferred) +
                     t.count(Ownership::Confirmed),
                 t.size());
        QVERIFY(t.size() <= 250);
    }
    // The flood reached every outcome.
    for (const Outcome o : {Outcome::Applied, Outcome::Repeat, Outcome::UnknownDialog, Outcome::Revival,
                            Outcome::BadState, Outcome::Full, Outcome::Sync})
    {
        QVERIFY2(outcomes[o] > 0, qPrintable(QString::number(int(o))));
    }
    if (series)
    {
        QCOMPARE(t.ownerInference().step, 4u);
        QCOMPARE(t.ownerInference().trustedResidues, std::size_t(4));
        QVERIFY(t.counters().inferred > 0);
    }
    qInfo("flood: step %u, %llu inferred, %zu live, %d applied, %d repeats, %d unknown, %d revivals, %d full",
          t.ownerInference().step, static_cast<unsigned long long>(t.counters().inferred), t.size(),
          outcomes[Outcome::Applied], outcomes[Outcome::Repeat], outcomes[Outcome::UnknownDialog],
          outcomes[Outcome::Revival], outcomes[Outcome::Full]);
}

QTEST_APPLESS_MAIN(TestClusterDialogRandom)
#include "tst_clusterdialograndom.moc"
