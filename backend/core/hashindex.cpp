// SPDX-License-Identifier: GPL-3.0-or-later
#include "hashindex.h"

namespace calldeck::core
{

HashIndex::HashIndex()
    : m_slots(1024)
    , m_mask(1023)
{}

void HashIndex::insert(std::uint64_t hash, std::uint32_t value)
{
    if ((m_size + 1) * 2 > m_slots.size())
    {
        grow();
    }
    const std::uint32_t tag = tagOf(hash);
    std::size_t i = homeOf(tag);
    while (m_slots[i].value != 0)
    {
        i = (i + 1) & m_mask;
    }
    m_slots[i] = Slot{tag, value};
    ++m_size;
}

bool HashIndex::erase(std::uint64_t hash, std::uint32_t value)
{
    std::size_t i = slotOf(hash);
    for (;; i = (i + 1) & m_mask)
    {
        if (m_slots[i].value == 0)
        {
            return false;
        }
        if (m_slots[i].value == value)
        {
            break;
        }
    }
    // Backward-shift deletion: pull later members of the probe run into the hole when their
    // home slot is not between the hole and themselves (cyclically).
    std::size_t hole = i;
    for (std::size_t j = (i + 1) & m_mask; m_slots[j].value != 0; j = (j + 1) & m_mask)
    {
        const std::size_t home = homeOf(m_slots[j].tag);
        const bool homeInRange = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
        if (!homeInRange)
        {
            m_slots[hole] = m_slots[j];
            hole = j;
        }
    }
    m_slots[hole] = Slot{};
    --m_size;
    return true;
}

void HashIndex::grow()
{
    std::vector<Slot> old(m_slots.size() * 2);
    old.swap(m_slots);
    m_mask = m_slots.size() - 1;
    for (const Slot &s : old)
    {
        if (s.value != 0)
        {
            std::size_t i = homeOf(s.tag);
            while (m_slots[i].value != 0)
            {
                i = (i + 1) & m_mask;
            }
            m_slots[i] = s;
        }
    }
}

} // namespace calldeck::core
