// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/socketaddress.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>

#include <cstring>

using namespace Qt::StringLiterals;
using calldeck::core::Endpoint;

bool SocketAddress::parse(const QString &addressPort, SocketAddress &out, QString *error)
{
    const auto fail = [error](const QString &text) {
        if (error)
        {
            *error = text;
        }
        return false;
    };
    const QString example = u"e.g. --hep 127.0.0.1:9060 (IPv6: --hep [::1]:9060)"_s;
    QString host;
    QString portText;
    const bool bracketed = addressPort.startsWith(u'[');
    if (bracketed)
    {
        const qsizetype close = addressPort.indexOf(u']');
        if (close < 0 || close + 2 >= addressPort.size() || addressPort.at(close + 1) != u':')
        {
            return fail(
                u"'%1' is not ADDR:PORT; write the address and the port, %2"_s.arg(addressPort, example));
        }
        host = addressPort.mid(1, close - 1);
        portText = addressPort.mid(close + 2);
    }
    else
    {
        const qsizetype colon = addressPort.lastIndexOf(u':');
        if (colon <= 0 || colon == addressPort.size() - 1)
        {
            return fail(
                u"'%1' is not ADDR:PORT; write the address and the port, %2"_s.arg(addressPort, example));
        }
        host = addressPort.left(colon);
        portText = addressPort.mid(colon + 1);
        if (host.contains(u':'))
        {
            return fail(u"'%1': write IPv6 addresses in brackets, e.g. --hep [::1]:9060"_s.arg(addressPort));
        }
    }
    bool ok = false;
    const uint port = portText.toUInt(&ok);
    if (!ok || port > 65535)
    {
        return fail(
            u"'%1': port '%2' is out of range; use 1-65535, %3"_s.arg(addressPort, portText, example));
    }

    SocketAddress result;
    const QByteArray hostBytes = host.toUtf8();
    auto *v4 = reinterpret_cast<sockaddr_in *>(&result.m_address);
    auto *v6 = reinterpret_cast<sockaddr_in6 *>(&result.m_address);
    if (!bracketed && inet_pton(AF_INET, hostBytes.constData(), &v4->sin_addr) == 1)
    {
        v4->sin_family = AF_INET;
        result.m_length = sizeof(sockaddr_in);
    }
    else if (bracketed)
    {
        if (inet_pton(AF_INET6, hostBytes.constData(), &v6->sin6_addr) != 1)
        {
            return fail(u"'%1': '%2' is not an IPv6 address; e.g. --hep [::1]:9060"_s.arg(addressPort, host));
        }
        v6->sin6_family = AF_INET6;
        result.m_length = sizeof(sockaddr_in6);
    }
    else
    {
        addrinfo hints{};
        hints.ai_family = AF_UNSPEC;
        hints.ai_socktype = SOCK_DGRAM;
        addrinfo *found = nullptr;
        const int rc = getaddrinfo(hostBytes.constData(), nullptr, &hints, &found);
        if (rc != 0 || !found)
        {
            return fail(u"cannot resolve '%1' (%2); give an IP address instead, %3"_s.arg(
                host, QString::fromLocal8Bit(gai_strerror(rc)), example));
        }
        std::memcpy(&result.m_address, found->ai_addr, found->ai_addrlen);
        result.m_length = static_cast<socklen_t>(found->ai_addrlen);
        freeaddrinfo(found);
    }
    result.setPort(static_cast<quint16>(port));
    out = result;
    return true;
}

SocketAddress SocketAddress::fromSockaddr(const sockaddr *address, socklen_t length)
{
    SocketAddress result;
    if (address && length > 0 && length <= static_cast<socklen_t>(sizeof(result.m_address)))
    {
        std::memcpy(&result.m_address, address, length);
        result.m_length = length;
    }
    return result;
}

Endpoint SocketAddress::endpoint(const sockaddr_storage &address)
{
    if (address.ss_family == AF_INET)
    {
        const auto *v4 = reinterpret_cast<const sockaddr_in *>(&address);
        return Endpoint::ipv4(ntohl(v4->sin_addr.s_addr), ntohs(v4->sin_port));
    }
    if (address.ss_family == AF_INET6)
    {
        const auto *v6 = reinterpret_cast<const sockaddr_in6 *>(&address);
        const std::uint8_t *b = v6->sin6_addr.s6_addr;
        if (IN6_IS_ADDR_V4MAPPED(&v6->sin6_addr))
        {
            const std::uint32_t a = (std::uint32_t(b[12]) << 24) | (std::uint32_t(b[13]) << 16) |
                                    (std::uint32_t(b[14]) << 8) | std::uint32_t(b[15]);
            return Endpoint::ipv4(a, ntohs(v6->sin6_port));
        }
        return Endpoint::ipv6(b, ntohs(v6->sin6_port));
    }
    return {};
}

quint16 SocketAddress::port() const
{
    if (m_address.ss_family == AF_INET)
    {
        return ntohs(reinterpret_cast<const sockaddr_in *>(&m_address)->sin_port);
    }
    if (m_address.ss_family == AF_INET6)
    {
        return ntohs(reinterpret_cast<const sockaddr_in6 *>(&m_address)->sin6_port);
    }
    return 0;
}

void SocketAddress::setPort(quint16 port)
{
    if (m_address.ss_family == AF_INET)
    {
        reinterpret_cast<sockaddr_in *>(&m_address)->sin_port = htons(port);
    }
    else if (m_address.ss_family == AF_INET6)
    {
        reinterpret_cast<sockaddr_in6 *>(&m_address)->sin6_port = htons(port);
    }
}

QString SocketAddress::toString() const
{
    char text[INET6_ADDRSTRLEN] = {};
    if (m_address.ss_family == AF_INET)
    {
        inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in *>(&m_address)->sin_addr, text, sizeof text);
        return u"%1:%2"_s.arg(QString::fromLatin1(text)).arg(port());
    }
    if (m_address.ss_family == AF_INET6)
    {
        inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6 *>(&m_address)->sin6_addr, text,
                  sizeof text);
        return u"[%1]:%2"_s.arg(QString::fromLatin1(text)).arg(port());
    }
    return u"(no address)"_s;
}
