// SPDX-License-Identifier: GPL-3.0-or-later
// ClusterDialogTable: Kamailio 5.6.3's receiver rules (the life of a call from captured bodies,
// repeats and reordering, no revival, RM without STATE 5), ownership (confirmed/provisional, moves
// that dirty both nodes), full-sync generations, lifetime and tombstone expiry, the size limit
// (the random flood is tst_clusterdialograndom).
#include <set>
#include <string>
#include <vector>

#include <QTest>

#include "backend/core/clusterdialogtable.h"
#include "clusterdialogtesthelpers.h"

using namespace calldeck::core;
using namespace calldeck::dmqtest;
using Outcome = ClusterDialogTable::Outcome;

class TestClusterDialogTable final : public QObject
{
    Q_OBJECT

private slots:
    void lifeOfACall()
    {
        // The captured bodies of kamailio-dmq-5.6.md §3, ids of the second call changed to the first's.
        ClusterDialogTable t;
        auto r = t.apply(
            body("{\"action\":1,\"h_entry\":1335,\"h_id\":13991,\"init_ts\":1795752012,\"callid\":\"1-"
                 "20320@127.0.0.1\",\"from_uri\":\"sip:sipp@127.0.0.1:5101\",\"to_uri\":\"sip:bob@127.0.0.1:"
                 "5060\",\"req_uri\":\"sip:bob@127.0.0.1:5060\",\"tag1\":\"20320SIPpTag001\",\"cseq1\":\"1\","
                 "\"route_set1\":\"\",\"contact1\":\"sip:sipp@127.0.0.1:5101\",\"vars\":{\"acct\":\"1001\","
                 "\"team\":\"blue\"},\"profiles\":\"{\\\"profiles\\\":[{\\\"name\\\":\\\"trunk\\\","
                 "\\\"value\\\":"
                 "\\\"pbx1\\\",\\\"puid\\\":\\\"dlgp-6b09004c-4f2c-3\\\"},{\\\"name\\\":\\\"inbound\\\","
                 "\\\"puid\\\":"
                 "\\\"dlgp-6b09004c-4f2c-1\\\"}]}\",\"state\":1}"),
            1, 1795752012);
        QCOMPARE(r.outcome, Outcome::Applied);
        QCOMPARE(r.sipStatus, 200);
        QCOMPARE(dirty(t), std::set<NodeId>{1});
        auto l = listing(t, 1);
        QCOMPARE(l.size(), std::size_t(1));
        QCOMPARE(l[0].hEntry, 1335u);
        QCOMPARE(l[0].hId, 13991u);
        QCOMPARE(l[0].callId, std::string("1-20320@127.0.0.1"));
        QCOMPARE(l[0].fromUri, std::string("sip:sipp@127.0.0.1:5101"));
        QCOMPARE(l[0].toUri, std::string("sip:bob@127.0.0.1:5060"));
        QCOMPARE(l[0].reqUri, std::string("sip:bob@127.0.0.1:5060"));
        QCOMPARE(l[0].state, std::uint8_t(1));
        QCOMPARE(l[0].initTs, 1795752012u);
        QCOMPARE(l[0].timeout, 0u);
        QCOMPARE(l[0].iflags, 64u);
        QCOMPARE(l[0].caller.tag, std::optional<std::string>("20320SIPpTag001"));
        QCOMPARE(l[0].caller.routeSet, std::optional<std::string>(""));
        QVERIFY(!l[0].caller.socket && !l[0].callee.tag && !l[0].callee.contact);
        QVERIFY((l[0].variables ==
                 std::vector<std::pair<std::string, std::string>>{{"acct", "1001"}, {"team", "blue"}}));
        QVERIFY((l[0].profiles == std::vector<std::pair<std::string, std::optional<std::string>>>{
                                      {"trunk", "pbx1"}, {"inbound", {}}}));
        QVERIFY(t.ownerConfirmed(1335, 13991));
        QCOMPARE(t.owner(1335, 13991), std::optional<NodeId>(1));

        r = t.apply(
            body(
                "{\"action\":2,\"h_entry\":1335,\"h_id\":13991,\"state\":2,\"start_ts\":0,\"lifetime\":43200,"
                "\"tag1\":\"20320SIPpTag001\",\"cseq1\":\"1\",\"route_set1\":\"\",\"contact1\":\"sip:sipp@"
                "127."
                "0.0.1:5101\"}"),
            1, 1795752012);
        QCOMPARE(r.outcome, Outcome::Applied);
        l = listing(t, 1);
        QCOMPARE(l[0].state, std::uint8_t(2));
        QCOMPARE(l[0].lifetime, 43200u);
        QCOMPARE(l[0].startTs, 0u);
        QCOMPARE(l[0].timeout, 0u);
        QVERIFY(!l[0].callee.tag);

        const auto state4 = body("{\"action\":2,\"h_entry\":1335,\"h_id\":13991,\"state\":4,\"start_ts\":"
                                 "1795752012,\"lifetime\":43200,"
                                 "\"tag1\":\"20320SIPpTag001\",\"tag2\":\"20313SIPpTag011\",\"cseq1\":\"1\","
                                 "\"cseq2\":\"0\",\"route_set1\":"
                                 "\"\",\"route_set2\":\"\",\"contact1\":\"sip:sipp@127.0.0.1:5101\","
                                 "\"contact2\":\"sip:127.0.0.1:5080;"
                                 "transport=UDP\"}");
        QCOMPARE(t.apply(state4, 1, 1795752013).outcome, Outcome::Applied);
        QCOMPARE(dirty(t), std::set<NodeId>{1});
        l = listing(t, 1);
        QCOMPARE(l[0].state, std::uint8_t(4));
        QCOMPARE(l[0].startTs, 1795752012u);
        QCOMPARE(l[0].timeout, 1795752012u + 43200u);
        QCOMPARE(l[0].callee.tag, std::optional<std::string>("20313SIPpTag011"));
        QCOMPARE(l[0].callee.cseq, std::optional<std::string>("0"));
        QCOMPARE(l[0].callee.contact, std::optional<std::string>("sip:127.0.0.1:5080;transport=UDP"));
        QVERIFY(!l[0].callee.socket);

        QCOMPARE(t.apply(body("{\"action\":2,\"h_entry\":1335,\"h_id\":13991,\"state\":5}"), 1, 1795752100)
                     .outcome,
                 Outcome::Applied);
        QVERIFY(listing(t, 1).empty());
        QCOMPARE(t.size(), std::size_t(0));
        QCOMPARE(t.size(1), std::size_t(0));
        QVERIFY(!t.owner(1335, 13991));
        QCOMPARE(dirty(t), std::set<NodeId>{1});

        r = t.apply(body("{\"action\":3,\"h_entry\":1335,\"h_id\":13991,\"state\":5}"), 1, 1795752105);
        QCOMPARE(r.outcome, Outcome::Applied);
        QCOMPARE(r.sipStatus, 200);
        QVERIFY(dirty(t).empty());
        const auto &c = t.counters();
        QCOMPARE(c.created, 1u);
        QCOMPARE(c.stateChanges, 3u);
        QCOMPARE(c.ended, 1u);
        QCOMPARE(c.removed, 1u);
        QCOMPARE(c.repeats, 0u);
    }

