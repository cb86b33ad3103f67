// SPDX-License-Identifier: GPL-3.0-or-later
#include <QAbstractItemModelTester>
#include <QIcon>
#include <QSignalSpy>
#include <QTest>

#include "tests/ui/dialogrows.h"
#include "ui/models/dialoghistorymodel.h"
#include "ui/models/dialogtablemodel.h"

using namespace Qt::StringLiterals;
using History = DialogHistoryModel;

class TestDialogHistoryModel final : public QObject
{
    Q_OBJECT

private slots:
    void appendIsOneInsert();
    void capDropsOldestFirstInOneBatch();
    void burstAboveCapKeepsNewest();
    void loweringTheCapTrims();
    void columnsAndRoles();
    void takesWhatLeavesTheLiveTable();
    void clearResets();
};

void TestDialogHistoryModel::appendIsOneInsert()
{
    History history;
    QAbstractItemModelTester tester(&history, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy inserted(&history, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&history, &QAbstractItemModel::rowsRemoved);
    QCOMPARE(history.capacity(), History::DefaultCapacity);

    history.append(DialogRows::range(0, 25, 5), DialogRows::BaseSec * 1000);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 24);
    history.append({}, 0); // nothing: no signal
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(removed.count(), 0);
}

void TestDialogHistoryModel::capDropsOldestFirstInOneBatch()
{
    History history(5);
    QAbstractItemModelTester tester(&history, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy inserted(&history, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&history, &QAbstractItemModel::rowsRemoved);
    QSignalSpy reset(&history, &QAbstractItemModel::modelReset);

    history.append(DialogRows::range(0, 3, 5), 0);
    history.append(DialogRows::range(3, 4, 5), 0);
    QCOMPARE(history.rowCount(), 5);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 0);
    QCOMPARE(removed.at(0).at(2).toInt(), 1);
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(inserted.at(1).at(1).toInt(), 1); // after the two oldest left
    QCOMPARE(inserted.at(1).at(2).toInt(), 4);
    for (int row = 0; row < 5; ++row)
    {
        QCOMPARE(history.rowAt(row).key, quint64(row + 2));
    }
    QCOMPARE(reset.count(), 0);
}

void TestDialogHistoryModel::burstAboveCapKeepsNewest()
{
    History history(4);
    QAbstractItemModelTester tester(&history, QAbstractItemModelTester::FailureReportingMode::Fatal);
    history.append(DialogRows::range(0, 2, 5), 0);
    QSignalSpy inserted(&history, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&history, &QAbstractItemModel::rowsRemoved);
    history.append(DialogRows::range(10, 10, 5), 0);
    QCOMPARE(removed.count(), 1); // all the old rows in one batch
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(history.rowCount(), 4);
    QCOMPARE(history.rowAt(0).key, quint64(16));
    QCOMPARE(history.rowAt(3).key, quint64(19));
}

void TestDialogHistoryModel::loweringTheCapTrims()
{
    History history(10);
    QAbstractItemModelTester tester(&history, QAbstractItemModelTester::FailureReportingMode::Fatal);
    history.append(DialogRows::range(0, 10, 5), 0);
    QSignalSpy removed(&history, &QAbstractItemModel::rowsRemoved);
    history.setCapacity(3);
    QCOMPARE(history.capacity(), 3);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(history.rowCount(), 3);
    QCOMPARE(history.rowAt(0).key, quint64(7));
    history.setCapacity(0);
    QCOMPARE(history.capacity(), 1);
    QCOMPARE(history.rowCount(), 1);
}

