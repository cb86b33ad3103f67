// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <thread>

#include <QtGlobal>

#include "backend/core/dialogtypes.h"
#include "backend/listeningsocket.h"

class IngestQueue;
class SourceRegistry;

/// @brief Counters of one UDP receiver at one moment.
struct UdpReceiverStats
{
    quint64 datagrams = 0;   ///< datagrams received (and handed to the queue or dropped there)
    quint64 bytes = 0;       ///< their payload bytes
    quint64 batches = 0;     ///< recvmmsg() calls that returned datagrams (one push each)
    quint64 queueDrops = 0;  ///< datagrams dropped because the ingest queue was full
    quint64 kernelDrops = 0; ///< datagrams the kernel dropped (socket buffer full, SO_RXQ_OVFL)
    quint64 truncated = 0;   ///< datagrams larger than a receive buffer (cut; counted, still queued)
    int receiveBufferBytes = 0;
};

/// @brief Receives datagrams on one bound UDP socket in its own thread and hands them to the
/// ingest queue: recvmmsg() into a vector of 65535-byte buffers, one PacketBatch and one push()
/// per call, arrival time (CLOCK_REALTIME) and addresses per datagram. Decoding happens on the
/// core thread; this thread only receives, batches and counts.
class UdpReceiver final
{
public:
    /// @param batchSize datagrams per recvmmsg() (each gets a 65535-byte buffer)
    UdpReceiver(IngestQueue &queue, SourceRegistry &sources, quint16 sourceId, int batchSize);
    ~UdpReceiver();
    UdpReceiver(const UdpReceiver &) = delete;
    UdpReceiver &operator=(const UdpReceiver &) = delete;

    /// @brief Takes the bound socket and starts the receive thread.
    void start(ListeningSocket socket);
    /// @brief Stops the thread (within ~100 ms) and closes the socket.
    void stop();
    bool running() const { return m_thread.joinable(); }
    quint16 port() const { return m_socket.localAddress().port(); }
    UdpReceiverStats stats() const;

private:
    void run();

    IngestQueue &m_queue;
    SourceRegistry &m_sources;
    const quint16 m_sourceId;
    const int m_batchSize;
    ListeningSocket m_socket;
    calldeck::core::Endpoint m_local;
    std::thread m_thread;
    std::atomic<bool> m_stop{false};

    std::atomic<quint64> m_datagrams{0};
    std::atomic<quint64> m_bytes{0};
    std::atomic<quint64> m_batches{0};
    std::atomic<quint64> m_queueDrops{0};
    std::atomic<quint64> m_kernelDrops{0};
    std::atomic<quint64> m_truncated{0};
};
