// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace calldeck::bench
{

/**
 * @brief `calldeck-bench replay FILE [--reader-only]`: replays a capture in process through
 * CaptureReplay into a CoreWorker on packet time (as `calldeck --replay` does) and reports the
 * messages per second from the start of the read until the core has processed the last one.
 * With --reader-only the core is replaced by a consumer that discards the batches, which
 * measures the reader alone. Prints a JSON line last.
 * @return process exit code
 */
int runReplayBench(int argc, char **argv);

} // namespace calldeck::bench
