// SPDX-License-Identifier: GPL-3.0-or-later
// Issue #8's proof for the charts' data: the console's engine (in process: core, proxy feed, the
// ProfileSampler it starts) polls a real Kamailio 5.6 carrying real sipp calls. At the seconds the
// sampler records, Kamailio's own dlg.profile_get_size is asked at once: for profile "inbound" and
// the valued profile "trunk" (value uas-<port>, calldeck-test.cfg) the sampled series equals it
// exactly while the calls hold still, within ±1 while calls start and end every second (the feed
// polls every 300 ms), and reads 0 (not a gap) once the proxy has no call left.
#include <memory>

#include <curl/curl.h>

#include <QJsonArray>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "app/engine.h"
#include "backend/core/samplering.h"
#include "backend/eventlog.h"
#include "backend/profilesampler.h"
#include "backend/proxyconfig.h"
#include "backend/proxyfeed.h"
#include "backend/rpcendpoint.h"
#include "harness/boundedwait.h"
#include "harness/freeport.h"
#include "harness/kamailioinstance.h"
#include "harness/proxytestbed.h"
#include "harness/sippprocess.h"
#include "harness/testdirectory.h"

using namespace calldeck::integration;
using namespace Qt::StringLiterals;

namespace
{
constexpr int SteadyCalls = 3;
constexpr int ChurnCalls = 10;
constexpr int ChurnHoldMs = 3000;
constexpr int SteadyHoldMs = 60000; // the steady callers wait this long for the BYE we send
} // namespace

class TestChartsKamailio final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void cleanupTestCase();
    void seriesFollowKamailio();

private:
    /// One look: the sampler's next second and Kamailio's sizes asked right after it.
    struct Look
    {
        qint64 second = 0;
        int sampledInbound = -1;
        int sampledTrunk = -1;
        int kamailioInbound = -1;
        int kamailioTrunk = -1;
        QString describe() const;
    };
    bool look(Look &out);
    /// @p count looks in a row where the sampler equals Kamailio exactly (after a settle time).
    void expectSteady(int count, int expected);
    int kamailioSize(const QJsonArray &params);
    QString details() const;

    QTemporaryDir m_dir;
    quint16 m_uasPort = 0;
    QString m_trunkSeries;
    std::unique_ptr<KamailioInstance> m_kamailio;
    std::unique_ptr<EventLog> m_log;
    std::unique_ptr<Engine> m_engine;
};

QString TestChartsKamailio::Look::describe() const
{
    return u"second %1: sampled inbound %2, trunk %3; Kamailio inbound %4, trunk %5"_s.arg(second)
        .arg(sampledInbound)
        .arg(sampledTrunk)
        .arg(kamailioInbound)
        .arg(kamailioTrunk);
}

void TestChartsKamailio::initTestCase()
{
    QVERIFY(curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK);
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QCoreApplication::setOrganizationName(u"CallDeckTest"_s);
    QCoreApplication::setApplicationName(u"tst_chartskamailio"_s);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
    QSettings().clear();
    QSettings().setValue(u"Charts/HistoryHours"_s, 0); // samples in memory only

    m_uasPort = FreePort::pick();
    m_trunkSeries = u"profile:trunk=uas-%1"_s.arg(m_uasPort);
    m_kamailio = std::make_unique<KamailioInstance>(KamailioInstance::Options{.uasPort = m_uasPort});
    QVERIFY2(m_kamailio->start(), qPrintable(m_kamailio->errorString()));

    // The console's engine as Application wires it: a live core (which starts the sampler) and
    // one proxy feed polling every 300 ms.
    m_log = std::make_unique<EventLog>();
    m_engine = std::make_unique<Engine>(m_log.get());
    CoreWorker::Options core;
    core.clock = CoreWorker::Clock::Live;
    m_engine->startCore(std::move(core), false);
    QVERIFY(m_engine->sampler());
    ProxyConfig proxy;
    proxy.name = u"kam-charts"_s;
    QString error;
    QVERIFY2(RpcEndpoint::parse(m_kamailio->rpcUrl().toString(), proxy.endpoint, &error), qPrintable(error));
    proxy.options.intervalMs = 300;
    ProxyFeed *feed = m_engine->startProxy(proxy);
    QVERIFY2(QTest::qWaitFor([feed] { return feed->status().state == ProxyStatus::State::Up; }, 10000),
             qPrintable(details()));
}

void TestChartsKamailio::cleanup()
{
    if (m_kamailio && m_kamailio->isRunning())
    {
        QVERIFY2(ProxyTestBed::endLeftovers(*m_kamailio), "Kamailio still lists dialogs after dlg.end_dlg");
    }
}

void TestChartsKamailio::cleanupTestCase()
{
    m_engine.reset();
    m_log.reset();
    if (m_kamailio)
    {
        QVERIFY(m_kamailio->stop());
        m_kamailio.reset();
    }
}

QString TestChartsKamailio::details() const
{
    QStringList lines;
    for (const EventLogEntry &e : m_log->entries())
    {
        lines << e.source + u": "_s + e.message;
    }
    return u"\nevent log:\n"_s + lines.join(u'\n') + u"\nkamailio errors:\n"_s +
           (m_kamailio ? m_kamailio->logErrors().join(u'\n') : QString());
}

