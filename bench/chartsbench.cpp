// SPDX-License-Identifier: GPL-3.0-or-later
#include "chartsbench.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <numbers>
#include <random>
#include <vector>

#include <QApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <QTemporaryDir>

#include "backend/core/samplering.h"
#include "backend/coreworker.h"
#include "backend/ingestqueue.h"
#include "backend/profilesampler.h"
#include "backend/samplestore.h"
#include "backend/sourceregistry.h"
#include "ui/charts/timeserieschart.h"
#include "ui/chartspage.h"

namespace calldeck::bench
{

namespace
{

constexpr double TargetLoadMs = 300;
constexpr double TargetRedrawMs = 30;

struct Settings
{
    int series = 50;
    int hours = 24;
    int redraws = 30;
    int width = 1280;
    int height = 800;
    QString png; ///< --png FILE: the last redraw's picture, to look at
};

bool parse(int argc, char **argv, Settings &s)
{
    for (int i = 2; i < argc; ++i)
    {
        const bool hasValue = i + 1 < argc;
        int *target = nullptr;
        if (!std::strcmp(argv[i], "--png") && hasValue)
        {
            s.png = QString::fromLocal8Bit(argv[++i]);
            continue;
        }
        if (!std::strcmp(argv[i], "--series"))
        {
            target = &s.series;
        }
        else if (!std::strcmp(argv[i], "--hours"))
        {
            target = &s.hours;
        }
        else if (!std::strcmp(argv[i], "--redraws"))
        {
            target = &s.redraws;
        }
        else if (!std::strcmp(argv[i], "--width"))
        {
            target = &s.width;
        }
        else if (!std::strcmp(argv[i], "--height"))
        {
            target = &s.height;
        }
        if (!target || !hasValue)
        {
            std::fprintf(stderr,
                         "calldeck-bench charts: unknown option or missing value '%s'; options: --series N "
                         "--hours H (1-24) --redraws N --width PX --height PX --png FILE\n",
                         argv[i]);
            return false;
        }
        *target = std::atoi(argv[++i]);
    }
    if (s.series < 1 || s.hours < 1 || s.hours > 24 || s.redraws < 1 || s.width < 400 || s.height < 300)
    {
        std::fprintf(stderr,
                     "calldeck-bench charts: --series and --redraws must be at least 1, --hours 1-24, "
                     "--width at least 400, --height at least 300\n");
        return false;
    }
    return true;
}

double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[std::min(v.size() - 1, std::size_t(p * double(v.size() - 1) + 0.5))];
}

/// A day of concurrent calls of one profile: a daily curve around its own level, random-walk
/// noise, and one 10-minute outage (CallDeck not running: gaps) in some of them.
bool writeHistory(SampleStore &store, const Settings &s, qint64 lastSecond)
{
    const qint64 first = lastSecond - qint64(s.hours) * 3600 + 1;
    const qint64 firstHour = first - first % SampleStore::SecondsPerChunk;
    std::mt19937 random(42);
    std::vector<std::uint32_t> values(SampleStore::SecondsPerChunk);
    for (int n = 0; n < s.series; ++n)
    {
        const double level = 5 + (n * 37) % 200;
        const qint64 outage = n % 5 == 0 ? first + qint64(random() % std::uint32_t(s.hours * 3600)) : -1;
        double noise = 0;
        const QString name = QStringLiteral("profile:trunk%1").arg(n + 1, 2, 10, QLatin1Char('0'));
        for (qint64 hour = firstHour; hour <= lastSecond; hour += SampleStore::SecondsPerChunk)
        {
            for (int i = 0; i < SampleStore::SecondsPerChunk; ++i)
            {
                const qint64 t = hour + i;
                noise = std::clamp(noise + double(int(random() % 3) - 1), -level * 0.2, level * 0.2);
                const double day = std::sin(2 * std::numbers::pi * double(t % 86400) / 86400.0 - 2.0);
                const bool gap =
                    t < first || t > lastSecond || (outage >= 0 && t >= outage && t < outage + 600);
                values[std::size_t(i)] =
                    gap ? calldeck::core::SampleRing::Gap
                        : std::uint32_t(std::max(0.0, level * (0.65 + 0.35 * day) + noise));
            }
            QString error;
            if (!store.write(name, hour, values, &error))
            {
                std::fprintf(stderr, "calldeck-bench charts: %s\n", qPrintable(error));
                return false;
            }
        }
    }
    return true;
}

} // namespace

