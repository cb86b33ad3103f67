// SPDX-License-Identifier: GPL-3.0-or-later
#include "storebench.h"

#include "benchclock.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <QCoreApplication>
#include <QStringList>
#include <QTemporaryDir>

#include "backend/core/corehash.h"
#include "backend/core/dialogengine.h"
#include "backend/coreworker.h"
#include "backend/dialogpersistence.h"
#include "backend/dialogrestorequeue.h"
#include "backend/dialogstore.h"
#include "backend/dialogstorewriter.h"
#include "backend/ingestqueue.h"
#include "backend/packetbatch.h"
#include "backend/sourceregistry.h"
#include "tests/support/dialogsamples.h"
#include "tests/support/siptrafficgenerator.h"

namespace calldeck::bench
{

namespace
{

using testsupport::CallKind;
using testsupport::GeneratedMessage;
using testsupport::SipTrafficGenerator;

constexpr int TargetCps = 5000;
constexpr double TargetRestoreMs = 1000;
constexpr double MaxStallMs = 50;
constexpr double MaxDrainMs = 1000;
constexpr std::int64_t SlotUs = 10000; // one push every 10 ms

struct Settings
{
    std::vector<int> steps{1000, 2000, 5000, 10000};
    double seconds = 5;
    double hold = 2;
    int restore = 100000;
    QString db; ///< empty: a fresh SQLite file per step
};

struct StepResult
{
    int cps = 0;
    double maxStallMs = 0;
    double p99StallMs = 0;
    double drainMs = 0;
    quint64 dropped = 0;
    quint64 transactions = 0;
    quint64 rows = 0;
    std::size_t maxBacklog = 0;
    qint64 maxBatchMs = 0;
    bool passed() const { return maxStallMs <= MaxStallMs && drainMs <= MaxDrainMs && dropped == 0; }
};

bool parse(int argc, char **argv, Settings &s)
{
    for (int i = 2; i < argc; ++i)
    {
        if (i + 1 >= argc)
        {
            return false;
        }
        const char *v = argv[++i];
        if (!std::strcmp(argv[i - 1], "--steps"))
        {
            s.steps.clear();
            for (const QString &part : QString::fromLatin1(v).split(QLatin1Char(',')))
            {
                s.steps.push_back(part.toInt());
            }
        }
        else if (!std::strcmp(argv[i - 1], "--seconds"))
        {
            s.seconds = std::atof(v);
        }
        else if (!std::strcmp(argv[i - 1], "--hold"))
        {
            s.hold = std::atof(v);
        }
        else if (!std::strcmp(argv[i - 1], "--restore"))
        {
            s.restore = std::atoi(v);
        }
        else if (!std::strcmp(argv[i - 1], "--db"))
        {
            s.db = QString::fromLocal8Bit(v);
        }
        else
        {
            return false;
        }
    }
    return !s.steps.empty() && std::all_of(s.steps.begin(), s.steps.end(), [](int c) { return c > 0; }) &&
           s.seconds > 0 && s.restore > 0;
}

std::int64_t wallUs()
{
    return static_cast<std::int64_t>(nowSeconds() * 1e6);
}

/// The traffic of one step: one PacketBatch per 10 ms slot (set-ups, and hang-ups hold s later).
std::vector<PacketBatch> buildSlots(int cps, const Settings &s, std::uint64_t firstCall)
{
    const auto slotCount = static_cast<std::size_t>((s.seconds + s.hold) * 1e6 / SlotUs) + 1;
    std::vector<PacketBatch> out(slotCount);
    SipTrafficGenerator::Options go;
    go.seed = static_cast<std::uint32_t>(cps);
    const SipTrafficGenerator gen(go);
    const auto calls = static_cast<std::uint64_t>(cps * s.seconds);
    std::vector<GeneratedMessage> msgs;
    for (std::uint64_t i = 0; i < calls; ++i)
    {
        const auto at = static_cast<std::int64_t>(double(i) * 1e6 / cps);
        const auto endAt = at + static_cast<std::int64_t>(s.hold * 1e6);
        msgs.clear();
        gen.setup(firstCall + i, CallKind::CallerHangsUp, at, msgs);
        for (const GeneratedMessage &m : msgs)
        {
            out[std::size_t(at / SlotUs)].add(m.text, m.meta, 1);
        }
        msgs.clear();
        gen.teardown(firstCall + i, CallKind::CallerHangsUp, endAt, msgs);
        for (const GeneratedMessage &m : msgs)
        {
            out[std::min(out.size() - 1, std::size_t(endAt / SlotUs))].add(m.text, m.meta, 1);
        }
    }
    return out;
}

StepResult runStep(int cps, const Settings &s, bool withStore, QTemporaryDir &dir)
{
    StepResult r;
    r.cps = cps;
    IngestQueue queue;
    SourceRegistry sources;
    CoreWorker::Options o;
    o.clock = CoreWorker::Clock::Live;
    o.dialog.matchMode = 1;
    o.keepHistory = false; // the headless collector's choice without a pcap export
    std::unique_ptr<DialogStoreWriter> writer;
    if (withStore)
    {
        QString error;
        const StoreUrl url = s.db.isEmpty()
                                 ? StoreUrl::sqliteFile(dir.filePath(QStringLiteral("store-%1.db").arg(cps)))
                                 : *StoreUrl::parse(s.db, &error);
        writer = std::make_unique<DialogStoreWriter>(url, DialogStoreWriter::Mode::Realtime);
        DialogStoreWriter::Loaded loaded;
        if (!writer->start(&loaded, &error))
        {
            std::fprintf(stderr, "calldeck-bench store: %s\n", qPrintable(error));
            std::exit(1);
        }
        o.persistence =
            std::make_shared<DialogPersistence>(*writer, DialogPersistence::Options{}, std::move(loaded));
    }
    std::vector<PacketBatch> batches = buildSlots(cps, s, withStore ? 0 : 10000000);
    CoreWorker worker(o, queue, sources);
    worker.start();

    // The probe: a call posted every 10 ms, timed until it runs on the core thread.
    std::atomic<bool> probing{true};
    std::vector<double> stalls;
    std::thread probe([&] {
        while (probing)
        {
            const double t0 = nowSeconds();
            worker.call([](CoreContext &) {}, 10000);
            stalls.push_back((nowSeconds() - t0) * 1000);
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    });
    const std::int64_t start = wallUs();
    for (std::size_t i = 0; i < batches.size(); ++i)
    {
        const std::int64_t due = start + std::int64_t(i) * SlotUs;
        const std::int64_t now = wallUs();
        if (due > now)
        {
            std::this_thread::sleep_for(std::chrono::microseconds(due - now));
        }
        queue.push(std::move(batches[i]));
        if (writer && i % 10 == 0)
        {
            r.maxBacklog = std::max(r.maxBacklog, writer->stats().backlog);
        }
    }
    // Until the core has taken everything (bounded), then the writer's drain.
    for (int i = 0; i < 500 && queue.stats().queuedPackets > 0; ++i)
    {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    worker.call([](CoreContext &) {}, 30000);
    probing = false;
    probe.join();
    if (writer)
    {
        // The next core tick hands over the last changes; then the writer empties its backlog.
        std::this_thread::sleep_for(std::chrono::milliseconds(150));
        const double t0 = nowSeconds();
        writer->flush(60000);
        r.drainMs = (nowSeconds() - t0) * 1000;
        const auto st = writer->stats();
        r.transactions = st.transactions;
        r.rows = st.upserts + st.deletes;
        r.maxBacklog = std::max(r.maxBacklog, st.backlog);
        r.maxBatchMs = st.maxBatchMs;
    }
    r.dropped = queue.stats().droppedPackets;
    worker.stop(30000);
    if (writer)
    {
        writer->stop(30000);
    }
    std::sort(stalls.begin(), stalls.end());
    if (!stalls.empty())
    {
        r.maxStallMs = stalls.back();
        r.p99StallMs = stalls[std::min(stalls.size() - 1, std::size_t(double(stalls.size()) * 0.99))];
    }
    return r;
}

struct RestoreResult
{
    double loadMs = 0;
    double attachMs = 0;
    std::size_t restored = 0;
};

RestoreResult runRestore(const Settings &s, QTemporaryDir &dir)
{
    RestoreResult r;
    const QString path = dir.filePath(QStringLiteral("restore.db"));
    core::DialogConfig config;
    std::vector<core::DialogSnapshot> rows;
    rows.reserve(std::size_t(s.restore));
    {
        // Rows as a real engine would store them: the h_entry of each Call-ID for hash_size 4096.
        const std::uint32_t now = static_cast<std::uint32_t>(nowSeconds());
        for (int n = 0; n < s.restore; ++n)
        {
            core::DialogSnapshot d = testsupport::sampleDialog(std::uint32_t(n + 1));
            d.callId = "restore-" + std::to_string(n) + "@bench.calldeck";
            d.startTs = now - 60;
            d.timeout = now + 3600;
            d.profiles.clear(); // the default config declares none
            d.hEntry = core::kamailioCoreHash(d.callId, config.hashSize);
            rows.push_back(std::move(d));
        }
        DialogStore store;
        QString error;
        if (!store.open(path, &error) || !store.write(rows, {}, &error))
        {
            std::fprintf(stderr, "calldeck-bench store: %s\n", qPrintable(error));
            std::exit(1);
        }
    }
    const double t0 = nowSeconds();
    DialogStoreWriter writer(StoreUrl::sqliteFile(path), DialogStoreWriter::Mode::Realtime);
    DialogStoreWriter::Loaded loaded;
    QString error;
    auto stream = std::make_shared<DialogRestoreQueue>();
    if (!writer.startStreaming(&loaded, stream, &error))
    {
        std::fprintf(stderr, "calldeck-bench store: %s\n", qPrintable(error));
        std::exit(1);
    }
    const double t1 = nowSeconds();
    // As the app restores: the core takes chunks while the store's thread reads the next ones.
    DialogPersistence persistence(writer, {}, std::move(loaded), stream);
    core::DialogEngine engine(config);
    engine.advanceTo(wallUs());
    const auto report = persistence.attach(engine);
    const double t2 = nowSeconds();
    r.loadMs = (t1 - t0) * 1000;
    r.attachMs = (t2 - t1) * 1000;
    r.restored = report.restored;
    if (report.failed)
    {
        std::fprintf(stderr, "calldeck-bench store: %zu rows not restored, first: %s\n", report.failed,
                     report.errors.empty() ? "" : report.errors.front().c_str());
    }
    return r;
}

} // namespace

int runStoreBench(int argc, char **argv)
{
    Settings s;
    if (!parse(argc, argv, s))
    {
        std::fprintf(stderr, "usage: calldeck-bench store [--steps CPS,CPS,...] [--seconds S] [--hold S] "
                             "[--restore N] [--db URL]\n");
        return 2;
    }
    int qtArgc = 1;
    QCoreApplication app(qtArgc, argv);
    QTemporaryDir dir;
    std::vector<StepResult> baseline;
    std::vector<StepResult> stored;
    int maxCps = 0;
    for (const int cps : s.steps)
    {
        baseline.push_back(runStep(cps, s, false, dir));
        stored.push_back(runStep(cps, s, true, dir));
        const StepResult &a = baseline.back();
        const StepResult &b = stored.back();
        std::printf("store: %6d calls/s  no store: stall max %.1f ms p99 %.1f ms | db_mode 1: stall max %.1f "
                    "ms p99 %.1f ms, %llu rows in %llu transactions (longest %lld ms), backlog max %zu, "
                    "drain %.0f ms, "
                    "dropped %llu %s\n",
                    cps, a.maxStallMs, a.p99StallMs, b.maxStallMs, b.p99StallMs,
                    static_cast<unsigned long long>(b.rows), static_cast<unsigned long long>(b.transactions),
                    static_cast<long long>(b.maxBatchMs), b.maxBacklog, b.drainMs,
                    static_cast<unsigned long long>(b.dropped), b.passed() ? "ok" : "FAILS");
        if (b.passed())
        {
            maxCps = std::max(maxCps, cps);
        }
    }
    const RestoreResult restore = runRestore(s, dir);
    const double restoreMs = restore.loadMs + restore.attachMs;
    std::printf(
        "store: restore of %zu dialogs: open %.0f ms + read and restore (overlapped) %.0f ms = %.0f ms\n",
        restore.restored, restore.loadMs, restore.attachMs, restoreMs);
    std::printf(
        "{\"bench\":\"store\",\"store\":\"%s\",\"realtime_max_cps\":%d,\"target_cps\":%d,"
        "\"restore_dialogs\":%zu,\"restore_ms\":%.0f,\"restore_open_ms\":%.0f,\"restore_100k_ms\":%s,"
        "\"target_restore_ms\":%.0f,"
        "\"steps\":[",
        s.db.isEmpty() ? "sqlite" : "custom", maxCps, TargetCps, restore.restored, restoreMs, restore.loadMs,
        s.restore == 100000 ? QByteArray::number(restoreMs, 'f', 0).constData() : "null", TargetRestoreMs);
    for (std::size_t i = 0; i < stored.size(); ++i)
    {
        const StepResult &b = stored[i];
        std::printf(
            "%s{\"cps\":%d,\"stall_max_ms\":%.1f,\"stall_p99_ms\":%.1f,\"baseline_stall_max_ms\":%.1f,"
            "\"drain_ms\":%.0f,\"batch_max_ms\":%lld,\"rows\":%llu,\"transactions\":%llu,\"backlog_max\":%zu,"
            "\"dropped\":%llu,"
            "\"passed\":%s}",
            i ? "," : "", b.cps, b.maxStallMs, b.p99StallMs, baseline[i].maxStallMs, b.drainMs,
            static_cast<long long>(b.maxBatchMs), static_cast<unsigned long long>(b.rows),
            static_cast<unsigned long long>(b.transactions), b.maxBacklog,
            static_cast<unsigned long long>(b.dropped), b.passed() ? "true" : "false");
    }
    std::printf("]}\n");
    return 0;
}

} // namespace calldeck::bench
