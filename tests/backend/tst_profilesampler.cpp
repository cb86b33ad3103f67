// SPDX-License-Identifier: GPL-3.0-or-later
// ProfileSampler on a real core with a fake proxy: profile sizes (each dialog once, mirror and
// proxy), values with their own series up to the limit and the rest in "(other)", dialogs by
// state, calls per second, and the history kept across a restart through the SampleStore.
#include <QDateTime>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "backend/core/dialogengine.h"
#include "backend/coreworker.h"
#include "backend/profilesampler.h"
#include "fakekamailio.h"
#include "proxytestbed.h"
#include "rpcclientfixtures.h"
#include "tests/support/siptrafficgenerator.h"

using namespace Qt::StringLiterals;
using calldeck::testsupport::SipTrafficGenerator;

namespace
{

constexpr std::uint32_t Seed = 11;

std::uint32_t at(const ProfileSampler &s, const QString &series, qint64 second)
{
    const calldeck::core::SampleRing *r = s.series(series);
    return r && r->at(second) ? *r->at(second) : 999'999;
}

bool sample(ProfileSampler &s, qint64 second)
{
    QSignalSpy spy(&s, &ProfileSampler::sampled);
    s.sampleAt(second);
    return spy.wait(5000) && spy.constFirst().at(0).toLongLong() == second;
}

} // namespace

class TestProfileSampler final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void mirrorProfilesStatesAndCalls();
    void proxyDialogsCountOnce();
    void valuesBeyondTheLimitGoToOther();
    void historySurvivesARestart();

private:
    /// Puts mirror call @p n into @p profile (with @p value when not empty).
    void setProfile(int n, const char *profile, const char *value = "");

    std::unique_ptr<ProxyTestBed> m_bed;
};

void TestProfileSampler::initTestCase()
{
    QVERIFY(RpcClientFixtures::initLibcurl());
}

void TestProfileSampler::init()
{
    m_bed = std::make_unique<ProxyTestBed>();
    QVERIFY(m_bed->feedMirrorCalls(4, Seed));
    std::size_t dialogs = 0;
    QTRY_VERIFY_WITH_TIMEOUT(
        m_bed->worker().call([&](CoreContext &ctx) { dialogs = ctx.engine.dialogCount(); }) && dialogs == 4,
        3000);
}

void TestProfileSampler::cleanup()
{
    m_bed.reset();
}

void TestProfileSampler::setProfile(const int n, const char *profile, const char *value)
{
    SipTrafficGenerator::Options g;
    g.seed = Seed;
    const SipTrafficGenerator gen(g);
    bool ok = false;
    m_bed->worker().call([&](CoreContext &ctx) {
        const auto h = ctx.engine.find(gen.callId(std::uint64_t(n)), gen.callerTag(std::uint64_t(n)),
                                       gen.calleeTag(std::uint64_t(n)));
        ok = ctx.engine.setProfile(h, profile, value).ok();
    });
    QVERIFY2(ok, profile);
}

void TestProfileSampler::mirrorProfilesStatesAndCalls()
{
    for (int n = 0; n < 4; ++n)
    {
        setProfile(n, "inbound");
        setProfile(n, "trunk", n < 3 ? "gw1" : "gw2");
    }
    ProfileSampler sampler(m_bed->worker(), {});
    QVERIFY(sample(sampler, 1000));
    QCOMPARE(at(sampler, u"profile:inbound"_s, 1000), 4u);
    QCOMPARE(at(sampler, u"profile:trunk"_s, 1000), 4u);
    QCOMPARE(at(sampler, u"profile:trunk=gw1"_s, 1000), 3u);
    QCOMPARE(at(sampler, u"profile:trunk=gw2"_s, 1000), 1u);
    QCOMPARE(at(sampler, u"profile:caller"_s, 1000), 0u); // declared, empty: 0, not a gap
    QCOMPARE(at(sampler, u"state:4"_s, 1000), 4u);
    QVERIFY(!sampler.series(u"calls:new"_s)); // needs a second sample
    QVERIFY(sample(sampler, 1001));
    QCOMPARE(at(sampler, u"calls:new"_s, 1001), 0u);
    QCOMPARE(at(sampler, u"calls:ended"_s, 1001), 0u);

    // Two new calls, one of the old ones ends: 2 new, 1 ended, trunk=gw2 drops to 0 (not a gap).
    SipTrafficGenerator::Options g;
    g.seed = Seed;
    const SipTrafficGenerator gen(g);
    std::vector<calldeck::testsupport::GeneratedMessage> msgs;
    const std::int64_t now = QDateTime::currentMSecsSinceEpoch() * 1000;
    gen.setup(10, calldeck::testsupport::CallKind::CallerHangsUp, now, msgs);
    gen.setup(11, calldeck::testsupport::CallKind::CallerHangsUp, now, msgs);
    gen.teardown(3, calldeck::testsupport::CallKind::CallerHangsUp, now, msgs);
    QVERIFY(m_bed->feedMessages(msgs));
    std::size_t live = 0;
    QTRY_VERIFY_WITH_TIMEOUT(
        m_bed->worker().call([&](CoreContext &ctx) { live = ctx.engine.activeStats().all(); }) && live == 5,
        3000);
    QVERIFY(sample(sampler, 1005)); // seconds 1002..1004 stay gaps
    QCOMPARE(at(sampler, u"calls:new"_s, 1005), 2u);
    QCOMPARE(at(sampler, u"calls:ended"_s, 1005), 1u);
    QCOMPARE(at(sampler, u"profile:trunk=gw2"_s, 1005), 0u);
    QCOMPARE(at(sampler, u"profile:trunk"_s, 1005), 3u);
    QVERIFY(!sampler.series(u"profile:trunk"_s)->at(1003).has_value());
}

