// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <vector>

namespace calldeck::core
{

/** @brief min/avg/max of the samples in [start, end) seconds; count 0 = no sample (a gap). */
struct SampleBucket
{
    std::int64_t start = 0;
    std::int64_t end = 0;
    std::uint32_t min = 0;
    std::uint32_t max = 0;
    double avg = 0;
    std::uint32_t count = 0;
};

/**
 * @brief One series of once-a-second samples (concurrent dialogs of a profile, calls per second)
 * in a fixed ring: the last `capacity` seconds, a value or nothing per second. Seconds without a
 * sample (CallDeck was not running) stay gaps and are never drawn as zero.
 *
 * record() takes the seconds in order: a second after the last fills the seconds between with
 * gaps, the same second again overwrites, an older second is ignored (the clock went back).
 */
class SampleRing
{
public:
    static constexpr std::uint32_t Gap = std::numeric_limits<std::uint32_t>::max();

    explicit SampleRing(std::size_t capacity = 86'400);

    void record(std::int64_t second, std::uint32_t value);
    /** @brief Puts @p values (Gap = none) at the seconds from @p firstSecond on, as history loaded
     *  from a store: only seconds within the ring after what it already holds are taken. */
    void load(std::int64_t firstSecond, std::span<const std::uint32_t> values);

    std::optional<std::uint32_t> at(std::int64_t second) const;
    bool empty() const { return m_filled == 0; }
    std::size_t capacity() const { return m_values.size(); }
    /** @brief The first and last second the ring covers (gaps included); meaningless when empty. */
    std::int64_t firstSecond() const { return m_last - std::int64_t(m_filled) + 1; }
    std::int64_t lastSecond() const { return m_last; }

    /**
     * @brief [from, to] in @p buckets buckets of equal width (the last may be shorter): min, avg
     * and max of the samples in each. What a chart draws for a window: 24 h of 1 s samples in
     * 1 000 buckets is one pass over 86 400 values.
     */
    std::vector<SampleBucket> downsample(std::int64_t from, std::int64_t to, std::size_t buckets) const;
    /** @brief The values of [from, from + out.size()) into @p out (Gap where none). */
    void copy(std::int64_t from, std::span<std::uint32_t> out) const;

private:
    std::size_t slot(std::int64_t second) const;

    std::vector<std::uint32_t> m_values;
    std::int64_t m_last = 0;
    std::size_t m_filled = 0; ///< seconds covered, up to the capacity
};

} // namespace calldeck::core
