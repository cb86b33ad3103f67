// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "backend/core/dialogsnapshot.h"

namespace calldeck::testsupport
{

/**
 * @brief Dialog #@p n as a store test writes it: confirmed, h_entry 100 + n % 4, h_id n, both
 * tags, a route set on the caller's leg only, a timeout route on odd n, profiles (one with a
 * value, one without) unless n % 3 == 0, and the variables account=n and tenant=acme.
 */
core::DialogSnapshot sampleDialog(std::uint32_t n);

/**
 * @brief What Kamailio's tables keep of @p dialogs, one line per dialog sorted by (h_entry, h_id):
 * key, Call-ID, state, timeout, CSeqs, contacts, xdata, sflags and the variable rows. Meant for a
 * readable comparison in a failing test.
 */
std::vector<std::string> tableView(std::vector<core::DialogSnapshot> dialogs);

/** @brief True when @p a and @p b make the same `dialog` and `dialog_vars` rows, in any order. */
bool sameRows(std::vector<core::DialogSnapshot> a, std::vector<core::DialogSnapshot> b);

} // namespace calldeck::testsupport
