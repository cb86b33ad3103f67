// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QString>

class QSocketNotifier;

/// @brief The UA's UDP socket: a non-blocking POSIX socket watched by a QSocketNotifier, with
/// IP_RECVERR/IPV6_RECVERR so that ICMP errors for datagrams sent from this *unconnected*
/// socket are reported with the destination they concern (Linux reports ICMP to unconnected
/// UDP sockets only that way; QUdpSocket would never see them). Lives on the UA's thread.
class SipUdpSocket final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SipUdpSocket)

public:
    explicit SipUdpSocket(QObject *parent = nullptr);
    ~SipUdpSocket() override;

    /// @brief Creates and binds the socket (no SO_REUSEADDR: a port in use is an error).
    /// @return false with @p error (English, says what to do)
    bool bind(const QHostAddress &address, quint16 port, QString *error);
    void close();
    quint16 localPort() const { return m_port; }
    QHostAddress localAddress() const { return m_address; }

    /// @brief Sends one datagram. @return empty, or why it could not be sent
    QString send(const QByteArray &datagram, const QHostAddress &to, quint16 port);

signals:
    void datagramReceived(const QByteArray &datagram, const QHostAddress &from, quint16 port);
    /// @brief An ICMP error about a datagram sent to @p to:@p port; @p error is English text.
    void unreachable(const QHostAddress &to, quint16 port, const QString &error);

private:
    void onReadable();
    void drainErrorQueue();

    int m_fd = -1;
    QHostAddress m_address;
    quint16 m_port = 0;
    QSocketNotifier *m_notifier = nullptr;
    QByteArray m_buffer;
};
