// SPDX-License-Identifier: GPL-3.0-or-later
#include "freeport.h"

#include <QHostAddress>
#include <QMutex>
#include <QMutexLocker>
#include <QSet>
#include <QTcpServer>
#include <QUdpSocket>

using namespace Qt::StringLiterals;

namespace calldeck::integration
{

namespace
{

QMutex s_mutex;
QSet<quint16> s_handedOut; // every port this process returned so far

bool udpFree(quint16 port)
{
    QUdpSocket socket;
    return socket.bind(QHostAddress::LocalHost, port, QAbstractSocket::DontShareAddress);
}

bool tcpFree(quint16 port)
{
    QTcpServer server;
    return server.listen(QHostAddress::LocalHost, port);
}

/// A port the kernel considers free right now (bind to port 0), alternating UDP and TCP so
/// both ephemeral allocators are used.
quint16 kernelPort(int attempt)
{
    if (attempt % 2 == 0)
    {
        QUdpSocket socket;
        if (socket.bind(QHostAddress::LocalHost, 0, QAbstractSocket::DontShareAddress))
        {
            return socket.localPort();
        }
        return 0;
    }
    QTcpServer server;
    if (server.listen(QHostAddress::LocalHost, 0))
    {
        return server.serverPort();
    }
    return 0;
}

} // namespace

quint16 FreePort::pick(QString *error, int attempts)
{
    return pickBlock(1, error, attempts);
}

quint16 FreePort::pickBlock(int count, QString *error, int attempts)
{
    count = qMax(1, count);
    for (int attempt = 0; attempt < attempts; ++attempt)
    {
        const quint16 first = kernelPort(attempt);
        if (first == 0 || int(first) + count - 1 > 65535)
        {
            continue;
        }
        bool ok = true;
        for (int i = 0; i < count && ok; ++i)
        {
            const auto port = quint16(first + i);
            ok = !isReserved(port) && isFree(port);
        }
        if (ok)
        {
            remember(first, count);
            return first;
        }
    }
    if (error)
    {
        *error = u"no free UDP+TCP port block of %1 on 127.0.0.1 after %2 tries; is the machine out of "
                 "ephemeral ports (see `ss -tuan | wc -l`)?"_s.arg(count)
                     .arg(attempts);
    }
    return 0;
}

bool FreePort::isFree(quint16 port)
{
    return port != 0 && udpFree(port) && tcpFree(port);
}

bool FreePort::isReserved(quint16 port)
{
    if (port == 5060 || port == 9060)
    {
        return true;
    }
    const QMutexLocker lock(&s_mutex);
    return s_handedOut.contains(port);
}

void FreePort::remember(quint16 first, int count)
{
    const QMutexLocker lock(&s_mutex);
    for (int i = 0; i < count; ++i)
    {
        s_handedOut.insert(quint16(first + i));
    }
}

} // namespace calldeck::integration