    void repeatsAndReordering()
    {
        ClusterDialogTable t;
        t.apply(update(1, 2, 1), 1, 1000);
        QCOMPARE(t.apply(stateMsg(1, 2, 4), 1, 1001).outcome, Outcome::Applied);
        t.takeDirtyNodes();
        // A late STATE 2 and a retransmitted STATE 4: no change at all.
        QCOMPARE(t.apply(stateMsg(1, 2, 2), 1, 1001).outcome, Outcome::Repeat);
        auto r = t.apply(stateMsg(1, 2, 4), 1, 1002);
        QCOMPARE(r.outcome, Outcome::Repeat);
        QCOMPARE(r.sipStatus, 200);
        QCOMPARE(t.apply(update(1, 2, 1), 1, 1002).outcome, Outcome::Repeat);
        QVERIFY(dirty(t).empty());
        const auto l = listing(t, 1);
        QCOMPARE(l.size(), std::size_t(1));
        QCOMPARE(l[0].state, std::uint8_t(4));
        QCOMPARE(l[0].callee.tag, std::optional<std::string>("tt"));
        QCOMPARE(t.counters().repeats, 3u);
        // A SYNC answer of the same dialog from a replica in an older state rolls nothing back.
        QCOMPARE(t.apply(update(1, 2, 2), 2, 1003).outcome, Outcome::Repeat);
        QCOMPARE(listing(t, 1)[0].startTs, 1000u);
        QCOMPARE(t.apply(body("{\"action\":4}"), 2, 1003).outcome, Outcome::Sync);
    }

