// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/sipua/sipudpsocket.h"

#include <linux/errqueue.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <QSocketNotifier>

#include "backend/logging.h"

using namespace Qt::StringLiterals;

namespace
{

constexpr int ReadsPerWakeUp = 64; // so a flood cannot starve the UA's timers
constexpr int MaxDatagramBytes = 65535;

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

socklen_t toSockaddr(const QHostAddress &address, quint16 port, sockaddr_storage &out)
{
    out = {};
    if (address.protocol() == QAbstractSocket::IPv6Protocol)
    {
        auto *v6 = reinterpret_cast<sockaddr_in6 *>(&out);
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons(port);
        const Q_IPV6ADDR bytes = address.toIPv6Address();
        std::memcpy(&v6->sin6_addr, bytes.c, 16);
        v6->sin6_scope_id = address.scopeId().toUInt();
        return sizeof(sockaddr_in6);
    }
    auto *v4 = reinterpret_cast<sockaddr_in *>(&out);
    v4->sin_family = AF_INET;
    v4->sin_port = htons(port);
    v4->sin_addr.s_addr = htonl(address.toIPv4Address());
    return sizeof(sockaddr_in);
}

QHostAddress fromSockaddr(const sockaddr_storage &in, quint16 *port)
{
    if (in.ss_family == AF_INET6)
    {
        const auto *v6 = reinterpret_cast<const sockaddr_in6 *>(&in);
        *port = ntohs(v6->sin6_port);
        QHostAddress address(reinterpret_cast<const quint8 *>(&v6->sin6_addr));
        bool mapped = false;
        const quint32 v4 = address.toIPv4Address(&mapped);
        return mapped ? QHostAddress(v4) : address;
    }
    const auto *v4 = reinterpret_cast<const sockaddr_in *>(&in);
    *port = ntohs(v4->sin_port);
    return QHostAddress(ntohl(v4->sin_addr.s_addr));
}

QString endpointText(const QHostAddress &address, quint16 port)
{
    return address.protocol() == QAbstractSocket::IPv6Protocol
               ? u"[%1]:%2"_s.arg(address.toString()).arg(port)
               : u"%1:%2"_s.arg(address.toString()).arg(port);
}

/// What an ICMP destination-unreachable code means, or empty for ICMP errors that say nothing
/// about reachability (fragmentation needed, ...).
QString unreachableKind(const sock_extended_err &ee)
{
    if (ee.ee_origin == SO_EE_ORIGIN_ICMP && ee.ee_type == 3)
    {
        switch (ee.ee_code)
        {
        case 0:
            return u"network unreachable"_s;
        case 1:
            return u"host unreachable"_s;
        case 2:
            return u"protocol unreachable"_s;
        case 3:
            return u"port unreachable"_s;
        case 4:
            return {};
        case 9:
        case 10:
        case 13:
            return u"administratively prohibited"_s;
        default:
            return u"code %1"_s.arg(ee.ee_code);
        }
    }
    if (ee.ee_origin == SO_EE_ORIGIN_ICMP6 && ee.ee_type == 1)
    {
        switch (ee.ee_code)
        {
        case 0:
            return u"no route to destination"_s;
        case 1:
            return u"administratively prohibited"_s;
        case 3:
            return u"address unreachable"_s;
        case 4:
            return u"port unreachable"_s;
        default:
            return u"code %1"_s.arg(ee.ee_code);
        }
    }
    return {};
}

} // namespace

SipUdpSocket::SipUdpSocket(QObject *parent)
    : QObject(parent)
{}

SipUdpSocket::~SipUdpSocket()
{
    close();
}

