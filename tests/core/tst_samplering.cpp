// SPDX-License-Identifier: GPL-3.0-or-later
// SampleRing: once-a-second samples in a fixed ring with gaps, and the min/avg/max buckets a chart
// window draws.
#include "backend/core/samplering.h"

#include <QTest>

using calldeck::core::SampleBucket;
using calldeck::core::SampleRing;

class TestSampleRing final : public QObject
{
    Q_OBJECT

private slots:
    void recordsInOrderWithGaps();
    void wrapsAround();
    void olderSecondIgnoredSameSecondOverwrites();
    void downsampleMinAvgMax();
    void downsampleGapsAndOutsideTheRing();
    void loadHistoryUnderLiveSamples();
    void liveSamplesAfterAPartHourLoaded();
};

void TestSampleRing::recordsInOrderWithGaps()
{
    SampleRing r(100);
    QVERIFY(r.empty());
    QVERIFY(!r.at(5).has_value());
    r.record(1000, 7);
    r.record(1001, 8);
    r.record(1004, 3); // 1002 and 1003: no sample
    QCOMPARE(r.firstSecond(), 1000);
    QCOMPARE(r.lastSecond(), 1004);
    QCOMPARE(r.at(1000).value_or(99), 7u);
    QCOMPARE(r.at(1001).value_or(99), 8u);
    QVERIFY(!r.at(1002).has_value());
    QVERIFY(!r.at(1003).has_value());
    QCOMPARE(r.at(1004).value_or(99), 3u);
    QVERIFY(!r.at(999).has_value());
    QVERIFY(!r.at(1005).has_value());
}

void TestSampleRing::wrapsAround()
{
    SampleRing r(10);
    for (std::int64_t s = 0; s < 25; ++s)
    {
        r.record(s, std::uint32_t(s * 2));
    }
    QCOMPARE(r.firstSecond(), 15);
    QCOMPARE(r.lastSecond(), 24);
    QVERIFY(!r.at(14).has_value());
    QCOMPARE(r.at(15).value_or(0), 30u);
    QCOMPARE(r.at(24).value_or(0), 48u);
    r.record(1000, 1); // a jump past the whole ring: everything else is a gap
    QCOMPARE(r.firstSecond(), 991);
    QVERIFY(!r.at(999).has_value());
    QCOMPARE(r.at(1000).value_or(0), 1u);
}

void TestSampleRing::olderSecondIgnoredSameSecondOverwrites()
{
    SampleRing r(10);
    r.record(50, 1);
    r.record(50, 2);
    r.record(49, 9);
    QCOMPARE(r.at(50).value_or(0), 2u);
    QVERIFY(!r.at(49).has_value());
    QCOMPARE(r.lastSecond(), 50);
}

