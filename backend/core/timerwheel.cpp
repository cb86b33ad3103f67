// SPDX-License-Identifier: GPL-3.0-or-later
#include "timerwheel.h"

#include "corehash.h"
#include "dialogtable.h"

namespace calldeck::core
{

TimerWheel::TimerWheel(DialogTable &table, std::uint32_t slots)
    : m_table(table)
    , m_slots(roundDownToPowerOfTwo(slots < 2 ? 2 : slots), 0)
    , m_mask(m_slots.size() - 1)
{}

bool TimerWheel::armed(std::uint32_t index) const
{
    return m_table.at(index).timerExpiry != 0;
}

void TimerWheel::arm(std::uint32_t index, std::uint32_t expiry, std::uint8_t kind)
{
    if (expiry == 0)
    {
        expiry = 1;
    }
    if (m_current != 0 && expiry <= m_current)
    {
        // Due already (a restored timer in the past, a zero linger): fire on the next advance.
        expiry = m_current;
        m_late = true;
    }
    disarm(index);
    DialogRecord &r = m_table.at(index);
    r.timerExpiry = expiry;
    r.timerKind = kind;
    const std::size_t slot = expiry & m_mask;
    r.timerPrev = 0;
    r.timerNext = m_slots[slot];
    if (r.timerNext)
    {
        m_table.at(r.timerNext).timerPrev = index;
    }
    m_slots[slot] = index;
    ++m_armed;
}

void TimerWheel::unlinkFromSlot(std::uint32_t index)
{
    DialogRecord &r = m_table.at(index);
    const std::size_t slot = r.timerExpiry & m_mask;
    if (r.timerPrev)
    {
        m_table.at(r.timerPrev).timerNext = r.timerNext;
    }
    else
    {
        m_slots[slot] = r.timerNext;
    }
    if (r.timerNext)
    {
        m_table.at(r.timerNext).timerPrev = r.timerPrev;
    }
    r.timerNext = r.timerPrev = 0;
}

void TimerWheel::disarm(std::uint32_t index)
{
    DialogRecord &r = m_table.at(index);
    if (r.timerExpiry == 0)
    {
        return;
    }
    unlinkFromSlot(index);
    r.timerExpiry = 0;
    r.timerKind = 0;
    --m_armed;
}

bool TimerWheel::stillSame(const Due &d) const
{
    const DialogRecord &r = m_table.at(d.index);
    return r.live() && r.createdSeq == d.seq;
}

void TimerWheel::collectSlot(std::size_t slot, std::uint32_t now)
{
    std::uint32_t i = m_slots[slot];
    while (i != 0)
    {
        DialogRecord &r = m_table.at(i);
        const std::uint32_t next = r.timerNext;
        if (r.timerExpiry <= now)
        {
            const std::uint8_t kind = r.timerKind;
            disarm(i);
            m_due.push_back(Due{i, r.createdSeq, kind});
        }
        i = next;
    }
}

void TimerWheel::collectAll(std::uint32_t now)
{
    for (std::size_t s = 0; s < m_slots.size(); ++s)
    {
        collectSlot(s, now);
    }
}

} // namespace calldeck::core
