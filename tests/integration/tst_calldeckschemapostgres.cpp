// SPDX-License-Identifier: GPL-3.0-or-later
// CallDeck's own tables on a real PostgreSQL 15 server started by the test (issue #9): created
// beside Kamailio's dialog tables with their version rows and PostgreSQL types (BYTEA, BIGSERIAL),
// used for real by the charts' history (BYTEA chunks round-trip), the audit log, the alarms'
// history and the feeds' state (upserts); an older table migrated with its rows kept, a failing
// migration rolled back (PostgreSQL's DDL is transactional), a newer table refused.
#include <csignal>

#include <QDateTime>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

#include "backend/alarmhistory.h"
#include "backend/auditlog.h"
#include "backend/calldeckschema.h"
#include "backend/controlrequest.h"
#include "backend/dialogstoreschema.h"
#include "backend/feedstaterecorder.h"
#include "backend/samplestore.h"
#include "backend/sourceregistry.h"
#include "backend/storeurl.h"
#include "tests/integration/harness/postgresinstance.h"

using namespace Qt::StringLiterals;
using calldeck::integration::PostgresInstance;

namespace
{

using Dialect = CallDeckSchema::Dialect;

/// "calldeck_test" at version 1..3 (v2 adds `note`, v3 an index); @p broken: 2 → 3 fails.
CallDeckSchema::Table testTable(int version, bool broken = false)
{
    CallDeckSchema::Table t;
    t.name = u"calldeck_test"_s;
    t.version = version;
    t.create = [version](Dialect d) {
        return QStringList{u"CREATE TABLE calldeck_test (%1, name VARCHAR(64) NOT NULL%2)"_s.arg(
            CallDeckSchema::idColumn(d),
            version >= 2 ? u", note VARCHAR(64) DEFAULT '' NOT NULL"_s : QString())};
    };
    if (version >= 2)
    {
        t.migrations.append([](Dialect) {
            return QStringList{u"ALTER TABLE calldeck_test ADD COLUMN note VARCHAR(64) DEFAULT '' NOT NULL"_s,
                               u"UPDATE calldeck_test SET note = 'from v1'"_s};
        });
    }
    if (version >= 3)
    {
        t.migrations.append([broken](Dialect) {
            QStringList s{u"CREATE INDEX calldeck_test_note_idx ON calldeck_test (note)"_s};
            if (broken)
            {
                s.append(u"UPDATE calldeck_test SET nowhere = 1"_s);
            }
            return s;
        });
    }
    return t;
}

std::vector<std::uint32_t> hour(std::uint32_t base)
{
    std::vector<std::uint32_t> v(SampleStore::SecondsPerChunk);
    for (std::size_t i = 0; i < v.size(); ++i)
    {
        v[i] = base + std::uint32_t(i);
    }
    v[0] = 0xffffffffu; // every byte value crosses BYTEA
    return v;
}

} // namespace

class TestCallDeckSchemaPostgres final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void tablesBesideTheDialogTables();
    void ownTablesInUse();
    void migrationsAndRefusal();
    void cleanupTestCase();

private:
    StoreUrl url() const;
    QStringList query(const QString &sql);

    std::unique_ptr<PostgresInstance> m_pg;
};

StoreUrl TestCallDeckSchemaPostgres::url() const
{
    QString error;
    const auto parsed = StoreUrl::parse(m_pg->url(), &error);
    Q_ASSERT(parsed);
    return *parsed;
}

QStringList TestCallDeckSchemaPostgres::query(const QString &sql)
{
    QString output;
    if (!m_pg->runSql(sql, &output))
    {
        return {u"error: "_s + m_pg->errorString()};
    }
    return output.split(u'\n', Qt::SkipEmptyParts);
}

void TestCallDeckSchemaPostgres::initTestCase()
{
    m_pg = std::make_unique<PostgresInstance>();
    QVERIFY2(m_pg->start(), qPrintable(m_pg->errorString()));
    qInfo().noquote() << u"PostgreSQL on %1 (PID %2)"_s.arg(url().display()).arg(m_pg->pid());
}

