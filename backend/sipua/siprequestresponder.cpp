// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/sipua/siprequestresponder.h"

#include <algorithm>
#include <string_view>

#include <QRandomGenerator>

#include "backend/core/sipheaders.h"
#include "backend/core/sipmessage.h"

using calldeck::core::SipHeader;
using calldeck::core::SipHeaderId;
using calldeck::core::SipMessage;
using calldeck::core::SipMethod;

namespace
{

constexpr std::size_t MaxRemembered = 4096; // bounded memory under a flood

QByteArray bytes(std::string_view v)
{
    return QByteArray(v.data(), static_cast<qsizetype>(v.size()));
}

QByteArray requestKey(const SipMessage &request)
{
    calldeck::core::SipVia via;
    const std::string_view top = request.header(SipHeaderId::Via);
    if (!top.empty() && calldeck::core::parseVia(top, via) && !via.branch.empty())
    {
        return bytes(via.branch) + ' ' + bytes(via.host) + ':' + QByteArray::number(via.port) + ' ' +
               bytes(request.methodText());
    }
    return bytes(request.callId()) + ' ' + bytes(request.cseq().numberText) + ' ' +
           bytes(request.methodText()) + ' ' + bytes(request.from().tag);
}

} // namespace

SipRequestResponder::SipRequestResponder(QByteArray userAgent, int t1Ms)
    : m_userAgent(std::move(userAgent))
    , m_keepMs(64LL * std::max(1, t1Ms))
{
    m_clock.start();
}

int SipRequestResponder::statusFor(const SipMessage &request)
{
    switch (request.method())
    {
    case SipMethod::Ack:
        return 0;
    case SipMethod::Notify:
    case SipMethod::Options:
        return 200;
    default:
        return 481;
    }
}

SipRequestResponder::Answer SipRequestResponder::answer(const SipMessage &request)
{
    expire();
    Answer out;
    out.status = statusFor(request);
    if (out.status == 0)
    {
        return out;
    }
    const QByteArray key = requestKey(request);
    const auto known = m_answers.constFind(key);
    if (known != m_answers.constEnd())
    {
        out.bytes = known.value();
        out.retransmission = true;
        return out;
    }

    QByteArray text = "SIP/2.0 " + QByteArray::number(out.status) +
                      (out.status == 200 ? " OK\r\n" : " Call/Transaction Does Not Exist\r\n");
    request.forEachHeader(SipHeaderId::Via, [&text](const SipHeader &h) {
        text += bytes(h.name) + ": " + bytes(h.value) + "\r\n";
    });
    const auto copy = [&text, &request](SipHeaderId id) {
        for (std::size_t i = 0; i < request.headerCount(); ++i)
        {
            const SipHeader &h = request.headerAt(i);
            if (h.id == id)
            {
                text += bytes(h.name) + ": " + bytes(h.value);
                if (id == SipHeaderId::To && request.to().tag.empty())
                {
                    const quint64 random = QRandomGenerator::global()->generate64();
                    text += ";tag=cd" + QByteArray::number(random, 16);
                }
                text += "\r\n";
                return;
            }
        }
    };
    copy(SipHeaderId::From);
    copy(SipHeaderId::To);
    copy(SipHeaderId::CallId);
    copy(SipHeaderId::CSeq);
    text += "User-Agent: " + m_userAgent + "\r\nContent-Length: 0\r\n\r\n";

    if (m_order.size() >= MaxRemembered)
    {
        m_answers.remove(m_order.front().key);
        m_order.pop_front();
    }
    m_answers.insert(key, text);
    m_order.push_back({key, m_clock.elapsed()});
    out.bytes = text;
    return out;
}

void SipRequestResponder::expire()
{
    const qint64 now = m_clock.elapsed();
    while (!m_order.empty() && now - m_order.front().atMs > m_keepMs)
    {
        m_answers.remove(m_order.front().key);
        m_order.pop_front();
    }
}
