// SPDX-License-Identifier: GPL-3.0-or-later
// DialogStoreWriter and DialogPersistence (issue #9): changes merged and written off the caller's
// thread in one transaction, a failing store retried without losing a change and reported once,
// db_mode 3 empties the tables at start and dumps at stop, a restore into a real engine.
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "backend/core/corehash.h"
#include "backend/core/dialogengine.h"
#include "backend/dialogpersistence.h"
#include "backend/dialogrestorequeue.h"
#include "backend/dialogstore.h"
#include "backend/dialogstorewriter.h"
#include "tests/support/dialogsamples.h"

using namespace Qt::StringLiterals;
using namespace calldeck::core;
using calldeck::testsupport::sameRows;
using calldeck::testsupport::sampleDialog;
using calldeck::testsupport::tableView;

namespace
{

std::vector<DialogSnapshot> readBack(const QString &path)
{
    DialogStore store;
    QString error;
    if (!store.open(path, &error))
    {
        qWarning() << error;
        return {};
    }
    return store.load(&error).value_or(std::vector<DialogSnapshot>{});
}

/// Runs @p sql on the SQLite file @p path through a connection of its own.
bool exec(const QString &path, const QString &sql)
{
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"writer-test"_s);
        db.setDatabaseName(path);
        ok = db.open() && QSqlQuery(db).exec(sql);
    }
    QSqlDatabase::removeDatabase(u"writer-test"_s);
    return ok;
}

QString variableOf(const DialogSnapshot &d, const std::string &key)
{
    for (const auto &[k, v] : d.variables)
    {
        if (k == key)
        {
            return QString::fromStdString(v);
        }
    }
    return u"(none)"_s;
}

DialogDbChanges upserts(std::initializer_list<std::uint32_t> numbers)
{
    DialogDbChanges c;
    for (const std::uint32_t n : numbers)
    {
        c.upserts.push_back(sampleDialog(n));
    }
    return c;
}

} // namespace

class TestDialogStoreWriter final : public QObject
{
    Q_OBJECT

private slots:
    void writesAndMerges();
    void failingStoreIsRetried();
    void shutdownModeEmptiesAndDumps();
    void refusedRowIsSetAside();
    void persistenceRestoresIntoEngine();
    void delayedModeWritesEachPeriod();
    void streamingRestoreSkipsBadRows();
    void unreachableStoreFailsStart();
};

void TestDialogStoreWriter::writesAndMerges()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"store.db"_s);
    DialogStoreWriter writer(StoreUrl::sqliteFile(path), DialogStoreWriter::Mode::Realtime);
    DialogStoreWriter::Loaded loaded;
    QString error;
    QVERIFY2(writer.start(&loaded, &error), qPrintable(error));
    QVERIFY(loaded.dialogs.empty());
    writer.submit(upserts({1, 2, 3}));
    // A later change of dialog 2 wins; dialog 3 is deleted; counters only ever rise.
    DialogDbChanges later = upserts({2});
    later.upserts[0].state = 3;
    later.deleted.push_back(DialogId{sampleDialog(3).hEntry, sampleDialog(3).hId});
    later.counters = {{101, 40}, {102, 7}};
    writer.submit(std::move(later));
    QVERIFY(writer.flush(10000));
    std::vector<DialogSnapshot> expected{sampleDialog(1), sampleDialog(2)};
    expected[1].state = 3;
    QVERIFY2(sameRows(readBack(path), expected), tableView(readBack(path)).front().c_str());
    const auto stats = writer.stats();
    QVERIFY(stats.transactions >= 1);
    QCOMPARE(stats.backlog, 0u);
    QVERIFY(stats.lastError.isEmpty());
    writer.stop();

    // The counters and dialogs are what a restart reads.
    DialogStoreWriter again(StoreUrl::sqliteFile(path), DialogStoreWriter::Mode::Realtime);
    QVERIFY2(again.start(&loaded, &error), qPrintable(error));
    QCOMPARE(loaded.dialogs.size(), 2u);
    std::sort(loaded.counters.begin(), loaded.counters.end());
    QCOMPARE(loaded.counters, (std::vector<std::pair<std::uint32_t, std::uint32_t>>{{101, 40}, {102, 7}}));
}

