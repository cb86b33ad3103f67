// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>

namespace calldeck::core
{

/** @brief The module's `dialog:` statistics, maintained where the module maintains them. */
struct DialogStats
{
    std::int64_t activeDialogs = 0;     ///< gauge: +1 at 2xx, −1 at BYE/timeout/local BYE reply
    std::int64_t earlyDialogs = 0;      ///< gauge: +1 first 1xx, −1 on leaving early
    std::uint64_t processedDialogs = 0; ///< counter: created dialogs (spirals excluded)
    std::uint64_t expiredDialogs = 0;   ///< counter: lifetime expiries
    std::uint64_t failedDialogs = 0;    ///< counter: negative final replies during setup
};

/** @brief `dlg.stats_active`: a live count by state (the reliable numbers). */
struct DialogActiveStats
{
    std::uint64_t starting = 0;   ///< state 1
    std::uint64_t connecting = 0; ///< state 2
    std::uint64_t answering = 0;  ///< state 3
    std::uint64_t ongoing = 0;    ///< state 4
    std::uint64_t all() const { return starting + connecting + answering + ongoing; }
};

/** @brief What the feed did with messages (CallDeck's own counters, not module statistics). */
struct DialogFeedStats
{
    std::uint64_t messages = 0;
    std::uint64_t parseErrors = 0;
    std::uint64_t unmatched = 0;   ///< sequential requests/replies that found no dialog
    std::uint64_t ignored = 0;     ///< messages the module does not act on (CANCEL, out-of-dialog)
    std::uint64_t bogusEvents = 0; ///< events invalid for the dialog's state (logged by the module)
    std::uint64_t spirals = 0;
    std::uint64_t mirrorTwins = 0;       ///< second copies of a message (in and out of the proxy)
    std::uint64_t rejectedCreations = 0; ///< initial INVITEs the module refuses (no/several Contacts)
};

} // namespace calldeck::core
