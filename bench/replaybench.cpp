// SPDX-License-Identifier: GPL-3.0-or-later
#include "replaybench.h"

#include "benchclock.h"

#include <atomic>
#include <cstdio>
#include <cstring>
#include <thread>
#include <vector>

#include <QCoreApplication>
#include <QFileInfo>
#include <QString>

#include "backend/capturereplay.h"
#include "backend/coreworker.h"
#include "backend/ingestqueue.h"
#include "backend/sourceregistry.h"

namespace calldeck::bench
{

namespace
{

/// Peak resident set size of this process in kB (VmHWM).
long peakRssKb()
{
    std::FILE *f = std::fopen("/proc/self/status", "r");
    if (f == nullptr)
    {
        return 0;
    }
    char line[256];
    long kb = 0;
    while (std::fgets(line, sizeof line, f) != nullptr)
    {
        if (std::sscanf(line, "VmHWM: %ld kB", &kb) == 1)
        {
            break;
        }
    }
    std::fclose(f);
    return kb;
}

} // namespace

int runReplayBench(int argc, char **argv)
{
    if (argc < 3 || argv[2][0] == '-')
    {
        std::fprintf(stderr, "usage: calldeck-bench replay FILE [--reader-only]\n"
                             "  make a FILE with: calldeck-bench pcapgen FILE --calls 100000\n");
        return 2;
    }
    const bool readerOnly = argc > 3 && !std::strcmp(argv[3], "--reader-only");
    int qtArgc = 1;
    QCoreApplication app(qtArgc, argv);
    const QString path = QString::fromLocal8Bit(argv[2]);

    IngestQueue queue;
    SourceRegistry sources;
    CoreWorker::Options o;
    o.clock = CoreWorker::Clock::Packet; // timers follow the capture, as --replay runs the core
    o.dialog.matchMode = 1;              // the console's default
    CoreWorker worker(o, queue, sources);
    std::atomic<bool> draining{true};
    std::thread drain;
    if (readerOnly)
    {
        drain = std::thread([&] {
            std::vector<PacketBatch> batches;
            while (draining || queue.stats().queuedPackets > 0)
            {
                batches.clear();
                queue.popAll(batches, 10);
            }
        });
    }
    else
    {
        worker.start();
    }

    CaptureReplay::Options ro;
    ro.path = path;
    CaptureReplay replay(ro, queue, sources);
    const double t0 = nowSeconds();
    const double c0 = static_cast<double>(std::clock()) / CLOCKS_PER_SEC;
    replay.start();
    replay.wait();
    const double readSeconds = nowSeconds() - t0;
    core::DialogStats dialogs;
    if (readerOnly)
    {
        draining = false;
        drain.join();
    }
    else
    {
        worker.call([&](CoreContext &ctx) { dialogs = ctx.engine.stats(); }, 600000);
    }
    const double seconds = nowSeconds() - t0;
    const double cpu = static_cast<double>(std::clock()) / CLOCKS_PER_SEC - c0;
    const CaptureReplay::Stats s = replay.stats();
    const SourceHealth health = sources.source(replay.sourceId());
    if (health.state != SourceHealth::State::Finished)
    {
        std::fprintf(stderr, "calldeck-bench replay: %s\n", qPrintable(health.error));
        return 1;
    }
    worker.stop();
    const double messages = static_cast<double>(s.delivered());
    const double rate = messages / seconds;
    std::printf("replay: %s: %llu bytes, %llu packets, %llu messages (%llu UDP, %llu TCP), %llu skipped, "
                "%llu errors\n",
                argv[2], static_cast<unsigned long long>(s.bytesRead),
                static_cast<unsigned long long>(s.packets), static_cast<unsigned long long>(s.delivered()),
                static_cast<unsigned long long>(s.udpPayloads),
                static_cast<unsigned long long>(s.tcpMessages),
                static_cast<unsigned long long>(s.skippedNonIp + s.skippedNonUdpTcp + s.skippedNotSip),
                static_cast<unsigned long long>(s.errors));
    std::printf("replay: %s %.3f s (read %.3f s), %.0f msgs/s, %.0f MB/s, CPU %.2f s, %llu dialogs, peak RSS "
                "%ld kB\n",
                readerOnly ? "reader only" : "reader + core", seconds, readSeconds, rate,
                static_cast<double>(s.bytesRead) / seconds / 1e6, cpu,
                static_cast<unsigned long long>(dialogs.processedDialogs), peakRssKb());
    std::printf(
        "{\"bench\":\"replay\",\"mode\":\"%s\",\"file_bytes\":%llu,\"packets\":%llu,\"messages\":%llu,"
        "\"seconds\":%.3f,\"msgs_per_s\":%.0f,\"cpu_s\":%.2f,\"dialogs\":%llu,\"peak_rss_kb\":%ld}\n",
        readerOnly ? "reader-only" : "in-process", static_cast<unsigned long long>(s.bytesRead),
        static_cast<unsigned long long>(s.packets), static_cast<unsigned long long>(s.delivered()), seconds,
        rate, cpu, static_cast<unsigned long long>(dialogs.processedDialogs), peakRssKb());
    return 0;
}

} // namespace calldeck::bench
