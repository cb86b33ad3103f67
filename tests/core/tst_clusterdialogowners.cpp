// SPDX-License-Identifier: GPL-3.0-or-later
// ClusterDialogTable: the owners of dialogs only seen as SYNC copies, inferred from the h_id series
// of the confirmed ones (kamailio-dmq-5.6.md §3): the bed's layout (h_id_start 1 and 2, step 10),
// Kamailio's default (start 1, step 1 everywhere: nothing inferred), the trust threshold, three
// nodes, later confirmations, a mapping that breaks; and HIdSeriesLearner on its own.
#include <set>
#include <string>
#include <vector>

#include <QTest>

#include "backend/core/clusterdialogtable.h"
#include "backend/core/hidserieslearner.h"
#include "clusterdialogtesthelpers.h"

using namespace calldeck::core;
using namespace calldeck::dmqtest;
using Ownership = ClusterDialogTable::Ownership;

namespace
{

constexpr NodeId A = 1;
constexpr NodeId B = 2;
constexpr NodeId C = 3;

/** A SYNC answer's copy (state 4) of dialog (hEntry, hId) sent by @p sender. */
void copy(ClusterDialogTable &t, std::uint32_t hEntry, std::uint32_t hId, NodeId sender)
{
    QCOMPARE(t.apply(update(hEntry, hId, 4), sender, 1000).sipStatus, 200);
}

/** A new call on @p origin: the UPDATE in state 1 confirms it. */
void newCall(ClusterDialogTable &t, std::uint32_t hEntry, std::uint32_t hId, NodeId origin)
{
    QCOMPARE(t.apply(update(hEntry, hId, 1), origin, 1000).outcome, ClusterDialogTable::Outcome::Applied);
    QVERIFY(t.ownerConfirmed(hEntry, hId));
}

std::set<std::uint32_t> hIdsOf(const ClusterDialogTable &t, NodeId owner)
{
    std::set<std::uint32_t> out;
    for (const DialogSnapshot &d : listing(t, owner))
    {
        out.insert(d.hId);
    }
    return out;
}

} // namespace

class TestClusterDialogOwners final : public QObject
{
    Q_OBJECT

private slots:
    /** The test bed: A has h_id_start 1, B 2, both h_id_step 10; CallDeck joins late and A's SYNC
     *  answer arrives first, replicas of B's dialogs included. */
    void bedLayout()
    {
        ClusterDialogTable t;
        for (const std::uint32_t hId : {1u, 11u, 21u, 2u, 12u})
        {
            copy(t, 100 + hId, hId, A);
        }
        for (const std::uint32_t hId : {1u, 11u, 21u, 2u, 12u})
        {
            copy(t, 100 + hId, hId, B); // B's answer: the owner stays provisional A
        }
        QCOMPARE(t.size(A), std::size_t(5));
        QCOMPARE(t.count(Ownership::Provisional), std::size_t(5));
        QCOMPARE(t.ownership(102, 2), std::optional<Ownership>(Ownership::Provisional));
        QCOMPARE(t.ownerInference().step, 0u);
        t.takeDirtyNodes();

        newCall(t, 200, 31, A);
        newCall(t, 201, 41, A);
        QCOMPARE(t.ownerInference().step, 0u); // one owner only
        QVERIFY(dirty(t) == std::set<NodeId>{A});
        newCall(t, 202, 22, B);
        // Step 2 is the smallest without a conflict (for two nodes it splits the h_ids as 10
        // does); A's residue is trusted, B's has one confirmation only.
        QCOMPARE(t.ownerInference().step, 2u);
        QCOMPARE(t.ownerInference().trustedResidues, std::size_t(1));
        QCOMPARE(t.owner(102, 2), std::optional<NodeId>(A));
        QCOMPARE(t.ownership(102, 2), std::optional<Ownership>(Ownership::Provisional));
        QCOMPARE(t.ownership(101, 1), std::optional<Ownership>(Ownership::Inferred));
        QCOMPARE(t.ownership(202, 22), std::optional<Ownership>(Ownership::Confirmed));
        QVERIFY(dirty(t) == std::set<NodeId>{B});

        newCall(t, 203, 32, B);
        QCOMPARE(t.ownerInference().trustedResidues, std::size_t(2));
        QVERIFY((dirty(t) == std::set<NodeId>{A, B}));
        QVERIFY((hIdsOf(t, A) == std::set<std::uint32_t>{1, 11, 21, 31, 41}));
        QVERIFY((hIdsOf(t, B) == std::set<std::uint32_t>{2, 12, 22, 32}));
        QCOMPARE(t.ownership(112, 12), std::optional<Ownership>(Ownership::Inferred));
        QCOMPARE(t.count(Ownership::Provisional), std::size_t(0));
        QCOMPARE(t.count(Ownership::Inferred), std::size_t(5));
        QCOMPARE(t.count(Ownership::Confirmed), std::size_t(4));
        QCOMPARE(t.counters().inferred, 5u);
        QCOMPARE(t.size(A) + t.size(B), t.size());

        // A later SYNC answer: a copy never overrides an inferred owner, a new copy is inferred
        // at once.
        copy(t, 112, 12, A);
        QCOMPARE(t.owner(112, 12), std::optional<NodeId>(B));
        copy(t, 142, 42, A);
        QCOMPARE(t.owner(142, 42), std::optional<NodeId>(B));
        QCOMPARE(t.ownership(142, 42), std::optional<Ownership>(Ownership::Inferred));
        QCOMPARE(t.counters().inferred, 6u);
        QVERIFY(dirty(t) == std::set<NodeId>{B});

        // A STATE from the real owner confirms an inferred dialog without moving it.
        QCOMPARE(t.apply(stateMsg(112, 12, 5), B, 1001).outcome, ClusterDialogTable::Outcome::Applied);
        QVERIFY(!t.owner(112, 12));
        QCOMPARE(t.apply(stateMsg(102, 2, 4), B, 1001).outcome, ClusterDialogTable::Outcome::Repeat);
        QCOMPARE(t.ownership(102, 2), std::optional<Ownership>(Ownership::Confirmed));
        QCOMPARE(t.owner(102, 2), std::optional<NodeId>(B));
        QCOMPARE(t.count(Ownership::Inferred), std::size_t(4));
        QCOMPARE(t.count(Ownership::Confirmed), std::size_t(5));
        QCOMPARE(t.count(Ownership::Provisional) + t.count(Ownership::Inferred) +
                     t.count(Ownership::Confirmed),
                 t.size());
    }

