// SPDX-License-Identifier: GPL-3.0-or-later
#include "corebench.h"

#include "benchclock.h"

#include "backend/core/dialogengine.h"
#include "backend/core/sipparser.h"
#include "tests/support/siptrafficgenerator.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

namespace calldeck::bench
{

namespace
{

using testsupport::CallKind;
using testsupport::GeneratedMessage;
using testsupport::SipTrafficGenerator;

struct Options
{
    std::uint64_t calls = 150000;       // for the throughput runs
    std::uint64_t concurrent = 1000000; // for the memory run
    int rounds = 3;
};

Options parse(int argc, char **argv)
{
    Options o;
    for (int i = 2; i + 1 < argc; i += 2)
    {
        if (!std::strcmp(argv[i], "--calls"))
        {
            o.calls = std::strtoull(argv[i + 1], nullptr, 10);
        }
        else if (!std::strcmp(argv[i], "--concurrent"))
        {
            o.concurrent = std::strtoull(argv[i + 1], nullptr, 10);
        }
        else if (!std::strcmp(argv[i], "--rounds"))
        {
            o.rounds = std::atoi(argv[i + 1]);
        }
    }
    o.rounds = std::max(1, o.rounds);
    return o;
}

/** Realistic interleaving: a call starts every 100 µs, rings, is answered after ~0.5 s and
 *  lasts 30–90 s, so tens of thousands of dialogs are alive at once while messages flow. */
std::vector<GeneratedMessage> makeTraffic(std::uint64_t calls)
{
    SipTrafficGenerator::Options go;
    go.seed = 42;
    SipTrafficGenerator gen(go);
    std::vector<GeneratedMessage> all;
    all.reserve(calls * 7);
    constexpr std::int64_t t0 = 1795747700LL * 1000000;
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
    return all;
}

/** The traffic packed into one buffer in time order (what receive batches look like). */
struct PackedMessage
{
    std::string_view text;
    core::PacketMeta meta;
};
struct Traffic
{
    std::string buffer;
    std::vector<PackedMessage> messages;
    std::size_t size() const { return messages.size(); }
    auto begin() const { return messages.begin(); }
    auto end() const { return messages.end(); }
};

Traffic packTraffic(const std::vector<GeneratedMessage> &generated)
{
    Traffic t;
    std::size_t total = 0;
    for (const auto &m : generated)
    {
        total += m.text.size();
    }
    t.buffer.reserve(total);
    std::vector<std::size_t> offsets;
    offsets.reserve(generated.size());
    for (const auto &m : generated)
    {
        offsets.push_back(t.buffer.size());
        t.buffer += m.text;
    }
    t.messages.reserve(generated.size());
    for (std::size_t i = 0; i < generated.size(); ++i)
    {
        t.messages.push_back(PackedMessage{
            std::string_view(t.buffer).substr(offsets[i], generated[i].text.size()), generated[i].meta});
    }
    return t;
}

} // namespace

int runCoreBench(int argc, char **argv)
{
    const Options o = parse(argc, argv);
    std::printf("core: generating %llu calls of realistic traffic...\n",
                static_cast<unsigned long long>(o.calls));
    const Traffic traffic = packTraffic(makeTraffic(o.calls));
    std::size_t bytes = 0;
    for (const auto &m : traffic)
    {
        bytes += m.text.size();
    }
    // Messages live back to back in one buffer, as a receive batch or a capture block holds them.
    std::printf("core: %zu messages, average %.0f bytes\n", traffic.size(),
                static_cast<double>(bytes) / static_cast<double>(traffic.size()));

    // 1. Parse only (best of the rounds).
    double bestParse = 0;
    std::size_t parsed = 0;
    auto msg = std::make_unique<core::SipMessage>();
    for (int r = 0; r < o.rounds; ++r)
    {
        parsed = 0;
        const double c0 = threadCpuSeconds();
        for (const auto &m : traffic)
        {
            parsed += core::SipParser::parse(m.text, *msg) == core::SipParseError::None;
        }
        const double rate = static_cast<double>(traffic.size()) / (threadCpuSeconds() - c0);
        bestParse = std::max(bestParse, rate);
    }
    std::printf("core: parse %.0f msgs/s (%zu of %zu parsed)\n", bestParse, parsed, traffic.size());

    // 2. Parse + full core, timers on packet time. Each round feeds the traffic twice into one
    //    engine: the first pass is a cold start (memory faulted in, indexes growing); then every
    //    dialog is timed out and destroyed, and the second pass measures the steady state of a
    //    long-running process (records, strings and index slots reused).
    double bestTrack = 0;
    double bestCold = 0;
    std::uint64_t maxConcurrent = 0;
    core::DialogStats finalStats;
    for (int r = 0; r < o.rounds; ++r)
    {
        core::DialogConfig cfg;
        cfg.profilesNoValue = "inbound";
        cfg.profilesWithValue = "trunk";
        core::DialogEngine engine(cfg);
        for (int pass = 0; pass < 2; ++pass)
        {
            const double c0 = threadCpuSeconds();
            std::size_t i = 0;
            for (const auto &m : traffic)
            {
                engine.feed(m.text, m.meta);
                if ((++i & 0xFFFF) == 0)
                {
                    maxConcurrent = std::max<std::uint64_t>(maxConcurrent, engine.activeStats().all());
                }
            }
            const double rate = static_cast<double>(traffic.size()) / (threadCpuSeconds() - c0);
            (pass == 0 ? bestCold : bestTrack) = std::max(pass == 0 ? bestCold : bestTrack, rate);
            finalStats = engine.stats();
            // Let every dialog end by its timers (lifetime 43200 s) and be destroyed.
            engine.advanceTo(engine.nowUs() + 2LL * 86400 * 1000000);
            engine.advanceTo(engine.nowUs() + 1000LL * 1000000);
        }
    }
    std::printf(
        "core: track %.0f msgs/s steady state, %.0f msgs/s from a cold start (up to %llu concurrent)\n",
        bestTrack, bestCold, static_cast<unsigned long long>(maxConcurrent));

    // 3. Memory with N concurrent confirmed dialogs (generated call by call, not kept).
    const std::size_t rss0 = residentBytes();
    double bytesPerDialog = 0;
    double rssPerDialog = 0;
    std::size_t dialogs = 0;
    {
        SipTrafficGenerator::Options go;
        go.seed = 7;
        SipTrafficGenerator gen(go);
        core::DialogEngine engine;
        std::vector<GeneratedMessage> batch;
        constexpr std::int64_t t0 = 1795747700LL * 1000000;
        for (std::uint64_t n = 0; n < o.concurrent; ++n)
        {
            batch.clear();
            gen.setup(n, CallKind::CallerHangsUp, t0 + static_cast<std::int64_t>(n), batch);
            for (const auto &m : batch)
            {
                engine.feed(m.text, m.meta);
            }
        }
        dialogs = engine.activeStats().ongoing;
        bytesPerDialog = static_cast<double>(engine.memoryBytes()) / static_cast<double>(dialogs);
        rssPerDialog = static_cast<double>(residentBytes() - rss0) / static_cast<double>(dialogs);
        std::printf(
            "core: %zu confirmed dialogs, %.0f bytes/dialog by the core's accounting, %.0f by RSS growth\n",
            dialogs, bytesPerDialog, rssPerDialog);
    }

    std::printf("{\"bench\":\"core\",\"messages\":%zu,\"avg_message_bytes\":%.0f,\"parse_msgs_per_s\":%.0f,"
                "\"track_msgs_per_s\":%.0f,\"track_cold_msgs_per_s\":%.0f,\"concurrent_dialogs\":%zu,\"bytes_"
                "per_dialog\":%.0f,"
                "\"rss_bytes_per_dialog\":%.0f,\"target_track_msgs_per_s\":1000000,\"target_bytes_per_"
                "dialog\":600}\n",
                traffic.size(), static_cast<double>(bytes) / static_cast<double>(traffic.size()), bestParse,
                bestTrack, bestCold, dialogs, bytesPerDialog, rssPerDialog);
    return 0;
}

} // namespace calldeck::bench
