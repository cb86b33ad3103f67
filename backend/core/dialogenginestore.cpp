// SPDX-License-Identifier: GPL-3.0-or-later
// DialogEngine: what a dialog store must write (issue #9, reference §8.3). The module writes in
// the SIP worker at each change (db_mode 1) or walks its table every db_update_period (2); the
// engine instead keeps the list of records that changed, so that a writer on another thread can
// take them at any pace without a walk of the table.
#include "dialogengine.h"

namespace calldeck::core
{

namespace
{

constexpr std::uint16_t DirtyFlags =
    DFlag::New | DFlag::Changed | DFlag::ChangedVars | DFlag::ChangedProf | DFlag::ChangedSflags;

bool writable(DialogState s)
{
    return s == DialogState::ConfirmedNa || s == DialogState::Confirmed;
}

} // namespace

void DialogEngine::setDbTracking(bool on)
{
    m_dbTracking = on;
    for (const std::uint32_t index : m_dbQueue)
    {
        m_table.at(index).dbFlags &= static_cast<std::uint8_t>(~DbFlag::Queued);
    }
    m_dbQueue.clear();
    m_dbDeleted.clear();
    m_table.setTrackCounters(on);
}

void DialogEngine::queueDb(std::uint32_t index)
{
    if (!m_dbTracking)
    {
        return;
    }
    DialogRecord &r = m_table.at(index);
    if (!(r.dbFlags & DbFlag::Queued))
    {
        r.dbFlags |= DbFlag::Queued;
        m_dbQueue.push_back(index);
    }
}

void DialogEngine::markDb(std::uint32_t index, std::uint16_t dflag)
{
    m_table.at(index).dflags |= dflag;
    queueDb(index);
}

DialogDbChanges DialogEngine::takeDbChanges()
{
    DialogDbChanges out;
    if (!m_dbTracking)
    {
        return out;
    }
    for (const std::uint32_t index : m_dbQueue)
    {
        DialogRecord &r = m_table.at(index);
        // A record destroyed (and maybe reused) since it was queued lost its Queued bit.
        if (!(r.dbFlags & DbFlag::Queued))
        {
            continue;
        }
        r.dbFlags &= static_cast<std::uint8_t>(~DbFlag::Queued);
        if (writable(r.dialogState()))
        {
            if ((r.dflags & DirtyFlags) || !(r.dbFlags & DbFlag::Stored))
            {
                out.upserts.push_back(makeSnapshot(index));
                r.dflags &= static_cast<std::uint16_t>(~DirtyFlags);
                r.dbFlags |= DbFlag::Stored;
            }
        }
        else if (r.dialogState() == DialogState::Deleted && (r.dbFlags & DbFlag::Stored))
        {
            // CallDeck deletes the row when the dialog ends, the module when the cell is freed
            // (deleted_linger later): the table ends the same, without the lingering state-4 row.
            out.deleted.push_back(DialogId{r.hEntry, r.hId});
            r.dbFlags &= static_cast<std::uint8_t>(~DbFlag::Stored);
        }
    }
    m_dbQueue.clear();
    out.deleted.insert(out.deleted.end(), m_dbDeleted.begin(), m_dbDeleted.end());
    m_dbDeleted.clear();
    out.counters = m_table.takeMovedCounters();
    return out;
}

std::vector<DialogSnapshot> DialogEngine::dbDump()
{
    std::vector<DialogSnapshot> out;
    for (const DialogHandle h : list())
    {
        const std::uint32_t index = h.index;
        DialogRecord &r = m_table.at(index);
        if (writable(r.dialogState()))
        {
            out.push_back(makeSnapshot(index));
            r.dflags &= static_cast<std::uint16_t>(~DirtyFlags);
            r.dbFlags |= DbFlag::Stored;
        }
    }
    return out;
}

void DialogEngine::raiseIdCounter(std::uint32_t bucket, std::uint32_t lastHId)
{
    m_table.raiseHId(bucket, lastHId);
}

} // namespace calldeck::core
