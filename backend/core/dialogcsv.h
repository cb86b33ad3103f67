// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dialogsnapshot.h"

#include <string>
#include <vector>

namespace calldeck::core
{

/**
 * @brief The dialogs as CSV (CsvWriter) for scripts: one record per dialog with the `dlg.list`
 * names as the header (`h_entry`, `h_id`, `call-id`, `from_uri`, `to_uri`, `state`, `start_ts`,
 * `init_ts`, `end_ts`, `duration`, `timeout`, `lifetime`, `caller_tag`, `caller_contact`,
 * `callee_tag`, `callee_contact`, `profiles`, `variables`) and raw values (Unix seconds, state
 * numbers). Profiles read "name=value; name", variables "name=value; …". What `--export FILE.csv`
 * writes in headless mode, where there is no table whose columns could be copied.
 */
std::string dialogListCsv(const std::vector<DialogSnapshot> &dialogs);

} // namespace calldeck::core
