// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace calldeck::core
{

/** @brief One leg of a snapshot; absent fields print as JSON null, as jsonrpcs does. */
struct DialogLegSnapshot
{
    std::optional<std::string> tag;
    std::optional<std::string> contact;
    std::optional<std::string> cseq;
    std::optional<std::string> routeSet;
    std::optional<std::string> socket;
    friend bool operator==(const DialogLegSnapshot &, const DialogLegSnapshot &) = default;
};

/**
 * @brief A dialog as a value (no pointers into the core): what `dlg.list` prints for it,
 * plus the few fields the module keeps but does not list (req_uri, timeout route).
 */
struct DialogSnapshot
{
    std::uint32_t hEntry = 0;
    std::uint32_t hId = 0;
    std::uint32_t ref = 0;
    std::string callId;
    std::string fromUri;
    std::string toUri;
    std::string reqUri;
    std::uint8_t state = 0;
    std::uint32_t startTs = 0;
    std::uint32_t initTs = 0;
    std::uint32_t endTs = 0;
    std::int64_t duration = 0;
    std::uint32_t timeout = 0; ///< absolute Unix second of the lifetime timer, 0 = none
    std::uint32_t lifetime = 0;
    std::uint32_t dflags = 0;
    std::uint32_t sflags = 0;
    std::uint32_t iflags = 0;
    std::uint32_t lastModified = 0;
    std::string timeoutRoute;
    DialogLegSnapshot caller;
    DialogLegSnapshot callee;
    /** name and value; no value for a no-value profile (printed as a bare string) */
    std::vector<std::pair<std::string, std::optional<std::string>>> profiles;
    std::vector<std::pair<std::string, std::string>> variables;
    /** the operator's header columns (DialogConfig::headerColumns) as the initial INVITE carried
     *  them: name as configured and value, in the configured order, only headers present; not
     *  part of `dlg.list` */
    std::vector<std::pair<std::string, std::string>> headers;

    friend bool operator==(const DialogSnapshot &, const DialogSnapshot &) = default;
};

} // namespace calldeck::core
