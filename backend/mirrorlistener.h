// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include <QString>

#include "backend/tcpreceiver.h"
#include "backend/udpreceiver.h"

class IngestQueue;
class SourceRegistry;

/// @brief Tunables of a mirror listener (defaults suit a NOC console).
struct MirrorListenerOptions
{
    int udpBatchSize = 64;             ///< datagrams per recvmmsg(), 64 KiB buffer each
    int receiveBufferBytes = 32 << 20; ///< UDP SO_RCVBUF asked for (what is granted is in stats)
    int maxTcpConnections = 256;       ///< more are accepted and closed at once, and counted
    int tcpIdleTimeoutSeconds = 300;   ///< a TCP connection without data this long is closed
};

/// @brief Counters of a mirror listener at one moment.
struct MirrorListenerStats
{
    UdpReceiverStats udp;
    TcpReceiverStats tcp;
};

/// @brief The SIP mirror port of one `--hep ADDR:PORT`: HEPv1/v2/v3 and raw SIP over UDP, and
/// HEPv3 and SIP over TCP, on the same address and port (IPv4 or IPv6), each served by its own
/// receive thread. It only receives, frames TCP streams, batches, pushes to the IngestQueue and
/// counts; the core thread decodes.
///
/// Registers two feeds in the SourceRegistry, kinds "hep-udp" and "hep-tcp", labelled like
/// "udp 127.0.0.1:9060" (with the bound port), Running after start() or Failed with an error
/// that says what to do next. "off" is handled by the caller.
class MirrorListener final
{
public:
    MirrorListener(const QString &addressPort, IngestQueue &queue, SourceRegistry &sources);
    MirrorListener(const QString &addressPort, IngestQueue &queue, SourceRegistry &sources,
                   MirrorListenerOptions options);
    ~MirrorListener();
    MirrorListener(const MirrorListener &) = delete;
    MirrorListener &operator=(const MirrorListener &) = delete;

    /// @brief Binds UDP and TCP and starts both receive threads. Both or neither: when one
    /// cannot be opened, nothing listens and both feeds are marked Failed.
    /// @param error on failure, what went wrong and what to do next
    bool start(QString *error);
    /// @brief Stops both threads (within ~100 ms) and closes every socket.
    void stop();
    bool running() const;

    /// @brief The address as given ("127.0.0.1:9060").
    QString address() const { return m_addressPort; }
    /// @brief Actual bound ports (useful after asking for port 0); 0 when not listening.
    quint16 udpPort() const;
    quint16 tcpPort() const;
    /// @brief SourceRegistry ids of the two feeds (0 before the first start()).
    quint16 udpSourceId() const { return m_udpSource; }
    quint16 tcpSourceId() const { return m_tcpSource; }
    MirrorListenerStats stats() const;

private:
    void registerSources(const QString &udpLabel, const QString &tcpLabel);
    bool fail(const QString &text, QString *error);

    const QString m_addressPort;
    IngestQueue &m_queue;
    SourceRegistry &m_sources;
    const MirrorListenerOptions m_options;
    quint16 m_udpSource = 0;
    quint16 m_tcpSource = 0;
    std::unique_ptr<UdpReceiver> m_udp;
    std::unique_ptr<TcpReceiver> m_tcp;
};
