// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace calldeck::bench
{

/**
 * @brief `calldeck-bench store`: the dialog store (issue #9) under churn and at restart.
 *
 * Churn: for each rate of --steps (calls/s), --seconds of calls set up and hung up --hold s later
 * (raw SIP from SipTrafficGenerator, pushed every 10 ms into the ingest queue of a live CoreWorker
 * whose DialogPersistence writes in db_mode 1 to a fresh SQLite store, or --db URL). The ingest
 * stall is how long a call posted to the core thread every 10 ms waits before it runs (the core
 * busy with a batch, a tick, or handing changes to the writer); drain_ms how long the writer needs
 * after the traffic ends. A rate passes with no stall above 50 ms, nothing dropped, and the
 * backlog written within 1 s. The same rates without a store are measured first, for comparison.
 *
 * Restore: --restore dialogs written to a store (not timed), then timed: the writer's start
 * (reading the tables) and the restore into an engine (DialogPersistence::attach).
 *
 * Human lines, then a JSON line last with realtime_max_cps and restore_100k_ms and the targets
 * (≥ 5 000 calls/s, ≤ 1 000 ms).
 */
int runStoreBench(int argc, char **argv);

} // namespace calldeck::bench
