// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

#include <QtGlobal>

#include "backend/core/dialogtypes.h"
#include "backend/listeningsocket.h"
#include "backend/streamframer.h"

class IngestQueue;
class SourceRegistry;
struct PacketBatch;

/// @brief Counters of one TCP receiver at one moment.
struct TcpReceiverStats
{
    quint64 messages = 0;        ///< framed messages handed to the queue (or dropped there)
    quint64 bytes = 0;           ///< their bytes
    quint64 batches = 0;         ///< pushes to the ingest queue
    quint64 queueDrops = 0;      ///< messages dropped because the ingest queue was full
    quint64 connections = 0;     ///< connections accepted since start
    quint64 openConnections = 0; ///< connections open now
    quint64 refused = 0;         ///< connections closed at once: the connection limit was reached
    quint64 framingErrors = 0;   ///< connections closed because their stream could not be framed
    quint64 truncated = 0;       ///< connections that ended inside a message
    quint64 idleTimeouts = 0;    ///< connections closed after the idle timeout
};

/// @brief Accepts TCP connections on one listening socket and frames each stream into messages
/// (StreamFramer: HEPv3 by its length, SIP by Content-Length) in its own thread, with poll().
/// Framed messages of one poll round go to the ingest queue in one batch. A stream that cannot
/// be framed is closed and counted as malformed (per sender in the SourceRegistry); idle
/// connections are closed after a timeout; the number of connections is bounded and each
/// connection's buffer is bounded by StreamFramer::MaxBufferedBytes.
class TcpReceiver final
{
public:
    struct Options
    {
        int maxConnections = 256;
        int idleTimeoutSeconds = 300;
    };

    TcpReceiver(IngestQueue &queue, SourceRegistry &sources, quint16 sourceId, Options options);
    ~TcpReceiver();
    TcpReceiver(const TcpReceiver &) = delete;
    TcpReceiver &operator=(const TcpReceiver &) = delete;

    /// @brief Takes the listening socket and starts the thread.
    void start(ListeningSocket socket);
    /// @brief Stops the thread (within ~100 ms), closes the connections and the socket.
    void stop();
    bool running() const { return m_thread.joinable(); }
    quint16 port() const { return m_socket.localAddress().port(); }
    TcpReceiverStats stats() const;

private:
    struct Connection
    {
        int fd = -1;
        calldeck::core::Endpoint peer;
        calldeck::core::Endpoint local;
        StreamFramer framer;
        std::int64_t lastActivityMs = 0;
    };
    enum class CloseReason : std::uint8_t
    {
        PeerClosed,
        ReadError,
        FramingError,
        IdleTimeout,
        Stopping,
    };

    void run();
    /// @return false when the process ran out of file descriptors
    bool acceptPending(std::int64_t nowMs);
    /// @return false when the connection is to be closed (reason set)
    bool readConnection(Connection &c, PacketBatch &batch, std::int64_t nowUs, CloseReason &reason);
    void closeConnection(std::size_t index, CloseReason reason);
    void flush(PacketBatch &batch);
    void reportMalformed(const Connection &c, const std::string &why);

    IngestQueue &m_queue;
    SourceRegistry &m_sources;
    const quint16 m_sourceId;
    const Options m_options;
    ListeningSocket m_socket;
    std::thread m_thread;
    std::atomic<bool> m_stop{false};

    // receive-thread state
    std::vector<std::unique_ptr<Connection>> m_connections;
    std::vector<char> m_readBuffer;
    quint64 m_descriptorShortages = 0;

    std::atomic<quint64> m_messages{0};
    std::atomic<quint64> m_bytes{0};
    std::atomic<quint64> m_batches{0};
    std::atomic<quint64> m_queueDrops{0};
    std::atomic<quint64> m_accepted{0};
    std::atomic<quint64> m_open{0};
    std::atomic<quint64> m_refused{0};
    std::atomic<quint64> m_framingErrors{0};
    std::atomic<quint64> m_truncated{0};
    std::atomic<quint64> m_idleTimeouts{0};
};
