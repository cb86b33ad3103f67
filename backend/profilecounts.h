// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <map>
#include <string>

/// @brief How many live dialogs each profile holds at one moment, in total and per value (valued
/// profiles), counted once per dialog across the mirror and the proxies (ProxyDialogs::profileCounts).
struct ProfileCount
{
    std::uint32_t total = 0;
    std::map<std::string, std::uint32_t> values; ///< empty for a profile without values
};
using ProfileCounts = std::map<std::string, ProfileCount>;
