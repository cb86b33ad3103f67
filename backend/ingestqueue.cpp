// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/ingestqueue.h"

#include <chrono>

IngestQueue::IngestQueue(std::size_t maxPackets, std::size_t maxBytes)
    : m_maxPackets(maxPackets)
    , m_maxBytes(maxBytes)
{}

bool IngestQueue::push(PacketBatch &&batch)
{
    if (batch.empty())
    {
        return true;
    }
    {
        std::lock_guard lock(m_mutex);
        if (m_closed || m_packets + batch.size() > m_maxPackets || m_bytes + batch.bytes.size() > m_maxBytes)
        {
            m_dropped += batch.size();
            return false;
        }
        acceptLocked(std::move(batch));
    }
    m_cv.notify_one();
    return true;
}

void IngestQueue::acceptLocked(PacketBatch &&batch)
{
    m_packets += batch.size();
    m_bytes += batch.bytes.size();
    m_accepted += batch.size();
    m_highWater = std::max<std::uint64_t>(m_highWater, m_packets);
    m_batches.push_back(std::move(batch));
}

bool IngestQueue::pushWait(PacketBatch &&batch, int timeoutMs)
{
    if (batch.empty())
    {
        return true;
    }
    {
        std::unique_lock lock(m_mutex);
        const auto fits = [&] {
            return m_closed ||
                   (m_packets + batch.size() <= m_maxPackets && m_bytes + batch.bytes.size() <= m_maxBytes) ||
                   m_packets == 0; // an oversized batch still goes through an empty queue
        };
        if (!m_room.wait_for(lock, std::chrono::milliseconds(timeoutMs), fits) || m_closed)
        {
            // The batch stays with the caller (an offline source retries): not a drop, unless
            // the queue is closed and it can never go in.
            m_dropped += m_closed ? batch.size() : 0;
            return false;
        }
        acceptLocked(std::move(batch));
    }
    m_cv.notify_one();
    return true;
}

bool IngestQueue::popAll(std::vector<PacketBatch> &out, int waitMs)
{
    std::unique_lock lock(m_mutex);
    if (m_batches.empty() && !m_closed && !m_woken)
    {
        m_cv.wait_for(lock, std::chrono::milliseconds(waitMs),
                      [this] { return !m_batches.empty() || m_closed || m_woken; });
    }
    m_woken = false;
    const bool closedAndEmpty = m_closed && m_batches.empty() && out.empty();
    takeAllLocked(out, lock);
    return !closedAndEmpty;
}

void IngestQueue::takeAllLocked(std::vector<PacketBatch> &out, std::unique_lock<std::mutex> &lock)
{
    while (!m_batches.empty())
    {
        out.push_back(std::move(m_batches.front()));
        m_batches.pop_front();
    }
    m_packets = 0;
    m_bytes = 0;
    lock.unlock();
    m_room.notify_all();
}

bool IngestQueue::tryPopAll(std::vector<PacketBatch> &out)
{
    std::unique_lock lock(m_mutex);
    if (m_batches.empty())
    {
        return false;
    }
    takeAllLocked(out, lock);
    return true;
}

void IngestQueue::wake()
{
    {
        std::lock_guard lock(m_mutex);
        m_woken = true;
    }
    m_cv.notify_one();
}

void IngestQueue::close()
{
    {
        std::lock_guard lock(m_mutex);
        m_closed = true;
    }
    m_cv.notify_all();
    m_room.notify_all();
}

bool IngestQueue::closed() const
{
    std::lock_guard lock(m_mutex);
    return m_closed;
}

IngestQueue::Stats IngestQueue::stats() const
{
    std::lock_guard lock(m_mutex);
    Stats s;
    s.acceptedPackets = m_accepted;
    s.droppedPackets = m_dropped;
    s.queuedPackets = m_packets;
    s.queuedBytes = m_bytes;
    s.highWaterPackets = m_highWater;
    return s;
}
