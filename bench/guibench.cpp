// SPDX-License-Identifier: GPL-3.0-or-later
#include "guibench.h"

#include "benchclock.h"
#include "eventtimingapplication.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include <QElapsedTimer>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>

#include "backend/coreworker.h"
#include "backend/eventlog.h"
#include "backend/ingestqueue.h"
#include "backend/sourceregistry.h"
#include "tests/support/siptrafficgenerator.h"
#include "tests/ui/dialogrows.h"
#include "ui/mainwindow.h"
#include "ui/models/dialogfilterproxymodel.h"
#include "ui/models/dialogtablemodel.h"

namespace calldeck::bench
{

namespace
{

using testsupport::CallKind;
using testsupport::GeneratedMessage;
using testsupport::SipTrafficGenerator;

struct Settings
{
    int rows = 100'000;
    int cps = 1'000;
    double seconds = 20;
    int filterRows = 1'000'000;
};

bool parse(int argc, char **argv, Settings &s)
{
    for (int i = 2; i < argc; ++i)
    {
        const bool hasValue = i + 1 < argc;
        if (!std::strcmp(argv[i], "--rows") && hasValue)
        {
            s.rows = std::atoi(argv[++i]);
        }
        else if (!std::strcmp(argv[i], "--cps") && hasValue)
        {
            s.cps = std::atoi(argv[++i]);
        }
        else if (!std::strcmp(argv[i], "--seconds") && hasValue)
        {
            s.seconds = std::atof(argv[++i]);
        }
        else if (!std::strcmp(argv[i], "--filter-rows") && hasValue)
        {
            s.filterRows = std::atoi(argv[++i]);
        }
        else
        {
            std::fprintf(stderr,
                         "calldeck-bench gui: unknown option '%s'; options: --rows N --cps N --seconds S "
                         "--filter-rows N\n",
                         argv[i]);
            return false;
        }
    }
    return s.rows > 0 && s.cps >= 0 && s.seconds > 0 && s.filterRows > 0;
}

std::int64_t unixMicros()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

/// Feeds the core: --rows calls set up at once, then --cps calls per second set up and as many
/// of the oldest torn down (a steady live count), on a thread of its own.
class Producer
{
public:
    Producer(IngestQueue &queue, quint16 source, const Settings &s)
        : m_queue(queue)
        , m_source(source)
        , m_settings(s)
        , m_generator(SipTrafficGenerator::Options{.seed = 7, .bothCopies = true})
    {}

    void fill()
    {
        std::vector<GeneratedMessage> out;
        for (int n = 0; n < m_settings.rows; ++n)
        {
            m_generator.setup(std::uint64_t(n), CallKind::CallerHangsUp, unixMicros(), out);
            if (out.size() >= 2000)
            {
                push(out);
            }
        }
        push(out);
        m_next = std::uint64_t(m_settings.rows);
    }

    void startChurn()
    {
        m_thread = std::thread([this] { churn(); });
    }

    void stop()
    {
        m_running = false;
        if (m_thread.joinable())
        {
            m_thread.join();
        }
    }

    std::uint64_t churned() const { return m_churned.load(); }

private:
    void push(std::vector<GeneratedMessage> &messages)
    {
        PacketBatch batch;
        for (const GeneratedMessage &m : messages)
        {
            batch.add(m.text, m.meta, m_source);
        }
        messages.clear();
        while (!batch.empty() && !m_queue.pushWait(std::move(batch), 1000))
        {}
    }

