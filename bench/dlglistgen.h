// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "backend/core/dialogsnapshot.h"

namespace calldeck::bench
{

/**
 * @brief Generates what a busy Kamailio lists in `dlg.list`, poll after poll: realistic Call-IDs,
 * URIs, tags, contacts, sockets, 2–3 profiles (valued and not), 1–2 variables; and writes the
 * JSON-RPC reply exactly in Kamailio's pretty format (tab indentation, `"key":\tvalue`, as in
 * samples/dlg.list.json).
 */
class DlgListGenerator
{
public:
    explicit DlgListGenerator(std::uint64_t seed = 1);

    /** @brief Starts over with @p count dialogs, listed at @p now (Unix seconds). */
    void populate(std::size_t count, std::uint32_t now);
    /**
     * @brief The next poll, @p seconds later: every duration moves; @p changedShare of the
     * dialogs change state or CSeq, @p endedShare end (leave the list) and as many as
     * @p addedShare of the count start.
     */
    void step(std::uint32_t seconds, double changedShare = 0.02, double endedShare = 0.01,
              double addedShare = 0.01);

    const std::vector<calldeck::core::DialogSnapshot> &dialogs() const { return m_dialogs; }
    std::uint32_t now() const { return m_now; }

    /** @brief The `dlg.list` reply for the current dialogs. */
    std::string reply(int id) const;
    /** @brief Writes @p dialogs as a `dlg.list` reply in Kamailio's pretty format into @p out. */
    static void writeReply(const std::vector<calldeck::core::DialogSnapshot> &dialogs, int id,
                           std::string &out);

private:
    calldeck::core::DialogSnapshot makeDialog();
    std::string hex(std::size_t digits);
    std::string number(std::size_t digits);
    std::uint32_t below(std::uint32_t n);

    std::mt19937_64 m_random;
    std::vector<calldeck::core::DialogSnapshot> m_dialogs;
    std::uint32_t m_now = 0;
    std::uint32_t m_nextId = 1;
};

} // namespace calldeck::bench
