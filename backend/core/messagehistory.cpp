// SPDX-License-Identifier: GPL-3.0-or-later
#include "messagehistory.h"

#include <algorithm>
#include <cstring>

namespace calldeck::core
{

MessageHistory::MessageHistory(Options options)
    : m_o(options)
{
    m_o.capacityBytes = std::max<std::size_t>(m_o.capacityBytes, 4096);
    m_o.perDialogCap = std::max<std::uint32_t>(m_o.perDialogCap, 1);
    // The log grows by doubling until it reaches the cap, so an idle console does not hold
    // the whole cap; growth happens only before the first wrap, when offsets equal positions.
    m_log.resize(std::min<std::size_t>(m_o.capacityBytes, 1u << 20));
}

std::uint64_t MessageHistory::recordSize(std::size_t length) const
{
    return (sizeof(Header) + length + 7) & ~std::uint64_t(7);
}

std::uint64_t MessageHistory::recordSize(const Header &h)
{
    return (sizeof(Header) + h.length + h.nodeLength + h.correlationLength + 7) & ~std::uint64_t(7);
}

bool MessageHistory::alive(std::uint64_t position) const
{
    return position >= m_oldest && position < m_write;
}

void MessageHistory::noteEvictions(std::uint64_t fromPos, std::uint64_t toPos)
{
    // Walk the records being overwritten to count them (headers tell their sizes).
    std::uint64_t p = fromPos;
    while (p < toPos && p < m_write)
    {
        const std::size_t off = static_cast<std::size_t>(p % m_log.size());
        if (m_log.size() - off < sizeof(Header))
        {
            p += m_log.size() - off; // the unused tail before a wrap
            continue;
        }
        Header h;
        std::memcpy(&h, m_log.data() + off, sizeof h);
        if (h.length == 0xFFFFFFFFu)
        {
            p += m_log.size() - off; // a skip marker: the record went to the start
            continue;
        }
        ++m_stats.evictedByGlobalCap;
        m_stats.bytesUsed -= std::min<std::size_t>(m_stats.bytesUsed, h.length);
        p += recordSize(h);
    }
}

void MessageHistory::append(std::uint64_t dialogKey, std::string_view bytes, const PacketMeta &meta,
                            std::string_view nodeName, std::string_view correlationId)
{
    nodeName = nodeName.substr(0, 0xFFFF);
    correlationId = correlationId.substr(0, 0xFFFF);
    const std::uint64_t size = recordSize(bytes.size() + nodeName.size() + correlationId.size());
    if (size > m_o.capacityBytes / 2)
    {
        ++m_stats.tooLarge;
        return;
    }
    while (m_oldest == 0 && m_write + size > m_log.size() && m_log.size() < m_o.capacityBytes)
    {
        m_log.resize(std::min<std::size_t>(m_o.capacityBytes, m_log.size() * 2));
    }
    std::uint64_t pos = m_write;
    std::size_t off = static_cast<std::size_t>(pos % m_log.size());
    if (m_log.size() - off < size)
    {
        // Not enough room before the end: mark the tail as skipped and start at offset 0.
        if (m_log.size() - off >= sizeof(Header))
        {
            Header skip{};
            skip.length = 0xFFFFFFFFu;
            const std::uint64_t end = pos + (m_log.size() - off);
            if (end > m_oldest + m_log.size())
            {
                noteEvictions(m_oldest, end - m_log.size());
                m_oldest = end - m_log.size();
            }
            std::memcpy(m_log.data() + off, &skip, sizeof skip);
        }
        pos += m_log.size() - off;
        off = 0;
    }
    const std::uint64_t end = pos + size;
    if (end > m_oldest + m_log.size())
    {
        const std::uint64_t newOldest = end - m_log.size();
        noteEvictions(m_oldest, newOldest);
        m_oldest = newOldest;
    }
    Chain &chain = m_chains[dialogKey];
    Header h{};
    h.prev = (chain.last != 0 && alive(chain.last - 1)) ? chain.last : 0;
    h.timeUs = meta.timeUs;
    h.src = meta.src;
    h.dst = meta.dst;
    h.length = static_cast<std::uint32_t>(bytes.size());
    h.captureNode = meta.captureNode;
    h.nodeLength = static_cast<std::uint16_t>(nodeName.size());
    h.correlationLength = static_cast<std::uint16_t>(correlationId.size());
    h.transport = static_cast<std::uint8_t>(meta.transport);
    char *out = m_log.data() + off;
    std::memcpy(out, &h, sizeof h);
    out += sizeof h;
    for (std::string_view part : {bytes, nodeName, correlationId})
    {
        if (!part.empty())
        {
            std::memcpy(out, part.data(), part.size());
        }
        out += part.size();
    }
    m_write = end;
    chain.last = pos + 1;
    if (++chain.count > m_o.perDialogCap)
    {
        ++m_stats.evictedByDialogCap;
        chain.count = m_o.perDialogCap;
    }
    ++m_stats.stored;
    m_stats.bytesUsed += bytes.size();
}

std::vector<StoredMessage> MessageHistory::messages(std::uint64_t dialogKey) const
{
    std::vector<StoredMessage> out;
    const auto it = m_chains.find(dialogKey);
    if (it == m_chains.end())
    {
        return out;
    }
    std::uint64_t p = it->second.last;
    while (p != 0 && alive(p - 1) && out.size() < m_o.perDialogCap)
    {
        const std::size_t off = static_cast<std::size_t>((p - 1) % m_log.size());
        Header h;
        std::memcpy(&h, m_log.data() + off, sizeof h);
        StoredMessage m;
        m.timeUs = h.timeUs;
        m.transport = static_cast<Transport>(h.transport);
        m.src = h.src;
        m.dst = h.dst;
        const char *data = m_log.data() + off + sizeof h;
        m.bytes = std::string_view(data, h.length);
        m.captureNode = h.captureNode;
        m.nodeName = std::string_view(data + h.length, h.nodeLength);
        m.correlationId = std::string_view(data + h.length + h.nodeLength, h.correlationLength);
        out.push_back(m);
        p = h.prev;
    }
    std::reverse(out.begin(), out.end());
    return out;
}

std::size_t MessageHistory::messageCount(std::uint64_t dialogKey) const
{
    return messages(dialogKey).size();
}

std::vector<std::uint64_t> MessageHistory::dialogKeys() const
{
    std::vector<std::uint64_t> keys;
    keys.reserve(m_chains.size());
    for (const auto &[key, chain] : m_chains)
    {
        keys.push_back(key);
    }
    std::sort(keys.begin(), keys.end());
    return keys;
}

void MessageHistory::forget(std::uint64_t dialogKey)
{
    m_chains.erase(dialogKey);
}

std::size_t MessageHistory::prune()
{
    std::size_t n = 0;
    for (auto it = m_chains.begin(); it != m_chains.end();)
    {
        if (it->second.last == 0 || !alive(it->second.last - 1))
        {
            it = m_chains.erase(it);
            ++n;
        }
        else
        {
            ++it;
        }
    }
    return n;
}

MessageHistory::Stats MessageHistory::stats() const
{
    Stats s = m_stats;
    s.dialogs = m_chains.size();
    return s;
}

} // namespace calldeck::core