void TestDialogStoreWriter::failingStoreIsRetried()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"store.db"_s);
    DialogStoreWriter writer(StoreUrl::sqliteFile(path), DialogStoreWriter::Mode::Realtime);
    DialogStoreWriter::Loaded loaded;
    QString error;
    QVERIFY2(writer.start(&loaded, &error), qPrintable(error));
    QSignalSpy failed(&writer, &DialogStoreWriter::failed);
    QSignalSpy recovered(&writer, &DialogStoreWriter::recovered);
    // The store refuses every new dialog row (as a full disk or a read-only file would).
    QVERIFY(exec(path,
                 u"CREATE TRIGGER refuse BEFORE INSERT ON dialog BEGIN SELECT RAISE(ABORT, 'disk says no'); "
                 "END"_s));
    writer.submit(upserts({1, 2}));
    QVERIFY(!writer.flush(1500)); // still pending: retried, never dropped
    QTRY_VERIFY_WITH_TIMEOUT(writer.stats().failures >= 2, 5000);
    QCOMPARE(failed.count(), 1); // reported once, not at every retry
    QVERIFY(writer.stats().lastError.contains(u"disk says no"_s));
    QCOMPARE(writer.stats().backlog, 2u);
    // Meanwhile the core goes on: a newer change of dialog 2 replaces the pending one.
    DialogDbChanges newer = upserts({2});
    newer.upserts[0].timeout += 99;
    writer.submit(std::move(newer));
    QVERIFY(exec(path, u"DROP TRIGGER refuse"_s));
    QVERIFY(writer.flush(15000));
    QTRY_COMPARE_WITH_TIMEOUT(recovered.count(), 1, 2000);
    std::vector<DialogSnapshot> expected{sampleDialog(1), sampleDialog(2)};
    expected[1].timeout += 99;
    QVERIFY(sameRows(readBack(path), expected));
    QVERIFY(writer.stats().lastError.isEmpty());
}

void TestDialogStoreWriter::refusedRowIsSetAside()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"store.db"_s);
    DialogStoreWriter writer(StoreUrl::sqliteFile(path), DialogStoreWriter::Mode::Realtime);
    DialogStoreWriter::Loaded loaded;
    QString error;
    QVERIFY2(writer.start(&loaded, &error), qPrintable(error));
    // The store refuses dialog 2 only (as PostgreSQL refuses a value longer than its column).
    QVERIFY(exec(path, u"CREATE TRIGGER refuse BEFORE INSERT ON dialog WHEN NEW.hash_id = %1 BEGIN "
                       "SELECT RAISE(ABORT, 'value too long'); END"_s.arg(sampleDialog(2).hId)));
    writer.submit(upserts({1, 2, 3}));
    // Three failed batches (0.5 + 1 + 2 s), then one dialog per transaction.
    QTRY_COMPARE_WITH_TIMEOUT(writer.stats().refused, 1u, 10000);
    QVERIFY(writer.flush(2000));
    QVERIFY(sameRows(readBack(path), {sampleDialog(1), sampleDialog(3)}));
}

void TestDialogStoreWriter::shutdownModeEmptiesAndDumps()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"store.db"_s);
    {
        DialogStore store;
        QString error;
        QVERIFY(store.open(path, &error));
        QVERIFY(store.write({sampleDialog(1), sampleDialog(2)}, {}, &error));
    }
    DialogStoreWriter writer(StoreUrl::sqliteFile(path), DialogStoreWriter::Mode::Shutdown);
    DialogStoreWriter::Loaded loaded;
    QString error;
    QVERIFY2(writer.start(&loaded, &error), qPrintable(error));
    QCOMPARE(loaded.dialogs.size(), 2u);
    QVERIFY(readBack(path).empty()); // emptied once loaded, as the module does
    writer.submit(upserts({7}));
    writer.stop();
    QVERIFY(sameRows(readBack(path), {sampleDialog(7)}));
}

