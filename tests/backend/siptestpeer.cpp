// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/backend/siptestpeer.h"

#include <memory>

#include <QHash>
#include <QNetworkDatagram>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUdpSocket>

#include "backend/core/sipheaders.h"
#include "backend/core/sipparser.h"

using namespace Qt::StringLiterals;
using calldeck::core::SipHeader;
using calldeck::core::SipHeaderId;
using calldeck::core::SipMessage;
using calldeck::core::SipParseError;
using calldeck::core::SipParser;

namespace
{

QByteArray bytes(std::string_view v)
{
    return QByteArray(v.data(), static_cast<qsizetype>(v.size()));
}

} // namespace

SipTestPeer::SipTestPeer()
{
    m_clock.start();
}

SipTestPeer::~SipTestPeer() = default;

bool SipTestPeer::listenUdp()
{
    m_udp = new QUdpSocket(this);
    connect(m_udp, &QUdpSocket::readyRead, this, &SipTestPeer::onUdp);
    return m_udp->bind(QHostAddress::LocalHost, 0);
}

bool SipTestPeer::listenTcp()
{
    m_tcp = new QTcpServer(this);
    connect(m_tcp, &QTcpServer::newConnection, this, [this] {
        while (m_tcp->hasPendingConnections())
        {
            ++m_tcpConnections;
            watchTcp(m_tcp->nextPendingConnection());
        }
    });
    return m_tcp->listen(QHostAddress::LocalHost, 0);
}

quint16 SipTestPeer::udpPort() const
{
    return m_udp ? m_udp->localPort() : 0;
}

quint16 SipTestPeer::tcpPort() const
{
    return m_tcp ? m_tcp->serverPort() : 0;
}

void SipTestPeer::onUdp()
{
    while (m_udp->hasPendingDatagrams())
    {
        const QNetworkDatagram d = m_udp->receiveDatagram();
        const QHostAddress from = d.senderAddress();
        const quint16 port = static_cast<quint16>(d.senderPort());
        received(d.data(), false,
                 [this, from, port](const QByteArray &r) { m_udp->writeDatagram(r, from, port); });
    }
}

void SipTestPeer::watchTcp(QTcpSocket *socket)
{
    socket->setParent(this);
    m_lastTcp = socket;
    auto framer = std::make_shared<StreamFramer>();
    connect(socket, &QTcpSocket::readyRead, this, [this, socket, framer] {
        const QByteArray chunk = socket->readAll();
        framer->append(std::string_view(chunk.constData(), static_cast<std::size_t>(chunk.size())));
        std::string_view frame;
        while (framer->next(frame) == StreamFramer::Status::Frame)
        {
            m_lastTcp = socket;
            received(bytes(frame), true, [socket](const QByteArray &r) { socket->write(r); });
        }
    });
}

void SipTestPeer::received(const QByteArray &data, bool tcp,
                           const std::function<void(const QByteArray &)> &reply)
{
    const Message m{data, m_clock.elapsed(), tcp};
    if (data.startsWith("SIP/2.0 "))
    {
        m_responses.append(m);
        return;
    }
    m_requests.append(m);
    if (!m_policy)
    {
        return;
    }
    const QByteArray branch = topBranch(data);
    int copy = 0;
    for (const Message &r : std::as_const(m_requests))
    {
        copy += topBranch(r.data) == branch ? 1 : 0;
    }
    const QList<QByteArray> answers = m_policy(data, copy);
    for (const QByteArray &a : answers)
    {
        reply(a);
    }
}

void SipTestPeer::sendUdp(const QByteArray &data, quint16 port)
{
    m_udp->writeDatagram(data, QHostAddress::LocalHost, port);
}

void SipTestPeer::sendOnLastTcp(const QByteArray &data)
{
    if (m_lastTcp)
    {
        m_lastTcp->write(data);
    }
}

void SipTestPeer::sendTcp(const QByteArray &data, quint16 port)
{
    auto *socket = new QTcpSocket(this);
    watchTcp(socket);
    socket->connectToHost(QHostAddress::LocalHost, port);
    socket->write(data);
}

QByteArray SipTestPeer::response(const QByteArray &request, int code, const QByteArray &reason)
{
    SipMessage m;
    if (SipParser::parse(std::string_view(request.constData(), static_cast<std::size_t>(request.size())),
                         m) != SipParseError::None)
    {
        return {};
    }
    QByteArray out = "SIP/2.0 " + QByteArray::number(code) + ' ' + reason + "\r\n";
    m.forEachHeader(SipHeaderId::Via,
                    [&out](const SipHeader &h) { out += "Via: " + bytes(h.value) + "\r\n"; });
    out += "From: " + bytes(m.header(SipHeaderId::From)) + "\r\n";
    out += "To: " + bytes(m.header(SipHeaderId::To)) + (m.to().tag.empty() ? ";tag=peer" : "") + "\r\n";
    out += "Call-ID: " + bytes(m.callId()) + "\r\n";
    out += "CSeq: " + bytes(m.header(SipHeaderId::CSeq)) + "\r\n";
    out += "Content-Length: 0\r\n\r\n";
    return out;
}

QByteArray SipTestPeer::header(const QByteArray &message, const QByteArray &name)
{
    const QString pattern = u"(?:^|\\r\\n)"_s + QRegularExpression::escape(QString::fromLatin1(name)) +
                            u":[ \\t]*([^\\r\\n]*)\\r\\n"_s;
    const QRegularExpressionMatch match = QRegularExpression(pattern).match(QString::fromLatin1(message));
    return match.hasMatch() ? match.captured(1).toLatin1() : QByteArray();
}

QByteArray SipTestPeer::topBranch(const QByteArray &message)
{
    SipMessage m;
    if (SipParser::parse(std::string_view(message.constData(), static_cast<std::size_t>(message.size())),
                         m) != SipParseError::None)
    {
        return {};
    }
    calldeck::core::SipVia via;
    if (!calldeck::core::parseVia(m.header(SipHeaderId::Via), via))
    {
        return {};
    }
    return bytes(via.branch);
}
