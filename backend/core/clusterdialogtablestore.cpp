// SPDX-License-Identifier: GPL-3.0-or-later
// ClusterDialogTable's bookkeeping: records, per-owner lists, dirty nodes, tombstones, the
// lifetime heap, listings and full-sync generations.
#include <algorithm>
#include <functional>
#include <limits>

#include "backend/core/clusterdialogtable.h"

namespace calldeck::core
{

namespace
{

constexpr std::size_t NodeIds = std::size_t(std::numeric_limits<ClusterDialogTable::NodeId>::max()) + 1;
constexpr std::uint32_t DmqSyncIFlag = 64;

} // namespace

ClusterDialogTable::ClusterDialogTable()
    : ClusterDialogTable(Options{})
{}

ClusterDialogTable::ClusterDialogTable(Options o)
    : m_options(o)
    , m_records(1)
    , m_dirtyFlag(NodeIds, false)
{}

std::uint32_t ClusterDialogTable::indexOf(std::uint64_t key) const
{
    const auto it = m_byKey.find(key);
    return it == m_byKey.end() ? None : it->second;
}

const ClusterDialogTable::Record *ClusterDialogTable::liveRecord(std::uint32_t hEntry,
                                                                 std::uint32_t hId) const
{
    const std::uint32_t index = indexOf(keyOf(hEntry, hId));
    return index != None && m_records[index].live ? &m_records[index] : nullptr;
}

std::uint32_t ClusterDialogTable::allocate(std::uint64_t key)
{
    std::uint32_t index;
    if (!m_free.empty())
    {
        index = m_free.back();
        m_free.pop_back();
    }
    else
    {
        index = static_cast<std::uint32_t>(m_records.size());
        m_records.emplace_back();
    }
    m_byKey[key] = index;
    return index;
}

void ClusterDialogTable::erase(std::uint64_t key)
{
    const auto it = m_byKey.find(key);
    if (it == m_byKey.end())
    {
        return;
    }
    const std::uint32_t index = it->second;
    m_byKey.erase(it);
    Record &r = m_records[index];
    if (r.live)
    {
        unlink(index);
        --m_live;
        --m_ownershipCounts[static_cast<std::size_t>(r.ownership)];
    }
    else
    {
        --m_tombstones;
    }
    r = Record{};
    m_free.push_back(index);
}

void ClusterDialogTable::link(std::uint32_t index, NodeId owner)
{
    if (owner >= m_owners.size())
    {
        m_owners.resize(std::size_t(owner) + 1);
    }
    OwnerList &list = m_owners[owner];
    Record &r = m_records[index];
    r.owner = owner;
    r.prev = list.tail;
    r.next = None;
    if (list.tail != None)
    {
        m_records[list.tail].next = index;
    }
    else
    {
        list.head = index;
    }
    list.tail = index;
    ++list.count;
}

void ClusterDialogTable::unlink(std::uint32_t index)
{
    Record &r = m_records[index];
    OwnerList &list = m_owners[r.owner];
    (r.prev != None ? m_records[r.prev].next : list.head) = r.next;
    (r.next != None ? m_records[r.next].prev : list.tail) = r.prev;
    r.prev = r.next = None;
    --list.count;
}

void ClusterDialogTable::markDirty(NodeId node)
{
    if (!m_dirtyFlag[node])
    {
        m_dirtyFlag[node] = true;
        m_dirty.push_back(node);
    }
}

void ClusterDialogTable::setOwner(std::uint32_t index, NodeId owner, Ownership ownership)
{
    Record &r = m_records[index];
    --m_ownershipCounts[static_cast<std::size_t>(r.ownership)];
    ++m_ownershipCounts[static_cast<std::size_t>(ownership)];
    r.ownership = ownership;
    if (r.owner == owner)
    {
        return;
    }
    markDirty(r.owner);
    unlink(index);
    link(index, owner);
    markDirty(owner);
}

void ClusterDialogTable::confirmOwner(std::uint32_t index, NodeId sender)
{
    setOwner(index, sender, Ownership::Confirmed);
    if (m_series.confirm(m_records[index].d.hId, sender))
    {
        reinfer();
    }
}

void ClusterDialogTable::takeProvisional(std::uint32_t index, NodeId sender)
{
    Record &r = m_records[index];
    r.provisional = sender;
    if (r.ownership == Ownership::Provisional)
    {
        if (const std::optional<NodeId> inferred = m_series.ownerOf(r.d.hId))
        {
            ++m_counters.inferred;
            setOwner(index, *inferred, Ownership::Inferred);
        }
        else
        {
            setOwner(index, sender, Ownership::Provisional);
        }
    }
}

void ClusterDialogTable::reinfer()
{
    // Rare (the chosen step changes at most 255 times, and gains at most step trusted residues).
    for (std::uint32_t i = 1; i < m_records.size(); ++i)
    {
        const Record &r = m_records[i];
        if (!r.live || r.ownership == Ownership::Confirmed)
        {
            continue;
        }
        if (const std::optional<NodeId> inferred = m_series.ownerOf(r.d.hId))
        {
            if (r.ownership != Ownership::Inferred || r.owner != *inferred)
            {
                ++m_counters.inferred;
                setOwner(i, *inferred, Ownership::Inferred);
            }
        }
        else if (r.ownership == Ownership::Inferred)
        {
            setOwner(i, r.provisional, Ownership::Provisional);
        }
    }
}

void ClusterDialogTable::end(std::uint32_t index, std::uint32_t now)
{
    Record &r = m_records[index];
    markDirty(r.owner);
    unlink(index);
    --m_ownershipCounts[static_cast<std::size_t>(r.ownership)];
    r.live = false;
    r.owner = 0;
    r.provisional = 0;
    r.ownership = Ownership::Provisional;
    r.endedAt = now;
    // A tombstone needs its ids and Call-ID only (an UPDATE with another Call-ID is a new dialog).
    DialogSnapshot tombstone;
    tombstone.hEntry = r.d.hEntry;
    tombstone.hId = r.d.hId;
    tombstone.callId = std::move(r.d.callId);
    tombstone.state = 5;
    r.d = std::move(tombstone);
    --m_live;
    ++m_tombstones;
    m_tombstoneQueue.emplace_back(keyOf(r.d.hEntry, r.d.hId), now);
    dropOldTombstones();
}

bool ClusterDialogTable::isTombstone(std::uint64_t key, std::uint32_t endedAt) const
{
    const std::uint32_t index = indexOf(key);
    return index != None && !m_records[index].live && m_records[index].endedAt == endedAt;
}

void ClusterDialogTable::dropOldTombstones()
{
    while (m_tombstones > m_options.maxDialogs && !m_tombstoneQueue.empty())
    {
        const auto [key, endedAt] = m_tombstoneQueue.front();
        m_tombstoneQueue.pop_front();
        if (isTombstone(key, endedAt))
        {
            erase(key);
        }
    }
}

void ClusterDialogTable::armLifetime(std::uint32_t index)
{
    const DialogSnapshot &d = m_records[index].d;
    m_deadlines.emplace_back(std::uint64_t(d.startTs) + d.lifetime, keyOf(d.hEntry, d.hId));
    std::push_heap(m_deadlines.begin(), m_deadlines.end(), std::greater<>());
    compactDeadlines();
}

void ClusterDialogTable::compactDeadlines()
{
    // Re-armed dialogs leave stale entries behind; rebuild when they dominate.
    if (m_deadlines.size() <= 2 * m_live + 1024)
    {
        return;
    }
    m_deadlines.clear();
    for (std::size_t i = 1; i < m_records.size(); ++i)
    {
        const Record &r = m_records[i];
        if (r.live && r.d.state == 4)
        {
            m_deadlines.emplace_back(std::uint64_t(r.d.startTs) + r.d.lifetime, keyOf(r.d.hEntry, r.d.hId));
        }
    }
    std::make_heap(m_deadlines.begin(), m_deadlines.end(), std::greater<>());
}

void ClusterDialogTable::expire(std::uint32_t nowSeconds)
{
    m_now = nowSeconds;
    while (!m_tombstoneQueue.empty() &&
           std::uint64_t(m_tombstoneQueue.front().second) + m_options.tombstoneSeconds < nowSeconds)
    {
        const auto [key, endedAt] = m_tombstoneQueue.front();
        m_tombstoneQueue.pop_front();
        if (isTombstone(key, endedAt))
        {
            erase(key);
        }
    }
    while (!m_deadlines.empty() && m_deadlines.front().first < nowSeconds)
    {
        const auto [deadline, key] = m_deadlines.front();
        std::pop_heap(m_deadlines.begin(), m_deadlines.end(), std::greater<>());
        m_deadlines.pop_back();
        const std::uint32_t index = indexOf(key);
        if (index == None)
        {
            continue;
        }
        const Record &r = m_records[index];
        if (r.live && r.d.state == 4 && std::uint64_t(r.d.startTs) + r.d.lifetime == deadline)
        {
            ++m_counters.expiredByLifetime;
            end(index, nowSeconds);
        }
    }
}

std::vector<ClusterDialogTable::NodeId> ClusterDialogTable::takeDirtyNodes()
{
    std::vector<NodeId> out;
    out.swap(m_dirty);
    for (const NodeId node : out)
    {
        m_dirtyFlag[node] = false;
    }
    return out;
}

void ClusterDialogTable::listing(NodeId owner, std::vector<DialogSnapshot> &out) const
{
    if (owner >= m_owners.size())
    {
        return;
    }
    out.reserve(out.size() + m_owners[owner].count);
    for (std::uint32_t i = m_owners[owner].head; i != None; i = m_records[i].next)
    {
        DialogSnapshot &d = out.emplace_back(m_records[i].d);
        d.iflags |= DmqSyncIFlag;
        d.timeout = d.state == 4 ? static_cast<std::uint32_t>(
                                       std::min<std::uint64_t>(std::uint64_t(d.startTs) + d.lifetime,
                                                               std::numeric_limits<std::uint32_t>::max()))
                                 : 0;
    }
}

std::size_t ClusterDialogTable::size(NodeId owner) const
{
    return owner < m_owners.size() ? m_owners[owner].count : 0;
}

bool ClusterDialogTable::ownerConfirmed(std::uint32_t hEntry, std::uint32_t hId) const
{
    const Record *r = liveRecord(hEntry, hId);
    return r && r->ownership == Ownership::Confirmed;
}

std::optional<ClusterDialogTable::Ownership> ClusterDialogTable::ownership(std::uint32_t hEntry,
                                                                           std::uint32_t hId) const
{
    const Record *r = liveRecord(hEntry, hId);
    return r ? std::optional<Ownership>(r->ownership) : std::nullopt;
}

ClusterDialogTable::OwnerInference ClusterDialogTable::ownerInference() const
{
    return OwnerInference{m_series.step(), m_series.trustedResidues()};
}

std::optional<ClusterDialogTable::NodeId> ClusterDialogTable::owner(std::uint32_t hEntry,
                                                                    std::uint32_t hId) const
{
    const Record *r = liveRecord(hEntry, hId);
    return r ? std::optional<NodeId>(r->owner) : std::nullopt;
}

void ClusterDialogTable::beginSync()
{
    ++m_syncGeneration;
    m_syncing = true;
}

std::size_t ClusterDialogTable::endSync()
{
    if (!m_syncing)
    {
        return 0;
    }
    m_syncing = false;
    std::size_t dropped = 0;
    for (std::uint32_t i = 1; i < m_records.size(); ++i)
    {
        if (m_records[i].live && m_records[i].syncGeneration != m_syncGeneration)
        {
            end(i, m_now);
            ++dropped;
        }
    }
    m_counters.syncDropped += dropped;
    return dropped;
}

std::size_t ClusterDialogTable::removeOwner(NodeId node)
{
    if (node >= m_owners.size() || m_owners[node].count == 0)
    {
        return 0;
    }
    std::size_t removed = 0;
    while (m_owners[node].head != None)
    {
        const DialogSnapshot &d = m_records[m_owners[node].head].d;
        erase(keyOf(d.hEntry, d.hId));
        ++removed;
    }
    markDirty(node);
    return removed;
}

} // namespace calldeck::core
