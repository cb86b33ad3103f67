// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace calldeck::bench
{

/**
 * @brief `calldeck-bench gui`: the console's live pipeline under load, offscreen. A producer thread
 * feeds generated SIP (a Kamailio proxy's traffic as the mirror sees it) through the IngestQueue
 * into the real CoreWorker: first --rows live calls, then --cps calls per second set up and as many
 * torn down for --seconds. The main thread runs the console's pipeline at 10 Hz: takeDelta() →
 * DialogTableModel::apply() → DialogFilterProxyModel → a shown QTableView. Measured: the time of
 * each apply (p50/p99/max), the longest event-loop stall (a 5 ms timer's lateness), and the text
 * filter over --filter-rows rows. JSON line last.
 */
int runGuiBench(int argc, char **argv);

} // namespace calldeck::bench
