// SPDX-License-Identifier: GPL-3.0-or-later
#include <atomic>
#include <memory>
#include <vector>

#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include "backend/eventlog.h"

using namespace Qt::StringLiterals;

class TestEventLog final : public QObject
{
    Q_OBJECT

private slots:
    void emptyLog();
    void keepsOrderAndFields();
    void capDropsOldestFirst();
    void entriesSinceReturnsOnlyNewEntries();
    void entriesSinceSkipsWhatWasDropped();
    void capacityIsAtLeastOne();
    void emitsEntryAdded();
    void appendFromSeveralThreads();
};

void TestEventLog::emptyLog()
{
    const EventLog log;
    QCOMPARE(log.capacity(), EventLog::DefaultCapacity);
    QCOMPARE(log.capacity(), 20000);
    QCOMPARE(log.size(), 0);
    QCOMPARE(log.totalAppended(), 0u);
    QCOMPARE(log.dropped(), 0u);
    QVERIFY(log.entries().isEmpty());
}

void TestEventLog::keepsOrderAndFields()
{
    EventLog log(10);
    const QDateTime before = QDateTime::currentDateTime();
    log.append(EventLogEntry::Severity::Info, u"app"_s, u"first"_s);
    log.append(EventLogEntry::Severity::Warning, u"hep"_s, u"second"_s);
    const QDateTime stamp(QDate(2024, 5, 1), QTime(12, 0));
    log.append(EventLogEntry{stamp, EventLogEntry::Severity::Error, u"rpc"_s, u"third"_s});

    const QList<EventLogEntry> entries = log.entries();
    QCOMPARE(entries.size(), 3);
    QCOMPARE(entries[0].message, u"first"_s);
    QCOMPARE(entries[0].source, u"app"_s);
    QCOMPARE(entries[0].severity, EventLogEntry::Severity::Info);
    QVERIFY(entries[0].time >= before);
    QVERIFY(entries[0].time <= QDateTime::currentDateTime());
    QCOMPARE(entries[1].severity, EventLogEntry::Severity::Warning);
    QCOMPARE(entries[1].message, u"second"_s);
    QCOMPARE(entries[2].time, stamp);
    QCOMPARE(entries[2].severity, EventLogEntry::Severity::Error);
    QCOMPARE(log.totalAppended(), 3u);
    QCOMPARE(log.dropped(), 0u);
}

void TestEventLog::capDropsOldestFirst()
{
    EventLog log(5);
    for (int i = 0; i < 12; ++i)
    {
        log.append(EventLogEntry::Severity::Info, u"t"_s, QString::number(i));
    }
    QCOMPARE(log.size(), 5);
    QCOMPARE(log.totalAppended(), 12u);
    QCOMPARE(log.dropped(), 7u);
    const QList<EventLogEntry> entries = log.entries();
    QCOMPARE(entries.size(), 5);
    for (int i = 0; i < 5; ++i)
    {
        QCOMPARE(entries[i].message, QString::number(7 + i)); // 7..11, oldest first
    }
}

void TestEventLog::entriesSinceReturnsOnlyNewEntries()
{
    EventLog log(100);
    quint64 cursor = 0;
    QVERIFY(log.entriesSince(cursor).isEmpty());
    QCOMPARE(cursor, 0u);

    log.append(EventLogEntry::Severity::Info, u"t"_s, u"a"_s);
    log.append(EventLogEntry::Severity::Info, u"t"_s, u"b"_s);
    QList<EventLogEntry> fresh = log.entriesSince(cursor);
    QCOMPARE(fresh.size(), 2);
    QCOMPARE(fresh[0].message, u"a"_s);
    QCOMPARE(cursor, 2u);
    QVERIFY(log.entriesSince(cursor).isEmpty());

    log.append(EventLogEntry::Severity::Info, u"t"_s, u"c"_s);
    fresh = log.entriesSince(cursor);
    QCOMPARE(fresh.size(), 1);
    QCOMPARE(fresh[0].message, u"c"_s);
    QCOMPARE(cursor, 3u);

    // A cursor from the future (a misuse) yields nothing and is pulled back.
    quint64 ahead = 99;
    QVERIFY(log.entriesSince(ahead).isEmpty());
    QCOMPARE(ahead, 3u);
}

