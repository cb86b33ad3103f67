// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <vector>

namespace calldeck::core
{

/**
 * @brief Open-addressing index from a 64-bit key hash to a 32-bit record index.
 *
 * The key itself lives in the record; each slot keeps a 32-bit fold of the hash (tag and home
 * slot) and the
 * record index (8 bytes), so lookups compare tags first and ask the caller to confirm the key
 * only on a tag match. Linear probing, backward-shift deletion, load kept ≤ 1/2.
 */
class HashIndex
{
public:
    HashIndex();

    /** @brief Calls match(recordIndex) for each candidate until it returns true; returns that index or 0. */
    template<typename Match>
    std::uint32_t find(std::uint64_t hash, Match &&match) const
    {
        const std::uint32_t tag = tagOf(hash);
        for (std::size_t i = slotOf(hash);; i = (i + 1) & m_mask)
        {
            const Slot &s = m_slots[i];
            if (s.value == 0)
            {
                return 0;
            }
            if (s.tag == tag && match(s.value))
            {
                return s.value;
            }
        }
    }

    void insert(std::uint64_t hash, std::uint32_t value);
    /** @brief Removes the slot holding exactly this value for this hash; false if absent. */
    bool erase(std::uint64_t hash, std::uint32_t value);
    std::size_t size() const { return m_size; }
    std::size_t bytes() const { return m_slots.capacity() * sizeof(Slot); }

private:
    struct Slot
    {
        std::uint32_t tag = 0;
        std::uint32_t value = 0; // 0 = empty
    };

    static std::uint32_t tagOf(std::uint64_t h) { return static_cast<std::uint32_t>(h ^ (h >> 32)); }
    std::size_t slotOf(std::uint64_t h) const { return homeOf(tagOf(h)); }
    std::size_t homeOf(std::uint32_t tag) const { return static_cast<std::size_t>(tag) & m_mask; }
    void grow();

    std::vector<Slot> m_slots;
    std::size_t m_mask = 0;
    std::size_t m_size = 0;
};

} // namespace calldeck::core
