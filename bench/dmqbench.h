// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace calldeck::bench
{

/**
 * @brief `calldeck-bench dmq`: the cluster feed (issue #10). The core half: parse + apply of
 * DMQ dialog bodies (UPDATE, STATE 2, STATE 4, STATE 5, RM per call) by ClusterDialogTable, and
 * the cost of a node's listing of 10 000 dialogs. The whole node: a peer on loopback UDP registers
 * CallDeck's DmqFeed (its real thread, socket and transactions) and sends the same calls as KDMQ
 * requests with up to --window unanswered at once, as a Kamailio node's workers do; the highest
 * rate at which every request gets its 200 (--calls N --window W).
 * @return process exit code
 */
int runDmqBench(int argc, char **argv);

} // namespace calldeck::bench
