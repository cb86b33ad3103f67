// SPDX-License-Identifier: GPL-3.0-or-later
#include "dmqtestnode.h"

#include <QDeadlineTimer>
#include <QHostAddress>
#include <QNetworkDatagram>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace calldeck::integration
{

namespace
{

QByteArray headerPart(const QByteArray &raw)
{
    const qsizetype end = raw.indexOf("\r\n\r\n");
    return end < 0 ? raw : raw.left(end);
}

} // namespace

bool DmqTestNode::Message::isReply() const
{
    return raw.startsWith("SIP/2.0 ");
}

QString DmqTestNode::Message::firstLine() const
{
    return QString::fromUtf8(raw.left(raw.indexOf("\r\n")));
}

int DmqTestNode::Message::status() const
{
    return isReply() ? firstLine().section(u' ', 1, 1).toInt() : 0;
}

QString DmqTestNode::Message::channel() const
{
    static const QRegularExpression pattern(u"^\\S+ sips?:([^@ ]+)@"_s);
    const QRegularExpressionMatch match = pattern.match(firstLine());
    return isReply() || !match.hasMatch() ? QString() : match.captured(1);
}

QString DmqTestNode::Message::header(const QString &name) const
{
    const QList<QByteArray> lines = headerPart(raw).split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i)
    {
        const QString line = QString::fromUtf8(lines.at(i)).trimmed();
        const qsizetype colon = line.indexOf(u':');
        if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
        {
            return line.mid(colon + 1).trimmed();
        }
    }
    return {};
}

QString DmqTestNode::Message::callId() const
{
    return header(u"Call-ID"_s);
}

QByteArray DmqTestNode::Message::body() const
{
    const qsizetype end = raw.indexOf("\r\n\r\n");
    return end < 0 ? QByteArray() : raw.mid(end + 4);
}

DmqTestNode::DmqTestNode()
{
    connect(&m_socket, &QUdpSocket::readyRead, this, &DmqTestNode::readPending);
}

DmqTestNode::~DmqTestNode() = default;

bool DmqTestNode::bind()
{
    if (!m_socket.bind(QHostAddress::LocalHost, 0))
    {
        m_error = u"cannot bind a UDP socket on 127.0.0.1: %1; is the loopback interface up?"_s.arg(
            m_socket.errorString());
        return false;
    }
    m_clock.start();
    return true;
}

quint16 DmqTestNode::port() const
{
    return m_socket.localPort();
}

QString DmqTestNode::uri() const
{
    return u"sip:127.0.0.1:%1"_s.arg(port());
}

QByteArray DmqTestNode::ownLine(const QString &status) const
{
    return (uri() + u";status="_s + status + u"\r\n"_s).toUtf8();
}

void DmqTestNode::setAnswer(const Answer answer)
{
    m_answer = answer;
}

void DmqTestNode::setReplyStatus(const QByteArray &statusLine)
{
    m_replyStatus = statusLine;
}

QByteArray DmqTestNode::request(const quint16 toPort, const QString &channel, const QByteArray &body,
                                const QByteArray &contentType, const int maxForwards,
                                const QString &callId) const
{
    const QString text = u"KDMQ sip:%1@127.0.0.1:%2 SIP/2.0\r\n"
                         "Via: SIP/2.0/UDP 127.0.0.1:%3;branch=z9hG4bK-%4\r\n"
                         "To: <sip:%1@127.0.0.1:%2>\r\n"
                         "From: <sip:%1@127.0.0.1:%3>;tag=tn-%4\r\n"
                         "CSeq: 10 KDMQ\r\n"
                         "Call-ID: %4@127.0.0.1\r\n"
                         "Max-Forwards: %5\r\n"
                         "Content-Type: %6\r\n"
                         "Content-Length: %7\r\n\r\n"_s.arg(channel)
                             .arg(toPort)
                             .arg(port())
                             .arg(callId)
                             .arg(maxForwards)
                             .arg(QString::fromLatin1(contentType))
                             .arg(body.size());
    return text.toUtf8() + body;
}

