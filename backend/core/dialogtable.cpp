// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogtable.h"

#include "corehash.h"

namespace calldeck::core
{

DialogTable::DialogTable(const Options &options)
    : m_hashSize(roundDownToPowerOfTwo(options.hashSize))
    , m_hIdStart(options.hIdStart < 0 ? 0u : static_cast<std::uint32_t>(options.hIdStart))
    , m_hIdStep(options.hIdStep == 0 ? 1 : options.hIdStep)
    , m_rng(options.seed ? options.seed : 0x9E3779B9u)
{
    // Each bucket's counter starts at a random point, as the module seeds it (rand % (3*size)).
    m_nextId.resize(m_hashSize);
    for (auto &n : m_nextId)
    {
        n = random() % (3 * m_hashSize);
    }
}

std::uint32_t DialogTable::random()
{
    m_rng ^= m_rng << 13;
    m_rng ^= m_rng >> 17;
    m_rng ^= m_rng << 5;
    return m_rng;
}

std::uint32_t DialogTable::hashEntry(std::string_view callId) const
{
    return kamailioCoreHash(callId, m_hashSize);
}

std::uint32_t DialogTable::allocate()
{
    std::uint32_t index;
    if (!m_free.empty())
    {
        index = m_free.back();
        m_free.pop_back();
    }
    else
    {
        index = m_used++;
        if ((index >> ChunkBits) >= m_chunks.size())
        {
            m_chunks.emplace_back(new DialogRecord[ChunkSize]);
        }
    }
    DialogRecord &r = at(index);
    r = DialogRecord{};
    r.createdSeq = ++m_seq;
    ++m_live;
    return index;
}

void DialogTable::release(std::uint32_t index)
{
    DialogRecord &r = at(index);
    DialogBlob::release(m_slab, r.blob);
    r = DialogRecord{};
    m_free.push_back(index);
    --m_live;
}

void DialogTable::setTrackCounters(bool on)
{
    m_counterMoved.assign(on ? m_hashSize : 0, 0);
    m_movedBuckets.clear();
}

void DialogTable::noteCounter(std::uint32_t bucket)
{
    if (!m_counterMoved.empty() && !m_counterMoved[bucket])
    {
        m_counterMoved[bucket] = 1;
        m_movedBuckets.push_back(bucket);
    }
}

std::vector<std::pair<std::uint32_t, std::uint32_t>> DialogTable::takeMovedCounters()
{
    std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
    out.reserve(m_movedBuckets.size());
    for (const std::uint32_t bucket : m_movedBuckets)
    {
        m_counterMoved[bucket] = 0;
        const std::uint64_t id =
            m_hIdStep <= 1 ? m_nextId[bucket] : m_hIdStart + std::uint64_t(m_nextId[bucket]) * m_hIdStep;
        out.emplace_back(bucket, static_cast<std::uint32_t>(id));
    }
    m_movedBuckets.clear();
    return out;
}

std::uint32_t DialogTable::nextHId(std::uint32_t hEntry)
{
    noteCounter(hEntry & (m_hashSize - 1));
    std::uint32_t &counter = m_nextId[hEntry & (m_hashSize - 1)];
    if (m_hIdStep <= 1)
    {
        std::uint32_t id = ++counter;
        if (id == 0)
        {
            id = ++counter;
        }
        return id;
    }
    // Series h_id_start + N*h_id_step, wrapping back to h_id_start + h_id_step.
    ++counter;
    std::uint64_t id = m_hIdStart + static_cast<std::uint64_t>(counter) * m_hIdStep;
    if (id > 0xFFFFFFFFull || id == 0)
    {
        counter = 1;
        id = m_hIdStart + m_hIdStep;
    }
    return static_cast<std::uint32_t>(id);
}

void DialogTable::raiseHId(std::uint32_t hEntry, std::uint32_t hId)
{
    std::uint32_t &counter = m_nextId[hEntry & (m_hashSize - 1)];
    const std::uint32_t n = m_hIdStep <= 1 ? hId : (hId - m_hIdStart) / m_hIdStep;
    if (n >= counter)
    {
        counter = n;
        noteCounter(hEntry & (m_hashSize - 1));
    }
}

std::uint64_t DialogTable::idHash(std::uint32_t hEntry, std::uint32_t hId)
{
    std::uint64_t x = (static_cast<std::uint64_t>(hEntry) << 32) | hId;
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ull;
    x ^= x >> 33;
    return x;
}

void DialogTable::link(std::uint32_t index)
{
    DialogRecord &r = at(index);
    m_byId.insert(idHash(r.hEntry, r.hId), index);
    const std::string_view callId = str(index, DialogString::CallId);
    const std::uint64_t h = fastHash64(callId);
    const std::uint32_t head =
        m_byCallId.find(h, [&](std::uint32_t i) { return str(i, DialogString::CallId) == callId; });
    if (head == 0)
    {
        r.callIdNext = 0;
        m_byCallId.insert(h, index);
    }
    else
    {
        r.callIdNext = at(head).callIdNext;
        at(head).callIdNext = index;
    }
}

void DialogTable::unlink(std::uint32_t index)
{
    DialogRecord &r = at(index);
    m_byId.erase(idHash(r.hEntry, r.hId), index);
    const std::string_view callId = str(index, DialogString::CallId);
    const std::uint64_t h = fastHash64(callId);
    const std::uint32_t head =
        m_byCallId.find(h, [&](std::uint32_t i) { return str(i, DialogString::CallId) == callId; });
    if (head == index)
    {
        m_byCallId.erase(h, index);
        if (r.callIdNext != 0)
        {
            m_byCallId.insert(h, r.callIdNext);
        }
    }
    else
    {
        for (std::uint32_t i = head; i != 0; i = at(i).callIdNext)
        {
            if (at(i).callIdNext == index)
            {
                at(i).callIdNext = r.callIdNext;
                break;
            }
        }
    }
    r.callIdNext = 0;
}

void DialogTable::rekey(std::uint32_t index, std::uint32_t newHId)
{
    DialogRecord &r = at(index);
    if (r.hId == newHId)
    {
        return;
    }
    const std::uint32_t holder = findById(DialogId{r.hEntry, newHId});
    if (holder != 0)
    {
        // The wire is authoritative: the record that held the id by our own counter moves.
        DialogRecord &h = at(holder);
        m_byId.erase(idHash(h.hEntry, h.hId), holder);
        raiseHId(h.hEntry, newHId);
        h.hId = nextHId(h.hEntry);
        m_byId.insert(idHash(h.hEntry, h.hId), holder);
    }
    m_byId.erase(idHash(r.hEntry, r.hId), index);
    r.hId = newHId;
    m_byId.insert(idHash(r.hEntry, r.hId), index);
}

std::uint32_t DialogTable::findById(DialogId id) const
{
    return m_byId.find(idHash(id.hEntry, id.hId), [&](std::uint32_t i) {
        const DialogRecord &r = at(i);
        return r.hEntry == id.hEntry && r.hId == id.hId;
    });
}

std::uint16_t DialogTable::internSocket(std::string_view text)
{
    if (text.empty())
    {
        return 0;
    }
    for (std::size_t i = 1; i < m_sockets.size(); ++i)
    {
        if (m_sockets[i] == text)
        {
            return static_cast<std::uint16_t>(i);
        }
    }
    if (m_sockets.size() >= 0xFFFF)
    {
        return 0; // a flood of distinct sockets must not grow the table without bound
    }
    m_sockets.emplace_back(text);
    return static_cast<std::uint16_t>(m_sockets.size() - 1);
}

std::uint16_t DialogTable::internSocket(Transport transport, const Endpoint &endpoint)
{
    for (const SocketKey &k : m_socketKeys)
    {
        if (k.transport == transport && k.endpoint == endpoint)
        {
            return k.id;
        }
    }
    if (!endpoint.valid())
    {
        return 0;
    }
    std::string text(transportName(transport));
    text += ':';
    text += endpoint.family == 6 ? '[' + endpoint.addressText() + ']' : endpoint.addressText();
    text += ':';
    text += std::to_string(endpoint.port);
    const std::uint16_t id = internSocket(text);
    if (id != 0 && m_socketKeys.size() < 256)
    {
        m_socketKeys.push_back(SocketKey{transport, endpoint, id});
    }
    return id;
}

std::string_view DialogTable::socketText(std::uint16_t id) const
{
    return id < m_sockets.size() ? std::string_view(m_sockets[id]) : std::string_view();
}

std::size_t DialogTable::memoryBytes() const
{
    return m_chunks.size() * ChunkSize * sizeof(DialogRecord) + m_slab.bytesReserved() + m_byId.bytes() +
           m_byCallId.bytes() + m_free.capacity() * sizeof(std::uint32_t) +
           m_nextId.size() * sizeof(std::uint32_t);
}

} // namespace calldeck::core
