// SPDX-License-Identifier: GPL-3.0-or-later
#include "hepsink.h"

#include <QDeadlineTimer>
#include <QNetworkDatagram>
#include <QStringList>
#include <QUdpSocket>
#include <QtEndian>

#include "freeport.h"

using namespace Qt::StringLiterals;

namespace calldeck::integration
{

namespace
{

constexpr quint16 ChunkSourcePort = 7;
constexpr quint16 ChunkDestinationPort = 8;
constexpr quint16 ChunkCaptureId = 12;
constexpr quint16 ChunkPayload = 15;

quint16 be16(const char *p)
{
    return qFromBigEndian<quint16>(p);
}

quint32 be32(const char *p)
{
    return qFromBigEndian<quint32>(p);
}

QString headerOf(const QByteArray &payload, const QString &name, const QString &compact)
{
    const QStringList lines = QString::fromUtf8(payload).split(u"\r\n"_s);
    for (const QString &line : lines)
    {
        if (line.isEmpty())
        {
            break; // end of the headers
        }
        const qsizetype colon = line.indexOf(u':');
        const QString key = line.left(colon).trimmed();
        if (colon > 0 &&
            (key.compare(name, Qt::CaseInsensitive) == 0 || key.compare(compact, Qt::CaseInsensitive) == 0))
        {
            return line.mid(colon + 1).trimmed();
        }
    }
    return {};
}

} // namespace

QString HepSink::Packet::startLine() const
{
    const qsizetype end = payload.indexOf("\r\n");
    return QString::fromUtf8(end < 0 ? payload : payload.left(end));
}

QString HepSink::Packet::method() const
{
    if (status() != 0)
    {
        return headerOf(payload, u"CSeq"_s, u"CSeq"_s).section(u' ', 1, 1, QString::SectionSkipEmpty);
    }
    return startLine().section(u' ', 0, 0);
}

int HepSink::Packet::status() const
{
    const QString line = startLine();
    return line.startsWith(u"SIP/2.0 "_s) ? line.mid(8, 3).toInt() : 0;
}

QString HepSink::Packet::callId() const
{
    return headerOf(payload, u"Call-ID"_s, u"i"_s);
}

HepSink::HepSink() = default;

HepSink::~HepSink() = default;

bool HepSink::open()
{
    for (int attempt = 0; attempt < 5; ++attempt)
    {
        QString error;
        const quint16 port = FreePort::pick(&error);
        if (port == 0)
        {
            m_error = error;
            return false;
        }
        m_socket = std::make_unique<QUdpSocket>();
        if (m_socket->bind(QHostAddress::LocalHost, port, QAbstractSocket::DontShareAddress))
        {
            return true;
        }
        m_error =
            u"cannot bind the HEP sink to udp:127.0.0.1:%1: %2"_s.arg(port).arg(m_socket->errorString());
    }
    m_socket.reset();
    return false;
}

quint16 HepSink::port() const
{
    return m_socket ? m_socket->localPort() : 0;
}

QString HepSink::address() const
{
    return u"127.0.0.1:%1"_s.arg(port());
}

QString HepSink::errorString() const
{
    return m_error;
}

bool HepSink::collect(int timeoutMs, const std::function<bool(const QList<Packet> &)> &done)
{
    const QDeadlineTimer deadline(timeoutMs);
    readPending();
    while (!done(m_packets))
    {
        if (!m_socket || deadline.hasExpired())
        {
            return false;
        }
        if (m_socket->waitForReadyRead(int(qBound(qint64(1), deadline.remainingTime(), qint64(200)))))
        {
            readPending();
        }
    }
    return true;
}

void HepSink::drain(int ms)
{
    collect(ms, [](const QList<Packet> &) { return false; });
}

const QList<HepSink::Packet> &HepSink::packets() const
{
    return m_packets;
}

void HepSink::readPending()
{
    while (m_socket && m_socket->hasPendingDatagrams())
    {
        const QNetworkDatagram datagram = m_socket->receiveDatagram();
        Packet packet = parse(datagram.data());
        packet.sender = datagram.senderAddress();
        packet.senderPort = quint16(datagram.senderPort());
        m_packets << packet;
    }
}

HepSink::Packet HepSink::parse(const QByteArray &datagram)
{
    Packet packet;
    packet.datagram = datagram;
    if (datagram.size() < 6 || !datagram.startsWith("HEP3"))
    {
        return packet;
    }
    const char *data = datagram.constData();
    const qsizetype total = be16(data + 4);
    if (total != datagram.size())
    {
        return packet;
    }
    qsizetype offset = 6;
    while (offset + 6 <= total)
    {
        const quint16 vendor = be16(data + offset);
        const quint16 type = be16(data + offset + 2);
        const qsizetype length = be16(data + offset + 4);
        if (length < 6 || offset + length > total)
        {
            return packet;
        }
        const char *body = data + offset + 6;
        const qsizetype bodyLength = length - 6;
        if (vendor == 0)
        {
            packet.chunkTypes << type;
            if (type == ChunkPayload)
            {
                packet.payload = QByteArray(body, bodyLength);
            }
            else if (type == ChunkCaptureId && bodyLength == 4)
            {
                packet.captureId = be32(body);
            }
            else if (type == ChunkSourcePort && bodyLength == 2)
            {
                packet.sourcePort = be16(body);
            }
            else if (type == ChunkDestinationPort && bodyLength == 2)
            {
                packet.destinationPort = be16(body);
            }
        }
        offset += length;
    }
    packet.isHep3 = offset == total;
    return packet;
}

} // namespace calldeck::integration