int TestChartsKamailio::kamailioSize(const QJsonArray &params)
{
    const RpcResult r = m_kamailio->rpc(u"dlg.profile_get_size"_s, params, 3000);
    return r.ok() && r.result().isDouble() ? r.result().toInt() : -1;
}

bool TestChartsKamailio::look(Look &out)
{
    ProfileSampler *sampler = m_engine->sampler();
    QSignalSpy spy(sampler, &ProfileSampler::sampled);
    if (!spy.wait(3000))
    {
        return false;
    }
    // Kamailio at once, then the values the sampler recorded for that second.
    out.kamailioInbound = kamailioSize({u"inbound"_s});
    out.kamailioTrunk = kamailioSize({u"trunk"_s, u"uas-%1"_s.arg(m_uasPort)});
    out.second = spy.constFirst().at(0).toLongLong();
    const auto valueOf = [&](const QString &series) {
        const calldeck::core::SampleRing *ring = sampler->series(series);
        const auto v = ring ? ring->at(out.second) : std::nullopt;
        return v ? int(*v) : -1;
    };
    out.sampledInbound = valueOf(u"profile:inbound"_s);
    out.sampledTrunk = valueOf(m_trunkSeries);
    return out.kamailioInbound >= 0 && out.kamailioTrunk >= 0;
}

void TestChartsKamailio::expectSteady(const int count, const int expected)
{
    // Kamailio holds still at the expected size; a second later the feed (300 ms) has it too.
    QVERIFY2(BoundedWait::until(15000, [&] { return kamailioSize({u"inbound"_s}) == expected; }),
             qPrintable(u"Kamailio's inbound never reached %1"_s.arg(expected) + details()));
    QTest::qWait(1200);
    for (int n = 0; n < count; ++n)
    {
        Look l;
        QVERIFY2(look(l), qPrintable(u"no sample or no answer from Kamailio"_s + details()));
        QVERIFY2(l.kamailioInbound == expected && l.kamailioTrunk == expected, qPrintable(l.describe()));
        QVERIFY2(l.sampledInbound == expected && l.sampledTrunk == expected, qPrintable(l.describe()));
    }
}

void TestChartsKamailio::seriesFollowKamailio()
{
    KamailioInstance &k = *m_kamailio;
    TestDirectory dir(u"tst_chartskamailio"_s);
    auto uas = ProxyTestBed::startUas(m_uasPort, SteadyCalls + ChurnCalls, dir.path());
    QVERIFY(uas);

    // Steady: three calls held; sampler and Kamailio agree exactly.
    auto steady = ProxyTestBed::startUac(k, u"steady"_s, SteadyCalls, SteadyHoldMs, dir.path());
    QVERIFY(steady);
    QVERIFY2(ProxyTestBed::waitConfirmed(k, SteadyCalls), qPrintable(steady->describe()));
    expectSteady(3, SteadyCalls);

    // Churn: a call starts every second and each hangs up after 3 s, on top of the three.
    SippProcess churn({.scenario = u"uac_rr.xml"_s,
                       .target = k.sipTarget(),
                       .name = u"churn"_s,
                       .calls = ChurnCalls,
                       .rate = 1,
                       .pauseMs = ChurnHoldMs},
                      dir.path());
    QVERIFY2(churn.start(), qPrintable(churn.errorString()));
    QList<Look> looks;
    QList<int> seen;
    while (churn.isRunning() && looks.size() < 30)
    {
        Look l;
        QVERIFY2(look(l), qPrintable(u"no sample or no answer from Kamailio"_s + details()));
        looks << l;
        qInfo("churn: %s", qPrintable(l.describe()));
        if (!seen.contains(l.kamailioInbound))
        {
            seen << l.kamailioInbound;
        }
        QVERIFY2(std::abs(l.sampledInbound - l.kamailioInbound) <= 1, qPrintable(l.describe()));
        QVERIFY2(std::abs(l.sampledTrunk - l.kamailioTrunk) <= 1, qPrintable(l.describe()));
    }
    QVERIFY2(churn.waitForFinished(30000), qPrintable(churn.describe()));
    QCOMPARE(churn.successfulCalls(), ChurnCalls);
    // It was churn: at least 8 seconds looked at, Kamailio's size moved over three values or more.
    QVERIFY2(looks.size() >= 8 && seen.size() >= 3,
             qPrintable(u"%1 looks, sizes seen %2"_s.arg(looks.size()).arg(seen.size())));

    // Steady again at three, then none: the series read 0, not a gap.
    expectSteady(3, SteadyCalls);
    for (const QJsonValue &d : ProxyTestBed::kamailioDialogs(k))
    {
        if (ProxyTestBed::stateOf(d) == 4)
        {
            QVERIFY(k.rpc(u"dlg.end_dlg"_s, {d[u"h_entry"_s].toInt(), d[u"h_id"_s].toInt()}).ok());
        }
    }
    expectSteady(2, 0);
    QVERIFY2(steady->waitForFinished(15000), qPrintable(steady->describe()));
    QCOMPARE(steady->successfulCalls(), SteadyCalls);
    QVERIFY2(uas->waitForFinished(15000), qPrintable(uas->describe()));
}

QTEST_GUILESS_MAIN(TestChartsKamailio)
#include "tst_chartskamailio.moc"
