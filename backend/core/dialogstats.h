// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

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
    /// counter: initial INVITEs answered 2xx (CallDeck's, beside failedDialogs: their share is the
    /// failure rate of call set-up)
    std::uint64_t answeredDialogs = 0;
};

/** @brief A question for DialogEngine::countAged(): dialogs in some states for at least @c seconds. */
struct DialogAgeQuery
{
    enum class Kind : std::uint8_t
    {
        Any,   ///< states 1–4, age since the INVITE (init_ts)
        Early, ///< states 1–2 (unconfirmed, early), age since the INVITE
        NoAck, ///< state 3 (confirmed, no ACK), age since the 2xx (start_ts)
    };
    Kind kind = Kind::Any;
    std::uint32_t seconds = 0;
};

/** @brief The answer to one DialogAgeQuery. */
struct DialogAgeCount
{
    std::uint64_t count = 0;  ///< dialogs at least that old
    std::uint32_t oldest = 0; ///< the oldest one's age in seconds (0 when count is 0)
};

/**
 * @brief Adds one live dialog (state 1–4, its init_ts and start_ts) to the answers @p out of
 * @p queries at Unix second @p now: what DialogEngine::countAged() does for each of its dialogs,
 * and ProxyDialogs for the dialogs only a proxy lists.
 */
inline void countAgedDialog(const std::vector<DialogAgeQuery> &queries, std::uint8_t state,
                            std::uint32_t initTs, std::uint32_t startTs, std::uint32_t now,
                            std::vector<DialogAgeCount> &out)
{
    if (state < 1 || state > 4)
    {
        return;
    }
    const auto age = [now](std::uint32_t since) { return since && since < now ? now - since : 0u; };
    for (std::size_t q = 0; q < queries.size() && q < out.size(); ++q)
    {
        bool inState = true;
        std::uint32_t since = initTs;
        switch (queries[q].kind)
        {
        case DialogAgeQuery::Kind::Any:
            break;
        case DialogAgeQuery::Kind::Early:
            inState = state == 1 || state == 2;
            break;
        case DialogAgeQuery::Kind::NoAck:
            inState = state == 3;
            since = startTs;
            break;
        }
        const std::uint32_t a = age(since);
        if (inState && a >= queries[q].seconds)
        {
            ++out[q].count;
            out[q].oldest = a > out[q].oldest ? a : out[q].oldest;
        }
    }
}

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