void TestEventLog::entriesSinceSkipsWhatWasDropped()
{
    EventLog log(4);
    quint64 cursor = 0;
    log.append(EventLogEntry::Severity::Info, u"t"_s, u"0"_s);
    QCOMPARE(log.entriesSince(cursor).size(), 1); // cursor 1
    for (int i = 1; i <= 9; ++i)
    {
        log.append(EventLogEntry::Severity::Info, u"t"_s, QString::number(i));
    }
    const QList<EventLogEntry> fresh = log.entriesSince(cursor);
    QCOMPARE(cursor, 10u);
    QCOMPARE(fresh.size(), 4); // 6..9 are kept; 1..5 were dropped unseen
    QCOMPARE(fresh.first().message, u"6"_s);
    QCOMPARE(fresh.last().message, u"9"_s);
}

void TestEventLog::capacityIsAtLeastOne()
{
    EventLog log(0);
    QCOMPARE(log.capacity(), 1);
    log.append(EventLogEntry::Severity::Info, u"t"_s, u"a"_s);
    log.append(EventLogEntry::Severity::Info, u"t"_s, u"b"_s);
    QCOMPARE(log.size(), 1);
    QCOMPARE(log.entries().constFirst().message, u"b"_s);
    QCOMPARE(log.dropped(), 1u);
}

void TestEventLog::emitsEntryAdded()
{
    EventLog log(3);
    QSignalSpy spy(&log, &EventLog::entryAdded);
    log.append(EventLogEntry::Severity::Warning, u"src"_s, u"msg"_s);
    QCOMPARE(spy.count(), 1);
    const auto entry = spy.at(0).at(0).value<EventLogEntry>();
    QCOMPARE(entry.message, u"msg"_s);
    QCOMPARE(entry.source, u"src"_s);
    QCOMPARE(entry.severity, EventLogEntry::Severity::Warning);
}

void TestEventLog::appendFromSeveralThreads()
{
    constexpr int Threads = 6;
    constexpr int PerThread = 5000;
    constexpr int Capacity = 4096;
    EventLog log(Capacity);
    std::atomic<int> emitted{0};
    connect(
        &log, &EventLog::entryAdded, &log, [&emitted] { ++emitted; }, Qt::DirectConnection);

    std::vector<std::unique_ptr<QThread>> threads;
    for (int t = 0; t < Threads; ++t)
    {
        threads.emplace_back(QThread::create([&log, t] {
            for (int i = 0; i < PerThread; ++i)
            {
                log.append(EventLogEntry::Severity::Info, QString::number(t), QString::number(i));
            }
        }));
    }
    for (auto &thread : threads)
    {
        thread->start();
    }
    for (auto &thread : threads)
    {
        QVERIFY(thread->wait(60000));
    }

    QCOMPARE(log.totalAppended(), quint64(Threads * PerThread));
    QCOMPARE(log.size(), Capacity);
    QCOMPARE(log.dropped(), quint64(Threads * PerThread - Capacity));
    QCOMPARE(emitted.load(), Threads * PerThread);

    // Within each thread the kept entries stay in that thread's order, and none is torn.
    std::vector<int> last(Threads, -1);
    const QList<EventLogEntry> entries = log.entries();
    QCOMPARE(entries.size(), Capacity);
    for (const EventLogEntry &entry : entries)
    {
        bool okThread = false;
        bool okIndex = false;
        const int t = entry.source.toInt(&okThread);
        const int i = entry.message.toInt(&okIndex);
        QVERIFY(okThread && okIndex);
        QVERIFY(t >= 0 && t < Threads);
        QVERIFY2(i > last[static_cast<std::size_t>(t)], "entries of one thread out of order");
        last[static_cast<std::size_t>(t)] = i;
    }
    // Every thread's final entry is among the newest: nothing appended after it could push it out
    // unless more than Capacity entries followed, which is not possible for the last writer.
    int finals = 0;
    for (int t = 0; t < Threads; ++t)
    {
        finals += last[static_cast<std::size_t>(t)] == PerThread - 1 ? 1 : 0;
    }
    QVERIFY(finals >= 1);
}

QTEST_GUILESS_MAIN(TestEventLog)
#include "tst_eventlog.moc"
