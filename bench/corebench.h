// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace calldeck::bench
{

/**
 * @brief `calldeck-bench core`: parse and tracking throughput of the dialog core on realistic
 * generated traffic, and memory per confirmed dialog with 1 000 000 concurrent dialogs.
 * @return process exit code
 */
int runCoreBench(int argc, char **argv);

} // namespace calldeck::bench
