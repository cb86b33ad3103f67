// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/listeningsocket.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

using namespace Qt::StringLiterals;

namespace
{

constexpr int ListenBacklog = 128;
constexpr int ReceiveTimeoutMs = 100;

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

} // namespace

ListeningSocket::~ListeningSocket()
{
    close();
}

ListeningSocket::ListeningSocket(ListeningSocket &&other) noexcept
    : m_fd(other.m_fd)
    , m_kind(other.m_kind)
    , m_local(other.m_local)
    , m_receiveBuffer(other.m_receiveBuffer)
{
    other.m_fd = -1;
}

ListeningSocket &ListeningSocket::operator=(ListeningSocket &&other) noexcept
{
    if (this != &other)
    {
        close();
        m_fd = other.m_fd;
        m_kind = other.m_kind;
        m_local = other.m_local;
        m_receiveBuffer = other.m_receiveBuffer;
        other.m_fd = -1;
    }
    return *this;
}

void ListeningSocket::close()
{
    if (m_fd >= 0)
    {
        ::close(m_fd);
        m_fd = -1;
    }
}

ListeningSocket ListeningSocket::open(Kind kind, const SocketAddress &address, int receiveBufferBytes,
                                      QString *error)
{
    const auto fail = [error](const QString &text) {
        if (error)
        {
            *error = text;
        }
        return ListeningSocket();
    };
    const QString proto = kind == Kind::Udp ? u"udp"_s : u"tcp"_s;
    ListeningSocket s;
    s.m_kind = kind;
    const int type = (kind == Kind::Udp ? SOCK_DGRAM : SOCK_STREAM | SOCK_NONBLOCK) | SOCK_CLOEXEC;
    s.m_fd = ::socket(address.family(), type, 0);
    if (s.m_fd < 0)
    {
        const int err = errno;
        return fail(u"cannot create a %1 socket for %2: %3; check that the address family is enabled on this "
                    "host or use --hep 127.0.0.1:9060"_s.arg(proto, address.toString(), systemError(err)));
    }
    const int on = 1;
    if (address.family() == AF_INET6)
    {
        ::setsockopt(s.m_fd, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof on);
    }
    if (kind == Kind::Tcp)
    {
        ::setsockopt(s.m_fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    }
    else
    {
        if (receiveBufferBytes > 0)
        {
            // SO_RCVBUFFORCE passes rmem_max when the process has CAP_NET_ADMIN; otherwise the
            // plain option is capped by net.core.rmem_max.
            if (::setsockopt(s.m_fd, SOL_SOCKET, SO_RCVBUFFORCE, &receiveBufferBytes,
                             sizeof receiveBufferBytes) != 0)
            {
                ::setsockopt(s.m_fd, SOL_SOCKET, SO_RCVBUF, &receiveBufferBytes, sizeof receiveBufferBytes);
            }
        }
        ::setsockopt(s.m_fd, SOL_SOCKET, SO_RXQ_OVFL, &on, sizeof on);
        const timeval timeout{0, ReceiveTimeoutMs * 1000};
        ::setsockopt(s.m_fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        socklen_t len = sizeof s.m_receiveBuffer;
        ::getsockopt(s.m_fd, SOL_SOCKET, SO_RCVBUF, &s.m_receiveBuffer, &len);
    }
    if (::bind(s.m_fd, address.data(), address.size()) != 0)
    {
        const int err = errno;
        return fail(bindErrorText(err, kind, address));
    }
    if (kind == Kind::Tcp && ::listen(s.m_fd, ListenBacklog) != 0)
    {
        const int err = errno;
        return fail(bindErrorText(err, kind, address));
    }
    sockaddr_storage local{};
    socklen_t localLength = sizeof local;
    if (::getsockname(s.m_fd, reinterpret_cast<sockaddr *>(&local), &localLength) != 0)
    {
        const int err = errno;
        return fail(
            u"cannot read the bound address of %1 %2: %3; try again or pick another address with --hep "
            "ADDR:PORT"_s.arg(proto, address.toString(), systemError(err)));
    }
    s.m_local = SocketAddress::fromSockaddr(reinterpret_cast<const sockaddr *>(&local), localLength);
    return s;
}

QString ListeningSocket::bindErrorText(int error, Kind kind, const SocketAddress &address)
{
    const QString where = address.toString();
    const QString proto = kind == Kind::Udp ? u"udp"_s : u"tcp"_s;
    switch (error)
    {
    case EADDRINUSE:
        return u"address already in use: another CallDeck or a Homer collector may be listening on %1; use "
               "--hep ADDR:PORT to pick another port"_s.arg(where);
    case EADDRNOTAVAIL:
        return u"cannot listen on %1 (%2): that address is not configured on this host; use one of its "
               "addresses, e.g. --hep 127.0.0.1:%3 or --hep 0.0.0.0:%3 for all"_s.arg(where, proto)
                   .arg(address.port());
    case EACCES:
        return u"cannot listen on %1 (%2): permission denied; ports below 1024 need root or "
               "CAP_NET_BIND_SERVICE, use --hep ADDR:PORT with a port above 1023, e.g. 9060"_s.arg(where,
                                                                                                   proto);
    default:
        return u"cannot listen on %1 (%2): %3; check the address or pick another with --hep ADDR:PORT"_s.arg(
            where, proto, systemError(error));
    }
}