void TestDialogHistoryModel::columnsAndRoles()
{
    History history;
    QAbstractItemModelTester tester(&history, QAbstractItemModelTester::FailureReportingMode::Fatal);
    DialogRow failed = DialogRows::make(3, 5);
    failed.dialog.startTs = 0; // never answered
    failed.dialog.endTs = 0;   // and destroyed without an end stamp
    history.append({DialogRows::make(2, 5), failed}, (DialogRows::BaseSec + 7) * 1000);
    const auto cell = [&history](const int row, const int column, const int role = Qt::DisplayRole) {
        return history.index(row, column).data(role);
    };
    QCOMPARE(cell(0, History::DurationColumn).toString(), u"0:00:50"_s);
    QCOMPARE(cell(0, History::DurationColumn, History::RawValueRole).toLongLong(), 50);
    QCOMPARE(cell(0, History::EndedColumn, History::RawValueRole).toLongLong(), DialogRows::BaseSec);
    QCOMPARE(cell(1, History::EndedColumn, History::RawValueRole).toLongLong(), DialogRows::BaseSec + 7);
    QVERIFY(!cell(1, History::DurationColumn, History::RawValueRole).isValid());
    QCOMPARE(cell(1, History::DurationColumn, Qt::ToolTipRole).toString(), u"Not answered"_s);
    QCOMPARE(cell(0, History::StateColumn).toString(), u"Deleted"_s);
    QCOMPARE(cell(0, History::StateColumn, History::RawValueRole).toInt(), 5);
    QVERIFY(!cell(0, History::StateColumn, Qt::DecorationRole).value<QIcon>().isNull());
    QCOMPARE(cell(0, History::CallIdColumn).toString(), u"Call-2@Test.Invalid"_s);
    QCOMPARE(cell(0, History::FromColumn).toString(), u"sip:alice2@example.com"_s);
    QCOMPARE(cell(0, History::ToColumn, Qt::ToolTipRole).toString(), u"sip:bob2@example.net"_s);
    QCOMPARE(cell(0, History::OriginColumn).toString(), u"mirror"_s);
    QCOMPARE(cell(0, History::IdColumn).toString(), u"2:3"_s);
    QVERIFY(!cell(0, History::ProfilesColumn, History::RawValueRole).isValid()); // empty sorts last
    QCOMPARE(cell(0, History::CalleeContactColumn).toString(), u"sip:bob@10.0.0.2:5060"_s);
    QCOMPARE(cell(0, History::IdColumn, Qt::TextAlignmentRole).toInt(),
             int(Qt::AlignRight | Qt::AlignVCenter));
    QCOMPARE(cell(1, History::CallIdColumn, History::KeyRole).toULongLong(), quint64(3));
    QCOMPARE(history.headerData(History::EndedColumn, Qt::Horizontal).toString(), u"Ended"_s);
    QCOMPARE(history.endedAt(1), DialogRows::BaseSec + 7);
}

void TestDialogHistoryModel::takesWhatLeavesTheLiveTable()
{
    qint64 now = DialogRows::BaseSec * 1000;
    History history(2);
    QAbstractItemModelTester tester(&history, QAbstractItemModelTester::FailureReportingMode::Fatal);
    DialogTableModel live;
    QAbstractItemModelTester liveTester(&live, QAbstractItemModelTester::FailureReportingMode::Fatal);
    live.setClock([&now] { return now; });
    live.setTickIntervalMs(0);
    live.setHistory(&history);
    QCOMPARE(live.history(), &history);
    live.apply(DialogRows::upserts(DialogRows::range(0, 6)));
    live.apply(DialogRows::upserts({DialogRows::make(1, 5), DialogRows::make(3, 5), DialogRows::make(4, 5)}));
    QSignalSpy inserted(&history, &QAbstractItemModel::rowsInserted);
    now += DialogTableModel::DefaultLingerMs;
    live.tick();
    QCOMPARE(inserted.count(), 1); // one insert per tick, capped: the newest two
    QCOMPARE(history.rowCount(), 2);
    QCOMPARE(history.rowAt(0).key, quint64(3));
    QCOMPARE(history.rowAt(1).key, quint64(4));
}

void TestDialogHistoryModel::clearResets()
{
    History history;
    QAbstractItemModelTester tester(&history, QAbstractItemModelTester::FailureReportingMode::Fatal);
    history.append(DialogRows::range(0, 3, 5), 0);
    QSignalSpy reset(&history, &QAbstractItemModel::modelReset);
    history.clear();
    QCOMPARE(reset.count(), 1);
    QCOMPARE(history.rowCount(), 0);
}

QTEST_MAIN(TestDialogHistoryModel)
#include "tst_dialoghistorymodel.moc"
