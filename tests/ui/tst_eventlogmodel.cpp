// SPDX-License-Identifier: GPL-3.0-or-later
#include <memory>

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include "backend/eventlog.h"
#include "ui/eventlogmodel.h"

using namespace Qt::StringLiterals;

class TestEventLogModel final : public QObject
{
    Q_OBJECT

private slots:
    void takesWhatWasLoggedBefore();
    void oneInsertPerTick();
    void noWorkWithoutEntries();
    void capRemovesOldestInOneBatch();
    void burstAboveCapKeepsNewest();
    void entriesDroppedByTheLogAreCounted();
    void refreshIntervalIsHonoured();
    void appendFromWorkerThread();
    void rolesAndHeaders();
};

namespace
{
void appendMany(EventLog &log, int from, int count)
{
    for (int i = from; i < from + count; ++i)
    {
        log.append(EventLogEntry::Severity::Info, u"test"_s, QString::number(i));
    }
}
} // namespace

void TestEventLogModel::takesWhatWasLoggedBefore()
{
    EventLog log;
    appendMany(log, 0, 3);
    EventLogModel model(&log);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), 4);
    QCOMPARE(model.capacity(), log.capacity());
    QCOMPARE(model.index(2, EventLogModel::MessageColumn).data().toString(), u"2"_s);
}

void TestEventLogModel::oneInsertPerTick()
{
    EventLog log;
    EventLogModel model(&log);
    model.setRefreshIntervalMs(50);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

    appendMany(log, 0, 100);
    QCOMPARE(inserted.count(), 0); // nothing happens per entry
    QVERIFY(inserted.wait(5000));
    QTest::qWait(200); // several more intervals: still one insert
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 99);
    QCOMPARE(model.rowCount(), 100);
    QCOMPARE(reset.count(), 0);

    appendMany(log, 100, 5);
    QVERIFY(inserted.wait(5000));
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(inserted.at(1).at(1).toInt(), 100);
    QCOMPARE(inserted.at(1).at(2).toInt(), 104);
    QCOMPARE(model.index(104, EventLogModel::MessageColumn).data().toString(), u"104"_s);
    QCOMPARE(reset.count(), 0);
}

void TestEventLogModel::noWorkWithoutEntries()
{
    EventLog log;
    EventLogModel model(&log);
    model.setRefreshIntervalMs(20);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.flush();
    QTest::qWait(100);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(model.rowCount(), 0);
}

void TestEventLogModel::capRemovesOldestInOneBatch()
{
    EventLog log;
    EventLogModel model(&log, 10);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);

    appendMany(log, 0, 8);
    model.flush();
    QCOMPARE(model.rowCount(), 8);
    QCOMPARE(removed.count(), 0);

    appendMany(log, 8, 5); // 13 > 10: the 3 oldest go, in one removal
    model.flush();
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 0);
    QCOMPARE(removed.at(0).at(2).toInt(), 2);
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(inserted.at(1).at(1).toInt(), 5);
    QCOMPARE(inserted.at(1).at(2).toInt(), 9);
    QCOMPARE(model.index(0, EventLogModel::MessageColumn).data().toString(), u"3"_s);
    QCOMPARE(model.index(9, EventLogModel::MessageColumn).data().toString(), u"12"_s);
    QCOMPARE(model.missed(), 0u);
}

void TestEventLogModel::burstAboveCapKeepsNewest()
{
    EventLog log;
    EventLogModel model(&log, 10);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    appendMany(log, 0, 4);
    model.flush();
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);

    appendMany(log, 4, 25); // more than the cap in one tick
    model.flush();
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(removed.count(), 1); // the 4 old rows
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.index(0, EventLogModel::MessageColumn).data().toString(), u"19"_s);
    QCOMPARE(model.index(9, EventLogModel::MessageColumn).data().toString(), u"28"_s);
    QCOMPARE(model.missed(), 15u);
}

void TestEventLogModel::entriesDroppedByTheLogAreCounted()
{
    EventLog log(5);
    EventLogModel model(&log);
    QCOMPARE(model.capacity(), 5);
    appendMany(log, 0, 12);
    model.flush();
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.missed(), 7u);
    QCOMPARE(model.index(0, EventLogModel::MessageColumn).data().toString(), u"7"_s);
}

