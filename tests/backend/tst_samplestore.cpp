// SPDX-License-Identifier: GPL-3.0-or-later
// SampleStore: hour chunks of once-a-second samples in the store's calldeck_chunk table survive a
// reopen, load by time, prune by age; bad input and unusable stores give errors that say what to do.
#include <numeric>

#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "backend/core/samplering.h"
#include "backend/samplestore.h"

using namespace Qt::StringLiterals;

namespace
{

std::vector<std::uint32_t> hour(std::uint32_t base)
{
    std::vector<std::uint32_t> v(SampleStore::SecondsPerChunk);
    std::iota(v.begin(), v.end(), base);
    v[17] = calldeck::core::SampleRing::Gap;
    return v;
}

} // namespace

class TestSampleStore final : public QObject
{
    Q_OBJECT

private slots:
    void writeReopenLoad();
    void replaceAndPrune();
    void badInput();
    void unusableFile();
    void importsTheOldFileOnce();
};

void TestSampleStore::writeReopenLoad()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"sub/calldeck.db"_s);
    {
        SampleStore store(StoreUrl::sqliteFile(path));
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        QVERIFY2(store.write(u"inbound"_s, 3600 * 10, hour(0), &error), qPrintable(error));
        QVERIFY2(store.write(u"inbound"_s, 3600 * 11, hour(100), &error), qPrintable(error));
        QVERIFY2(store.write(u"trunk=gw1"_s, 3600 * 11, hour(5), &error), qPrintable(error));
    }
    SampleStore again(StoreUrl::sqliteFile(path));
    QString error;
    QVERIFY2(again.open(&error), qPrintable(error));
    std::vector<SampleStore::Chunk> chunks;
    QVERIFY2(again.load(0, chunks, &error), qPrintable(error));
    QCOMPARE(chunks.size(), std::size_t(3));
    QCOMPARE(chunks[0].series, u"inbound"_s);
    QCOMPARE(chunks[0].hourStart, 36000);
    QCOMPARE(chunks[0].values, hour(0));
    QCOMPARE(chunks[1].series, u"inbound"_s);
    QCOMPARE(chunks[2].series, u"trunk=gw1"_s);
    QCOMPARE(chunks[2].values, hour(5));
    // Since a second inside hour 10: that hour still covers it.
    chunks.clear();
    QVERIFY(again.load(3600 * 10 + 3599, chunks, &error));
    QCOMPARE(chunks.size(), std::size_t(3));
    chunks.clear();
    QVERIFY(again.load(3600 * 11, chunks, &error));
    QCOMPARE(chunks.size(), std::size_t(2));
    // Into a ring: the values land at their seconds, the gap stays a gap.
    calldeck::core::SampleRing ring(86'400);
    ring.load(chunks[0].hourStart, chunks[0].values);
    QCOMPARE(ring.at(3600 * 11 + 1).value_or(0), 101u);
    QVERIFY(!ring.at(3600 * 11 + 17).has_value());
}

void TestSampleStore::replaceAndPrune()
{
    QTemporaryDir dir;
    SampleStore store(StoreUrl::sqliteFile(dir.filePath(u"h.db"_s)));
    QString error;
    QVERIFY(store.open(&error));
    QVERIFY(store.write(u"a"_s, 0, hour(1), &error));
    QVERIFY(store.write(u"a"_s, 0, hour(2), &error)); // the current hour, written again
    QVERIFY(store.write(u"a"_s, 3600, hour(3), &error));
    std::vector<SampleStore::Chunk> chunks;
    QVERIFY(store.load(0, chunks, &error));
    QCOMPARE(chunks.size(), std::size_t(2));
    QCOMPARE(chunks[0].values, hour(2));
    QVERIFY2(store.prune(3600, &error), qPrintable(error)); // hour 0 ended at 3600
    chunks.clear();
    QVERIFY(store.load(0, chunks, &error));
    QCOMPARE(chunks.size(), std::size_t(1));
    QCOMPARE(chunks[0].hourStart, 3600);
}

void TestSampleStore::badInput()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"h.db"_s);
    SampleStore store(StoreUrl::sqliteFile(path));
    QString error;
    QVERIFY(!store.write(u"a"_s, 0, hour(0), &error));
    QCOMPARE(error, u"the charts' history is not open"_s);
    QVERIFY(store.open(&error));
    QVERIFY(!store.write(u"a"_s, 1800, hour(0), &error));
    QVERIFY(error.contains(u"starting on the hour"_s));
    QVERIFY(!store.write(u"a"_s, 0, std::vector<std::uint32_t>(10), &error));
    // A damaged row is skipped; the others load.
    QVERIFY(store.write(u"a"_s, 0, hour(0), &error));
    QVERIFY(store.write(u"b"_s, 0, hour(0), &error));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"damage"_s);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(
            u"UPDATE calldeck_chunk SET data = x'0102' WHERE series = (SELECT id FROM calldeck_series WHERE name = 'a')"_s));
        db.close();
    }
    QSqlDatabase::removeDatabase(u"damage"_s);
    std::vector<SampleStore::Chunk> chunks;
    QVERIFY(store.load(0, chunks, &error));
    QCOMPARE(chunks.size(), std::size_t(1));
    QCOMPARE(chunks[0].series, u"b"_s);
}

