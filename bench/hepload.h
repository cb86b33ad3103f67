// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace calldeck::bench
{

/**
 * @brief `calldeck-bench hepudp`: the highest rate of HEPv3 datagrams (realistic generated calls)
 * that an in-process MirrorListener + CoreWorker on a loopback port take with zero drops
 * anywhere (kernel socket buffer, ingest queue, received == sent == processed). Searches rates
 * in steps (doubling, then bisection), each step a bounded time; traffic only to 127.0.0.1.
 * Options: --step-seconds S (2) --max-steps N (10) --start-pps N (target / 2) --max-pps N
 * --calls N (10000, the pool sent round and round) --target-pps N (300000).
 * @return process exit code
 */
int runHepUdpBench(int argc, char **argv);

} // namespace calldeck::bench
