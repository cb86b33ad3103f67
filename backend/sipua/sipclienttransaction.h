// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>

#include "backend/sipua/sipuseragent.h"

/// @brief One RFC 3261 §17.1.2 non-INVITE client transaction: Trying → Proceeding (1xx) →
/// Completed (final response, Done called once). Over UDP the request is retransmitted when
/// Timer E fires (T1, 2·T1, 4·T1 … capped at T2; every T2 in Proceeding); Timer F (64·T1)
/// ends it with status 0 on any transport. Timer F runs from creation, so it also bounds the
/// name lookup before the first send.
class SipClientTransaction final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SipClientTransaction)

public:
    /// @brief Puts the request on the wire; a transport failure comes back through fail().
    using Sender = std::function<void(const QByteArray &bytes)>;

    SipClientTransaction(int t1Ms, int t2Ms, SipUserAgent::Done done, QObject *parent = nullptr);

    /// @brief Sends the first copy through @p sender and arms Timer E when @p reliable is false.
    void start(const QByteArray &request, const QByteArray &branch, const QByteArray &method, bool reliable,
               Sender sender);
    /// @brief A response matched by branch and method: 1xx → Proceeding, ≥ 200 → completed.
    void onResponse(int status, const QString &reason, const QByteArray &raw);
    /// @brief Ends the transaction with status 0 and @p error (no-op once completed).
    void fail(const QString &error);

    bool completed() const { return m_completed; }
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
    int m_intervalMs = 0;
    bool m_proceeding = false;
    bool m_completed = false;
};
