// SPDX-License-Identifier: GPL-3.0-or-later
#include "hidserieslearner.h"

namespace calldeck::core
{

HIdSeriesLearner::HIdSeriesLearner()
{
    std::uint32_t offset = 0;
    for (std::uint32_t s = MinStep; s <= MaxStep; ++s)
    {
        m_steps[s].offset = offset;
        offset += s;
    }
    m_residues.resize(offset);
}

bool HIdSeriesLearner::confirm(std::uint32_t hId, NodeId owner)
{
    if (owner == 0)
    {
        return false;
    }
    if (m_firstOwner == 0)
    {
        m_firstOwner = owner;
    }
    else if (owner != m_firstOwner)
    {
        m_twoOwners = true;
    }
    bool changed = false;
    for (std::uint32_t s = MinStep; s <= MaxStep; ++s)
    {
        Step &step = m_steps[s];
        if (step.conflict)
        {
            continue;
        }
        Residue &r = m_residues[step.offset + hId % s];
        if (r.confirmations == 0)
        {
            r.owner = owner;
            r.confirmations = 1;
        }
        else if (r.owner != owner)
        {
            step.conflict = true;
        }
        else if (r.confirmations < TrustAfter && ++r.confirmations == TrustAfter)
        {
            ++step.trusted;
            changed = changed || s == m_step;
        }
    }
    const std::uint32_t chosen = chooseStep();
    changed = changed || chosen != m_step;
    m_step = chosen;
    return changed;
}

std::uint32_t HIdSeriesLearner::chooseStep() const
{
    if (!m_twoOwners)
    {
        return 0;
    }
    // Conflicts are for good: the chosen step never gets smaller.
    for (std::uint32_t s = m_step == 0 ? MinStep : m_step; s <= MaxStep; ++s)
    {
        if (!m_steps[s].conflict)
        {
            return s;
        }
    }
    return 0;
}

std::optional<HIdSeriesLearner::NodeId> HIdSeriesLearner::ownerOf(std::uint32_t hId) const
{
    if (m_step == 0)
    {
        return std::nullopt;
    }
    const Residue &r = m_residues[m_steps[m_step].offset + hId % m_step];
    return r.confirmations >= TrustAfter ? std::optional<NodeId>(r.owner) : std::nullopt;
}

std::size_t HIdSeriesLearner::trustedResidues() const
{
    return m_step == 0 ? 0 : m_steps[m_step].trusted;
}

} // namespace calldeck::core
