// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/sipua/sipclienttransaction.h"

#include <algorithm>

#include "backend/core/uacdialog.h"
#include "backend/logging.h"

using namespace Qt::StringLiterals;

SipClientTransaction::SipClientTransaction(const Kind kind, int t1Ms, int t2Ms, SipUserAgent::Done done,
                                           QObject *parent)
    : QObject(parent)
    , m_kind(kind)
    , m_t1Ms(std::max(1, t1Ms))
    , m_t2Ms(std::max(m_t1Ms, t2Ms))
    , m_done(std::move(done))
{
    m_clock.start();
    m_timerE.setSingleShot(true);
    m_timerE.setTimerType(Qt::PreciseTimer);
    m_timerF.setSingleShot(true);
    m_timerF.setTimerType(Qt::PreciseTimer);
    connect(&m_timerE, &QTimer::timeout, this, &SipClientTransaction::onTimerE);
    connect(&m_timerF, &QTimer::timeout, this, &SipClientTransaction::onTimerF);
    m_timerF.start(64 * m_t1Ms);
    m_linger.setSingleShot(true);
    connect(&m_linger, &QTimer::timeout, this, [this] { emit completedSignal(this); });
}

void SipClientTransaction::setTransport(const QString &transport, const QString &destination)
{
    m_outcome.transport = transport;
    m_outcome.destination = destination;
}

void SipClientTransaction::start(const QByteArray &request, const QByteArray &branch,
                                 const QByteArray &method, bool reliable, Sender sender)
{
    m_request = request;
    m_branch = branch;
    m_method = method;
    m_sender = std::move(sender);
    m_resolving.clear();
    if (!reliable)
    {
        m_intervalMs = m_t1Ms;
        m_timerE.start(m_intervalMs);
    }
    m_sender(m_request); // may fail the transaction synchronously
}

void SipClientTransaction::onTimerE()
{
    if (m_completed)
    {
        return;
    }
    if (m_kind == Kind::Invite && m_proceeding)
    {
        return; // a ringing INVITE is not retransmitted
    }
    ++m_outcome.retransmissions;
    m_intervalMs = m_kind == Kind::Invite ? 2 * m_intervalMs
                   : m_proceeding         ? m_t2Ms
                                          : std::min(2 * m_intervalMs, m_t2Ms);
    m_timerE.start(m_intervalMs);
    m_sender(m_request);
}

void SipClientTransaction::onTimerF()
{
    const double seconds = 64.0 * m_t1Ms / 1000.0;
    if (m_kind == Kind::Invite && m_proceeding)
    {
        fail(u"no final answer within %1 s of the CANCEL: the peer did not end the INVITE"_s.arg(seconds, 0,
                                                                                                 'g', 3));
        return;
    }
    if (!m_resolving.isEmpty())
    {
        fail(
            u"cannot resolve '%1': no answer from the name service within %2 s (Timer F); check the dialog's "
            u"contact/route"_s.arg(m_resolving)
                .arg(seconds, 0, 'g', 3));
        return;
    }
    if (m_kind == Kind::Invite)
    {
        fail(u"no answer to the INVITE within %1 s (Timer B): check that the party or the outbound proxy is "
             u"reachable"_s.arg(seconds, 0, 'g', 3));
        return;
    }
    fail(u"no answer within %1 s (Timer F): the peer did not respond; the dialog may already be gone"_s.arg(
        seconds, 0, 'g', 3));
}

void SipClientTransaction::setAck(const QByteArray &ack, Sender sender)
{
    m_ack = ack;
    m_ackSender = std::move(sender);
}

void SipClientTransaction::cancelled()
{
    if (!m_completed)
    {
        m_timerF.start(64 * m_t1Ms);
    }
}

void SipClientTransaction::acknowledgeFailure(const QByteArray &raw)
{
    if (m_ack.isEmpty())
    {
        const auto ack = calldeck::core::buildFailureAck(
            std::string_view(m_request.constData(), static_cast<std::size_t>(m_request.size())),
            std::string_view(raw.constData(), static_cast<std::size_t>(raw.size())));
        if (!ack)
        {
            qCWarning(lcBackend) << "sip: cannot acknowledge a failure answer:" << ack.error().detail.c_str();
            return;
        }
        m_ack = QByteArray::fromStdString(*ack);
        m_ackSender = m_sender;
    }
    if (m_ackSender)
    {
        m_ackSender(m_ack);
    }
}

void SipClientTransaction::onResponse(int status, const QString &reason, const QByteArray &raw)
{
    if (m_completed)
    {
        // An INVITE's final response again: the ACK did not arrive, send it again.
        if (m_kind == Kind::Invite && status >= 200 && m_linger.isActive() && m_ackSender && !m_ack.isEmpty())
        {
            m_ackSender(m_ack);
        }
        return;
    }
    if (status < 200)
    {
        if (m_kind == Kind::Invite && !m_proceeding)
        {
            m_timerE.stop();
            m_timerF.stop(); // Timer B; the owner cancels a call that rings too long
        }
        m_proceeding = true;
        return;
    }
    if (m_kind == Kind::Invite && status >= 300)
    {
        acknowledgeFailure(raw);
    }
    m_outcome.status = status;
    m_outcome.reason = reason;
    m_outcome.response = raw;
    finish();
}

void SipClientTransaction::fail(const QString &error)
{
    if (m_completed)
    {
        return;
    }
    m_outcome.status = 0;
    m_outcome.error = error;
    finish();
}

void SipClientTransaction::finish()
{
    m_completed = true;
    m_timerE.stop();
    m_timerF.stop();
    m_outcome.elapsedMs = m_clock.elapsed();
    qCDebug(lcBackend) << "sip transaction" << m_method << m_branch << "to" << m_outcome.destination
                       << "ended:" << m_outcome.status << m_outcome.error;
    if (m_done)
    {
        // Done is user code: no exception may escape into the event loop (house style §6.6).
        try
        {
            m_done(m_outcome);
        }
        catch (const std::exception &e)
        {
            qCWarning(lcBackend) << "a SIP transaction's Done callback threw:" << e.what();
        }
        catch (...)
        {
            qCWarning(lcBackend) << "a SIP transaction's Done callback threw";
        }
    }
    m_done = nullptr;
    if (m_kind == Kind::Invite && m_outcome.status >= 200)
    {
        m_linger.start(64 * m_t1Ms); // absorbs retransmitted final responses
        return;
    }
    emit completedSignal(this);
}
