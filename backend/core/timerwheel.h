// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <vector>

namespace calldeck::core
{

class DialogTable;

/**
 * @brief Hashed timer wheel with one-second ticks over the dialog records (no threads).
 *
 * Each record has at most one timer (its links live in the record), placed in slot
 * expiry % slots. advance() walks the seconds between the last tick and `now`, an injected
 * clock; a jump longer than one turn (a replay skipping hours) walks every slot once.
 * Firing order within one second is unspecified. Callbacks may arm or disarm any timer.
 */
class TimerWheel
{
public:
    explicit TimerWheel(DialogTable &table, std::uint32_t slots = 4096);

    /** @brief Arms (or re-arms) a record's timer for an absolute Unix second. */
    void arm(std::uint32_t index, std::uint32_t expiry, std::uint8_t kind);
    void disarm(std::uint32_t index);
    bool armed(std::uint32_t index) const;
    std::size_t armedCount() const { return m_armed; }

    /** @brief The last second processed (0 before the first advance). */
    std::uint32_t current() const { return m_current; }

    /**
     * @brief Fires every timer with expiry ≤ now: fire(index, kind) after disarming it.
     * @return number of timers fired
     */
    template<typename Fire>
    std::size_t advance(std::uint32_t now, Fire &&fire)
    {
        if (now == m_current && !m_late)
        {
            return 0; // the common case on a busy feed: same second, nothing armed in the past
        }
        const bool late = m_late;
        m_late = false;
        if (m_current == 0)
        {
            m_current = now;
            collectAll(now);
        }
        else if (now == m_current)
        {
            collectSlot(m_current & m_mask, now);
        }
        else if (now > m_current)
        {
            if (late)
            {
                collectSlot(m_current & m_mask, now);
            }
            if (now - m_current >= m_slots.size())
            {
                collectAll(now);
            }
            else
            {
                for (std::uint32_t s = m_current + 1; s <= now; ++s)
                {
                    collectSlot(s & m_mask, now);
                }
            }
            m_current = now;
        }
        std::size_t fired = 0;
        std::vector<Due> due;
        due.swap(m_due);
        for (const Due &d : due)
        {
            // An earlier callback of this batch may have released the record (and a new
            // dialog may reuse the index): fire only for the record that was due.
            if (stillSame(d))
            {
                fire(d.index, d.kind);
                ++fired;
            }
        }
        due.clear();
        if (m_due.empty())
        {
            m_due.swap(due); // keep the capacity
        }
        return fired;
    }

private:
    struct Due
    {
        std::uint32_t index;
        std::uint32_t seq;
        std::uint8_t kind;
    };

    bool stillSame(const Due &d) const;

    void collectSlot(std::size_t slot, std::uint32_t now);
    void collectAll(std::uint32_t now);
    void unlinkFromSlot(std::uint32_t index);

    DialogTable &m_table;
    std::vector<std::uint32_t> m_slots; // head record index per slot
    std::size_t m_mask;
    std::uint32_t m_current = 0;
    std::size_t m_armed = 0;
    bool m_late = false; // a timer was armed for a second already processed
    std::vector<Due> m_due;
};

} // namespace calldeck::core