    /** Kamailio's default (h_id_start 1, h_id_step 1 on every node): the nodes' h_ids fall in the
     *  same residues under every step, so nothing is inferred. */
    void defaultConfigConflicts()
    {
        ClusterDialogTable t;
        for (std::uint32_t hId = 1; hId <= 3; ++hId)
        {
            copy(t, 100 + hId, hId, A); // A's dialogs
            copy(t, 200 + hId, hId, A); // B's replicas, sent by A first
        }
        for (std::uint32_t hId = 4; hId <= 6; ++hId)
        {
            newCall(t, 100 + hId, hId, A);
            newCall(t, 200 + hId, hId, B);
        }
        QCOMPARE(t.ownerInference().step, 0u);
        QCOMPARE(t.ownerInference().trustedResidues, std::size_t(0));
        QCOMPARE(t.count(Ownership::Inferred), std::size_t(0));
        QCOMPARE(t.count(Ownership::Provisional), std::size_t(6));
        QCOMPARE(t.counters().inferred, 0u);
        QCOMPARE(t.owner(201, 1), std::optional<NodeId>(A));
    }

    /** One confirmation per residue is not enough to trust it. */
    void singleConfirmationNotTrusted()
    {
        ClusterDialogTable t;
        copy(t, 101, 1, B);
        copy(t, 102, 2, A);
        newCall(t, 111, 11, A);
        newCall(t, 112, 12, B);
        QCOMPARE(t.ownerInference().step, 2u);
        QCOMPARE(t.ownerInference().trustedResidues, std::size_t(0));
        QCOMPARE(t.owner(101, 1), std::optional<NodeId>(B));
        QCOMPARE(t.owner(102, 2), std::optional<NodeId>(A));
        QCOMPARE(t.count(Ownership::Provisional), std::size_t(2));
        QCOMPARE(t.counters().inferred, 0u);
    }