    void noRevival()
    {
        ClusterDialogTable t;
        t.apply(update(1, 2, 1), 1, 1000);
        t.apply(stateMsg(1, 2, 4), 1, 1000);
        t.apply(stateMsg(1, 2, 5), 1, 1010);
        auto r = t.apply(stateMsg(1, 2, 4), 1, 1011);
        QCOMPARE(r.outcome, Outcome::Revival);
        QCOMPARE(r.sipStatus, 200);
        QCOMPARE(t.apply(update(1, 2, 4), 2, 1011).outcome, Outcome::Revival);
        QCOMPARE(t.apply(stateMsg(1, 2, 5), 1, 1011).outcome, Outcome::Repeat);
        QCOMPARE(t.apply(update(1, 2, 5), 2, 1011).outcome, Outcome::Repeat);
        QCOMPARE(t.size(), std::size_t(0));
        QCOMPARE(t.counters().revivals, 2u);
        // The same ids with another Call-ID: a restarted node reused them, a new dialog.
        QCOMPARE(t.apply(update(1, 2, 1, "other"), 1, 1012).outcome, Outcome::Applied);
        QCOMPARE(listing(t, 1).at(0).callId, std::string("other"));
    }

    void removeWithoutState5()
    {
        ClusterDialogTable t;
        t.apply(update(7, 8, 1), 3, 1000);
        t.apply(stateMsg(7, 8, 2), 3, 1000);
        t.apply(stateMsg(7, 8, 4), 3, 1001);
        t.takeDirtyNodes();
        // dlg.end_dlg on the origin: only the RM.
        QCOMPARE(t.apply(rm(7, 8), 3, 1050).outcome, Outcome::Applied);
        QCOMPARE(t.size(), std::size_t(0));
        QVERIFY(listing(t, 3).empty());
        QCOMPARE(dirty(t), std::set<NodeId>{3});
        QCOMPARE(t.counters().ended, 1u);
        // A retransmitted RM, and a SYNC answer that had not heard of the end yet.
        QCOMPARE(t.apply(rm(7, 8), 3, 1051).sipStatus, 200);
        QCOMPARE(t.apply(update(7, 8, 4), 4, 1051).outcome, Outcome::Revival);
        QCOMPARE(t.size(), std::size_t(0));
        // Unknown ids: 500, as Kamailio answers.
        auto r = t.apply(rm(70, 80), 3, 1052);
        QCOMPARE(r.outcome, Outcome::UnknownDialog);
        QCOMPARE(r.sipStatus, 500);
        QVERIFY2(r.reason.find("70:80") != std::string::npos, r.reason.c_str());
        r = t.apply(stateMsg(70, 80, 4), 3, 1052);
        QCOMPARE(r.outcome, Outcome::UnknownDialog);
        QCOMPARE(r.sipStatus, 500);
        QCOMPARE(t.counters().unknown, 2u);
    }

    void ownership()
    {
        ClusterDialogTable t;
        // A SYNC answer: the replica (node 2) happens to send the dialog first.
        QCOMPARE(t.apply(update(5, 6, 4), 2, 1000).outcome, Outcome::Applied);
        QCOMPARE(t.owner(5, 6), std::optional<NodeId>(2));
        QVERIFY(!t.ownerConfirmed(5, 6));
        QCOMPARE(t.apply(update(5, 6, 4), 1, 1000).outcome, Outcome::Repeat);
        QCOMPARE(t.owner(5, 6), std::optional<NodeId>(2));
        QCOMPARE(dirty(t), std::set<NodeId>{2});
        // A STATE from the real owner moves it.
        QCOMPARE(t.apply(stateMsg(5, 6, 4), 1, 1001).outcome, Outcome::Applied);
        QCOMPARE(t.owner(5, 6), std::optional<NodeId>(1));
        QVERIFY(t.ownerConfirmed(5, 6));
        QCOMPARE(dirty(t), (std::set<NodeId>{1, 2}));
        QVERIFY(listing(t, 2).empty());
        QCOMPARE(listing(t, 1).size(), std::size_t(1));
        QCOMPARE(t.size(1), std::size_t(1));
        QCOMPARE(t.size(2), std::size_t(0));
        // A later SYNC answer from the replica leaves a confirmed owner alone.
        QCOMPARE(t.apply(update(5, 6, 4), 2, 1002).outcome, Outcome::Repeat);
        QCOMPARE(t.owner(5, 6), std::optional<NodeId>(1));
        // An UPDATE in state 1 names its sender at once.
        t.apply(update(9, 9, 4), 2, 1003);
        t.takeDirtyNodes();
        QCOMPARE(t.apply(update(9, 9, 1), 1, 1003).outcome, Outcome::Applied);
        QCOMPARE(t.owner(9, 9), std::optional<NodeId>(1));
        QVERIFY(t.ownerConfirmed(9, 9));
        QCOMPARE(dirty(t), (std::set<NodeId>{1, 2}));
        // First-seen order per owner.
        const auto l = listing(t, 1);
        QCOMPARE(l.size(), std::size_t(2));
        QCOMPARE(l[0].hEntry, 5u);
        QCOMPARE(l[1].hEntry, 9u);
        QCOMPARE(t.removeOwner(1), std::size_t(2));
        QCOMPARE(t.size(), std::size_t(0));
        QCOMPARE(dirty(t), std::set<NodeId>{1});
        QCOMPARE(t.removeOwner(1), std::size_t(0));
    }

