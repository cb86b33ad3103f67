// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QString>

#include "backend/streamframer.h"

class QTcpSocket;

/// @brief One SIP-over-TCP connection of the UA, outgoing (to a next hop, reused for every
/// request to it) or accepted (a proxy sending NOTIFY). Frames the stream by Content-Length
/// (StreamFramer); writes made while connecting are queued. A stream that cannot be framed is
/// closed. Lives on the UA's thread.
class SipTcpConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SipTcpConnection)

public:
    /// @brief Takes an accepted socket.
    explicit SipTcpConnection(QTcpSocket *socket, QObject *parent = nullptr);
    /// @brief Connects to @p to:@p port from @p local (port 0) unless it is the any address.
    SipTcpConnection(const QHostAddress &local, const QHostAddress &to, quint16 port,
                     QObject *parent = nullptr);
    ~SipTcpConnection() override;

    void write(const QByteArray &message);
    void close();
    bool closed() const { return m_closed; }
    /// @brief The peer, "ip:port" (IPv6 in brackets).
    const QString &peer() const { return m_peer; }

signals:
    void messageReceived(const QByteArray &message, const QString &peer);
    /// @brief The connection failed or ended (emitted once); @p error is English text.
    void closedSignal(SipTcpConnection *self, const QString &error);

private:
    void wire();
    void onReadyRead();
    void onConnected();
    void onError();
    void onDisconnected();
    void finish(const QString &error);

    QTcpSocket *m_socket = nullptr;
    StreamFramer m_framer;
    QByteArray m_pending; ///< writes waiting for the connection
    QString m_peer;
    bool m_connected = false;
    bool m_closed = false;
};
