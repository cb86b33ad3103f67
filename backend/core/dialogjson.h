// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dialogsnapshot.h"
#include "jsonwriter.h"

namespace calldeck::core
{

/**
 * @brief Writes a dialog exactly as `dlg.list` prints it: the same keys in the same order
 * (`call-id` with a hyphen, `cseq` as a string, absent leg fields as null, `profiles` as a
 * mixed array of bare names and {name: value} objects, `variables` as one-key objects).
 * Profiles and variables are printed only while the state is below 5, as the module does.
 */
void writeDialogJson(JsonWriter &w, const DialogSnapshot &d);

} // namespace calldeck::core
