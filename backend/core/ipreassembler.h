// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ipdecoder.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace calldeck::core
{

/**
 * @brief Reassembles fragmented IPv4 and IPv6 datagrams from a capture.
 *
 * Fragments may come in any order. Overlaps follow the platforms a capture comes from: IPv4
 * keeps the bytes that arrived first; IPv6 drops the whole datagram and every later fragment
 * of it (RFC 5722). An identical fragment seen twice (a capture taken on two interfaces) is a
 * duplicate, not an overlap. Memory is bounded by a number of datagrams and of bytes (the oldest
 * datagrams are evicted first), and a datagram waits at most a timeout of capture time.
 */
class IpReassembler
{
public:
    struct Options
    {
        std::size_t maxDatagrams = 4096;     ///< datagrams waiting for fragments at once
        std::size_t maxBytes = 32u << 20;    ///< bytes held for them
        std::int64_t timeoutUs = 30'000'000; ///< capture time a datagram may wait (Linux: 30 s)
    };
    struct Stats
    {
        std::uint64_t fragments = 0;   ///< fragments given to add()
        std::uint64_t reassembled = 0; ///< datagrams completed
        std::uint64_t timedOut = 0;    ///< datagrams given up after the timeout
        std::uint64_t dropped = 0;     ///< datagrams dropped: IPv6 overlap, inconsistent sizes, bounds
        std::uint64_t overlaps = 0;    ///< fragments overlapping others (not identical duplicates)
        std::uint64_t duplicates = 0;  ///< fragments seen before (ignored)
        std::uint64_t invalid = 0;     ///< fragments with an impossible size or offset (ignored)
        std::uint64_t evicted = 0;     ///< datagrams dropped to stay within the bounds (also in dropped)
    };
    enum class Outcome : std::uint8_t
    {
        Pending,  ///< kept; more fragments needed
        Complete, ///< the datagram is whole (see add()'s out parameters)
        Dropped,  ///< the fragment (or its whole datagram) was discarded and counted
    };

    IpReassembler();
    explicit IpReassembler(Options options);

    /**
     * @param fragment a packet from IpDecoder with `fragment` set
     * @param timeUs its capture time (drives the timeout)
     * @param datagram when Complete: the reassembled transport payload; valid until the next add()
     * @param protocol when Complete: the protocol of the datagram (IPv6: Next Header of the first
     *        fragment's fragment header — extension headers may still follow)
     */
    Outcome add(const IpPacket &fragment, std::int64_t timeUs, std::string_view &datagram,
                std::uint8_t &protocol);

    /** @brief Gives up datagrams older than the timeout (checked at most once a second of capture time). */
    void expire(std::int64_t nowUs);
    /** @brief Forgets every pending datagram (end of a capture); they count as timed out. */
    void clear();

    std::size_t pendingDatagrams() const { return m_pending.size(); }
    std::size_t pendingBytes() const { return m_bytes; }
    const Stats &stats() const { return m_stats; }

private:
    struct Key
    {
        std::array<std::uint8_t, 16> src{};
        std::array<std::uint8_t, 16> dst{};
        std::uint32_t id = 0;
        std::uint8_t version = 0;
        std::uint8_t protocol = 0; ///< part of the key for IPv4 only
        friend bool operator==(const Key &, const Key &) = default;
    };
    struct KeyHash
    {
        std::size_t operator()(const Key &k) const;
    };
    struct Datagram
    {
        std::string data;
        std::vector<std::pair<std::uint32_t, std::uint32_t>> pieces; ///< [begin, end), sorted by begin
        std::uint32_t total = 0;
        bool totalKnown = false;
        bool poisoned = false; ///< IPv6 overlap: later fragments are dropped until the timeout
        std::uint8_t protocol = 0;
        std::int64_t firstUs = 0;
    };
    using Map = std::unordered_map<Key, Datagram, KeyHash>;

    Outcome place(Map::iterator it, const IpPacket &fragment, std::uint32_t begin, std::uint32_t end);
    void drop(Map::iterator it);
    void evictOldest(const Key &keep);
    static bool complete(const Datagram &d);

    Options m_options;
    Map m_pending;
    std::size_t m_bytes = 0;
    std::string m_out;
    std::int64_t m_nextSweepUs = 0;
    Stats m_stats;
};

} // namespace calldeck::core