int runChartsBench(int argc, char **argv)
{
    Settings s;
    if (!parse(argc, argv, s))
    {
        return 2;
    }
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
    {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QTemporaryDir dir;
    qputenv("XDG_CONFIG_HOME", dir.path().toLocal8Bit()); // the page reads Charts/Limits: not the user's
    int qtArgc = 1;
    QApplication app(qtArgc, argv);

    // The history: written first, not timed.
    const QString path = dir.filePath(QStringLiteral("calldeck.db"));
    const qint64 lastSecond = QDateTime::currentSecsSinceEpoch() - 1;
    QElapsedTimer timer;
    timer.start();
    {
        SampleStore store(StoreUrl::sqliteFile(path));
        QString error;
        if (!store.open(&error))
        {
            std::fprintf(stderr, "calldeck-bench charts: %s\n", qPrintable(error));
            return 1;
        }
        if (!writeHistory(store, s, lastSecond))
        {
            return 1;
        }
    }
    std::printf("charts: %d series x %d h of 1 s samples written to the store in %.1f s\n", s.series, s.hours,
                double(timer.elapsed()) / 1000.0);

    IngestQueue queue;
    SourceRegistry sources;
    CoreWorker::Options o;
    CoreWorker worker(o, queue, sources, nullptr);
    worker.start();

    // load_24h_ms: the sampler opening the store and filling its rings, as at CallDeck's start.
    ProfileSampler::Options so;
    so.store = StoreUrl::sqliteFile(path);
    so.retentionHours = s.hours;
    so.capacitySeconds = std::size_t(s.hours) * 3600;
    so.maxSeries = std::max(300, s.series + 10);
    ProfileSampler sampler(worker, so);
    timer.restart();
    sampler.start();
    const double loadMs = double(timer.nsecsElapsed()) / 1e6;
    sampler.stop(); // no live sample moves the window while the redraws are timed
    std::size_t loaded = 0;
    for (const QString &name : sampler.seriesNames())
    {
        const calldeck::core::SampleRing *ring = sampler.series(name);
        for (qint64 t = lastSecond - qint64(s.hours) * 3600 + 1; t <= lastSecond; ++t)
        {
            loaded += ring->at(t).has_value() ? 1 : 0;
        }
    }
    std::printf("charts: load %.1f ms: %lld series, %zu samples in the rings\n", loadMs,
                static_cast<long long>(sampler.seriesNames().size()), loaded);

    // redraw_ms: the page on the whole window, redrawn and painted offscreen into an image.
    ChartsPage page(sampler);
    page.setWindow(s.hours > 1 ? ChartsPage::Window::OneDay : ChartsPage::Window::OneHour);
    page.resize(s.width, s.height);
    page.show();
    QCoreApplication::processEvents();
    QImage image(page.size(), QImage::Format_ARGB32_Premultiplied);
    std::vector<double> redraws;
    std::vector<double> paints;
    qint64 recorded = 0;
    QObject::connect(&sampler, &ProfileSampler::sampled, &app,
                     [&recorded](qint64 second) { recorded = second; });
    for (int n = 0; n < s.redraws + 2; ++n)
    {
        // As live: one more second recorded before each redraw (the window slides, the newest
        // values change); the sampling itself is not timed.
        sampler.sampleAt(lastSecond + 1 + n);
        QElapsedTimer wait;
        wait.start();
        while (recorded != lastSecond + 1 + n && wait.elapsed() < 5000)
        {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        }
        timer.restart();
        page.redraw();
        const double dataMs = double(timer.nsecsElapsed()) / 1e6;
        {
            QPainter painter(&image);
            page.render(&painter);
        }
        const double totalMs = double(timer.nsecsElapsed()) / 1e6;
        if (n >= 2) // the first two warm caches and fonts
        {
            redraws.push_back(totalMs);
            paints.push_back(totalMs - dataMs);
        }
    }
    if (!s.png.isEmpty() && !image.save(s.png, "PNG"))
    {
        std::fprintf(stderr, "calldeck-bench charts: cannot write %s; choose a writable path\n",
                     qPrintable(s.png));
    }
    const int points = page.profilesChart()->pointCount(QStringLiteral("profile:trunk01"));
    const double redrawMs = percentile(redraws, 0.5);
    const double redrawP95 = percentile(redraws, 0.95);
    std::printf(
        "charts: redraw %dx%d: median %.1f ms, p95 %.1f ms (painting alone median %.1f ms); %d points "
        "per series drawn\n",
        s.width, s.height, redrawMs, redrawP95, percentile(paints, 0.5), points);
    std::printf("charts: targets load <= %.0f ms: %s, redraw <= %.0f ms: %s\n", TargetLoadMs,
                loadMs <= TargetLoadMs ? "met" : "MISSED", TargetRedrawMs,
                redrawMs <= TargetRedrawMs ? "met" : "MISSED");
    page.close();
    std::printf("{\"bench\":\"charts\",\"series\":%d,\"hours\":%d,\"samples\":%zu,\"width\":%d,\"height\":%d,"
                "\"redraws\":%d,\"load_24h_ms\":%.1f,\"redraw_ms\":%.1f,\"redraw_p95_ms\":%.1f,"
                "\"points_per_series\":%d,\"target_load_ms\":%.0f,\"target_redraw_ms\":%.0f,\"load_ok\":%s,"
                "\"redraw_ok\":%s}\n",
                s.series, s.hours, loaded, s.width, s.height, s.redraws, loadMs, redrawMs, redrawP95, points,
                TargetLoadMs, TargetRedrawMs, loadMs <= TargetLoadMs ? "true" : "false",
                redrawMs <= TargetRedrawMs ? "true" : "false");
    return 0;
}

} // namespace calldeck::bench
