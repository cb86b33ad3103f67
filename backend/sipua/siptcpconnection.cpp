// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/sipua/siptcpconnection.h"

#include <QTcpSocket>

#include "backend/logging.h"

using namespace Qt::StringLiterals;

namespace
{

QString endpointText(const QHostAddress &address, quint16 port)
{
    bool mapped = false;
    const quint32 v4 = address.toIPv4Address(&mapped);
    const QHostAddress plain = mapped ? QHostAddress(v4) : address;
    return plain.protocol() == QAbstractSocket::IPv6Protocol ? u"[%1]:%2"_s.arg(plain.toString()).arg(port)
                                                             : u"%1:%2"_s.arg(plain.toString()).arg(port);
}

} // namespace

SipTcpConnection::SipTcpConnection(QTcpSocket *socket, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_peer(endpointText(socket->peerAddress(), socket->peerPort()))
    , m_connected(true)
{
    m_socket->setParent(this);
    wire();
    if (m_socket->bytesAvailable() > 0)
    {
        QMetaObject::invokeMethod(this, &SipTcpConnection::onReadyRead, Qt::QueuedConnection);
    }
}

SipTcpConnection::SipTcpConnection(const QHostAddress &local, const QHostAddress &to, quint16 port,
                                   QObject *parent)
    : QObject(parent)
    , m_socket(new QTcpSocket(this))
    , m_peer(endpointText(to, port))
{
    wire();
    if (!local.isNull() && local != QHostAddress::Any && local != QHostAddress::AnyIPv6 &&
        local != QHostAddress::AnyIPv4)
    {
        m_socket->bind(local, 0);
    }
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_socket->connectToHost(to, port);
}

SipTcpConnection::~SipTcpConnection()
{
    if (m_socket)
    {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

void SipTcpConnection::wire()
{
    connect(m_socket, &QTcpSocket::readyRead, this, &SipTcpConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::connected, this, &SipTcpConnection::onConnected);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &SipTcpConnection::onError);
    connect(m_socket, &QTcpSocket::disconnected, this, &SipTcpConnection::onDisconnected);
}

void SipTcpConnection::write(const QByteArray &message)
{
    if (m_closed)
    {
        return;
    }
    if (m_connected)
    {
        m_socket->write(message);
    }
    else
    {
        m_pending += message;
    }
}

void SipTcpConnection::close()
{
    finish(u"closed"_s);
}

void SipTcpConnection::onConnected()
{
    m_connected = true;
    if (!m_pending.isEmpty())
    {
        m_socket->write(m_pending);
        m_pending.clear();
    }
}

void SipTcpConnection::onReadyRead()
{
    while (!m_closed && m_socket->bytesAvailable() > 0)
    {
        const QByteArray chunk = m_socket->read(qint64(StreamFramer::MaxAppendBytes));
        if (!m_framer.append(std::string_view(chunk.constData(), static_cast<std::size_t>(chunk.size()))))
        {
            finish(u"the TCP stream from %1 cannot be framed: %2"_s.arg(
                m_peer, QString::fromStdString(m_framer.error())));
            return;
        }
        std::string_view frame;
        for (;;)
        {
            const StreamFramer::Status status = m_framer.next(frame);
            if (status == StreamFramer::Status::NeedMore)
            {
                break;
            }
            if (status == StreamFramer::Status::Error || m_framer.mode() == StreamFramer::Mode::Hep)
            {
                const QString why =
                    m_framer.failed() ? QString::fromStdString(m_framer.error()) : u"HEP data"_s;
                finish(u"the TCP stream from %1 is not SIP (%2); closed"_s.arg(m_peer, why));
                return;
            }
            emit messageReceived(QByteArray(frame.data(), static_cast<qsizetype>(frame.size())), m_peer);
            if (m_closed)
            {
                return;
            }
        }
    }
}

void SipTcpConnection::onError()
{
    if (m_socket->error() == QAbstractSocket::RemoteHostClosedError)
    {
        onDisconnected();
        return;
    }
    finish(m_connected ? u"TCP connection to %1 failed: %2"_s.arg(m_peer, m_socket->errorString())
                       : u"cannot connect to %1/TCP: %2"_s.arg(m_peer, m_socket->errorString()));
}

void SipTcpConnection::onDisconnected()
{
    finish(u"TCP connection to %1 closed by the peer"_s.arg(m_peer));
}

void SipTcpConnection::finish(const QString &error)
{
    if (m_closed)
    {
        return;
    }
    m_closed = true;
    m_pending.clear();
    m_socket->disconnect(this);
    m_socket->abort();
    qCDebug(lcBackend) << "sip tcp" << m_peer << "ended:" << error;
    emit closedSignal(this, error);
}
