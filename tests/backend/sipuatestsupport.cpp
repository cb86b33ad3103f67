// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/backend/sipuatestsupport.h"

#include <QDebug>
#include <QThread>

using namespace Qt::StringLiterals;

SipUserAgent::Done SipOutcomes::callback()
{
    return [state = m_state](const SipUserAgent::Outcome &o) {
        QMutexLocker lock(&state->mutex);
        state->list.append(o);
        state->threads.append(QThread::currentThread());
    };
}

int SipOutcomes::size() const
{
    QMutexLocker lock(&m_state->mutex);
    return int(m_state->list.size());
}

SipUserAgent::Outcome SipOutcomes::at(int i) const
{
    QMutexLocker lock(&m_state->mutex);
    return m_state->list.at(i);
}

QThread *SipOutcomes::threadAt(int i) const
{
    QMutexLocker lock(&m_state->mutex);
    return m_state->threads.at(i);
}

const QByteArray CallerVia = "SIP/2.0/UDP 10.0.0.9:5060;branch=z9hG4bKcallerside.1";

QByteArray byeRequest(const QByteArray &callId, const QByteArray &method)
{
    return method +
           " sip:bob@192.0.2.20:5062 SIP/2.0\r\n"
           "Via: " +
           CallerVia +
           "\r\n"
           "Max-Forwards: 70\r\n"
           "Route: <sip:127.0.0.1:5060;lr;did=e1f.2>\r\n"
           "From: <sip:alice@example.com>;tag=a1\r\n"
           "To: \"Bob\" <sip:bob@example.com>;tag=b1\r\n"
           "Call-ID: " +
           callId +
           "\r\n"
           "CSeq: 102 " +
           method +
           "\r\n"
           "Reason: Q.850;cause=16;text=\"Normal call clearing\"\r\n"
           "Content-Length: 0\r\n"
           "\r\n";
}

QByteArray incomingRequest(const QByteArray &branch, const QByteArray &method)
{
    return method +
           " sip:calldeck@127.0.0.1 SIP/2.0\r\n"
           "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=" +
           branch +
           "\r\n"
           "Via: SIP/2.0/UDP 192.0.2.30:5070;branch=z9hG4bKdownstream;received=192.0.2.30\r\n"
           "From: <sip:bob@example.com>;tag=n1\r\n"
           "To: <sip:calldeck@example.com>\r\n"
           "Call-ID: refer-1@example.com\r\n"
           "CSeq: 7 " +
           method +
           "\r\n"
           "Event: refer\r\n"
           "Subscription-State: terminated;reason=noresource\r\n"
           "Content-Type: message/sipfrag\r\n"
           "Content-Length: 16\r\n"
           "\r\n"
           "SIP/2.0 200 OK\r\n";
}

std::unique_ptr<SipUserAgent> startUserAgent(int t1Ms, int t2Ms)
{
    SipUserAgent::Options options;
    options.t1Ms = t1Ms;
    options.t2Ms = t2Ms;
    options.userAgent = u"CallDeck-test"_s;
    auto ua = std::make_unique<SipUserAgent>(options);
    QString error;
    if (!ua->start(&error))
    {
        qWarning() << error;
        return nullptr;
    }
    return ua;
}
