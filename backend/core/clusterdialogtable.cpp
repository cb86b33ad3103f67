// SPDX-License-Identifier: GPL-3.0-or-later
// ClusterDialogTable: the receiver rules of Kamailio 5.6.3 (UPDATE, STATE, RM, SYNC). The
// bookkeeping (records, owner lists, tombstones, expiry, sync) is in clusterdialogtablestore.cpp.
#include "clusterdialogtable.h"

namespace calldeck::core
{

namespace
{

using Outcome = ClusterDialogTable::Outcome;
using Result = ClusterDialogTable::Result;

Result ok(Outcome o)
{
    return Result{o, 200, {}};
}

Result refused(Outcome o, std::string reason)
{
    return Result{o, 500, std::move(reason)};
}

std::string idsOf(const DmqDialogMessage &m)
{
    return "dialog " + std::to_string(m.hEntry) + ":" + std::to_string(m.hId);
}

bool validState(const DmqDialogMessage &m)
{
    return m.state && *m.state >= 1 && *m.state <= 5;
}

std::string badStateReason(std::string_view action, const DmqDialogMessage &m)
{
    return std::string(action) + " for " + idsOf(m) + " has " +
           (m.state ? "state " + std::to_string(*m.state) : std::string("no state")) +
           "; expected a dialog state from 1 to 5";
}

template<typename T>
void take(T &field, const std::optional<T> &value, bool &changed)
{
    if (value && field != *value)
    {
        field = *value;
        changed = true;
    }
}

void takeOptional(std::optional<std::string> &field, const std::optional<std::string> &value, bool &changed)
{
    if (value && field != value)
    {
        field = value;
        changed = true;
    }
}

void takeCaller(DialogLegSnapshot &leg, const DmqDialogMessage &m, bool &changed)
{
    takeOptional(leg.tag, m.tag1, changed);
    takeOptional(leg.cseq, m.cseq1, changed);
    takeOptional(leg.routeSet, m.routeSet1, changed);
    takeOptional(leg.contact, m.contact1, changed);
}

void takeCallee(DialogLegSnapshot &leg, const DmqDialogMessage &m, bool &changed)
{
    takeOptional(leg.tag, m.tag2, changed);
    takeOptional(leg.cseq, m.cseq2, changed);
    takeOptional(leg.routeSet, m.routeSet2, changed);
    takeOptional(leg.contact, m.contact2, changed);
}

/** Sets the variables key by key, as 5.6.3 does (a variable the message lacks is kept). */
void takeVars(std::vector<std::pair<std::string, std::string>> &vars, const DmqDialogMessage &m,
              bool &changed)
{
    for (const auto &[name, value] : m.vars)
    {
        bool found = false;
        for (auto &var : vars)
        {
            if (var.first == name)
            {
                found = true;
                if (var.second != value)
                {
                    var.second = value;
                    changed = true;
                }
                break;
            }
        }
        if (!found)
        {
            vars.emplace_back(name, value);
            changed = true;
        }
    }
}

std::uint64_t deadlineOf(const DialogSnapshot &d)
{
    return std::uint64_t(d.startTs) + d.lifetime;
}

} // namespace

ClusterDialogTable::Result ClusterDialogTable::toTombstone(const DmqDialogMessage &m)
{
    // An ended dialog: the end again is a repeat; anything else would revive it.
    if (*m.state == 5)
    {
        ++m_counters.repeats;
        return ok(Outcome::Repeat);
    }
    ++m_counters.revivals;
    return ok(Outcome::Revival);
}

ClusterDialogTable::Result ClusterDialogTable::apply(const DmqDialogMessage &m, NodeId sender,
                                                     std::uint32_t nowSeconds)
{
    m_now = nowSeconds;
    switch (m.action)
    {
    case DmqAction::Sync:
        return ok(Outcome::Sync);
    case DmqAction::Update:
        return update(m, sender, nowSeconds);
    case DmqAction::State:
        return state(m, sender, nowSeconds);
    case DmqAction::Remove:
        return remove(m, nowSeconds);
    case DmqAction::None:
        break;
    }
    ++m_counters.badState;
    return refused(Outcome::BadState, "action " + std::to_string(static_cast<unsigned>(m.action)) + " for " +
                                          idsOf(m) + " is not one of the dialog channel's actions (1 to 4)");
}

ClusterDialogTable::Result ClusterDialogTable::update(const DmqDialogMessage &m, NodeId sender,
                                                      std::uint32_t now)
{
    if (!validState(m))
    {
        ++m_counters.badState;
        return refused(Outcome::BadState, badStateReason("UPDATE", m));
    }
    const std::uint64_t key = keyOf(m.hEntry, m.hId);
    std::uint32_t index = indexOf(key);
    if (index != None && m.callId && *m.callId != m_records[index].d.callId)
    {
        // A node restarted and reused the id: another dialog.
        if (m_records[index].live)
        {
            markDirty(m_records[index].owner);
        }
        erase(key);
        index = None;
    }
    if (index == None)
    {
        return create(m, sender, now);
    }
    Record &r = m_records[index];
    if (!r.live)
    {
        return toTombstone(m);
    }
    r.syncGeneration = m_syncGeneration;
    const NodeId ownerBefore = r.owner;
    if (sender != 0 && *m.state == 1 && (r.owner != sender || r.ownership != Ownership::Confirmed))
    {
        confirmOwner(index, sender);
    }
    else if (sender != 0 && r.provisional == 0 && r.ownership != Ownership::Confirmed)
    {
        // A copy: names the owner only when none is known (an inferred owner stays).
        takeProvisional(index, sender);
    }
    const bool moved = r.owner != ownerBefore;
    bool changed = false;
    const std::uint64_t deadline = deadlineOf(r.d);
    // 5.6.3 drops the profile links of a known dialog and adds the message's.
    if (r.d.profiles != m.profiles)
    {
        r.d.profiles = m.profiles;
        changed = true;
    }
    takeVars(r.d.variables, m, changed);
    take(r.d.initTs, m.initTs, changed);
    if (*m.state >= r.d.state)
    {
        // A lagging copy (a replica's SYNC answer in an older state) never rolls these back.
        take(r.d.startTs, m.startTs, changed);
        takeCaller(r.d.caller, m, changed);
    }
    take(r.d.lastModified, m.lastModified, changed);
    take(r.d.iflags, m.iflags, changed);
    if (*m.state != r.d.state)
    {
        return changeState(index, m, now, changed || moved);
    }
    if (r.d.state == 4 && deadlineOf(r.d) != deadline)
    {
        armLifetime(index);
    }
    if (changed)
    {
        ++m_counters.updated;
        markDirty(r.owner);
        return ok(Outcome::Applied);
    }
    if (moved)
    {
        return ok(Outcome::Applied);
    }
    ++m_counters.repeats;
    return ok(Outcome::Repeat);
}

ClusterDialogTable::Result ClusterDialogTable::create(const DmqDialogMessage &m, NodeId sender,
                                                      std::uint32_t now)
{
    const std::uint64_t key = keyOf(m.hEntry, m.hId);
    const auto state = static_cast<std::uint8_t>(*m.state);
    if (state == 5)
    {
        // A SYNC answer may carry a dialog that already ended: remember it as ended only.
        const std::uint32_t index = allocate(key);
        Record &r = m_records[index];
        r.d.hEntry = m.hEntry;
        r.d.hId = m.hId;
        r.d.callId = m.callId.value_or(std::string());
        r.d.state = 5;
        r.endedAt = now;
        ++m_tombstones;
        m_tombstoneQueue.emplace_back(key, now);
        dropOldTombstones();
        return ok(Outcome::Applied);
    }
    if (m_live >= m_options.maxDialogs)
    {
        ++m_counters.full;
        return refused(Outcome::Full, "the cluster dialog table is full (" + std::to_string(m_live) +
                                          " dialogs); " + idsOf(m) + " was not added");
    }
    const std::uint32_t index = allocate(key);
    Record &r = m_records[index];
    DialogSnapshot &d = r.d;
    d.hEntry = m.hEntry;
    d.hId = m.hId;
    d.callId = m.callId.value_or(std::string());
    d.fromUri = m.fromUri.value_or(std::string());
    d.toUri = m.toUri.value_or(std::string());
    d.reqUri = m.reqUri.value_or(std::string());
    d.state = state;
    d.initTs = m.initTs.value_or(0);
    d.startTs = m.startTs.value_or(0);
    d.lifetime = m.lifetime.value_or(0);
    d.lastModified = m.lastModified.value_or(0);
    d.iflags = m.iflags.value_or(0);
    bool changed = false;
    takeCaller(d.caller, m, changed);
    takeCallee(d.callee, m, changed);
    takeVars(d.variables, m, changed);
    d.profiles = m.profiles;
    r.live = true;
    r.syncGeneration = m_syncGeneration;
    ++m_live;
    ++m_counters.created;
    const bool confirms = state == 1 && sender != 0;
    const std::optional<NodeId> inferred = confirms ? std::nullopt : m_series.ownerOf(m.hId);
    r.provisional = confirms ? 0 : sender;
    r.ownership = confirms ? Ownership::Confirmed : inferred ? Ownership::Inferred : Ownership::Provisional;
    ++m_ownershipCounts[static_cast<std::size_t>(r.ownership)];
    m_counters.inferred += inferred ? 1 : 0;
    link(index, inferred.value_or(sender));
    markDirty(r.owner);
    if (confirms && m_series.confirm(m.hId, sender))
    {
        reinfer();
    }
    if (state == 4)
    {
        armLifetime(index);
    }
    return ok(Outcome::Applied);
}

ClusterDialogTable::Result ClusterDialogTable::state(const DmqDialogMessage &m, NodeId sender,
                                                     std::uint32_t now)
{
    const std::uint32_t index = indexOf(keyOf(m.hEntry, m.hId));
    if (index == None)
    {
        ++m_counters.unknown;
        return refused(Outcome::UnknownDialog,
                       "STATE for unknown " + idsOf(m) + " (no UPDATE created it, or it was removed)");
    }
    if (!validState(m))
    {
        ++m_counters.badState;
        return refused(Outcome::BadState, badStateReason("STATE", m));
    }
    Record &r = m_records[index];
    if (!r.live)
    {
        return toTombstone(m);
    }
    bool moved = false;
    if (sender != 0 && (r.owner != sender || r.ownership != Ownership::Confirmed))
    {
        moved = r.owner != sender;
        confirmOwner(index, sender);
    }
    return changeState(index, m, now, moved);
}

ClusterDialogTable::Result ClusterDialogTable::changeState(std::uint32_t index, const DmqDialogMessage &m,
                                                           std::uint32_t now, bool changed)
{
    Record &r = m_records[index];
    const auto state = static_cast<std::uint8_t>(*m.state);
    if (state <= r.d.state)
    {
        // Older or the same state: ignored (out of order, or a retransmission).
        if (changed)
        {
            ++m_counters.updated;
            markDirty(r.owner);
            return ok(Outcome::Applied);
        }
        ++m_counters.repeats;
        return ok(Outcome::Repeat);
    }
    ++m_counters.stateChanges;
    if (state == 5)
    {
        ++m_counters.ended;
        end(index, now);
        return ok(Outcome::Applied);
    }
    r.d.state = state;
    take(r.d.startTs, m.startTs, changed);
    take(r.d.lifetime, m.lifetime, changed);
    takeCaller(r.d.caller, m, changed);
    if (state == 4)
    {
        takeCallee(r.d.callee, m, changed);
        armLifetime(index);
    }
    markDirty(r.owner);
    return ok(Outcome::Applied);
}

ClusterDialogTable::Result ClusterDialogTable::remove(const DmqDialogMessage &m, std::uint32_t now)
{
    const std::uint32_t index = indexOf(keyOf(m.hEntry, m.hId));
    if (index == None)
    {
        ++m_counters.unknown;
        return refused(Outcome::UnknownDialog, "RM for unknown " + idsOf(m) + " (never seen, or long gone)");
    }
    if (m_records[index].live)
    {
        // dlg.end_dlg on the origin sends no STATE 5, only the RM: it ends the dialog too.
        ++m_counters.ended;
        end(index, now);
    }
    // The tombstone stays until expire(): a SYNC answer still in flight must not revive it.
    ++m_counters.removed;
    return ok(Outcome::Applied);
}

} // namespace calldeck::core