QString DmqTestNode::send(const quint16 toPort, const QString &channel, const QByteArray &body,
                          const QByteArray &contentType, const int maxForwards)
{
    const QString id = u"tn%1-%2-%3"_s.arg(port()).arg(++m_sent).arg(m_clock.elapsed());
    sendRaw(toPort, request(toPort, channel, body, contentType, maxForwards, id));
    return id + u"@127.0.0.1"_s;
}

void DmqTestNode::sendRaw(const quint16 toPort, const QByteArray &datagram)
{
    m_socket.writeDatagram(datagram, QHostAddress::LocalHost, toPort);
}

void DmqTestNode::readPending()
{
    while (m_socket.hasPendingDatagrams())
    {
        const QNetworkDatagram datagram = m_socket.receiveDatagram();
        Message message{m_clock.elapsed(), quint16(datagram.senderPort()), datagram.data()};
        m_messages.append(message);
        if (!message.isReply())
        {
            answer(message);
        }
    }
}

void DmqTestNode::answer(const Message &request)
{
    const bool notification = request.channel() == u"notification_peer"_s;
    if (m_answer == Answer::None || (m_answer == Answer::NotificationOnly && !notification))
    {
        return;
    }
    QByteArray reply = "SIP/2.0 " + m_replyStatus + "\r\n";
    const QList<QByteArray> lines = headerPart(request.raw).split('\n');
    for (const QByteArray &line : lines.mid(1))
    {
        const QByteArray name = line.left(line.indexOf(':')).trimmed().toLower();
        if (name == "via" || name == "from" || name == "call-id" || name == "cseq")
        {
            reply += line.trimmed() + "\r\n";
        }
        else if (name == "to")
        {
            reply += line.trimmed() + ";tag=tn-reply\r\n";
        }
    }
    QByteArray body;
    if (notification)
    {
        // Like Kamailio: the active nodes it learnt (the sender too), then itself.
        const QList<QByteArray> lines = request.body().split('\n');
        for (const QByteArray &line : lines)
        {
            const QByteArray node = line.trimmed();
            if (node.endsWith(";status=active") && !m_known.contains(node) && node + "\r\n" != ownLine())
            {
                m_known.append(node);
            }
        }
        for (const QByteArray &node : std::as_const(m_known))
        {
            body += node + "\r\n";
        }
        body += ownLine();
    }
    if (notification)
    {
        reply += "Content-Type: text/plain\r\n";
    }
    reply += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    sendRaw(request.fromPort, reply);
}

void DmqTestNode::pump(const int ms)
{
    const QDeadlineTimer deadline(ms);
    while (!deadline.hasExpired())
    {
        if (m_socket.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime()))))
        {
            readPending();
        }
    }
    readPending();
}

DmqTestNode::Message DmqTestNode::waitFor(const int timeoutMs,
                                          const std::function<bool(const Message &)> &match,
                                          const int fromIndex)
{
    qsizetype next = fromIndex < 0 ? m_messages.size() : fromIndex;
    const QDeadlineTimer deadline(timeoutMs);
    for (;;)
    {
        readPending();
        for (; next < m_messages.size(); ++next)
        {
            if (match(m_messages.at(next)))
            {
                return m_messages.at(next);
            }
        }
        if (deadline.hasExpired())
        {
            return Message{-1, 0, {}};
        }
        if (m_socket.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime()))))
        {
            readPending();
        }
    }
}

DmqTestNode::Message DmqTestNode::waitReply(const QString &callId, const int timeoutMs)
{
    return waitFor(
        timeoutMs, [&callId](const Message &m) { return m.isReply() && m.callId() == callId; }, 0);
}

const QList<DmqTestNode::Message> &DmqTestNode::messages() const
{
    return m_messages;
}

qint64 DmqTestNode::elapsedMs() const
{
    return m_clock.elapsed();
}

QString DmqTestNode::errorString() const
{
    return m_error;
}

} // namespace calldeck::integration
