// SPDX-License-Identifier: GPL-3.0-or-later
// The alarms' history and the feeds' last state in CallDeck's store (issue #9): every event
// AlarmMonitor publishes (raise, acknowledgement, ...) is a row of calldeck_alarm that reads back
// as it was; the feeds' rows of calldeck_feed are written when they changed and at most once a
// second; a store that cannot be written goes to the event log once and nothing else stops.
#include <QDateTime>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include "backend/alarmhistory.h"
#include "backend/alarmmonitor.h"
#include "backend/eventlog.h"
#include "backend/feedstaterecorder.h"
#include "backend/sourceregistry.h"
#include "proxytestbed.h"

using namespace Qt::StringLiterals;

namespace
{

/// The rows of @p sql on the store @p path, each row's columns joined with '|'.
QStringList rows(const QString &path, const QString &sql)
{
    QStringList out;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"check"_s);
        db.setDatabaseName(path);
        QSqlQuery q(db);
        if (db.open() && q.exec(sql))
        {
            while (q.next())
            {
                QStringList columns;
                for (int i = 0; i < q.record().count(); ++i)
                {
                    columns.append(q.value(i).toString());
                }
                out.append(columns.join(u'|'));
            }
        }
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(u"check"_s);
    return out;
}

} // namespace

class TestStoreRecorders final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void alarmEventsAreKept();
    void feedsWrittenOnChangeAtMostOnceASecond();
    void unwritableStoreGoesToTheEventLogOnce();

private:
    QTemporaryDir m_dir;
};

void TestStoreRecorders::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // no stored alarm rules
    QVERIFY(m_dir.isValid());
}