void TestEventLogModel::refreshIntervalIsHonoured()
{
    EventLog log;
    EventLogModel model(&log);
    QCOMPARE(model.refreshIntervalMs(), EventLogModel::DefaultRefreshIntervalMs);
    model.setRefreshIntervalMs(1000);
    QCOMPARE(model.refreshIntervalMs(), 1000);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QElapsedTimer clock;
    clock.start();
    appendMany(log, 0, 1);
    QTest::qWait(300);
    QCOMPARE(inserted.count(), 0);
    QVERIFY(inserted.wait(5000));
    QVERIFY(clock.elapsed() >= 900);
}

void TestEventLogModel::appendFromWorkerThread()
{
    EventLog log;
    EventLogModel model(&log);
    model.setRefreshIntervalMs(20);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    std::unique_ptr<QThread> worker(QThread::create([&log] { appendMany(log, 0, 500); }));
    worker->start();
    QVERIFY(worker->wait(30000));
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 500, 5000);
    QCOMPARE(model.index(499, EventLogModel::MessageColumn).data().toString(), u"499"_s);
}

void TestEventLogModel::rolesAndHeaders()
{
    EventLog log;
    const QDateTime stamp(QDate(2024, 3, 9), QTime(14, 5, 7, 42));
    log.append(EventLogEntry{stamp, EventLogEntry::Severity::Info, u"app"_s, u"started"_s});
    log.append(EventLogEntry{stamp, EventLogEntry::Severity::Warning, u"hep"_s, u"slow"_s});
    log.append(EventLogEntry{stamp, EventLogEntry::Severity::Error, u"rpc"_s, u"down"_s});
    EventLogModel model(&log);

    QCOMPARE(model.headerData(EventLogModel::TimeColumn, Qt::Horizontal).toString(), u"Time"_s);
    QCOMPARE(model.headerData(EventLogModel::SeverityColumn, Qt::Horizontal).toString(), u"Severity"_s);
    QCOMPARE(model.headerData(EventLogModel::SourceColumn, Qt::Horizontal).toString(), u"Source"_s);
    QCOMPARE(model.headerData(EventLogModel::MessageColumn, Qt::Horizontal).toString(), u"Message"_s);

    QCOMPARE(model.index(0, EventLogModel::TimeColumn).data().toString(), u"14:05:07.042"_s);
    QCOMPARE(model.index(0, EventLogModel::TimeColumn).data(EventLogModel::RawValueRole).toDateTime(), stamp);
    QCOMPARE(model.index(0, EventLogModel::SeverityColumn).data().toString(), u"Info"_s);
    QCOMPARE(model.index(1, EventLogModel::SeverityColumn).data().toString(), u"Warning"_s);
    QCOMPARE(model.index(2, EventLogModel::SeverityColumn).data().toString(), u"Error"_s);
    QCOMPARE(model.index(2, EventLogModel::SeverityColumn).data(EventLogModel::RawValueRole).toInt(),
             static_cast<int>(EventLogEntry::Severity::Error));
    QCOMPARE(model.index(1, EventLogModel::SourceColumn).data().toString(), u"hep"_s);
    QCOMPARE(model.index(2, EventLogModel::MessageColumn).data(Qt::ToolTipRole).toString(), u"down"_s);

    QVERIFY(!model.index(0, EventLogModel::MessageColumn).data(Qt::ForegroundRole).isValid());
    QVERIFY(model.index(1, EventLogModel::MessageColumn).data(Qt::ForegroundRole).canConvert<QBrush>());
    QVERIFY(model.index(2, EventLogModel::MessageColumn).data(Qt::ForegroundRole).canConvert<QBrush>());
    QVERIFY(model.index(1, EventLogModel::MessageColumn).data(Qt::ForegroundRole).value<QBrush>().color() !=
            model.index(2, EventLogModel::MessageColumn).data(Qt::ForegroundRole).value<QBrush>().color());

    QSignalSpy headers(&model, &QAbstractItemModel::headerDataChanged);
    model.retranslate();
    QCOMPARE(headers.count(), 1);
}

QTEST_MAIN(TestEventLogModel)
#include "tst_eventlogmodel.moc"