void TestSampleStore::unusableFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"junk.sqlite"_s);
    QFile junk(path);
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write(QByteArray(8192, 'x')); // not a database
    junk.close();
    SampleStore store(StoreUrl::sqliteFile(path));
    QString error;
    QVERIFY(!store.open(&error));
    QVERIFY2(error.startsWith(u"the charts' history: "_s) && error.contains(path), qPrintable(error));

    QFile blocker(dir.filePath(u"file"_s));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    SampleStore nowhere(StoreUrl::sqliteFile(dir.filePath(u"file/h.db"_s))); // its directory is a file
    QVERIFY(!nowhere.open(&error));
    QVERIFY2(error.contains(u"Could not create the directory"_s) && error.contains(u"--db"_s),
             qPrintable(error));
}

void TestSampleStore::importsTheOldFileOnce()
{
    // history.sqlite as the version before issue #9 wrote it (its schema, WAL mode).
    QTemporaryDir dir;
    const QString old = dir.filePath(u"history.sqlite"_s);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"old"_s);
        db.setDatabaseName(old);
        QVERIFY(db.open());
        QSqlQuery q(db);
        for (const QString &sql :
             {u"PRAGMA journal_mode=WAL"_s,
              u"CREATE TABLE series (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)"_s,
              u"CREATE TABLE chunk (series INTEGER NOT NULL REFERENCES series(id), hour INTEGER NOT NULL, "
              u"data BLOB NOT NULL, PRIMARY KEY (series, hour)) WITHOUT ROWID"_s,
              u"INSERT INTO series (id, name) VALUES (1, 'profile:inbound'), (2, 'calls:new')"_s})
        {
            QVERIFY2(q.exec(sql), qPrintable(sql));
        }
        const std::pair<int, std::uint32_t> chunks[] = {{1, 0}, {1, 100}, {2, 7}};
        for (int i = 0; i < 3; ++i)
        {
            const std::vector<std::uint32_t> v = hour(chunks[i].second);
            q.prepare(u"INSERT INTO chunk (series, hour, data) VALUES (?, ?, ?)"_s);
            q.addBindValue(chunks[i].first);
            q.addBindValue(qint64(3600 * (10 + i)));
            q.addBindValue(QByteArray(reinterpret_cast<const char *>(v.data()), qsizetype(v.size() * 4)));
            QVERIFY(q.exec());
        }
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(u"old"_s);

    const StoreUrl url = StoreUrl::sqliteFile(dir.filePath(u"calldeck.db"_s));
    QString error;
    {
        SampleStore store(url);
        store.setLegacyFile(old);
        QVERIFY2(store.open(&error), qPrintable(error));
        QCOMPARE(store.importedChunks(), 3);
        std::vector<SampleStore::Chunk> chunks;
        QVERIFY(store.load(0, chunks, &error));
        QCOMPARE(chunks.size(), std::size_t(3));
        QCOMPARE(chunks[0].series, u"profile:inbound"_s);
        QCOMPARE(chunks[0].hourStart, 36000);
        QCOMPARE(chunks[0].values, hour(0));
        QCOMPARE(chunks[1].series, u"profile:inbound"_s);
        QCOMPARE(chunks[1].values, hour(100));
        QCOMPARE(chunks[2].series, u"calls:new"_s);
        QCOMPARE(chunks[2].hourStart, 3600 * 12);
        QCOMPARE(chunks[2].values, hour(7));
        QVERIFY(store.write(u"calls:new"_s, 3600 * 13, hour(9), &error)); // the live history goes on
    }
    QVERIFY(!QFile::exists(old));
    QVERIFY(QFile::exists(old + u".imported"_s));
    QVERIFY(!QFile::exists(old + u"-wal"_s));
    // The next start: nothing to import, nothing lost.
    SampleStore again(url);
    again.setLegacyFile(old);
    QVERIFY2(again.open(&error), qPrintable(error));
    QCOMPARE(again.importedChunks(), 0);
    std::vector<SampleStore::Chunk> chunks;
    QVERIFY(again.load(0, chunks, &error));
    QCOMPARE(chunks.size(), std::size_t(4));
    QCOMPARE(chunks[3].values, hour(9));

    // A legacy file that is not a history: the store does not open, the message says what to do,
    // and the file stays where it is.
    const QString junk = dir.filePath(u"junk.sqlite"_s);
    QFile f(junk);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("not a database, not at all; 32 bytes at least");
    f.close();
    SampleStore third(url);
    third.setLegacyFile(junk);
    QVERIFY(!third.open(&error));
    QVERIFY2(error.contains(junk) && error.contains(u"move it away"_s), qPrintable(error));
    QVERIFY(QFile::exists(junk));
}

QTEST_GUILESS_MAIN(TestSampleStore)
#include "tst_samplestore.moc"
