// SPDX-License-Identifier: GPL-3.0-or-later
// fuzz_core: parser + dialog engine. The input is a script of chunks separated by "|||\n":
//   S<hop><SIP message>   feed a message (hop byte picks source/destination endpoints)
//   T<n>                  advance the clock by n seconds (n = one byte)
//   M<op><arg>            a management call on one of the live dialogs
//   anything else         fed as a SIP message as it is
// After each chunk the engine's invariants are checked; a broken one aborts (a finding).
#include "backend/core/dialogengine.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

using namespace calldeck::core;

namespace
{

#define check(ok) checkImpl((ok), #ok, __LINE__)

void checkImpl(bool ok, const char *what, int line)
{
    if (!ok)
    {
        std::fprintf(stderr, "fuzz_core: invariant broken at line %d: %s\n", line, what);
        std::abort();
    }
}

void checkInvariants(const DialogEngine &e)
{
    const DialogActiveStats a = e.activeStats();
    std::uint64_t live = 0;
    std::uint64_t byState[6] = {};
    for (DialogHandle h : e.list())
    {
        const DialogSnapshot s = e.snapshot(h);
        check(s.state >= 1 && s.state <= 5);
        ++byState[s.state];
        ++live;
    }
    check(live == e.dialogCount());
    check(a.starting == byState[1] && a.connecting == byState[2] && a.answering == byState[3] &&
          a.ongoing == byState[4]);
    check(e.stats().earlyDialogs >= 0);
}

Endpoint endpoint(int n)
{
    return Endpoint::ipv4(0x7F000001u + static_cast<std::uint32_t>(n & 3),
                          static_cast<std::uint16_t>(5060 + (n & 3)));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    DialogConfig c;
    c.profilesNoValue = "inbound";
    c.profilesWithValue = "trunk";
    c.matchMode = size % 3 ? 1 : 0;
    c.defaultTimeout = 30;
    DialogEngine engine(c);
    std::vector<LocalRequest> sent;
    engine.setRequestSink([&](const LocalRequest &r) { sent.push_back(r); });
    engine.callbacks().registerObserver(
        Dlgcb::All, [&](DialogHandle h, const DialogCallbackParams &) { check(engine.valid(h)); });
    std::int64_t now = 1795747700LL * 1000000;
    std::string_view in(reinterpret_cast<const char *>(data), size);
    while (!in.empty())
    {
        const auto sep = in.find("|||\n");
        std::string_view chunk = in.substr(0, sep);
        in = sep == std::string_view::npos ? std::string_view() : in.substr(sep + 4);
        now += 1000;
        if (chunk.size() >= 2 && chunk[0] == 'T')
        {
            now += static_cast<std::int64_t>(static_cast<std::uint8_t>(chunk[1])) * 1000000;
            engine.advanceTo(now);
        }
        else if (chunk.size() >= 3 && chunk[0] == 'M')
        {
            const auto all = engine.list();
            if (!all.empty())
            {
                const DialogHandle h = all[static_cast<std::uint8_t>(chunk[2]) % all.size()];
                const std::string_view arg = chunk.substr(3);
                switch (static_cast<std::uint8_t>(chunk[1]) % 8)
                {
                case 0:
                    (void)engine.setTimeout(h, static_cast<std::uint8_t>(chunk[2]));
                    break;
                case 1:
                    (void)engine.setProfile(h, "trunk", arg);
                    break;
                case 2:
                    (void)engine.unsetProfile(h, "trunk", arg);
                    break;
                case 3:
                    (void)engine.setVariable(h, "k", arg);
                    break;
                case 4:
                    (void)engine.bye(h, ByeTarget::All, arg);
                    break;
                case 5:
                    engine.localReply(h, DialogLeg::Caller, 200 + static_cast<std::uint8_t>(chunk[2]));
                    break;
                case 6:
                    (void)engine.setState(h, static_cast<std::uint8_t>(chunk[2]) % 7);
                    break;
                default:
                {
                    DialogSnapshot s = engine.snapshot(h);
                    s.hId += 1;
                    (void)engine.restore(s);
                    break;
                }
                }
            }
        }
        else
        {
            PacketMeta meta;
            meta.timeUs = now;
            if (chunk.size() >= 2 && chunk[0] == 'S')
            {
                meta.src = endpoint(chunk[1]);
                meta.dst = endpoint(chunk[1] >> 2);
                chunk = chunk.substr(2);
            }
            engine.feed(chunk, meta);
        }
        checkInvariants(engine);
    }
    (void)engine.listJson(true);
    // Timers need several passes (a cleanup pass arms the no-ACK grace timer 10 s later).
    for (int i = 1; i <= 8; ++i)
    {
        engine.advanceTo(now + i * 20000LL * 1000000);
    }
    if (engine.dialogCount() != 0)
    {
        std::fprintf(stderr, "fuzz_core: dialogs left after every timer ran: %s\n",
                     engine.listJson(false).c_str());
    }
    check(engine.dialogCount() == 0);
    check(engine.liveStringBytes() == 0);
    return 0;
}
