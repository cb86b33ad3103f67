// SPDX-License-Identifier: GPL-3.0-or-later
#include "ipreassembler.h"

#include <algorithm>
#include <cstring>

namespace calldeck::core
{

namespace
{

constexpr std::int64_t SweepIntervalUs = 1'000'000;
constexpr std::uint32_t MaxDatagramPayload = 65535; // without IPv6 jumbograms, never fragmented

} // namespace

std::size_t IpReassembler::KeyHash::operator()(const Key &k) const
{
    // FNV-1a over the fields; the id varies most and comes first.
    std::uint64_t h = 1469598103934665603ull;
    auto mix = [&h](const std::uint8_t *p, std::size_t n) {
        for (std::size_t i = 0; i < n; ++i)
        {
            h = (h ^ p[i]) * 1099511628211ull;
        }
    };
    mix(reinterpret_cast<const std::uint8_t *>(&k.id), sizeof k.id);
    const std::size_t addressBytes = k.version == 4 ? 4 : 16;
    mix(k.src.data(), addressBytes);
    mix(k.dst.data(), addressBytes);
    mix(&k.protocol, 1);
    return static_cast<std::size_t>(h);
}

IpReassembler::IpReassembler()
    : IpReassembler(Options{})
{}

IpReassembler::IpReassembler(Options options)
    : m_options(options)
{}

IpReassembler::Outcome IpReassembler::add(const IpPacket &fragment, std::int64_t timeUs,
                                          std::string_view &datagram, std::uint8_t &protocol)
{
    ++m_stats.fragments;
    expire(timeUs);
    const std::uint32_t begin = fragment.fragmentOffset;
    const std::uint64_t end = std::uint64_t(begin) + fragment.payload.size();
    // Every fragment but the last carries a multiple of 8 bytes; none reaches past 64 KiB.
    if (end > MaxDatagramPayload ||
        (fragment.moreFragments && (fragment.payload.empty() || fragment.payload.size() % 8 != 0)))
    {
        ++m_stats.invalid;
        return Outcome::Dropped;
    }

    Key key;
    key.src = fragment.src;
    key.dst = fragment.dst;
    key.id = fragment.fragmentId;
    key.version = fragment.version;
    key.protocol = fragment.version == 4 ? fragment.protocol : 0;
    auto it = m_pending.find(key);
    if (it == m_pending.end())
    {
        if (m_pending.size() >= m_options.maxDatagrams)
        {
            evictOldest(key);
        }
        it = m_pending.emplace(key, Datagram{}).first;
        it->second.firstUs = timeUs;
    }
    const Outcome outcome = place(it, fragment, begin, static_cast<std::uint32_t>(end));
    if (outcome != Outcome::Pending || !complete(it->second))
    {
        while (m_bytes > m_options.maxBytes && m_pending.size() > 1)
        {
            evictOldest(key);
        }
        return outcome;
    }
    Datagram &d = it->second;
    m_bytes -= d.data.size();
    m_out = std::move(d.data);
    m_out.resize(d.total);
    protocol = d.protocol;
    m_pending.erase(it);
    ++m_stats.reassembled;
    datagram = m_out;
    return Outcome::Complete;
}

IpReassembler::Outcome IpReassembler::place(Map::iterator it, const IpPacket &fragment, std::uint32_t begin,
                                            std::uint32_t end)
{
    Datagram &d = it->second;
    if (d.poisoned)
    {
        return Outcome::Dropped;
    }
    // The last fragment fixes the size; every fragment must agree with it.
    const bool inconsistent =
        fragment.moreFragments
            ? d.totalKnown && end > d.total
            : (d.totalKnown && d.total != end) ||
                  (!d.pieces.empty() && std::any_of(d.pieces.begin(), d.pieces.end(),
                                                    [end](const auto &p) { return p.second > end; }));
    if (inconsistent)
    {
        ++m_stats.invalid;
        drop(it);
        return Outcome::Dropped;
    }

    // Which bytes of [begin, end) are new; an identical piece is a duplicate.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> fresh;
    std::uint32_t cursor = begin;
    bool overlap = false;
    for (const auto &[b, e] : d.pieces)
    {
        if (b == begin && e == end)
        {
            ++m_stats.duplicates;
            return Outcome::Pending;
        }
        if (b >= end || e <= begin)
        {
            continue;
        }
        overlap = true;
        if (b > cursor)
        {
            fresh.emplace_back(cursor, b);
        }
        cursor = std::max(cursor, e);
    }
    if (cursor < end)
    {
        fresh.emplace_back(cursor, end);
    }
    if (overlap)
    {
        ++m_stats.overlaps;
        if (fragment.version == 6)
        {
            // RFC 5722: discard the datagram, and the fragments still to come.
            m_bytes -= d.data.size();
            std::string().swap(d.data);
            d.pieces.clear();
            d.poisoned = true;
            ++m_stats.dropped;
            return Outcome::Dropped;
        }
    }
    if (d.data.size() < end)
    {
        m_bytes += end - d.data.size();
        d.data.resize(end);
    }
    for (const auto &[b, e] : fresh)
    {
        std::memcpy(d.data.data() + b, fragment.payload.data() + (b - begin), e - b);
    }
    d.pieces.insert(std::upper_bound(d.pieces.begin(), d.pieces.end(), std::make_pair(begin, end)),
                    std::make_pair(begin, end));
    if (!fragment.moreFragments)
    {
        d.total = end;
        d.totalKnown = true;
    }
    if (begin == 0)
    {
        d.protocol = fragment.protocol;
    }
    return Outcome::Pending;
}

bool IpReassembler::complete(const Datagram &d)
{
    if (!d.totalKnown || d.poisoned)
    {
        return false;
    }
    std::uint32_t reach = 0;
    for (const auto &[b, e] : d.pieces)
    {
        if (b > reach)
        {
            return false;
        }
        reach = std::max(reach, e);
    }
    return reach >= d.total;
}

void IpReassembler::drop(Map::iterator it)
{
    m_bytes -= it->second.data.size();
    m_pending.erase(it);
    ++m_stats.dropped;
}

void IpReassembler::evictOldest(const Key &keep)
{
    // Evict an eighth of the pending datagrams (the oldest) at once, so a flood of incomplete
    // datagrams costs amortised O(1) per fragment instead of a scan each.
    std::vector<std::pair<std::int64_t, Key>> ages;
    ages.reserve(m_pending.size());
    for (const auto &[k, d] : m_pending)
    {
        if (!(k == keep))
        {
            ages.emplace_back(d.firstUs, k);
        }
    }
    const std::size_t count = std::min(ages.size(), std::max<std::size_t>(1, m_pending.size() / 8));
    std::nth_element(ages.begin(), ages.begin() + static_cast<std::ptrdiff_t>(count), ages.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    for (std::size_t i = 0; i < count; ++i)
    {
        const auto it = m_pending.find(ages[i].second);
        if (!it->second.poisoned)
        {
            ++m_stats.evicted;
            drop(it);
        }
        else
        {
            m_pending.erase(it);
        }
    }
}

void IpReassembler::expire(std::int64_t nowUs)
{
    if (nowUs < m_nextSweepUs && nowUs + SweepIntervalUs >= m_nextSweepUs)
    {
        return; // swept less than a second ago (a jump back in time sweeps again)
    }
    m_nextSweepUs = nowUs + SweepIntervalUs;
    for (auto it = m_pending.begin(); it != m_pending.end();)
    {
        if (it->second.firstUs + m_options.timeoutUs > nowUs)
        {
            ++it;
            continue;
        }
        if (!it->second.poisoned)
        {
            ++m_stats.timedOut;
        }
        m_bytes -= it->second.data.size();
        it = m_pending.erase(it);
    }
}

void IpReassembler::clear()
{
    for (const auto &[k, d] : m_pending)
    {
        m_stats.timedOut += d.poisoned ? 0 : 1;
    }
    m_pending.clear();
    m_bytes = 0;
}

} // namespace calldeck::core
