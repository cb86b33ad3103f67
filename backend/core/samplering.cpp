// SPDX-License-Identifier: GPL-3.0-or-later
#include "samplering.h"

#include <algorithm>

namespace calldeck::core
{

SampleRing::SampleRing(std::size_t capacity)
    : m_values(std::max<std::size_t>(1, capacity), Gap)
{}

std::size_t SampleRing::slot(std::int64_t second) const
{
    const auto n = std::int64_t(m_values.size());
    return std::size_t(((second % n) + n) % n);
}

void SampleRing::record(std::int64_t second, std::uint32_t value)
{
    if (m_filled == 0)
    {
        m_last = second;
        m_filled = 1;
        m_values[slot(second)] = value;
        return;
    }
    if (second < m_last)
    {
        return;
    }
    const std::int64_t step = second - m_last;
    if (step >= std::int64_t(m_values.size()))
    {
        std::fill(m_values.begin(), m_values.end(), Gap);
        m_filled = m_values.size();
    }
    else
    {
        for (std::int64_t s = m_last + 1; s < second; ++s)
        {
            m_values[slot(s)] = Gap;
        }
        m_filled = std::min(m_values.size(), m_filled + std::size_t(step));
    }
    m_last = second;
    m_values[slot(second)] = value;
}

void SampleRing::load(std::int64_t firstSecond, std::span<const std::uint32_t> values)
{
    // A stored hour ends in gaps after its last sample (the hour was not over): they are not
    // history, and taking them would put the ring's end in the future, so that the live samples
    // of the rest of the hour came "before" it and were ignored.
    std::size_t end = values.size();
    while (end > 0 && values[end - 1] == Gap)
    {
        --end;
    }
    std::size_t i = 0;
    if (m_filled != 0 && firstSecond <= m_last)
    {
        i = std::size_t(m_last - firstSecond + 1); // what the ring holds already is newer
    }
    i = std::max(i, end > m_values.size() ? end - m_values.size() : 0); // older than the ring reaches
    if (i >= end)
    {
        return;
    }
    // The first value as a live sample (gaps before it, or a fresh start); the rest are the seconds
    // right after it, copied without a modulo each (a day of 50 series is 4.3 million values).
    record(firstSecond + std::int64_t(i), values[i]);
    const std::size_t first = i + 1;
    std::size_t at = slot(firstSecond + std::int64_t(first));
    for (i = first; i < end; ++i)
    {
        m_values[at] = values[i];
        at = at + 1 == m_values.size() ? 0 : at + 1;
    }
    m_last = firstSecond + std::int64_t(end) - 1;
    m_filled = std::min(m_values.size(), m_filled + (end - first));
}

std::optional<std::uint32_t> SampleRing::at(std::int64_t second) const
{
    if (m_filled == 0 || second > m_last || second < firstSecond())
    {
        return std::nullopt;
    }
    const std::uint32_t v = m_values[slot(second)];
    return v == Gap ? std::nullopt : std::optional<std::uint32_t>(v);
}

void SampleRing::copy(std::int64_t from, std::span<std::uint32_t> out) const
{
    const std::int64_t first = m_filled == 0 ? 0 : firstSecond();
    for (std::size_t i = 0; i < out.size(); ++i)
    {
        const std::int64_t s = from + std::int64_t(i);
        out[i] = (m_filled == 0 || s < first || s > m_last) ? Gap : m_values[slot(s)];
    }
}

std::vector<SampleBucket> SampleRing::downsample(std::int64_t from, std::int64_t to,
                                                 std::size_t buckets) const
{
    std::vector<SampleBucket> out;
    if (to < from || buckets == 0)
    {
        return out;
    }
    const std::int64_t span = to - from + 1;
    const std::int64_t width = (span + std::int64_t(buckets) - 1) / std::int64_t(buckets);
    out.reserve(std::size_t((span + width - 1) / width));
    // Only the covered part is read; the rest of the window is gaps.
    const std::int64_t first = m_filled == 0 ? to + 1 : std::max(from, firstSecond());
    const std::int64_t last = m_filled == 0 ? from - 1 : std::min(to, m_last);
    for (std::int64_t start = from; start <= to; start += width)
    {
        SampleBucket b;
        b.start = start;
        b.end = std::min(start + width, to + 1);
        std::uint64_t sum = 0;
        std::uint32_t lo = Gap;
        std::uint32_t hi = 0;
        std::uint32_t count = 0;
        const std::int64_t begin = std::max(b.start, first);
        const std::int64_t end = std::min(b.end - 1, last);
        // One modulo per bucket, not per second: a day of 50 series is 4.3 million values a redraw.
        std::size_t i = begin <= end ? slot(begin) : 0;
        for (std::int64_t s = begin; s <= end; ++s)
        {
            const std::uint32_t v = m_values[i];
            i = i + 1 == m_values.size() ? 0 : i + 1;
            if (v != Gap)
            {
                sum += v;
                lo = std::min(lo, v);
                hi = std::max(hi, v);
                ++count;
            }
        }
        if (count)
        {
            b.min = lo;
            b.max = hi;
            b.avg = double(sum) / count;
            b.count = count;
        }
        out.push_back(b);
    }
    return out;
}

} // namespace calldeck::core
