// SPDX-License-Identifier: GPL-3.0-or-later
// SampleStore: hour chunks of once-a-second samples in SQLite survive a reopen, load by time,
// prune by age; bad input and unusable files give errors that say what to do.
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
};

void TestSampleStore::writeReopenLoad()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"sub/history.sqlite"_s);
    {
        SampleStore store(path);
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        QVERIFY2(store.write(u"inbound"_s, 3600 * 10, hour(0), &error), qPrintable(error));
        QVERIFY2(store.write(u"inbound"_s, 3600 * 11, hour(100), &error), qPrintable(error));
        QVERIFY2(store.write(u"trunk=gw1"_s, 3600 * 11, hour(5), &error), qPrintable(error));
    }
    SampleStore again(path);
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
    SampleStore store(dir.filePath(u"h.sqlite"_s));
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
    SampleStore store(dir.filePath(u"h.sqlite"_s));
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
        db.setDatabaseName(store.path());
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(
            u"UPDATE chunk SET data = x'0102' WHERE series = (SELECT id FROM series WHERE name = 'a')"_s));
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
    SampleStore store(path);
    QString error;
    QVERIFY(!store.open(&error));
    QVERIFY2(error.contains(u"move it away"_s), qPrintable(error));

    QFile blocker(dir.filePath(u"file"_s));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    SampleStore nowhere(dir.filePath(u"file/h.sqlite"_s)); // its directory is a file
    QVERIFY(!nowhere.open(&error));
    QVERIFY2(error.startsWith(u"cannot create the directory"_s), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestSampleStore)
#include "tst_samplestore.moc"
