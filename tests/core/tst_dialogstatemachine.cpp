// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/core/dialogstatemachine.h"

#include <QTest>

using namespace calldeck::core;
using K = DialogTransition::Kind;

Q_DECLARE_METATYPE(DialogTransition::Kind)

class TestDialogStateMachine final : public QObject
{
    Q_OBJECT

private slots:
    void table_data();
    void table();
};

// One row per cell of the reference's transition table (§1.3), plus the flag-dependent
// variants: revive, HASBYE/DMQ_DELETED blocking it, and the DMQ replica exception.
void TestDialogStateMachine::table_data()
{
    QTest::addColumn<int>("from");
    QTest::addColumn<int>("event");
    QTest::addColumn<bool>("hasBye");
    QTest::addColumn<bool>("dmqDeleted");
    QTest::addColumn<bool>("replica");
    QTest::addColumn<K>("kind");
    QTest::addColumn<int>("next");
    QTest::addColumn<bool>("unref");
    QTest::addColumn<bool>("setHasBye");
    QTest::addColumn<bool>("setPrack");
    QTest::addColumn<bool>("revive");

    struct Row
    {
        const char *name;
        int from, event;
        bool hasBye, dmqDeleted, replica;
        K kind;
        int next;
        bool unref, setHasBye, setPrack, revive;
    };
    const Row rows[] = {
        // TDEL
        {"TDEL 1", 1, 1, false, false, false, K::Change, 5, true, false, false, false},
        {"TDEL 2", 2, 1, false, false, false, K::Change, 5, true, false, false, false},
        {"TDEL 3", 3, 1, false, false, false, K::Stay, 3, false, false, false, false},
        {"TDEL 4", 4, 1, false, false, false, K::Stay, 4, false, false, false, false},
        {"TDEL 5", 5, 1, false, false, false, K::Stay, 5, true, false, false, false},
        // RPL1xx
        {"RPL1xx 1", 1, 2, false, false, false, K::Change, 2, false, false, false, false},
        {"RPL1xx 2", 2, 2, false, false, false, K::Change, 2, false, false, false, false},
        {"RPL1xx 3", 3, 2, false, false, false, K::Bogus, 3, false, false, false, false},
        {"RPL1xx 4", 4, 2, false, false, false, K::Bogus, 4, false, false, false, false},
        {"RPL1xx 5", 5, 2, false, false, false, K::Bogus, 5, false, false, false, false},
        // RPL2xx
        {"RPL2xx 1", 1, 3, false, false, false, K::Change, 3, false, false, false, false},
        {"RPL2xx 2", 2, 3, false, false, false, K::Change, 3, false, false, false, false},
        {"RPL2xx 3", 3, 3, false, false, false, K::Stay, 3, false, false, false, false},
        {"RPL2xx 4", 4, 3, false, false, false, K::Stay, 4, false, false, false, false},
        {"RPL2xx 5 revive", 5, 3, false, false, false, K::Change, 3, false, false, false, true},
        {"RPL2xx 5 after BYE", 5, 3, true, false, false, K::Stay, 5, false, false, false, false},
        {"RPL2xx 5 deleted by DMQ peer", 5, 3, false, true, false, K::Stay, 5, false, false, false, false},
        // RPL3xx
        {"RPL3xx 1", 1, 4, false, false, false, K::Change, 5, true, false, false, false},
        {"RPL3xx 2", 2, 4, false, false, false, K::Change, 5, true, false, false, false},
        {"RPL3xx 3", 3, 4, false, false, false, K::Bogus, 3, false, false, false, false},
        {"RPL3xx 4", 4, 4, false, false, false, K::Bogus, 4, false, false, false, false},
        {"RPL3xx 5", 5, 4, false, false, false, K::Bogus, 5, false, false, false, false},
        // REQPRACK
        {"PRACK 1", 1, 5, false, false, false, K::Bogus, 1, false, false, false, false},
        {"PRACK 2", 2, 5, false, false, false, K::Stay, 2, false, false, true, false},
        {"PRACK 3", 3, 5, false, false, false, K::Stay, 3, false, false, true, false},
        {"PRACK 4", 4, 5, false, false, false, K::Bogus, 4, false, false, false, false},
        {"PRACK 5", 5, 5, false, false, false, K::Stay, 5, false, false, false, false},
        // REQACK
        {"ACK 1", 1, 6, false, false, false, K::Bogus, 1, false, false, false, false},
        {"ACK 2", 2, 6, false, false, false, K::Bogus, 2, false, false, false, false},
        {"ACK 3", 3, 6, false, false, false, K::Change, 4, false, false, false, false},
        {"ACK 4", 4, 6, false, false, false, K::Stay, 4, false, false, false, false},
        {"ACK 5", 5, 6, false, false, false, K::Stay, 5, false, false, false, false},
        {"ACK 1 replica", 1, 6, false, false, true, K::Change, 4, false, false, false, false},
        {"ACK 2 replica", 2, 6, false, false, true, K::Change, 4, false, false, false, false},
        // REQBYE
        {"BYE 1", 1, 7, false, false, false, K::Bogus, 1, false, false, false, false},
        {"BYE 2 ignored", 2, 7, false, false, false, K::Stay, 2, false, false, false, false},
        {"BYE 3", 3, 7, false, false, false, K::Change, 5, true, true, false, false},
        {"BYE 4", 4, 7, false, false, false, K::Change, 5, true, true, false, false},
        {"BYE 5", 5, 7, false, false, false, K::Stay, 5, false, false, false, false},
        {"BYE 1 replica", 1, 7, false, false, true, K::Change, 5, true, true, false, false},
        {"BYE 2 replica", 2, 7, false, false, true, K::Change, 5, true, true, false, false},
        // REQ
        {"REQ 1", 1, 8, false, false, false, K::Bogus, 1, false, false, false, false},
        {"REQ 2", 2, 8, false, false, false, K::Stay, 2, false, false, false, false},
        {"REQ 3", 3, 8, false, false, false, K::Stay, 3, false, false, false, false},
        {"REQ 4", 4, 8, false, false, false, K::Stay, 4, false, false, false, false},
        {"REQ 5", 5, 8, false, false, false, K::Stay, 5, false, false, false, false},
    };
    for (const Row &r : rows)
    {
        QTest::addRow("%s", r.name) << r.from << r.event << r.hasBye << r.dmqDeleted << r.replica << r.kind
                                    << r.next << r.unref << r.setHasBye << r.setPrack << r.revive;
    }
}

void TestDialogStateMachine::table()
{
    QFETCH(int, from);
    QFETCH(int, event);
    QFETCH(bool, hasBye);
    QFETCH(bool, dmqDeleted);
    QFETCH(bool, replica);
    QFETCH(K, kind);
    QFETCH(int, next);
    QFETCH(bool, unref);
    QFETCH(bool, setHasBye);
    QFETCH(bool, setPrack);
    QFETCH(bool, revive);
    const DialogTransition t = nextDialogState(static_cast<DialogState>(from),
                                               static_cast<DialogEvent>(event), hasBye, dmqDeleted, replica);
    QCOMPARE(t.kind, kind);
    QCOMPARE(static_cast<int>(t.next), next);
    QCOMPARE(t.unref, unref);
    QCOMPARE(t.setHasBye, setHasBye);
    QCOMPARE(t.setPrack, setPrack);
    QCOMPARE(t.revive, revive);
    QCOMPARE(t.changes(static_cast<DialogState>(from)), kind == K::Change && next != from);
}

QTEST_APPLESS_MAIN(TestDialogStateMachine)
#include "tst_dialogstatemachine.moc"