void TestStoreRecorders::alarmEventsAreKept()
{
    const QString path = m_dir.filePath(u"alarms.db"_s);
    ProxyTestBed bed;
    const quint16 feed = bed.sources().add(u"hep-udp"_s, u"udp 127.0.0.1:9"_s);
    bed.sources().setState(feed, SourceHealth::State::Running);
    EventLog log;
    AlarmMonitor monitor(bed.worker(), bed.sources(), nullptr, &log);
    AlarmHistory history(StoreUrl::sqliteFile(path), &log);
    history.attach(monitor);
    monitor.start();
    AlarmRule rule;
    rule.name = u"mirror silent"_s;
    rule.kind = AlarmRule::Kind::FeedSilent;
    rule.target = u"127.0.0.1:9"_s;
    rule.seconds = 1;
    rule.severity = AlarmRule::Severity::Major;
    monitor.setRules({rule});
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    QTRY_VERIFY_WITH_TIMEOUT(monitor.attentionCount() == 1, 10'000);
    const quint64 id = monitor.alarms().front().id;
    monitor.acknowledge(id);

    QString error;
    const QList<AlarmEvent> events = history.read(before, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(events.size(), 2);
    QCOMPARE(events.at(0).type, AlarmEvent::Type::Raised);
    QCOMPARE(events.at(1).type, AlarmEvent::Type::Acknowledged);
    const Alarm &stored = events.at(1).alarm;
    const Alarm &live = monitor.alarms().front();
    QCOMPARE(stored.id, live.id);
    QCOMPARE(stored.rule, u"mirror silent"_s);
    QCOMPARE(stored.kind, AlarmRule::Kind::FeedSilent);
    QCOMPARE(stored.severity, AlarmRule::Severity::Major);
    QCOMPARE(stored.raisedMs, live.raisedMs);
    QCOMPARE(stored.what, live.what);
    QVERIFY(stored.acknowledged);
    QVERIFY(!events.at(0).alarm.acknowledged);
    QCOMPARE(rows(path, u"SELECT event, rule, severity FROM calldeck_alarm ORDER BY id"_s),
             (QStringList{u"raised|mirror silent|major"_s, u"acknowledged|mirror silent|major"_s}));
    // Nothing since a later time.
    QVERIFY(history.read(QDateTime::currentMSecsSinceEpoch() + 1000, &error).isEmpty());
}

void TestStoreRecorders::feedsWrittenOnChangeAtMostOnceASecond()
{
    const QString path = m_dir.filePath(u"feeds.db"_s);
    SourceRegistry sources;
    const quint16 udp = sources.add(u"hep-udp"_s, u"udp 127.0.0.1:9060"_s);
    const quint16 replay = sources.add(u"replay"_s, u"calls.pcap"_s);
    sources.setState(udp, SourceHealth::State::Running);
    sources.setState(replay, SourceHealth::State::Failed, u"not a capture file"_s);
    FeedStateRecorder recorder(StoreUrl::sqliteFile(path), sources);
    QVERIFY(recorder.flush(1000));
    QCOMPARE(recorder.rowsWritten(), 2);
    QCOMPARE(rows(path,
                  u"SELECT name, kind, address, state, last_error, packets, updated_ms FROM calldeck_feed "
                  u"ORDER BY name"_s),
             (QStringList{u"calls.pcap|replay|calls.pcap|failed|not a capture file|0|1000"_s,
                          u"udp 127.0.0.1:9060|hep-udp|127.0.0.1:9060|running||0|1000"_s}));
    QVERIFY(recorder.flush(2000)); // nothing changed: nothing written
    QCOMPARE(recorder.rowsWritten(), 2);
    sources.countReceived(udp, 5, 500);
    QVERIFY(recorder.flush(3000)); // one feed changed: one row
    QCOMPARE(recorder.rowsWritten(), 3);
    QCOMPARE(rows(path, u"SELECT packets, bytes, updated_ms FROM calldeck_feed WHERE kind = 'hep-udp'"_s),
             QStringList{u"5|500|3000"_s});

    // Counters that change all the time: written once a second, not at each change.
    QTimer traffic;
    QObject::connect(&traffic, &QTimer::timeout, &traffic, [&] { sources.countReceived(udp, 1, 100); });
    traffic.start(20);
    recorder.start(10); // asks for 10 ms: at least 1 000 are used
    QTest::qWait(2500);
    traffic.stop();
    const int written = recorder.rowsWritten() - 3;
    QVERIFY2(written >= 1 && written <= 3, qPrintable(QString::number(written)));
    recorder.stop(); // the last state goes in
    const SourceHealth last = sources.source(udp);
    QCOMPARE(rows(path, u"SELECT packets FROM calldeck_feed WHERE kind = 'hep-udp'"_s),
             QStringList{QString::number(last.packets)});
    // A restart: the last state is there before any feed runs.
    QCOMPARE(rows(path, u"SELECT COUNT(*) FROM calldeck_feed"_s), QStringList{u"2"_s});
}

void TestStoreRecorders::unwritableStoreGoesToTheEventLogOnce()
{
    const QString blocker = m_dir.filePath(u"blocker"_s);
    QFile file(blocker);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    const StoreUrl nowhere = StoreUrl::sqliteFile(blocker + u"/calldeck.db"_s); // its directory is a file
    EventLog log;
    SourceRegistry sources;
    const quint16 udp = sources.add(u"hep-udp"_s, u"udp 127.0.0.1:9060"_s);
    FeedStateRecorder recorder(nowhere, sources, &log);
    QVERIFY(!recorder.flush(1000));
    sources.countReceived(udp, 1, 100);
    QVERIFY(!recorder.flush(2000));
    AlarmHistory history(nowhere, &log);
    AlarmEvent event;
    event.alarm.rule = u"r"_s;
    QVERIFY(!history.record(event, 1000));
    QVERIFY(!history.record(event, 2000));
    const QList<EventLogEntry> entries = log.entries();
    QCOMPARE(entries.size(), 2); // once per outage and writer, not per write
    QVERIFY2(entries.at(0).message.contains(u"Cannot write the feeds' state"_s) &&
                 entries.at(0).message.contains(u"The feeds still run"_s),
             qPrintable(entries.at(0).message));
    QVERIFY2(entries.at(1).message.contains(u"Cannot write the alarms' history"_s) &&
                 entries.at(1).message.contains(u"Alarms still work"_s),
             qPrintable(entries.at(1).message));
}

QTEST_GUILESS_MAIN(TestStoreRecorders)
#include "tst_storerecorders.moc"
