// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QString>

#include "backend/streamframer.h"

class QTcpServer;
class QTcpSocket;
class QUdpSocket;

/**
 * @brief An in-process SIP peer on 127.0.0.1 for the user-agent tests (runs on the test's
 * thread): a UDP socket and a TCP listener that record every message with its arrival time and
 * answer through a policy, plus helpers that build responses and send requests to the UA.
 */
class SipTestPeer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SipTestPeer)

public:
    struct Message
    {
        QByteArray data;
        qint64 atMs = 0;
        bool tcp = false;
    };
    /// @brief What to send back for a received request: @p copy is 1 for the first copy of a
    /// branch, 2 for its first retransmission, ...
    using Policy = std::function<QList<QByteArray>(const QByteArray &request, int copy)>;

    SipTestPeer();
    ~SipTestPeer() override;

    bool listenUdp();
    bool listenTcp();
    quint16 udpPort() const;
    quint16 tcpPort() const;
    void setPolicy(Policy policy) { m_policy = std::move(policy); }

    /// @brief Requests received (UDP and TCP), in order.
    const QList<Message> &requests() const { return m_requests; }
    /// @brief Responses received (answers of the UA to what send*() sent).
    const QList<Message> &responses() const { return m_responses; }
    int tcpConnections() const { return m_tcpConnections; }

    /// @brief Sends @p data from the peer's UDP socket to 127.0.0.1:@p port.
    void sendUdp(const QByteArray &data, quint16 port);
    /// @brief Sends @p data over the TCP connection to the UA that carried the last request.
    void sendOnLastTcp(const QByteArray &data);
    /// @brief Connects to 127.0.0.1:@p port over TCP and sends @p data (answers are recorded).
    void sendTcp(const QByteArray &data, quint16 port);

    /// @brief A response to @p request: its Via headers, From, To (tag added), Call-ID, CSeq.
    static QByteArray response(const QByteArray &request, int code, const QByteArray &reason);
    /// @brief The value of the first header @p name (exact spelling) in @p message.
    static QByteArray header(const QByteArray &message, const QByteArray &name);
    /// @brief The branch parameter of the top Via.
    static QByteArray topBranch(const QByteArray &message);

private:
    void onUdp();
    void watchTcp(QTcpSocket *socket);
    void received(const QByteArray &data, bool tcp, const std::function<void(const QByteArray &)> &reply);

    QUdpSocket *m_udp = nullptr;
    QTcpServer *m_tcp = nullptr;
    QTcpSocket *m_lastTcp = nullptr;
    Policy m_policy;
    QElapsedTimer m_clock;
    QList<Message> m_requests;
    QList<Message> m_responses;
    int m_tcpConnections = 0;
};
