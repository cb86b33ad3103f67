// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace calldeck::bench
{

/**
 * @brief `calldeck-bench rpc`: the proxy feed's core half on a generated `dlg.list` reply in
 * Kamailio's pretty format: parse, parse + RemoteDialogSet::apply in steady state, the first
 * apply, and the Qt DlgListParser on the same body for comparison (--dialogs N --rounds N).
 * @return process exit code
 */
int runRpcBench(int argc, char **argv);

} // namespace calldeck::bench