void TestDialogStoreWriter::persistenceRestoresIntoEngine()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"store.db"_s);
    const std::uint32_t now = 1800000000;
    DialogConfig config;
    config.hashSize = 4096;
    config.profilesWithValue = "caller";
    config.profilesNoValue = "inbound";
    DialogEngine source(config);
    source.advanceTo(std::int64_t(now) * 1000000);
    std::vector<DialogSnapshot> rows;
    for (std::uint32_t n = 1; n <= 5; ++n)
    {
        DialogSnapshot d = sampleDialog(n);
        d.hEntry = 0; // recomputed below for the engine's hash_size
        d.startTs = now - 100;
        d.timeout = now + 50 * n;
        d.lifetime = 0;
        rows.push_back(d);
    }
    {
        // The h_entry a real engine computes for each Call-ID.
        DialogEngine probe(config);
        for (DialogSnapshot &d : rows)
        {
            for (std::uint32_t e = 0; e < config.hashSize; ++e)
            {
                d.hEntry = e;
                if (probe.restore(d))
                {
                    break;
                }
            }
        }
        DialogStore store;
        QString error;
        QVERIFY(store.open(path, &error));
        QVERIFY2(store.write(rows, {}, &error), qPrintable(error));
    }
    DialogStoreWriter writer(StoreUrl::sqliteFile(path), DialogStoreWriter::Mode::Realtime);
    DialogStoreWriter::Loaded loaded;
    QString error;
    QVERIFY2(writer.start(&loaded, &error), qPrintable(error));
    DialogPersistence persistence(writer, {}, std::move(loaded));
    DialogEngine engine(config);
    engine.advanceTo(std::int64_t(now) * 1000000);
    const auto report = persistence.attach(engine);
    QCOMPARE(report.restored, 5u);
    QCOMPARE(report.failed, 0u);
    QVERIFY(engine.dbTracking());
    for (const DialogSnapshot &d : rows)
    {
        const DialogHandle h = engine.find(DialogId{d.hEntry, d.hId});
        QVERIFY(h.valid());
        QCOMPARE(engine.snapshot(h).timeout, d.timeout);
        QCOMPARE(engine.variable(h, "account"), std::optional<std::string>(d.variables.at(0).second));
    }
    // A change goes through the next tick; the end of dialog 1 deletes its row.
    QVERIFY(engine.setVariable(engine.find(DialogId{rows[1].hEntry, rows[1].hId}), "tenant", "other"));
    QVERIFY(engine.setState(engine.find(DialogId{rows[0].hEntry, rows[0].hId}), 5));
    persistence.tick(engine, 1000);
    QVERIFY(writer.flush(10000));
    const auto stored = readBack(path);
    QCOMPARE(stored.size(), 4u);
    for (const DialogSnapshot &d : stored)
    {
        if (d.hId == rows[1].hId)
        {
            QCOMPARE(variableOf(d, "tenant"), u"other"_s);
        }
    }
}

void TestDialogStoreWriter::delayedModeWritesEachPeriod()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"store.db"_s);
    DialogConfig config;
    config.profilesWithValue = "caller";
    config.profilesNoValue = "inbound";
    DialogSnapshot row = sampleDialog(1);
    row.hEntry = 0;
    {
        // The h_entry of the Call-ID for hash_size 4096, as a real engine computes it.
        DialogEngine probe(config);
        for (std::uint32_t e = 0; e < config.hashSize && !probe.restore(row); ++e)
        {
            row.hEntry = e;
        }
        DialogStore store;
        QString error;
        QVERIFY(store.open(path, &error));
        QVERIFY2(store.write({row}, {}, &error), qPrintable(error));
    }
    DialogStoreWriter writer(StoreUrl::sqliteFile(path), DialogStoreWriter::Mode::Delayed);
    DialogStoreWriter::Loaded loaded;
    QString error;
    QVERIFY2(writer.start(&loaded, &error), qPrintable(error));
    DialogPersistence::Options po;
    po.mode = DialogStoreWriter::Mode::Delayed;
    po.updatePeriodMs = 60000;
    DialogPersistence persistence(writer, po, std::move(loaded));
    DialogEngine engine(config);
    engine.advanceTo(std::int64_t(row.startTs) * 1000000);
    QCOMPARE(persistence.attach(engine).restored, 1u);
    const DialogHandle h = engine.find(DialogId{row.hEntry, row.hId});
    persistence.tick(engine, 1000); // the first period starts
    QVERIFY(engine.setVariable(h, "tenant", "later"));
    persistence.tick(engine, 30000); // within db_update_period: nothing written
    QVERIFY(writer.flush(5000));
    QCOMPARE(variableOf(readBack(path).at(0), "tenant"), u"acme"_s);
    persistence.tick(engine, 61000); // the period is over
    QVERIFY(writer.flush(5000));
    QCOMPARE(variableOf(readBack(path).at(0), "tenant"), u"later"_s);
}

