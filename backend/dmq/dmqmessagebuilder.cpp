// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/dmq/dmqmessagebuilder.h"

#include <QRandomGenerator>
#include <QStringBuilder>

#include "backend/core/sipmessage.h"

using calldeck::core::SipHeaderId;

namespace
{
QByteArray bytes(std::string_view s)
{
    return QByteArray(s.data(), static_cast<qsizetype>(s.size()));
}
} // namespace

DmqMessageBuilder::DmqMessageBuilder(calldeck::core::DmqNodeAddress self, QByteArray userAgent)
    : m_self(std::move(self))
    , m_hostPort(QByteArray::fromStdString(m_self.hostPort()))
    , m_userAgent(std::move(userAgent))
{
    m_toTag = token(8);
}

QByteArray DmqMessageBuilder::token(int count)
{
    QByteArray raw(count, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(raw.data()), count / 4);
    return raw.toHex() + QByteArray::number(++m_counter, 16);
}

QByteArray DmqMessageBuilder::request(const calldeck::core::DmqNodeAddress &to, const QByteArray &channel,
                                      const QByteArray &contentType, const QByteArray &body, int maxForwards,
                                      QByteArray *branch)
{
    const QByteArray target = "sip:" + channel + '@' + QByteArray::fromStdString(to.hostPort());
    *branch = "z9hG4bK" + token(8);
    QByteArray m;
    m.reserve(400 + body.size());
    m += "KDMQ " + target + " SIP/2.0\r\n";
    m += "Via: SIP/2.0/UDP " + m_hostPort + ";branch=" + *branch + ";rport\r\n";
    m += "To: <" + target + ">\r\n";
    m += "From: <sip:" + channel + '@' + m_hostPort + ">;tag=" + token(8) + "\r\n";
    m += "CSeq: 10 KDMQ\r\n";
    m += "Call-ID: " + token(8) + '@' + QByteArray::fromStdString(m_self.host) + "\r\n";
    m += "Max-Forwards: " + QByteArray::number(maxForwards) + "\r\n";
    m += "User-Agent: " + m_userAgent + "\r\n";
    if (!contentType.isEmpty())
    {
        m += "Content-Type: " + contentType + "\r\n";
    }
    m += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
    m += body;
    return m;
}

QByteArray DmqMessageBuilder::response(const calldeck::core::SipMessage &request, int status,
                                       const QByteArray &reason, const QByteArray &contentType,
                                       const QByteArray &body)
{
    QByteArray m;
    m.reserve(300 + request.raw().size() / 2 + body.size());
    m += "SIP/2.0 " + QByteArray::number(status) + ' ' + reason + "\r\n";
    request.forEachHeader(SipHeaderId::Via, [&m](const calldeck::core::SipHeader &h) {
        m += "Via: " + bytes(h.value) + "\r\n";
    });
    m += "From: " + bytes(request.header(SipHeaderId::From)) + "\r\n";
    const QByteArray to = bytes(request.header(SipHeaderId::To));
    m += "To: " + to + (to.contains(";tag=") ? QByteArray() : ";tag=" + m_toTag) + "\r\n";
    m += "Call-ID: " + bytes(request.callId()) + "\r\n";
    m += "CSeq: " + bytes(request.header(SipHeaderId::CSeq)) + "\r\n";
    m += "Server: " + m_userAgent + "\r\n";
    if (!contentType.isEmpty())
    {
        m += "Content-Type: " + contentType + "\r\n";
    }
    m += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
    m += body;
    return m;
}