void TestSampleRing::downsampleMinAvgMax()
{
    SampleRing r(86'400);
    for (std::int64_t s = 0; s < 86'400; ++s)
    {
        r.record(s, std::uint32_t(s % 60)); // 0..59 every minute
    }
    const std::vector<SampleBucket> b = r.downsample(0, 86'399, 1440);
    QCOMPARE(b.size(), std::size_t(1440));
    for (const SampleBucket &x : b)
    {
        QCOMPARE(x.end - x.start, 60);
        QCOMPARE(x.count, 60u);
        QCOMPARE(x.min, 0u);
        QCOMPARE(x.max, 59u);
        QCOMPARE(x.avg, 29.5);
    }
    // A width that does not divide the window: the last bucket is shorter, nothing is lost.
    const std::vector<SampleBucket> odd = r.downsample(0, 99, 7);
    QCOMPARE(odd.size(), std::size_t(7));
    QCOMPARE(odd.back().end, 100);
    std::uint32_t total = 0;
    for (const SampleBucket &x : odd)
    {
        total += x.count;
    }
    QCOMPARE(total, 100u);
}

void TestSampleRing::downsampleGapsAndOutsideTheRing()
{
    SampleRing r(100);
    r.record(10, 5);
    r.record(11, 7);
    r.record(20, 1);
    const std::vector<SampleBucket> b = r.downsample(0, 29, 3);
    QCOMPARE(b.size(), std::size_t(3));
    QCOMPARE(b[0].count, 0u); // before the first sample: a gap, not a zero
    QCOMPARE(b[1].count, 2u);
    QCOMPARE(b[1].min, 5u);
    QCOMPARE(b[1].max, 7u);
    QCOMPARE(b[1].avg, 6.0);
    QCOMPARE(b[2].count, 1u);
    QCOMPARE(b[2].min, 1u);
    QVERIFY(SampleRing(5).downsample(0, 9, 2).at(0).count == 0);
    QVERIFY(r.downsample(5, 4, 3).empty());
    QVERIFY(r.downsample(0, 9, 0).empty());
}

void TestSampleRing::loadHistoryUnderLiveSamples()
{
    SampleRing r(3600);
    const std::vector<std::uint32_t> stored{1, 2, SampleRing::Gap, 4};
    r.load(100, stored);
    QCOMPARE(r.at(100).value_or(0), 1u);
    QVERIFY(!r.at(102).has_value());
    QCOMPARE(r.at(103).value_or(0), 4u);
    r.record(200, 9);
    r.load(150, std::vector<std::uint32_t>(10, 3u)); // older than what the ring holds: not taken
    QVERIFY(!r.at(150).has_value());
    std::vector<std::uint32_t> out(5);
    r.copy(102, out);
    QCOMPARE(out, (std::vector<std::uint32_t>{SampleRing::Gap, 4, SampleRing::Gap, SampleRing::Gap,
                                              SampleRing::Gap}));
}

void TestSampleRing::liveSamplesAfterAPartHourLoaded()
{
    // The store's current hour: samples up to second 3 of the hour, then gaps to its end. After a
    // restart the live samples of that same hour are taken, and the ring ends at the last sample.
    SampleRing r(7200);
    std::vector<std::uint32_t> hour(3600, SampleRing::Gap);
    hour[0] = 5;
    hour[3] = 6;
    r.load(3600, hour);
    QCOMPARE(r.lastSecond(), 3603);
    r.record(3610, 7);
    QCOMPARE(r.at(3610).value_or(0), 7u);
    QCOMPARE(r.at(3603).value_or(0), 6u);
    QVERIFY(!r.at(3605).has_value());
    // More than the ring holds: the newest seconds stay, as if recorded one by one.
    SampleRing small(10);
    std::vector<std::uint32_t> many(25);
    for (std::uint32_t n = 0; n < 25; ++n)
    {
        many[n] = n;
    }
    small.load(100, many);
    SampleRing oneByOne(10);
    for (std::uint32_t n = 0; n < 25; ++n)
    {
        oneByOne.record(100 + n, n);
    }
    QCOMPARE(small.firstSecond(), 115);
    QCOMPARE(small.lastSecond(), 124);
    for (std::int64_t t = 110; t < 130; ++t)
    {
        QCOMPARE(small.at(t), oneByOne.at(t));
    }
    small.load(120, many); // overlaps what it holds: only seconds after 124 are taken
    for (std::uint32_t n = 5; n < 25; ++n)
    {
        oneByOne.record(120 + n, n);
    }
    QCOMPARE(small.lastSecond(), 144);
    for (std::int64_t t = 110; t < 150; ++t)
    {
        QCOMPARE(small.at(t), oneByOne.at(t));
    }
    QCOMPARE(small.at(135).value_or(99), 15u);
    SampleRing empty(10);
    empty.load(0, std::vector<std::uint32_t>(5, SampleRing::Gap)); // nothing but gaps: nothing
    QVERIFY(empty.empty());
}

QTEST_APPLESS_MAIN(TestSampleRing)
#include "tst_samplering.moc"