    void churn()
    {
        const auto start = std::chrono::steady_clock::now();
        std::vector<GeneratedMessage> out;
        std::uint64_t done = 0;
        while (m_running)
        {
            const double elapsed =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            const auto due = std::uint64_t(elapsed * m_settings.cps);
            for (; done < due; ++done)
            {
                const std::int64_t now = unixMicros();
                m_generator.setup(m_next, CallKind::CallerHangsUp, now, out);
                m_generator.teardown(m_next - std::uint64_t(m_settings.rows), CallKind::CallerHangsUp, now,
                                     out);
                ++m_next;
            }
            push(out);
            m_churned = done;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    }

    IngestQueue &m_queue;
    const quint16 m_source;
    const Settings m_settings;
    SipTrafficGenerator m_generator;
    std::uint64_t m_next = 0;
    std::atomic<bool> m_running{true};
    std::atomic<std::uint64_t> m_churned{0};
    std::thread m_thread;
};

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
    {
        return 0;
    }
    std::sort(v.begin(), v.end());
    const auto i = std::min(v.size() - 1, std::size_t(p * double(v.size() - 1) + 0.5));
    return v[i];
}

/// The text filter over @p rows synthetic rows: the first filter (rare text) and the clear.
std::pair<double, double> measureFilter(int rows)
{
    DialogTableModel model;
    model.setTickIntervalMs(0);
    constexpr int Batch = 100'000;
    for (int first = 0; first < rows; first += Batch)
    {
        model.apply(DialogRows::upserts(DialogRows::range(quint64(first), std::min(Batch, rows - first))));
    }
    DialogFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QElapsedTimer timer;
    timer.start();
    proxy.setTextFilter(QStringLiteral("Alice12345@"));
    const double filterMs = double(timer.nsecsElapsed()) / 1e6;
    if (proxy.rowCount() < 1)
    {
        std::fprintf(stderr, "calldeck-bench gui: the filter found nothing; the measurement is void\n");
    }
    timer.restart();
    proxy.setTextFilter(QString());
    return {filterMs, double(timer.nsecsElapsed()) / 1e6};
}

} // namespace

int runGuiBench(int argc, char **argv)
{
    Settings s;
    if (!parse(argc, argv, s))
    {
        return 2;
    }
    // The window saves its layout on close: into a throw-away configuration, never the user's.
    QTemporaryDir config;
    qputenv("XDG_CONFIG_HOME", config.path().toLocal8Bit());
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
    {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    int qtArgc = 1;
    EventTimingApplication app(qtArgc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("CallDeck"));
    QCoreApplication::setApplicationName(QStringLiteral("calldeck-bench"));

    IngestQueue queue;
    SourceRegistry sources;
    EventLog log;
    const quint16 source = sources.add(QStringLiteral("bench"), QStringLiteral("generated"));
    CoreWorker::Options o;
    o.dialog.matchMode = 1;
    CoreWorker worker(o, queue, sources, &log);
    worker.setDeltasEnabled(true);
    worker.start();

    MainWindow::Options wo;
    wo.embeddedListener = false;
    wo.refreshIntervalMs = 100; // the console's 10 Hz
    MainWindow window(&log, MainWindow::Services{&worker, &sources, &queue}, wo);
    window.resize(MainWindow::DefaultWidth, MainWindow::DefaultHeight);
    window.show();
    QObject::connect(&window, &MainWindow::dialogDeltaTaken, &app, [&app] { app.markTick(); });

    // Fill: the live rows, then wait until the table shows them all.
    Producer producer(queue, source, s);
    const double fillStart = nowSeconds();
    producer.fill();
    QElapsedTimer wait;
    wait.start();
    while (window.dialogModel()->rowCount() < s.rows && wait.elapsed() < 120'000)
    {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    const double fillSeconds = nowSeconds() - fillStart;
    if (window.dialogModel()->rowCount() < s.rows)
    {
        std::fprintf(stderr, "calldeck-bench gui: the table shows %d of %d rows after 120 s\n",
                     window.dialogModel()->rowCount(), s.rows);
        return 1;
    }
    std::printf("gui: %d live rows in the table after %.2f s\n", window.dialogModel()->rowCount(),
                fillSeconds);

    // Churn, measured: every event's duration, each tick's, and a 5 ms timer's lateness.
    double lateMaxMs = 0;
    QElapsedTimer beat;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(5);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        lateMaxMs = std::max(lateMaxMs, double(beat.nsecsElapsed()) / 1e6 - 5.0);
        beat.restart();
    });
    const double cpu0 = threadCpuSeconds();
    app.startMeasuring();
    beat.start();
    probe.start();
    producer.startChurn();
    QTimer::singleShot(int(s.seconds * 1000), &app, &QCoreApplication::quit);
    app.exec();
    probe.stop();
    app.stopMeasuring();
    producer.stop();
    const double mainCpu = threadCpuSeconds() - cpu0;
    const std::vector<double> &ticks = app.tickMs();
    const double p50 = percentile(ticks, 0.50);
    const double p99 = percentile(ticks, 0.99);
    const double maxTick = ticks.empty() ? 0 : *std::max_element(ticks.begin(), ticks.end());
    const CoreStats core = worker.stats();
    const int tableRows = window.dialogModel()->rowCount();
    std::printf(
        "gui: %.0f s of %d calls/s churn (%llu calls), %zu ticks: apply p50 %.2f ms, p99 %.2f ms, max "
        "%.2f ms\n",
        s.seconds, s.cps, static_cast<unsigned long long>(producer.churned()), ticks.size(), p50, p99,
        maxTick);
    std::printf(
        "gui: longest event %.2f ms, 5 ms timer late by at most %.2f ms over %llu events; main thread "
        "CPU %.1f %%; table %d rows, core %zu dialogs, %llu queue drops\n",
        app.longestEventMs(), lateMaxMs, static_cast<unsigned long long>(app.events()),
        100.0 * mainCpu / s.seconds, tableRows, core.dialogs,
        static_cast<unsigned long long>(core.queueDrops));
    window.close();
    worker.stop();

    const auto [filterMs, clearMs] = measureFilter(s.filterRows);
    std::printf("gui: text filter over %d rows: %.1f ms (cleared in %.1f ms)\n", s.filterRows, filterMs,
                clearMs);
    const double stallMs = std::max(app.longestEventMs(), lateMaxMs);
    std::printf(
        "{\"bench\":\"gui\",\"rows\":%d,\"cps\":%d,\"seconds\":%.0f,\"ticks\":%zu,\"apply_p50_ms\":%.2f,"
        "\"apply_p99_ms\":%.2f,\"apply_max_ms\":%.2f,\"stall_max_ms\":%.2f,\"filter_rows\":%d,"
        "\"filter_1m_ms\":%.1f,\"filter_clear_ms\":%.1f,\"main_cpu_pct\":%.1f,\"queue_drops\":%llu,"
        "\"rss_mb\":%.0f}\n",
        s.rows, s.cps, s.seconds, ticks.size(), p50, p99, maxTick, stallMs, s.filterRows, filterMs, clearMs,
        100.0 * mainCpu / s.seconds, static_cast<unsigned long long>(core.queueDrops),
        double(residentBytes()) / 1e6);
    return 0;
}

} // namespace calldeck::bench
