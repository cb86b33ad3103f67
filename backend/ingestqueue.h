// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <vector>

#include "backend/packetbatch.h"

/// @brief Bounded queue of packet batches from any number of producer threads to the core
/// thread (libdatachannel's bounded Queue, house style §3.4). When a batch would exceed the
/// packet or byte bound it is dropped whole and counted, so memory never grows without bound
/// and producers never block.
class IngestQueue final
{
public:
    struct Stats
    {
        std::uint64_t acceptedPackets = 0;
        std::uint64_t droppedPackets = 0;
        std::uint64_t queuedPackets = 0;
        std::uint64_t queuedBytes = 0;
        std::uint64_t highWaterPackets = 0;
    };

    explicit IngestQueue(std::size_t maxPackets = 1u << 20, std::size_t maxBytes = 512u << 20);
    IngestQueue(const IngestQueue &) = delete;
    IngestQueue &operator=(const IngestQueue &) = delete;

    /// @brief Enqueues a batch; false (and counted as dropped) when full or closed.
    bool push(PacketBatch &&batch);
    /// @brief For offline sources (a capture file): waits up to @p timeoutMs for room instead
    /// of dropping. False on timeout (the batch is left with the caller, to retry) or when
    /// closed (then it is counted as dropped).
    bool pushWait(PacketBatch &&batch, int timeoutMs);
    /// @brief Moves every queued batch into @p out, waiting up to @p waitMs for the first one.
    /// @return false once the queue is closed and empty
    bool popAll(std::vector<PacketBatch> &out, int waitMs);
    /// @brief Moves every queued batch into @p out without waiting; false when none was queued.
    bool tryPopAll(std::vector<PacketBatch> &out);
    /// @brief Wakes the consumer without data (e.g. to run queued calls).
    void wake();
    void close();
    bool closed() const;
    Stats stats() const;

private:
    void acceptLocked(PacketBatch &&batch);
    /// Moves every batch out, then unlocks and wakes producers waiting for room.
    void takeAllLocked(std::vector<PacketBatch> &out, std::unique_lock<std::mutex> &lock);

    const std::size_t m_maxPackets;
    const std::size_t m_maxBytes;
    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    std::condition_variable m_room;
    std::deque<PacketBatch> m_batches;
    std::size_t m_packets = 0;
    std::size_t m_bytes = 0;
    bool m_closed = false;
    bool m_woken = false;
    std::uint64_t m_accepted = 0;
    std::uint64_t m_dropped = 0;
    std::uint64_t m_highWater = 0;
};
