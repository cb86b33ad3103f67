// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/sipua/sipclienttransaction.h"

#include <algorithm>

#include "backend/logging.h"

using namespace Qt::StringLiterals;

SipClientTransaction::SipClientTransaction(int t1Ms, int t2Ms, SipUserAgent::Done done, QObject *parent)
    : QObject(parent)
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
    ++m_outcome.retransmissions;
    m_intervalMs = m_proceeding ? m_t2Ms : std::min(2 * m_intervalMs, m_t2Ms);
    m_timerE.start(m_intervalMs);
    m_sender(m_request);
}

void SipClientTransaction::onTimerF()
{
    const double seconds = 64.0 * m_t1Ms / 1000.0;
    if (!m_resolving.isEmpty())
    {
        fail(
            u"cannot resolve '%1': no answer from the name service within %2 s (Timer F); check the dialog's "
            u"contact/route"_s.arg(m_resolving)
                .arg(seconds, 0, 'g', 3));
        return;
    }
    fail(u"no answer within %1 s (Timer F): the peer did not respond; the dialog may already be gone"_s.arg(
        seconds, 0, 'g', 3));
}

void SipClientTransaction::onResponse(int status, const QString &reason, const QByteArray &raw)
{
    if (m_completed)
    {
        return;
    }
    if (status < 200)
    {
        m_proceeding = true;
        return;
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
    emit completedSignal(this);
}
