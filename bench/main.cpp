// SPDX-License-Identifier: GPL-3.0-or-later
// calldeck-bench NAME [options]: runs one benchmark; the JSON line it prints last is the result.
#include "chartsbench.h"
#include "corebench.h"
#include "dmqbench.h"
#include "guibench.h"
#include "hepload.h"
#include "pcapgen.h"
#include "replaybench.h"
#include "rpcbench.h"
#include "storebench.h"

#include <cstdio>
#include <cstring>

namespace
{

struct Bench
{
    const char *name;
    const char *what;
    int (*run)(int, char **);
};

const Bench benches[] = {
    {"charts",
     "the Charts page on 24 h of history, offscreen: store load into the rings, 24 h redraw + paint "
     "(--series N --hours H --redraws N --width PX --height PX --png FILE)",
     calldeck::bench::runChartsBench},
    {"core",
     "SIP parse + dialog tracking throughput, memory per dialog (--calls N --concurrent N --rounds N)",
     calldeck::bench::runCoreBench},
    {"dmq",
     "the cluster feed: DMQ body parse + apply, a node's listing, and CallDeck's DMQ node on loopback UDP "
     "(--calls N --window W)",
     calldeck::bench::runDmqBench},
    {"gui",
     "the console under load, offscreen: live rows + churn through core, models and views, text filter "
     "(--rows N --cps N --seconds S --filter-rows N)",
     calldeck::bench::runGuiBench},
    {"hepudp",
     "HEP over UDP into listener + core: highest zero-drop rate (--step-seconds S --max-steps N --start-pps "
     "N)",
     calldeck::bench::runHepUdpBench},
    {"pcapgen", "write a pcap of realistic calls for the replay benchmark (OUT.pcap --calls N)",
     calldeck::bench::runPcapGen},
    {"replay", "capture replay into the core, in process (FILE [--reader-only])",
     calldeck::bench::runReplayBench},
    {"rpc", "proxy JSON-RPC feed: dlg.list parse + remote dialog diff (--dialogs N --rounds N)",
     calldeck::bench::runRpcBench},
    {"store",
     "the dialog store: db_mode 1 under churn (ingest stall, writer drain) and the restore of N dialogs "
     "(--steps CPS,... --seconds S --hold S --restore N --db URL)",
     calldeck::bench::runStoreBench},
};

void usage()
{
    std::printf("usage: calldeck-bench NAME [options]\n");
    for (const Bench &b : benches)
    {
        std::printf("  %-8s %s\n", b.name, b.what);
    }
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2 || !std::strcmp(argv[1], "list") || !std::strcmp(argv[1], "--help"))
    {
        usage();
        return argc < 2 ? 2 : 0;
    }
    for (const Bench &b : benches)
    {
        if (!std::strcmp(argv[1], b.name))
        {
            return b.run(argc, argv);
        }
    }
    std::fprintf(stderr, "calldeck-bench: no benchmark named '%s'; run 'calldeck-bench list'.\n", argv[1]);
    return 2;
}
