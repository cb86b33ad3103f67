// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "corehash.h"
#include "dialogrecord.h"
#include "didcodec.h"
#include "hashindex.h"
#include "stringslab.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace calldeck::core
{

/**
 * @brief The dialog hash table: record storage, Kamailio ids, and the lookups the module does.
 *
 * `h_entry` is Kamailio's core_hash(Call-ID) & (hash_size − 1); `h_id` comes from a per-bucket
 * counter as the module assigns it (`h_id_start`, `h_id_step`, randomly seeded). Unlike the
 * module, lookups do not scan a bucket's list: an id index and a Call-ID index (open
 * addressing) answer in O(1) whatever the load. Records live in fixed chunks, so indexes stay
 * valid and growth never copies them.
 */
class DialogTable
{
public:
    struct Options
    {
        std::uint32_t hashSize = 4096;
        std::int32_t hIdStart = 0;
        std::uint32_t hIdStep = 1;
        std::uint32_t seed = 1;
    };

    explicit DialogTable(const Options &options);
    DialogTable(const DialogTable &) = delete;
    DialogTable &operator=(const DialogTable &) = delete;

    std::uint32_t hashSize() const { return m_hashSize; }
    std::uint32_t hashEntry(std::string_view callId) const;

    /** @brief A fresh record (state 0, no blob); index ≥ 1. */
    std::uint32_t allocate();
    /** @brief Releases a record and its strings; it must be unlinked already. */
    void release(std::uint32_t index);

    DialogRecord &at(std::uint32_t index) { return m_chunks[index >> ChunkBits][index & ChunkMask]; }
    const DialogRecord &at(std::uint32_t index) const
    {
        return m_chunks[index >> ChunkBits][index & ChunkMask];
    }
    std::string_view str(std::uint32_t index, DialogString s) const
    {
        return DialogBlob::get(at(index).blob, s);
    }

    /** @brief The next `h_id` of a bucket, as the module's counter hands them out. */
    std::uint32_t nextHId(std::uint32_t hEntry);
    /** @brief Makes later ids of this bucket larger than `hId` (after adopting or loading one). */
    void raiseHId(std::uint32_t hEntry, std::uint32_t hId);
    /** @brief Starts (or stops) remembering which buckets' counters moved (the store keeps them). */
    void setTrackCounters(bool on);
    /**
     * @brief For each bucket whose counter moved since the last call: the bucket and the last
     * h_id its counter stands for (raiseHId(bucket, id) after a restart continues from there).
     */
    std::vector<std::pair<std::uint32_t, std::uint32_t>> takeMovedCounters();

    /** @brief Inserts a record with hEntry/hId/Call-ID set into both indexes. */
    void link(std::uint32_t index);
    /** @brief Removes a record from both indexes. */
    void unlink(std::uint32_t index);
    /** @brief Changes a linked record's h_id; a record already holding that id gets a fresh one. */
    void rekey(std::uint32_t index, std::uint32_t newHId);

    std::uint32_t findById(DialogId id) const;
    /** @brief Calls fn(index) for each linked record with this Call-ID until fn returns true. */
    template<typename Fn>
    std::uint32_t findByCallId(std::string_view callId, Fn &&fn) const
    {
        const std::uint32_t head = m_byCallId.find(
            fastHash64(callId), [&](std::uint32_t i) { return str(i, DialogString::CallId) == callId; });
        for (std::uint32_t i = head; i != 0; i = at(i).callIdNext)
        {
            if (fn(i))
            {
                return i;
            }
        }
        return 0;
    }
    /** @brief Calls fn(index) for every live record. */
    template<typename Fn>
    void forEach(Fn &&fn) const
    {
        for (std::uint32_t i = 1; i < m_used; ++i)
        {
            if (at(i).live())
            {
                fn(i);
            }
        }
    }

    std::size_t liveCount() const { return m_live; }
    std::uint32_t highestIndex() const { return m_used; }

    std::uint16_t internSocket(std::string_view text);
    /** @brief The socket id of a transport and local endpoint, building its text only once. */
    std::uint16_t internSocket(Transport transport, const Endpoint &endpoint);
    std::string_view socketText(std::uint16_t id) const;

    StringSlab &slab() { return m_slab; }
    const StringSlab &slab() const { return m_slab; }
    /** @brief Bytes held by records, strings and indexes (for the memory benchmark). */
    std::size_t memoryBytes() const;

private:
    static constexpr unsigned ChunkBits = 12;
    static constexpr std::uint32_t ChunkSize = 1u << ChunkBits;
    static constexpr std::uint32_t ChunkMask = ChunkSize - 1;

    static std::uint64_t idHash(std::uint32_t hEntry, std::uint32_t hId);
    std::uint32_t random();

    std::uint32_t m_hashSize;
    std::uint32_t m_hIdStart;
    std::uint32_t m_hIdStep;
    std::uint32_t m_rng;
    std::vector<std::uint32_t> m_nextId;
    std::vector<std::uint8_t> m_counterMoved; ///< per bucket, when tracking counters
    std::vector<std::uint32_t> m_movedBuckets;
    void noteCounter(std::uint32_t bucket);
    std::vector<std::unique_ptr<DialogRecord[]>> m_chunks;
    std::vector<std::uint32_t> m_free;
    std::uint32_t m_used = 1; // index 0 is "none"
    std::uint32_t m_seq = 0;
    std::size_t m_live = 0;
    HashIndex m_byId;
    HashIndex m_byCallId;
    StringSlab m_slab;
    std::vector<std::string> m_sockets{std::string()};
    struct SocketKey
    {
        Transport transport;
        Endpoint endpoint;
        std::uint16_t id;
    };
    std::vector<SocketKey> m_socketKeys;
};

} // namespace calldeck::core