void TestDialogStoreWriter::streamingRestoreSkipsBadRows()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"store.db"_s);
    DialogConfig config;
    config.profilesWithValue = "caller";
    config.profilesNoValue = "inbound";
    std::vector<DialogSnapshot> rows;
    for (std::uint32_t n = 1; n <= 9000; ++n) // more than two chunks
    {
        DialogSnapshot d = sampleDialog(n);
        d.callId = "stream-" + std::to_string(n) + "@calldeck";
        d.hEntry = calldeck::core::kamailioCoreHash(d.callId, config.hashSize);
        rows.push_back(std::move(d));
    }
    {
        DialogStore store;
        QString error;
        QVERIFY(store.open(path, &error));
        QVERIFY2(store.write(rows, {}, &error), qPrintable(error));
    }
    // One row with xdata that is not the module's profiles JSON.
    QVERIFY(exec(path, u"UPDATE dialog SET xdata = '{broken' WHERE hash_id = 4500"_s));
    DialogStoreWriter writer(StoreUrl::sqliteFile(path), DialogStoreWriter::Mode::Shutdown);
    DialogStoreWriter::Loaded loaded;
    QString error;
    auto stream = std::make_shared<DialogRestoreQueue>();
    QVERIFY2(writer.startStreaming(&loaded, stream, &error), qPrintable(error));
    DialogPersistence::Options po;
    po.mode = DialogStoreWriter::Mode::Shutdown;
    DialogPersistence persistence(writer, po, std::move(loaded), stream);
    DialogEngine engine(config);
    engine.advanceTo(std::int64_t(rows[0].startTs) * 1000000);
    const auto report = persistence.attach(engine);
    QCOMPARE(report.restored, 8999u);
    QCOMPARE(report.failed, 1u);
    QVERIFY(report.readError.empty());
    QVERIFY2(report.errors.at(0).find(":4500") != std::string::npos, report.errors.at(0).c_str());
    QCOMPARE(engine.dialogCount(), 8999u);
    // Read to the end, so db_mode 3 emptied the tables; the bad row went with them (reported).
    QVERIFY(readBack(path).empty());
    // The blocking start() keeps its all-or-nothing promise on such a row.
    {
        DialogStore store;
        QVERIFY(store.open(path, &error));
        QVERIFY(store.write({rows[0]}, {}, &error));
    }
    QVERIFY(exec(path, u"UPDATE dialog SET xdata = '{broken'"_s));
    DialogStoreWriter strict(StoreUrl::sqliteFile(path), DialogStoreWriter::Mode::Shutdown);
    DialogStoreWriter::Loaded all;
    QVERIFY(!strict.start(&all, &error));
    QVERIFY2(error.contains(u"malformed"_s), qPrintable(error));
}

void TestDialogStoreWriter::unreachableStoreFailsStart()
{
    QString error;
    DialogStoreWriter::Loaded loaded;
    auto url = StoreUrl::parse(u"postgresql://calldeck:pw@127.0.0.1:1/x"_s, &error);
    QVERIFY(url);
    DialogStoreWriter writer(*url, DialogStoreWriter::Mode::Realtime);
    QVERIFY(!writer.start(&loaded, &error));
    QVERIFY2(error.contains(u"Check that the server runs"_s), qPrintable(error));
    QVERIFY(!error.contains(u"pw@"_s));
    // A directory where the file should be.
    QTemporaryDir dir;
    DialogStoreWriter bad(StoreUrl::sqliteFile(dir.path()), DialogStoreWriter::Mode::Realtime);
    QVERIFY(!bad.start(&loaded, &error));
    QVERIFY(!error.isEmpty());
}

QTEST_GUILESS_MAIN(TestDialogStoreWriter)
#include "tst_dialogstorewriter.moc"
