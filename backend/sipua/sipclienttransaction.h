// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>

#include "backend/sipua/sipuseragent.h"

/// @brief One RFC 3261 client transaction.
///
/// Non-INVITE (§17.1.2): Trying → Proceeding (1xx) → Completed (final response, Done called
/// once). Over UDP the request is retransmitted when Timer E fires (T1, 2·T1, 4·T1 … capped at
/// T2; every T2 in Proceeding); Timer F (64·T1) ends it with status 0 on any transport.
///
/// INVITE (§17.1.1 with RFC 6026): Calling → Proceeding (1xx: retransmissions and Timer B stop;
/// the owner ends a ringing call with CANCEL) → a final response. A 3xx–6xx is acknowledged by
/// the transaction itself (hop-by-hop ACK, re-sent for each retransmitted final response); a
/// 2xx goes to Done and every retransmitted 2xx re-sends the ACK the owner registered with
/// setAck(). Either way the transaction lingers 64·T1 before completedSignal. Timer A doubles
/// without the T2 cap; Timer B (64·T1) ends a silent INVITE with status 0.
///
/// The first timer runs from creation, so it also bounds the name lookup before the first send.
class SipClientTransaction final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SipClientTransaction)

public:
    /// @brief Puts the request on the wire; a transport failure comes back through fail().
    using Sender = std::function<void(const QByteArray &bytes)>;

    enum class Kind
    {
        NonInvite,
        Invite,
    };

    SipClientTransaction(Kind kind, int t1Ms, int t2Ms, SipUserAgent::Done done, QObject *parent = nullptr);

    /// @brief Sends the first copy through @p sender and arms Timer E when @p reliable is false.
    void start(const QByteArray &request, const QByteArray &branch, const QByteArray &method, bool reliable,
               Sender sender);
    /// @brief A response matched by branch and method: 1xx → Proceeding, ≥ 200 → completed
    /// (an INVITE's retransmitted final response re-sends its ACK).
    void onResponse(int status, const QString &reason, const QByteArray &raw);
    /// @brief Ends the transaction with status 0 and @p error (no-op once completed).
    void fail(const QString &error);
    /// @brief INVITE: the ACK for its 2xx, re-sent through @p sender for each retransmitted 2xx.
    void setAck(const QByteArray &ack, Sender sender);
    /// @brief INVITE: a CANCEL went out; without a final response within 64·T1 it ends with
    /// status 0 (RFC 3261 §9.1).
    void cancelled();

    Kind kind() const { return m_kind; }
    /// @brief INVITE: the handle SipUserAgent::sendInvite() gave (0: none).
    quint64 handle() const { return m_handle; }
    void setHandle(quint64 handle) { m_handle = handle; }
    bool completed() const { return m_completed; }
    bool proceeding() const { return m_proceeding; }
    /// @brief The request as it went on the wire.
    const QByteArray &request() const { return m_request; }
    const Sender &sender() const { return m_sender; }
    bool started() const { return !m_branch.isEmpty(); }
    const QByteArray &branch() const { return m_branch; }
    const QByteArray &method() const { return m_method; }
    void setTransport(const QString &transport, const QString &destination);
    /// @brief The name being resolved, for Timer F's message while no request was sent yet.
    void setResolving(const QString &host) { m_resolving = host; }
    const QString &destination() const { return m_outcome.destination; }
    const QString &transport() const { return m_outcome.transport; }

signals:
    /// @brief Emitted once, right after Done ran; the owner forgets the transaction.
    void completedSignal(SipClientTransaction *self);

private:
    void onTimerE();
    void onTimerF();
    void finish();
    void acknowledgeFailure(const QByteArray &raw);

    const Kind m_kind;
    const int m_t1Ms;
    const int m_t2Ms;
    SipUserAgent::Done m_done;
    SipUserAgent::Outcome m_outcome;
    QByteArray m_request;
    QByteArray m_branch;
    QByteArray m_method;
    Sender m_sender;
    QString m_resolving;
    QElapsedTimer m_clock;
    QTimer m_timerE;
    QTimer m_timerF;
    QTimer m_linger; ///< INVITE: keeps the transaction for retransmitted final responses
    QByteArray m_ack;
    Sender m_ackSender;
    int m_intervalMs = 0;
    quint64 m_handle = 0;
    bool m_proceeding = false;
    bool m_completed = false;
};
