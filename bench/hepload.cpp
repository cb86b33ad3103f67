// SPDX-License-Identifier: GPL-3.0-or-later
#include "hepload.h"

#include "benchclock.h"
#include "hepsender.h"
#include "procstats.h"

#include "backend/coreworker.h"
#include "backend/ingestqueue.h"
#include "backend/mirrorlistener.h"
#include "backend/sourceregistry.h"
#include "tests/backend/hepencoder.h"
#include "tests/support/siptrafficgenerator.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <string>
#include <thread>
#include <vector>

using namespace Qt::StringLiterals;

namespace calldeck::bench
{

namespace
{

using testsupport::CallKind;
using testsupport::GeneratedMessage;
using testsupport::HepEncoder;
using testsupport::SipTrafficGenerator;

struct Options
{
    double stepSeconds = 2.0;
    int maxSteps = 10;
    double startPps = 0; // default: half the target, so that doubling tests the target itself
    double maxPps = 1600000;
    std::uint64_t calls = 10000; // the pool sent round and round (new Call-IDs every round)
    double targetPps = 300000;
};

Options parse(int argc, char **argv)
{
    Options o;
    for (int i = 2; i + 1 < argc; i += 2)
    {
        const char *name = argv[i];
        const char *value = argv[i + 1];
        if (!std::strcmp(name, "--step-seconds"))
        {
            o.stepSeconds = std::atof(value);
        }
        else if (!std::strcmp(name, "--max-steps"))
        {
            o.maxSteps = std::atoi(value);
        }
        else if (!std::strcmp(name, "--start-pps"))
        {
            o.startPps = std::atof(value);
        }
        else if (!std::strcmp(name, "--max-pps"))
        {
            o.maxPps = std::atof(value);
        }
        else if (!std::strcmp(name, "--calls"))
        {
            o.calls = std::strtoull(value, nullptr, 10);
        }
        else if (!std::strcmp(name, "--target-pps"))
        {
            o.targetPps = std::atof(value);
        }
    }
    // Bounded whatever is asked: at most 30 steps of at most 10 s.
    o.stepSeconds = std::clamp(o.stepSeconds, 0.05, 10.0);
    o.maxSteps = std::clamp(o.maxSteps, 1, 30);
    o.maxPps = std::clamp(o.maxPps, 1000.0, 10000000.0);
    o.startPps = std::clamp(o.startPps > 0 ? o.startPps : o.targetPps / 2, 1000.0, o.maxPps);
    o.calls = std::clamp<std::uint64_t>(o.calls, 10, 200000);
    return o;
}

/// Calls as a proxy's siptrace mirrors them, interleaved in time as in the core benchmark: a
/// call starts every 100 µs and ends 30–90 s later. The sender rewrites Call-IDs every round, so
/// the did cookies (which carry the original Call-ID's hash) only fit in the first round; the
/// core runs with dlg_match_mode 1 (did, then Call-ID + tags), as many proxies do.
void buildPool(std::uint64_t calls, std::vector<std::string> &pool, std::vector<std::size_t> &offsets)
{
    SipTrafficGenerator::Options go;
    go.seed = 7;
    SipTrafficGenerator gen(go);
    std::vector<GeneratedMessage> all;
    all.reserve(calls * 7);
    const std::int64_t t0 = static_cast<std::int64_t>(std::time(nullptr)) * 1000000;
    for (std::uint64_t n = 0; n < calls; ++n)
    {
        const std::int64_t start = t0 + static_cast<std::int64_t>(n) * 100;
        const CallKind kind = n % 2 ? CallKind::CallerHangsUp : CallKind::CalleeHangsUp;
        gen.setup(n, kind, start, all);
        gen.teardown(n, kind, start + 30000000 + static_cast<std::int64_t>(n % 61) * 1000000, all);
    }
    std::stable_sort(all.begin(), all.end(), [](const GeneratedMessage &a, const GeneratedMessage &b) {
        return a.meta.timeUs < b.meta.timeUs;
    });
    pool.reserve(all.size());
    offsets.reserve(all.size());
    for (const GeneratedMessage &m : all)
    {
        pool.push_back(HepEncoder::v3(m));
        const std::size_t at = pool.back().find("\r\nCall-ID: ");
        offsets.push_back(at == std::string::npos ? at : at + 11);
    }
}

struct Counters
{
    std::uint64_t received = 0;
    std::uint64_t kernelDrops = 0; // SO_RXQ_OVFL
    std::uint64_t socketDrops = 0; // /proc/net/udp
    std::uint64_t softnetDrops = 0;
    std::uint64_t queueDrops = 0;
    std::uint64_t processed = 0;
    double udpCpu = 0;
    double coreCpu = 0;
};

struct Step
{
    double targetPps = 0;
    double sentPps = 0;
    std::uint64_t sent = 0;
    Counters delta;
    double senderCpu = 0;
    double seconds = 0;
    bool senderLimited = false;
    bool zeroDrop = false;
};

class Rig
{
public:
    Rig(CoreWorker &worker, MirrorListener &listener)
        : m_worker(worker)
        , m_listener(listener)
    {}