void TestCallDeckSchemaPostgres::init()
{
    QVERIFY2(m_pg->isRunning(), "the server of the test stopped");
    QVERIFY2(
        m_pg->runSql(u"DROP TABLE IF EXISTS dialog, dialog_vars, version, calldeck_series, calldeck_chunk, "
                     u"calldeck_audit, calldeck_alarm, calldeck_feed, calldeck_test CASCADE"_s),
        qPrintable(m_pg->errorString()));
}

void TestCallDeckSchemaPostgres::tablesBesideTheDialogTables()
{
    QString error;
    QVERIFY2(CallDeckSchema::open(url(), u"pg"_s, &error), qPrintable(error));
    {
        QSqlDatabase db = QSqlDatabase::database(u"pg"_s, false);
        QVERIFY2(DialogStoreSchema::ensure(db, &error), qPrintable(error));
        QVERIFY2(CallDeckSchema::ensure(db, &error), qPrintable(error)); // again: nothing to do
    }
    CallDeckSchema::close(u"pg"_s);
    QCOMPARE(query(u"SELECT table_name, table_version FROM version ORDER BY table_name"_s),
             (QStringList{u"calldeck_alarm|1"_s, u"calldeck_audit|1"_s, u"calldeck_chunk|1"_s,
                          u"calldeck_feed|1"_s, u"calldeck_series|1"_s, u"dialog|7"_s, u"dialog_vars|1"_s,
                          u"version|1"_s}));
    QCOMPARE(
        query(u"SELECT table_name || '.' || column_name || ' ' || data_type FROM information_schema.columns "
              u"WHERE (table_name, column_name) IN (('calldeck_chunk', 'data'), ('calldeck_audit', 'id'), "
              u"('calldeck_audit', 'time_ms')) ORDER BY 1"_s),
        (QStringList{u"calldeck_audit.id bigint"_s, u"calldeck_audit.time_ms bigint"_s,
                     u"calldeck_chunk.data bytea"_s}));
    QCOMPARE(query(u"SELECT count(*) FROM pg_indexes WHERE tablename = 'calldeck_audit'"_s),
             QStringList{u"5"_s}); // the key and time, user, method, ok
}

void TestCallDeckSchemaPostgres::ownTablesInUse()
{
    QString error;
    // The charts' history: BYTEA chunks come back equal; a chunk written again replaces it.
    {
        SampleStore samples(url());
        QVERIFY2(samples.open(&error), qPrintable(error));
        QVERIFY2(samples.write(u"profile:trunk"_s, 36000, hour(1), &error), qPrintable(error));
        QVERIFY2(samples.write(u"profile:trunk"_s, 36000, hour(2), &error), qPrintable(error));
        QVERIFY2(samples.write(u"calls:new"_s, 39600, hour(3), &error), qPrintable(error));
        std::vector<SampleStore::Chunk> chunks;
        QVERIFY2(samples.load(0, chunks, &error), qPrintable(error));
        QCOMPARE(chunks.size(), std::size_t(2));
        QCOMPARE(chunks[0].values, hour(2));
        QCOMPARE(chunks[1].series, u"calls:new"_s);
        QVERIFY2(samples.prune(39600, &error), qPrintable(error));
    }
    QCOMPARE(query(u"SELECT hour, length(data) FROM calldeck_chunk"_s), QStringList{u"39600|14400"_s});
    // The audit log.
    {
        AuditLog audit(url());
        audit.setUser(u"noc-pg"_s);
        ControlRequest r;
        r.action = DialogAction::SetTimeout;
        r.callId = "pg-call";
        r.seconds = 30;
        QVERIFY(audit.record(r, ControlResult::failure(404, u"no such dialog"_s)));
        QCOMPARE(audit.read().size(), 1);
        QCOMPARE(audit.read().first().value(u"dialog"_s).toObject().value(u"callId"_s).toString(),
                 u"pg-call"_s);
    }
    QCOMPARE(query(u"SELECT user_name, method, ok FROM calldeck_audit"_s),
             QStringList{u"noc-pg|calldeck.set_timeout|0"_s});
    // The alarms' history.
    {
        AlarmHistory history(url());
        AlarmEvent e;
        e.alarm.id = 7;
        e.alarm.rule = u"trunk full"_s;
        e.alarm.raisedMs = 1000;
        e.alarm.what = u"trunk 31 ≥ 30"_s;
        QVERIFY(history.record(e, 1000));
        const QList<AlarmEvent> events = history.read(0, &error);
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.first().alarm.what, u"trunk 31 ≥ 30"_s);
    }
    // The feeds' state: inserted, then updated in place.
    SourceRegistry sources;
    const quint16 udp = sources.add(u"hep-udp"_s, u"udp 127.0.0.1:9060"_s);
    sources.setState(udp, SourceHealth::State::Running);
    FeedStateRecorder feeds(url(), sources);
    QVERIFY(feeds.flush(1000));
    sources.countReceived(udp, 3, 300);
    QVERIFY(feeds.flush(2000));
    QCOMPARE(query(u"SELECT name, address, state, packets, updated_ms FROM calldeck_feed"_s),
             QStringList{u"udp 127.0.0.1:9060|127.0.0.1:9060|running|3|2000"_s});
}

