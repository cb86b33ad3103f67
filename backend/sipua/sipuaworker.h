// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QSet>
#include <QString>

#include "backend/sipua/siprequestresponder.h"
#include "backend/sipua/sipuseragent.h"

class QTcpServer;
class SipClientTransaction;
class SipNextHop;
class SipTcpConnection;
class SipUdpSocket;

/// @brief SipUserAgent's engine on the UA's thread: owns the UDP socket, the TCP listener and
/// connections, the client transactions and the answers to incoming requests. Every function
/// runs on that thread; SipUserAgent posts to it.
class SipUaWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SipUaWorker)

public:
    explicit SipUaWorker(const SipUserAgent::Options &options, QObject *parent = nullptr);
    ~SipUaWorker() override;

    /// @brief Binds UDP and then TCP on the same port (retrying ephemeral ports when TCP
    /// cannot have the one UDP got). @return the port, or 0 with @p error
    quint16 bind(QString *error);
    QHostAddress boundAddress() const { return m_address; }
    void send(const QByteArray &message, const QString &nextHop, const SipUserAgent::Done &done);
    /// @brief An INVITE client transaction, known as @p handle to cancel() and sendAck().
    void sendInvite(quint64 handle, const QByteArray &message, const QString &nextHop,
                    const SipUserAgent::Done &done);
    /// @brief Sends the ACK of the 2xx that answered INVITE @p handle (no transaction; re-sent for
    /// each retransmitted 2xx while the INVITE lingers).
    void sendAck(quint64 handle, const QByteArray &message, const QString &nextHop);
    /// @brief CANCELs INVITE @p handle: now when it rings, once it does when it is still
    /// calling, not at all when it has a final answer.
    void cancel(quint64 handle);
    /// @brief Fails every transaction ("stopped"), closes every socket; later sends fail at once.
    void shutdown();

    /// @brief The text of Done's error after stop().
    static QString stoppedError();

signals:
    void requestReceived(const QByteArray &message, const QString &sender, int answeredWith);

private:
    using Reply = std::function<void(const QByteArray &)>;
    using Resolved = std::function<void(const QHostAddress &to, const QString &error)>;

    SipClientTransaction *transact(int kind, const QByteArray &message, const QString &nextHop,
                                   const SipUserAgent::Done &done);
    /// @brief @p done(address, "") for the hop's host (looked up when a name, bounded by
    /// @p context's life), or (null, error).
    void resolve(const SipNextHop &hop, QObject *context, const Resolved &done);
    /// @brief Sends @p bytes once to @p to: UDP, or the TCP connection to it.
    QString transmit(const SipNextHop &hop, const QHostAddress &to, const QByteArray &bytes);
    void sendCancel(SipClientTransaction *invite);
    static QByteArray key(const QByteArray &branch, const QByteArray &method);

    void begin(SipClientTransaction *t, const SipNextHop &hop, const QHostAddress &to,
               const QByteArray &bytes, const QByteArray &branch, const QByteArray &method);
    QString familyMismatch(const SipNextHop &hop, const QHostAddress &to) const;
    void dispatch(const QByteArray &data, const QString &sender, const Reply &reply);
    void forget(SipClientTransaction *t);
    void onUnreachable(const QHostAddress &to, quint16 port, const QString &error);
    void onNewTcpConnection();
    void onTcpClosed(SipTcpConnection *c, const QString &error);
    SipTcpConnection *outgoing(const QHostAddress &to, quint16 port);
    QString sentBy() const;
    void closeSockets();

    const SipUserAgent::Options m_options;
    QHostAddress m_address;
    quint16 m_port = 0;
    SipUdpSocket *m_udp = nullptr;
    QTcpServer *m_tcpServer = nullptr;
    QHash<QString, SipTcpConnection *> m_outgoing; ///< by destination "ip:port"
    QSet<SipTcpConnection *> m_incoming;
    QSet<SipClientTransaction *> m_transactions;
    QHash<QByteArray, SipClientTransaction *> m_byBranch; ///< by key(branch, method)
    QHash<quint64, SipClientTransaction *> m_invites;     ///< by the handle sendInvite() got
    QSet<quint64> m_cancelWhenRinging;
    SipRequestResponder m_responder;
    bool m_stopping = false;
    quint64 m_malformed = 0;
    quint64 m_unmatched = 0;
};