void TestProfileSampler::proxyDialogsCountOnce()
{
    FakeKamailio fake;
    QVERIFY(fake.start());
    ProxyFeed::Options o;
    o.intervalMs = 200;
    ProxyFeed &feed = m_bed->addProxy(u"kam1"_s, fake.url(), o);
    QTRY_COMPARE_WITH_TIMEOUT(m_bed->countRows(feed.origin()), 5, 5000);
    for (int n = 0; n < 4; ++n)
    {
        setProfile(n, "trunk", "gw1");
    }
    ProfileSampler sampler(m_bed->worker(), {});
    QVERIFY(sample(sampler, 2000));
    // samples/dlg.list.json: five dialogs in inbound, trunk=uas-5080, caller=sipp.
    QCOMPARE(at(sampler, u"profile:trunk"_s, 2000), 9u);
    QCOMPARE(at(sampler, u"profile:trunk=uas-5080"_s, 2000), 5u);
    QCOMPARE(at(sampler, u"profile:trunk=gw1"_s, 2000), 4u);
    QCOMPARE(at(sampler, u"profile:inbound"_s, 2000), 5u);
    QCOMPARE(at(sampler, u"profile:caller=sipp"_s, 2000), 5u);
}

void TestProfileSampler::valuesBeyondTheLimitGoToOther()
{
    setProfile(0, "caller", "a");
    setProfile(1, "caller", "a");
    setProfile(2, "caller", "b");
    setProfile(3, "caller", "c");
    ProfileSampler::Options o;
    o.valuesPerProfile = 2;
    ProfileSampler sampler(m_bed->worker(), o);
    QVERIFY(sample(sampler, 3000));
    QCOMPARE(at(sampler, u"profile:caller=a"_s, 3000), 2u);
    QCOMPARE(at(sampler, u"profile:caller=b"_s, 3000), 1u);
    QVERIFY(!sampler.series(u"profile:caller=c"_s));
    QCOMPARE(at(sampler, u"profile:caller=(other)"_s, 3000), 1u);
    QCOMPARE(at(sampler, u"profile:caller"_s, 3000), 4u);
}

void TestProfileSampler::historySurvivesARestart()
{
    QTemporaryDir dir;
    setProfile(0, "trunk", "gw1");
    ProfileSampler::Options o;
    o.store = StoreUrl::sqliteFile(dir.filePath(u"calldeck.db"_s));
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    {
        ProfileSampler first(m_bed->worker(), o);
        first.start();
        QVERIFY(sample(first, now - 5));
        QVERIFY(first.flush());
    }
    ProfileSampler second(m_bed->worker(), o);
    second.start();
    QCOMPARE(at(second, u"profile:trunk=gw1"_s, now - 5), 1u);
    QCOMPARE(at(second, u"profile:trunk"_s, now - 5), 1u);
    QVERIFY(!second.series(u"profile:trunk"_s)->at(now - 6).has_value());
    // Live samples go on after the loaded part of the current hour (not taken as older).
    QVERIFY(sample(second, now));
    QCOMPARE(at(second, u"profile:trunk=gw1"_s, now), 1u);
    second.stop();
}

QTEST_GUILESS_MAIN(TestProfileSampler)
#include "tst_profilesampler.moc"
