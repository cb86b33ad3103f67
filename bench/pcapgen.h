// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace calldeck::bench
{

/**
 * @brief `calldeck-bench pcapgen OUT.pcap --calls N [--cps R] [--seed S]`: writes a classic pcap
 * (Ethernet/IPv4/UDP, microsecond timestamps) of N realistic calls as a proxy's mirror sees them
 * (both copies of each message, 6–13 messages per call, in time order), for the replay
 * benchmark. Prints a JSON line last with the message count.
 * @return process exit code
 */
int runPcapGen(int argc, char **argv);

} // namespace calldeck::bench