    void updateOfAKnownDialog()
    {
        // 5.6.3: the profiles are replaced (dropped when the UPDATE has none), vars set key by key.
        ClusterDialogTable t;
        t.apply(update(1, 1, 1), 1, 100);
        DmqDialogMessage m = update(1, 1, 1);
        m.initTs = 991;
        m.vars = {{"team", "red"}, {"acct", "8"}};
        m.profiles = {{"caller", std::nullopt}};
        QCOMPARE(t.apply(m, 1, 101).outcome, Outcome::Applied);
        auto d = listing(t, 1).at(0);
        QCOMPARE(d.initTs, 991u);
        QVERIFY((d.variables ==
                 std::vector<std::pair<std::string, std::string>>{{"acct", "8"}, {"team", "red"}}));
        QVERIFY(
            (d.profiles == std::vector<std::pair<std::string, std::optional<std::string>>>{{"caller", {}}}));
        m.hasVars = m.hasProfiles = false;
        m.vars.clear();
        m.profiles.clear();
        QCOMPARE(t.apply(m, 1, 102).outcome, Outcome::Applied);
        d = listing(t, 1).at(0);
        QCOMPARE(d.variables.size(), std::size_t(2));
        QVERIFY(d.profiles.empty());
        QCOMPARE(t.apply(m, 1, 103).outcome, Outcome::Repeat);
        QCOMPARE(t.counters().updated, 2u);
    }

    void callIdChangeReplaces()
    {
        ClusterDialogTable t;
        t.apply(update(1, 1, 4, "old"), 1, 1000);
        QCOMPARE(t.apply(update(1, 1, 1, "new"), 2, 1001).outcome, Outcome::Applied);
        QCOMPARE(t.size(), std::size_t(1));
        QVERIFY(listing(t, 1).empty());
        const auto l = listing(t, 2);
        QCOMPARE(l.at(0).callId, std::string("new"));
        QCOMPARE(l.at(0).state, std::uint8_t(1));
        QVERIFY(!l.at(0).callee.tag);
    }

    void fullSync()
    {
        ClusterDialogTable t;
        QCOMPARE(t.endSync(), std::size_t(0));
        for (std::uint32_t i = 1; i <= 3; ++i)
        {
            t.apply(update(i, i, 4), 1, 1000);
        }
        t.takeDirtyNodes();
        t.beginSync();
        t.apply(update(1, 1, 4), 2, 1001); // re-sent by another node: counts as seen
        t.apply(update(2, 2, 4), 1, 1001);
        t.apply(update(4, 4, 1), 1, 1001);   // new during the sync
        t.apply(stateMsg(3, 3, 4), 1, 1001); // a STATE does not count as seen
        QCOMPARE(t.endSync(), std::size_t(1));
        QVERIFY(!t.owner(3, 3));
        QCOMPARE(t.size(), std::size_t(3));
        QCOMPARE(t.counters().syncDropped, 1u);
        QCOMPARE(dirty(t), std::set<NodeId>{1});
        QCOMPARE(t.endSync(), std::size_t(0));
        QCOMPARE(t.apply(update(3, 3, 4), 1, 1002).outcome, Outcome::Revival);
    }