    /** Three nodes, step 10: with h_id_start 1, 2, 6 the steps 2..9 conflict and 10 is chosen;
     *  with 1, 2, 3 step 5 splits the series exactly as 10 does and is chosen. */
    void threeNodes_data()
    {
        QTest::addColumn<std::uint32_t>("startC");
        QTest::addColumn<std::uint32_t>("step");
        QTest::newRow("starts 1,2,6") << 6u << 10u;
        QTest::newRow("starts 1,2,3") << 3u << 5u;
    }
    void threeNodes()
    {
        QFETCH(std::uint32_t, startC);
        QFETCH(std::uint32_t, step);
        const std::vector<std::pair<NodeId, std::uint32_t>> nodes{{A, 1}, {B, 2}, {C, startC}};
        ClusterDialogTable t;
        std::uint32_t hEntry = 0;
        for (const auto &[node, start] : nodes)
        {
            for (std::uint32_t k = 0; k < 3; ++k)
            {
                copy(t, ++hEntry, start + 10 * k, C); // C's SYNC answer arrives first
            }
        }
        for (std::uint32_t k = 3; k < 6; ++k)
        {
            for (const auto &[node, start] : nodes)
            {
                newCall(t, ++hEntry, start + 10 * k, node);
            }
        }
        QCOMPARE(t.ownerInference().step, step);
        QCOMPARE(t.ownerInference().trustedResidues, std::size_t(3));
        QCOMPARE(t.count(Ownership::Inferred), std::size_t(9));
        hEntry = 0;
        for (const auto &[node, start] : nodes)
        {
            for (std::uint32_t k = 0; k < 3; ++k)
            {
                QCOMPARE(t.owner(++hEntry, start + 10 * k), std::optional<NodeId>(node));
            }
        }
        QCOMPARE(t.size(A), std::size_t(6));
        QCOMPARE(t.size(B), std::size_t(6));
        QCOMPARE(t.size(C), std::size_t(6));
    }

    /** Confirmations that contradict the series (a node restarted with another h_id_start): no
     *  step is usable any more and the inferred dialogs return to their provisional sender. */
    void brokenSeriesReverts()
    {
        ClusterDialogTable t;
        copy(t, 102, 2, A);
        copy(t, 112, 12, A);
        newCall(t, 131, 31, A);
        newCall(t, 141, 41, A);
        newCall(t, 122, 22, B);
        newCall(t, 132, 32, B);
        QCOMPARE(t.size(B), std::size_t(4));
        t.takeDirtyNodes();
        newCall(t, 231, 31, B); // B now issues A's h_ids
        QCOMPARE(t.ownerInference().step, 0u);
        QCOMPARE(t.owner(102, 2), std::optional<NodeId>(A));
        QCOMPARE(t.owner(112, 12), std::optional<NodeId>(A));
        QCOMPARE(t.count(Ownership::Inferred), std::size_t(0));
        QCOMPARE(t.count(Ownership::Provisional), std::size_t(2));
        QVERIFY((dirty(t) == std::set<NodeId>{A, B}));
        QCOMPARE(t.counters().inferred, 2u);
    }

    /** HIdSeriesLearner alone: owner 0 ignored, confirm() reports changes of the mapping only,
     *  the chosen step only grows. */
    void learner()
    {
        HIdSeriesLearner l;
        QVERIFY(!l.confirm(5, 0));
        QVERIFY(!l.confirm(1, 1));
        QVERIFY(!l.confirm(11, 1));
        QVERIFY(l.confirm(2, 2)); // two owners: step 2
        QCOMPARE(l.step(), 2u);
        QCOMPARE(l.ownerOf(21), std::optional<HIdSeriesLearner::NodeId>(1));
        QVERIFY(!l.ownerOf(22));
        QVERIFY(l.confirm(12, 2)); // residue 0 trusted
        QCOMPARE(l.ownerOf(22), std::optional<HIdSeriesLearner::NodeId>(2));
        QVERIFY(!l.confirm(31, 1)); // nothing new
        QVERIFY(l.confirm(3, 3));   // a third node: 2, 3 and 4 conflict, 5 does not
        QCOMPARE(l.step(), 5u);
        QCOMPARE(l.trustedResidues(), std::size_t(2));
        QVERIFY(!l.ownerOf(13));
        for (std::uint32_t hId = 0; hId < 256; ++hId)
        {
            l.confirm(hId, HIdSeriesLearner::NodeId(hId % 2 + 1));
        }
        QCOMPARE(l.step(), 0u);
        QVERIFY(!l.ownerOf(1));
    }
};

QTEST_APPLESS_MAIN(TestClusterDialogOwners)
#include "tst_clusterdialogowners.moc"