    Counters read() const
    {
        Counters c;
        const MirrorListenerStats s = m_listener.stats();
        c.received = s.udp.datagrams;
        c.kernelDrops = s.udp.kernelDrops;
        c.socketDrops = ProcStats::udpSocketDrops(m_listener.udpPort());
        c.softnetDrops = ProcStats::softnetDrops();
        c.queueDrops = s.udp.queueDrops;
        c.processed = m_worker.stats().packets;
        c.udpCpu = ProcStats::threadCpuSeconds("calldeck-udp");
        c.coreCpu = ProcStats::threadCpuSeconds("calldeck-core");
        return c;
    }

    static Counters minus(const Counters &a, const Counters &b)
    {
        Counters d;
        d.received = a.received - b.received;
        d.kernelDrops = a.kernelDrops - b.kernelDrops;
        d.socketDrops = a.socketDrops - b.socketDrops;
        d.softnetDrops = a.softnetDrops - b.softnetDrops;
        d.queueDrops = a.queueDrops - b.queueDrops;
        d.processed = a.processed - b.processed;
        d.udpCpu = a.udpCpu - b.udpCpu;
        d.coreCpu = a.coreCpu - b.coreCpu;
        return d;
    }

    Step run(HepSender &sender, double pps, double seconds)
    {
        Step step;
        step.targetPps = pps;
        const Counters before = read();
        const HepSender::Result r = sender.run(pps, seconds);
        step.senderCpu = r.cpuSeconds;
        step.sent = r.sent;
        step.seconds = r.seconds;
        step.sentPps = r.seconds > 0 ? static_cast<double>(r.sent) / r.seconds : 0;
        // Drain: everything sent is received or counted as dropped, and the core has taken it.
        const double deadline = nowSeconds() + 5.0;
        Counters d;
        do
        {
            std::this_thread::sleep_for(std::chrono::milliseconds(60));
            d = minus(read(), before);
        } while (nowSeconds() < deadline &&
                 (d.received + std::max(d.kernelDrops, d.socketDrops) < step.sent ||
                  d.processed + d.queueDrops < d.received));
        step.delta = d;
        step.senderLimited = step.sentPps < 0.97 * pps;
        // Zero drops at the rate actually sent: nothing lost in the kernel or the queue, and
        // every datagram sent was received and processed by the core.
        step.zeroDrop = r.error.empty() && d.kernelDrops == 0 && d.socketDrops == 0 && d.queueDrops == 0 &&
                        d.received == step.sent && d.processed == step.sent;
        if (!r.error.empty())
        {
            std::printf("hepudp: %s\n", r.error.c_str());
        }
        return step;
    }

private:
    CoreWorker &m_worker;
    MirrorListener &m_listener;
};

void printStep(std::size_t i, const Step &s)
{
    const Counters &d = s.delta;
    std::printf(
        "hepudp: step %zu: target %.0f pps, sent %.0f pps (%llu), received %llu, processed %llu, "
        "kernel drops %llu (/proc %llu, softnet %llu), queue drops %llu; cpu sender %.0f%% udp %.0f%% "
        "core %.0f%% -> %s\n",
        i + 1, s.targetPps, s.sentPps, static_cast<unsigned long long>(s.sent),
        static_cast<unsigned long long>(d.received), static_cast<unsigned long long>(d.processed),
        static_cast<unsigned long long>(d.kernelDrops), static_cast<unsigned long long>(d.socketDrops),
        static_cast<unsigned long long>(d.softnetDrops), static_cast<unsigned long long>(d.queueDrops),
        100 * s.senderCpu / s.seconds, 100 * d.udpCpu / s.seconds, 100 * d.coreCpu / s.seconds,
        !s.zeroDrop ? "DROPS"
                    : (s.senderLimited ? "zero drops, but the sender fell short of the rate" : "zero drops"));
    std::fflush(stdout);
}

const char *limitOf(const Step &s)
{
    if (s.delta.queueDrops > 0 || s.delta.processed < s.delta.received)
    {
        return "the core thread (HEP decode + SIP parse + dialog tracking) could not keep up: the ingest "
               "queue "
               "overflowed";
    }
    if (s.delta.kernelDrops > 0 || s.delta.socketDrops > 0)
    {
        return "the socket buffer overflowed: the receive thread did not get enough CPU to drain it";
    }
    return "packets were lost before the socket (softnet backlog) or not accounted for";
}

} // namespace

int runHepUdpBench(int argc, char **argv)
{
    const Options o = parse(argc, argv);
    int qtArgc = 1;
    QCoreApplication app(qtArgc, argv); // the core worker's QThread

    std::printf("hepudp: building HEPv3 datagrams of %llu generated calls...\n",
                static_cast<unsigned long long>(o.calls));
    std::vector<std::string> pool;
    std::vector<std::size_t> offsets;
    buildPool(o.calls, pool, offsets);
    std::size_t bytes = 0;
    for (const std::string &d : pool)
    {
        bytes += d.size();
    }
    const double avgBytes = static_cast<double>(bytes) / static_cast<double>(pool.size());
    std::printf("hepudp: %zu datagrams, average %.0f bytes\n", pool.size(), avgBytes);

    IngestQueue queue;
    SourceRegistry sources;
    CoreWorker::Options wo;
    wo.tickMs = 50;
    wo.history.capacityBytes = 64u << 20;
    wo.dialog.matchMode = 1; // did, then Call-ID + tags: rewritten Call-IDs no longer fit their cookies
    CoreWorker worker(wo, queue, sources);
    MirrorListener listener(u"127.0.0.1:0"_s, queue, sources);
    QString error;
    if (!listener.start(&error))
    {
        std::fprintf(stderr, "calldeck-bench hepudp: %s\n", error.toLocal8Bit().constData());
        return 1;
    }
    worker.start();
    const int rcvbuf = listener.stats().udp.receiveBufferBytes;
    std::printf("hepudp: listening on udp 127.0.0.1:%u, receive buffer %d bytes (as the kernel reports it), "
                "load average %.2f\n",
                listener.udpPort(), rcvbuf, ProcStats::loadAverage());
    HepSender sender(std::move(pool), std::move(offsets));
    std::string sendError;
    if (!sender.connect(listener.udpPort(), sendError))
    {
        std::fprintf(stderr, "calldeck-bench hepudp: %s\n", sendError.c_str());
        return 1;
    }

    Rig rig(worker, listener);
    std::vector<Step> steps;
    double best = 0;                                         // highest rate sent with zero drops
    double passed = 0;                                       // highest target rate reached with zero drops
    double failed = std::numeric_limits<double>::infinity(); // lowest target rate with drops
    const char *dropLimit = nullptr;                         // what dropped at the lowest failing rate
    bool cpuLimited = false; // the sender could not produce a rate (without drops)
    bool retried = false;
    double rate = o.startPps;
    for (int i = 0; i < o.maxSteps; ++i)
    {
        steps.push_back(rig.run(sender, rate, o.stepSeconds));
        const Step &s = steps.back();
        printStep(steps.size() - 1, s);
        if (s.zeroDrop)
        {
            best = std::max(best, s.sentPps);
        }
        if (s.zeroDrop && s.senderLimited)
        {
            // Nothing was lost, but the rate could not be produced: the CPUs are saturated (the
            // sender, the receive and core threads and everything else on the box share them).
            // Once more in case another process was busy for a moment, then stop: higher rates
            // cannot be tested here.
            cpuLimited = true;
            if (retried)
            {
                break;
            }
            retried = true;
            std::this_thread::sleep_for(std::chrono::milliseconds(500));
            continue;
        }
        if (s.zeroDrop)
        {
            passed = std::max(passed, rate);
        }
        else if (rate < failed)
        {
            failed = rate;
            dropLimit = limitOf(s);
        }
        double next = 0;
        if (std::isinf(failed))
        {
            next = std::min(rate * 2, o.maxPps);
            if (next <= rate)
            {
                break; // the ceiling passed
            }
        }
        else
        {
            if (failed - passed <= 0.05 * std::max(passed, o.startPps))
            {
                break; // within 5 %
            }
            next = (passed + failed) / 2;
        }
        rate = std::round(next / 1000) * 1000;
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
    }
    calldeck::core::DialogStats dialogs;
    std::size_t live = 0;
    worker.call([&](CoreContext &c) {
        dialogs = c.engine.stats();
        live = c.engine.dialogCount();
    });
    worker.stop();
    listener.stop();

    std::string limit;
    if (dropLimit)
    {
        limit = std::string("drops at ") + std::to_string(static_cast<long long>(failed)) +
                " packets/s: " + dropLimit;
    }
    if (cpuLimited)
    {
        limit +=
            std::string(limit.empty() ? "" : "; ") +
            "CPU: the sending thread could not produce a higher rate on this machine (sender, receive and "
            "core threads and other processes share its cores), nothing was dropped there";
    }
    if (limit.empty())
    {
        limit = std::isinf(failed) && passed >= o.maxPps
                    ? "none found: the highest rate asked for (--max-pps) passed"
                    : "not narrowed down within --max-steps; run with more steps";
    }
    std::printf("hepudp: the core created %llu dialogs (%zu still held at the end)\n",
                static_cast<unsigned long long>(dialogs.processedDialogs), live);
    std::printf("hepudp: highest rate with zero drops: %.0f packets/s (target %.0f: %s)\n", best, o.targetPps,
                best >= o.targetPps ? "met" : "NOT met");
    std::printf("hepudp: limit: %s\n", limit.c_str());
    std::printf("{\"bench\":\"hepudp\",\"max_zero_drop_pps\":%.0f,\"target_pps\":%.0f,\"rcvbuf_bytes\":%d,"
                "\"avg_datagram_bytes\":%.0f,\"load_average\":%.2f,\"dialogs_created\":%llu,\"steps\":[",
                best, o.targetPps, rcvbuf, avgBytes, ProcStats::loadAverage(),
                static_cast<unsigned long long>(dialogs.processedDialogs));
    for (std::size_t i = 0; i < steps.size(); ++i)
    {
        const Step &s = steps[i];
        const Counters &d = s.delta;
        std::printf(
            "%s{\"target_pps\":%.0f,\"sent_pps\":%.0f,\"sent\":%llu,\"received\":%llu,\"processed\":%llu,"
            "\"kernel_drops\":%llu,\"proc_socket_drops\":%llu,\"softnet_drops\":%llu,\"queue_drops\":%llu,"
            "\"cpu_sender\":%.2f,\"cpu_udp\":%.2f,\"cpu_core\":%.2f,\"sender_limited\":%s,\"zero_drop\":%s}",
            i ? "," : "", s.targetPps, s.sentPps, static_cast<unsigned long long>(s.sent),
            static_cast<unsigned long long>(d.received), static_cast<unsigned long long>(d.processed),
            static_cast<unsigned long long>(d.kernelDrops), static_cast<unsigned long long>(d.socketDrops),
            static_cast<unsigned long long>(d.softnetDrops), static_cast<unsigned long long>(d.queueDrops),
            s.senderCpu / s.seconds, d.udpCpu / s.seconds, d.coreCpu / s.seconds,
            s.senderLimited ? "true" : "false", s.zeroDrop ? "true" : "false");
    }
    std::printf("],\"limit\":\"%s\"}\n", limit.c_str());
    return 0;
}

} // namespace calldeck::bench