    void lifetimeExpiry()
    {
        ClusterDialogTable t;
        t.apply(update(1, 1, 1), 1, 1000);
        t.apply(stateMsg(1, 1, 4, 1000), 1, 1000); // lifetime 60: ends after 1060
        t.apply(update(2, 2, 4, "c2", 1000), 1, 1000);
        t.apply(update(2, 2, 4, "c2", 2000), 1, 1500); // start_ts moved by a later UPDATE
        t.apply(update(3, 3, 2), 1, 1000);             // state 2: no lifetime timer
        t.takeDirtyNodes();
        t.expire(1060);
        QCOMPARE(t.size(), std::size_t(3));
        QVERIFY(dirty(t).empty());
        t.expire(1061);
        QVERIFY(!t.owner(1, 1));
        QVERIFY(t.owner(2, 2));
        QCOMPARE(t.counters().expiredByLifetime, 1u);
        QCOMPARE(dirty(t), std::set<NodeId>{1});
        t.expire(2061);
        QVERIFY(!t.owner(2, 2));
        QCOMPARE(t.size(), std::size_t(1));
        t.expire(100000);
        QVERIFY(t.owner(3, 3));
        QCOMPARE(t.counters().expiredByLifetime, 2u);
    }

    void tombstoneExpiry()
    {
        ClusterDialogTable t(ClusterDialogTable::Options{100, 30});
        t.apply(update(1, 1, 4), 1, 100);
        t.apply(stateMsg(1, 1, 5), 1, 100);
        t.expire(130);
        QCOMPARE(t.apply(stateMsg(1, 1, 4), 1, 130).outcome, Outcome::Revival);
        QCOMPARE(t.apply(rm(1, 1), 1, 130).sipStatus, 200);
        t.expire(131);
        QCOMPARE(t.apply(stateMsg(1, 1, 4), 1, 131).outcome, Outcome::UnknownDialog);
        QCOMPARE(t.apply(rm(1, 1), 1, 131).sipStatus, 500);
        // Now a late UPDATE creates it again, as Kamailio would.
        QCOMPARE(t.apply(update(1, 1, 4), 1, 132).outcome, Outcome::Applied);
    }

    void sizeLimit()
    {
        ClusterDialogTable t(ClusterDialogTable::Options{2, 30});
        QCOMPARE(t.apply(update(1, 1, 1), 1, 100).outcome, Outcome::Applied);
        QCOMPARE(t.apply(update(2, 2, 1), 1, 100).outcome, Outcome::Applied);
        auto r = t.apply(update(3, 3, 1), 1, 100);
        QCOMPARE(r.outcome, Outcome::Full);
        QCOMPARE(r.sipStatus, 500);
        QVERIFY2(r.reason.find("full") != std::string::npos, r.reason.c_str());
        QCOMPARE(t.counters().full, 1u);
        t.apply(stateMsg(1, 1, 5), 1, 101);
        QCOMPARE(t.apply(update(3, 3, 1), 1, 101).outcome, Outcome::Applied);
        // Tombstones are capped too: the oldest goes first.
        t.apply(update(20, 20, 5), 1, 102);
        t.apply(update(21, 21, 5), 1, 103);
        QCOMPARE(t.apply(stateMsg(1, 1, 4), 1, 104).outcome, Outcome::UnknownDialog);
        QCOMPARE(t.apply(stateMsg(20, 20, 4), 1, 104).outcome, Outcome::Revival);
        QCOMPARE(t.size(), std::size_t(2));
    }

    void badState()
    {
        ClusterDialogTable t;
        DmqDialogMessage m = update(1, 1, 1);
        m.state.reset();
        auto r = t.apply(m, 1, 100);
        QCOMPARE(r.outcome, Outcome::BadState);
        QCOMPARE(r.sipStatus, 500);
        QCOMPARE(t.size(), std::size_t(0));
        t.apply(update(1, 1, 1), 1, 100);
        m = stateMsg(1, 1, 4);
        m.state = 7;
        QCOMPARE(t.apply(m, 1, 100).outcome, Outcome::BadState);
        m.action = DmqAction::None;
        QCOMPARE(t.apply(m, 1, 100).sipStatus, 500);
        QCOMPARE(t.counters().badState, 3u);
        QCOMPARE(listing(t, 1).at(0).state, std::uint8_t(1));
    }

    void stateThreeIsTaken()
    {
        ClusterDialogTable t;
        t.apply(update(1, 1, 1), 1, 100);
        QCOMPARE(t.apply(stateMsg(1, 1, 3), 1, 100).outcome, Outcome::Applied);
        QCOMPARE(listing(t, 1).at(0).state, std::uint8_t(3));
        QCOMPARE(t.apply(stateMsg(1, 1, 2), 1, 100).outcome, Outcome::Repeat);
    }
};

QTEST_APPLESS_MAIN(TestClusterDialogTable)
#include "tst_clusterdialogtable.moc"