void TestCallDeckSchemaPostgres::migrationsAndRefusal()
{
    QString error;
    QVERIFY2(url().open(u"pgm"_s, &error), qPrintable(error));
    {
        QSqlDatabase db = QSqlDatabase::database(u"pgm"_s, false);
        QVERIFY2(CallDeckSchema::ensure(db, {testTable(1)}, &error), qPrintable(error));
        QSqlQuery q(db);
        QVERIFY(q.exec(u"INSERT INTO calldeck_test (name) VALUES ('a'), ('b')"_s));
        // A failing step: the whole migration is rolled back, the column of step 1 → 2 too.
        QVERIFY(!CallDeckSchema::ensure(db, {testTable(3, true)}, &error));
        QVERIFY2(error.contains(u"Nothing was changed"_s), qPrintable(error));
        QCOMPARE(CallDeckSchema::versionOf(db, u"calldeck_test"_s), 1);
        QVERIFY(!db.record(u"calldeck_test"_s).contains(u"note"_s));
        // The working one: 1 → 3, rows kept.
        QVERIFY2(CallDeckSchema::ensure(db, {testTable(3)}, &error), qPrintable(error));
        QCOMPARE(CallDeckSchema::versionOf(db, u"calldeck_test"_s), 3);
        // A table of a newer CallDeck.
        QVERIFY2(CallDeckSchema::ensure(db, &error), qPrintable(error));
        QVERIFY(q.exec(u"UPDATE version SET table_version = 9 WHERE table_name = 'calldeck_audit'"_s));
        QVERIFY(!CallDeckSchema::ensure(db, &error));
        QVERIFY2(error.contains(u"Upgrade CallDeck"_s), qPrintable(error));
    }
    CallDeckSchema::close(u"pgm"_s);
    QCOMPARE(query(u"SELECT name || ':' || note FROM calldeck_test ORDER BY id"_s),
             (QStringList{u"a:from v1"_s, u"b:from v1"_s}));
    QCOMPARE(
        query(
            u"SELECT indexname FROM pg_indexes WHERE tablename = 'calldeck_test' AND indexname LIKE '%note%'"_s),
        QStringList{u"calldeck_test_note_idx"_s});
}

void TestCallDeckSchemaPostgres::cleanupTestCase()
{
    if (m_pg)
    {
        const qint64 pid = m_pg->pid();
        m_pg->stop();
        QVERIFY2(pid <= 0 || ::kill(pid_t(pid), 0) != 0, "the server of the test is still running");
    }
}

QTEST_GUILESS_MAIN(TestCallDeckSchemaPostgres)
#include "tst_calldeckschemapostgres.moc"
