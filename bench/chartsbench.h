// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace calldeck::bench
{

/**
 * @brief `calldeck-bench charts`: the Charts page on a full day of history, offscreen. First (not
 * timed) a SampleStore file is written with --series profiles × --hours hours of once-a-second
 * samples (a daily curve with noise and a short outage). Timed: load_24h_ms, a ProfileSampler
 * starting on that store (SQLite read into the rings); redraw_ms, the page on the 24 h window
 * redrawn (downsampling every series, the charts' series replaced) and painted into a QImage of
 * --width × --height, --redraws times (median and p95). Human lines, then a JSON line last with
 * the targets (≤ 300 ms, ≤ 30 ms).
 */
int runChartsBench(int argc, char **argv);

} // namespace calldeck::bench