bool SipUdpSocket::bind(const QHostAddress &address, quint16 port, QString *error)
{
    close();
    const QString where = endpointText(address, port);
    const auto fail = [&](const QString &text) {
        if (error)
        {
            *error = text;
        }
        close();
        return false;
    };
    sockaddr_storage local{};
    const socklen_t length = toSockaddr(address, port, local);
    const bool v6 = local.ss_family == AF_INET6;
    m_fd = ::socket(local.ss_family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (m_fd < 0)
    {
        return fail(u"cannot create a UDP socket for %1: %2"_s.arg(where, systemError(errno)));
    }
    const int on = 1;
    if (v6)
    {
        ::setsockopt(m_fd, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof on);
        ::setsockopt(m_fd, IPPROTO_IPV6, IPV6_RECVERR, &on, sizeof on);
    }
    else
    {
        ::setsockopt(m_fd, IPPROTO_IP, IP_RECVERR, &on, sizeof on);
    }
    if (::bind(m_fd, reinterpret_cast<const sockaddr *>(&local), length) != 0)
    {
        const int err = errno;
        if (err == EADDRINUSE)
        {
            return fail(u"cannot bind the SIP socket %1/UDP: address already in use (another SIP service or "
                        u"CallDeck has it); pick another port with --sip ADDR:PORT"_s.arg(where));
        }
        if (err == EADDRNOTAVAIL)
        {
            return fail(
                u"cannot bind the SIP socket %1/UDP: that address is not configured on this host; use "
                u"one of its addresses with --sip ADDR:PORT"_s.arg(where));
        }
        return fail(u"cannot bind the SIP socket %1/UDP: %2; pick another address or port with --sip "
                    u"ADDR:PORT"_s.arg(where, systemError(err)));
    }
    sockaddr_storage bound{};
    socklen_t boundLength = sizeof bound;
    ::getsockname(m_fd, reinterpret_cast<sockaddr *>(&bound), &boundLength);
    m_address = address;
    fromSockaddr(bound, &m_port);
    m_buffer.resize(MaxDatagramBytes + 1);
    m_notifier = new QSocketNotifier(m_fd, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &SipUdpSocket::onReadable);
    return true;
}

void SipUdpSocket::close()
{
    delete m_notifier;
    m_notifier = nullptr;
    if (m_fd >= 0)
    {
        ::close(m_fd);
        m_fd = -1;
    }
    m_port = 0;
}

QString SipUdpSocket::send(const QByteArray &datagram, const QHostAddress &to, quint16 port)
{
    if (m_fd < 0)
    {
        return u"the SIP socket is closed"_s;
    }
    sockaddr_storage dest{};
    const socklen_t length = toSockaddr(to, port, dest);
    for (int attempt = 0; attempt < 2; ++attempt)
    {
        const ssize_t sent = ::sendto(m_fd, datagram.constData(), static_cast<size_t>(datagram.size()),
                                      MSG_NOSIGNAL, reinterpret_cast<const sockaddr *>(&dest), length);
        if (sent >= 0)
        {
            return {};
        }
        const int err = errno;
        if (err == ECONNREFUSED || err == EHOSTUNREACH || err == ENETUNREACH)
        {
            // A pending ICMP error of an earlier datagram (maybe to another destination) is
            // reported on the next call; the error queue says whom it concerns. Then try again.
            drainErrorQueue();
            continue;
        }
        if (err == EINTR)
        {
            continue;
        }
        QString text = u"cannot send to %1/UDP: %2"_s.arg(endpointText(to, port), systemError(err));
        if (m_address.isLoopback() && !to.isLoopback())
        {
            text += u"; the user agent is bound to %1, which cannot reach other hosts: give --sip an address "
                    u"of the interface towards the proxy"_s.arg(m_address.toString());
        }
        return text;
    }
    return u"cannot send to %1/UDP: the destination keeps reporting errors"_s.arg(endpointText(to, port));
}

void SipUdpSocket::onReadable()
{
    for (int i = 0; i < ReadsPerWakeUp && m_fd >= 0; ++i)
    {
        sockaddr_storage from{};
        socklen_t fromLength = sizeof from;
        const ssize_t n = ::recvfrom(m_fd, m_buffer.data(), static_cast<size_t>(m_buffer.size()), 0,
                                     reinterpret_cast<sockaddr *>(&from), &fromLength);
        if (n < 0)
        {
            const int err = errno;
            if (err == EAGAIN || err == EWOULDBLOCK)
            {
                break;
            }
            // ECONNREFUSED and friends: the socket error of an ICMP report; details follow
            // from the error queue below. Anything else: keep reading.
            continue;
        }
        quint16 port = 0;
        const QHostAddress address = fromSockaddr(from, &port);
        emit datagramReceived(QByteArray(m_buffer.constData(), static_cast<qsizetype>(n)), address, port);
    }
    drainErrorQueue();
}

void SipUdpSocket::drainErrorQueue()
{
    for (int i = 0; i < ReadsPerWakeUp && m_fd >= 0; ++i)
    {
        char payload[256];
        char control[512];
        sockaddr_storage original{};
        iovec iov{payload, sizeof payload};
        msghdr msg{};
        msg.msg_name = &original;
        msg.msg_namelen = sizeof original;
        msg.msg_iov = &iov;
        msg.msg_iovlen = 1;
        msg.msg_control = control;
        msg.msg_controllen = sizeof control;
        if (::recvmsg(m_fd, &msg, MSG_ERRQUEUE | MSG_DONTWAIT) < 0)
        {
            return; // EAGAIN: empty
        }
        for (cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c))
        {
            const bool isV4 = c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_RECVERR;
            const bool isV6 = c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_RECVERR;
            if (!isV4 && !isV6)
            {
                continue;
            }
            sock_extended_err ee{};
            std::memcpy(&ee, CMSG_DATA(c), sizeof ee);
            const QString kind = unreachableKind(ee);
            quint16 port = 0;
            const QHostAddress to = fromSockaddr(original, &port);
            if (kind.isEmpty())
            {
                qCDebug(lcBackend) << "sip udp: ignoring error report" << ee.ee_origin << ee.ee_type
                                   << ee.ee_code << "for" << endpointText(to, port);
                continue;
            }
            // The ICMP sender (SO_EE_OFFENDER) follows the sock_extended_err in the control data.
            QString reporter;
            const std::size_t offenderBytes = isV6 ? sizeof(sockaddr_in6) : sizeof(sockaddr_in);
            if (c->cmsg_len >= CMSG_LEN(sizeof ee + offenderBytes))
            {
                sockaddr_storage offender{};
                std::memcpy(&offender, CMSG_DATA(c) + sizeof ee, offenderBytes);
                quint16 unusedPort = 0;
                if (offender.ss_family == AF_INET || offender.ss_family == AF_INET6)
                {
                    reporter = fromSockaddr(offender, &unusedPort).toString();
                }
            }
            emit unreachable(
                to, port,
                u"ICMP: destination unreachable (%1%2) for %3/UDP; nothing answers there: the dialog's "
                u"contact/route may be stale or the peer is down"_s.arg(
                    kind, reporter.isEmpty() ? QString() : u", reported by "_s + reporter,
                    endpointText(to, port)));
        }
    }
}
