// SPDX-License-Identifier: GPL-3.0-or-later
#include "remotedialogset.h"

#include <algorithm>
#include <utility>

#include "backend/core/corehash.h"

namespace calldeck::core
{

namespace
{

constexpr std::size_t InitialRecords = 8192;

std::uint64_t mix(std::uint64_t x)
{
    x ^= x >> 30;
    x *= 0xBF58476D1CE4E5B9ull;
    x ^= x >> 27;
    x *= 0x94D049BB133111EBull;
    x ^= x >> 31;
    return x;
}

std::uint64_t idHash(std::uint16_t origin, std::uint32_t hEntry, std::uint32_t hId)
{
    return mix((static_cast<std::uint64_t>(hEntry) << 32 | hId) ^
               (static_cast<std::uint64_t>(origin) * 0x9E3779B97F4A7C15ull));
}

/**
 * Equal apart from duration and ref, which Kamailio moves on every poll, and a one-second wobble
 * of `timeout`: two dlg.list a moment apart can print it one second apart (seen on 5.6.3), which
 * must not turn every dialog of a proxy into a change. A real timeout change moves it further.
 */
bool sameIgnoringVolatile(const DialogSnapshot &stored, DialogSnapshot &listed)
{
    const std::int64_t duration = listed.duration;
    const std::uint32_t ref = listed.ref;
    const std::uint32_t timeout = listed.timeout;
    listed.duration = stored.duration;
    listed.ref = stored.ref;
    if (timeout + 1 == stored.timeout || stored.timeout + 1 == timeout)
    {
        listed.timeout = stored.timeout;
    }
    const bool same = stored == listed;
    listed.duration = duration;
    listed.ref = ref;
    listed.timeout = timeout;
    return same;
}

std::string_view tagOf(const std::optional<std::string> &tag)
{
    return tag ? std::string_view(*tag) : std::string_view();
}

} // namespace

RemoteDialogSet::RemoteDialogSet()
{
    m_records.reserve(InitialRecords);
    m_seen.reserve(InitialRecords);
    m_records.emplace_back();
    m_seen.push_back(0);
}

const RemoteDialogSet::Origin *RemoteDialogSet::findOrigin(std::uint16_t origin) const
{
    for (const Origin &o : m_origins)
    {
        if (o.id == origin)
        {
            return &o;
        }
    }
    return nullptr;
}

RemoteDialogSet::Origin &RemoteDialogSet::originFor(std::uint16_t origin)
{
    for (Origin &o : m_origins)
    {
        if (o.id == origin)
        {
            return o;
        }
    }
    Origin &o = m_origins.emplace_back();
    o.id = origin;
    return o;
}

std::uint32_t RemoteDialogSet::findIdentity(std::uint16_t origin, const DialogSnapshot &d) const
{
    return m_byId.find(idHash(origin, d.hEntry, d.hId), [&](std::uint32_t i) {
        const RemoteDialog &r = m_records[i];
        return r.origin == origin && r.dialog.hEntry == d.hEntry && r.dialog.hId == d.hId &&
               r.dialog.callId == d.callId;
    });
}

std::uint32_t RemoteDialogSet::allocate()
{
    if (!m_free.empty())
    {
        const std::uint32_t index = m_free.back();
        m_free.pop_back();
        return index;
    }
    m_records.emplace_back();
    m_seen.push_back(0);
    return static_cast<std::uint32_t>(m_records.size() - 1);
}

void RemoteDialogSet::erase(std::uint32_t index)
{
    RemoteDialog &r = m_records[index];
    m_byKey.erase(mix(r.key), index);
    m_byId.erase(idHash(r.origin, r.dialog.hEntry, r.dialog.hId), index);
    m_byCallId.erase(fastHash64(r.dialog.callId), index);
    r.key = 0; // the snapshot stays: apply() recycles its strings
    m_seen[index] = 0;
    m_free.push_back(index);
    --m_live;
}

RemoteDialogSet::Diff RemoteDialogSet::apply(std::uint16_t origin, std::vector<DialogSnapshot> &&listing,
                                             std::uint32_t nowSeconds)
{
    Diff diff;
    apply(origin, std::move(listing), nowSeconds, diff);
    return diff;
}

void RemoteDialogSet::apply(std::uint16_t origin, std::vector<DialogSnapshot> &&listing,
                            std::uint32_t nowSeconds, Diff &diff)
{
    diff.added.clear();
    diff.changed.clear();
    diff.removed.clear();
    Origin &o = originFor(origin);
    o.stale = false;
    const std::uint32_t generation = ++m_generation;
    o.next.clear();
    o.next.reserve(listing.size());
    for (DialogSnapshot &d : listing)
    {
        std::uint32_t index = findIdentity(origin, d);
        if (index != 0)
        {
            if (m_seen[index] == generation)
            {
                continue; // listed twice in one poll
            }
            m_seen[index] = generation;
            RemoteDialog &r = m_records[index];
            if (!sameIgnoringVolatile(r.dialog, d))
            {
                std::swap(r.dialog, d); // d keeps the old strings for the next parse
                r.lastChanged = nowSeconds;
                diff.changed.push_back(r.key);
            }
            else
            {
                r.dialog.duration = d.duration;
                r.dialog.ref = d.ref;
                if (r.stale)
                {
                    r.lastChanged = nowSeconds;
                    diff.changed.push_back(r.key);
                }
            }
            r.stale = false;
            o.next.push_back(index);
            continue;
        }
        index = allocate();
        RemoteDialog &r = m_records[index];
        r.key = KeyBit | ++m_nextKey;
        r.origin = origin;
        r.stale = false;
        r.firstSeen = nowSeconds;
        r.lastChanged = nowSeconds;
        std::swap(r.dialog, d);
        m_byKey.insert(mix(r.key), index);
        m_byId.insert(idHash(origin, r.dialog.hEntry, r.dialog.hId), index);
        m_byCallId.insert(fastHash64(r.dialog.callId), index);
        m_seen[index] = generation;
        ++m_live;
        diff.added.push_back(r.key);
        o.next.push_back(index);
    }
    for (const std::uint32_t index : o.order)
    {
        if (m_seen[index] != generation && m_records[index].key != 0)
        {
            diff.removed.push_back(m_records[index].key);
            erase(index);
        }
    }
    std::swap(o.order, o.next);
}

std::vector<std::uint64_t> RemoteDialogSet::setStale(std::uint16_t origin, bool stale)
{
    std::vector<std::uint64_t> keys;
    Origin &o = originFor(origin);
    o.stale = stale;
    for (const std::uint32_t index : o.order)
    {
        RemoteDialog &r = m_records[index];
        if (r.stale != stale)
        {
            r.stale = stale;
            keys.push_back(r.key);
        }
    }
    return keys;
}

std::vector<std::uint64_t> RemoteDialogSet::removeOrigin(std::uint16_t origin)
{
    std::vector<std::uint64_t> keys;
    const auto it = std::find_if(m_origins.begin(), m_origins.end(),
                                 [origin](const Origin &o) { return o.id == origin; });
    if (it == m_origins.end())
    {
        return keys;
    }
    keys.reserve(it->order.size());
    for (const std::uint32_t index : it->order)
    {
        keys.push_back(m_records[index].key);
        erase(index);
    }
    m_origins.erase(it);
    return keys;
}

const RemoteDialog *RemoteDialogSet::find(std::uint64_t key) const
{
    if ((key & KeyBit) == 0)
    {
        return nullptr;
    }
    const std::uint32_t index =
        m_byKey.find(mix(key), [this, key](std::uint32_t i) { return m_records[i].key == key; });
    return index ? &m_records[index] : nullptr;
}

const RemoteDialog *RemoteDialogSet::find(std::uint16_t origin, std::uint32_t hEntry, std::uint32_t hId) const
{
    const std::uint32_t index = m_byId.find(idHash(origin, hEntry, hId), [&](std::uint32_t i) {
        const RemoteDialog &r = m_records[i];
        return r.origin == origin && r.dialog.hEntry == hEntry && r.dialog.hId == hId;
    });
    return index ? &m_records[index] : nullptr;
}

std::vector<const RemoteDialog *>
RemoteDialogSet::findByCallId(std::string_view callId, std::string_view fromTag, std::string_view toTag) const
{
    std::vector<const RemoteDialog *> found;
    m_byCallId.find(fastHash64(callId), [&](std::uint32_t i) {
        const RemoteDialog &r = m_records[i];
        if (r.dialog.callId == callId && tagOf(r.dialog.caller.tag) == fromTag &&
            (toTag.empty() || tagOf(r.dialog.callee.tag) == toTag))
        {
            found.push_back(&r);
        }
        return false; // visit every candidate
    });
    std::sort(found.begin(), found.end(),
              [](const RemoteDialog *a, const RemoteDialog *b) { return a->key < b->key; });
    return found;
}

std::size_t RemoteDialogSet::size(std::uint16_t origin) const
{
    const Origin *o = findOrigin(origin);
    return o ? o->order.size() : 0;
}

bool RemoteDialogSet::isStale(std::uint16_t origin) const
{
    const Origin *o = findOrigin(origin);
    return o && o->stale;
}

} // namespace calldeck::core
