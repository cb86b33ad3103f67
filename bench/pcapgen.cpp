// SPDX-License-Identifier: GPL-3.0-or-later
#include "pcapgen.h"

#include "benchclock.h"

#include "tests/support/pcapwriter.h"
#include "tests/support/siptrafficgenerator.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <queue>
#include <string>
#include <vector>

namespace calldeck::bench
{

namespace
{

using testsupport::CallKind;
using testsupport::GeneratedMessage;
using testsupport::PcapWriter;
using testsupport::SipTrafficGenerator;

struct Options
{
    const char *out = nullptr;
    std::uint64_t calls = 100000;
    std::uint64_t cps = 500; // new calls per second of capture time
    std::uint32_t seed = 42;
};

bool parse(int argc, char **argv, Options &o)
{
    if (argc < 3 || argv[2][0] == '-')
    {
        return false;
    }
    o.out = argv[2];
    for (int i = 3; i + 1 < argc; i += 2)
    {
        if (!std::strcmp(argv[i], "--calls"))
        {
            o.calls = std::strtoull(argv[i + 1], nullptr, 10);
        }
        else if (!std::strcmp(argv[i], "--cps"))
        {
            o.cps = std::max<std::uint64_t>(1, std::strtoull(argv[i + 1], nullptr, 10));
        }
        else if (!std::strcmp(argv[i], "--seed"))
        {
            o.seed = static_cast<std::uint32_t>(std::strtoul(argv[i + 1], nullptr, 10));
        }
        else
        {
            return false;
        }
    }
    return o.calls > 0;
}

/// The mix of a busy trunk: most calls answered, some cancelled while ringing, some rejected.
CallKind kindOf(std::uint64_t n)
{
    switch (n % 10)
    {
    case 3:
        return CallKind::Cancelled;
    case 7:
        return CallKind::Rejected;
    default:
        return n % 2 ? CallKind::CallerHangsUp : CallKind::CalleeHangsUp;
    }
}

struct Later
{
    bool operator()(const GeneratedMessage &a, const GeneratedMessage &b) const
    {
        return a.meta.timeUs > b.meta.timeUs;
    }
};

} // namespace

int runPcapGen(int argc, char **argv)
{
    Options o;
    if (!parse(argc, argv, o))
    {
        std::fprintf(
            stderr,
            "usage: calldeck-bench pcapgen OUT.pcap [--calls N] [--cps CALLS_PER_SECOND] [--seed S]\n");
        return 2;
    }
    SipTrafficGenerator::Options go;
    go.seed = o.seed;
    go.bothCopies = true; // siptrace trace_mode=1: each message entering and leaving the proxy
    const SipTrafficGenerator gen(go);
    PcapWriter writer;
    if (!writer.open(o.out))
    {
        std::fprintf(stderr, "calldeck-bench pcapgen: %s; choose a writable path.\n", writer.error().c_str());
        return 1;
    }
    const double t0 = nowSeconds();
    constexpr std::int64_t start = 1795747700LL * 1000000;
    const std::int64_t spacingUs = std::max<std::int64_t>(1, 1000000 / static_cast<std::int64_t>(o.cps));
    // Calls start in time order; a call's messages never precede its start, so everything
    // older than the next start can be written: memory holds only the calls in progress.
    std::priority_queue<GeneratedMessage, std::vector<GeneratedMessage>, Later> pending;
    std::vector<GeneratedMessage> batch;
    std::uint64_t messages = 0;
    std::uint16_t ipId = 0;
    auto writeUntil = [&](std::int64_t limitUs) {
        while (!pending.empty() && pending.top().meta.timeUs < limitUs)
        {
            const GeneratedMessage &m = pending.top();
            writer.write(m.meta.timeUs, PcapWriter::udpFrame(m.meta, m.text, ++ipId));
            ++messages;
            pending.pop();
        }
    };
    for (std::uint64_t n = 0; n < o.calls; ++n)
    {
        const std::int64_t t = start + static_cast<std::int64_t>(n) * spacingUs;
        writeUntil(t);
        const CallKind kind = kindOf(n);
        batch.clear();
        gen.setup(n, kind, t, batch);
        if (kind == CallKind::CallerHangsUp || kind == CallKind::CalleeHangsUp)
        {
            // Talk for 20–120 s after the answer (~0.5 s after the INVITE).
            gen.teardown(n, kind, t + 20000000 + static_cast<std::int64_t>((n * 7919) % 100) * 1000000,
                         batch);
        }
        for (GeneratedMessage &m : batch)
        {
            pending.push(std::move(m));
        }
    }
    writeUntil(INT64_MAX);
    if (!writer.close())
    {
        std::fprintf(stderr, "calldeck-bench pcapgen: %s; free some space or choose another path.\n",
                     writer.error().c_str());
        return 1;
    }
    const double seconds = nowSeconds() - t0;
    std::printf("pcapgen: %llu calls, %llu messages, %llu bytes written to %s in %.1f s\n",
                static_cast<unsigned long long>(o.calls), static_cast<unsigned long long>(messages),
                static_cast<unsigned long long>(writer.bytesWritten()), o.out, seconds);
    std::printf("{\"bench\":\"pcapgen\",\"calls\":%llu,\"messages\":%llu,\"bytes\":%llu,\"cps\":%llu}\n",
                static_cast<unsigned long long>(o.calls), static_cast<unsigned long long>(messages),
                static_cast<unsigned long long>(writer.bytesWritten()),
                static_cast<unsigned long long>(o.cps));
    return 0;
}

} // namespace calldeck::bench
