// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/backend/loopbackclient.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>

namespace
{

socklen_t loopback(LoopbackClient::Family family, std::uint16_t port, sockaddr_storage &out)
{
    out = {};
    if (family == LoopbackClient::Family::V4)
    {
        auto *a = reinterpret_cast<sockaddr_in *>(&out);
        a->sin_family = AF_INET;
        a->sin_port = htons(port);
        a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        return sizeof(sockaddr_in);
    }
    auto *a = reinterpret_cast<sockaddr_in6 *>(&out);
    a->sin6_family = AF_INET6;
    a->sin6_port = htons(port);
    a->sin6_addr = in6addr_loopback;
    return sizeof(sockaddr_in6);
}

} // namespace

LoopbackClient::~LoopbackClient()
{
    close();
}

LoopbackClient::LoopbackClient(LoopbackClient &&other) noexcept
    : m_fd(other.m_fd)
    , m_family(other.m_family)
{
    other.m_fd = -1;
}

LoopbackClient &LoopbackClient::operator=(LoopbackClient &&other) noexcept
{
    if (this != &other)
    {
        close();
        m_fd = other.m_fd;
        m_family = other.m_family;
        other.m_fd = -1;
    }
    return *this;
}

void LoopbackClient::close()
{
    if (m_fd >= 0)
    {
        ::close(m_fd);
        m_fd = -1;
    }
}

LoopbackClient LoopbackClient::udp(Family family)
{
    LoopbackClient c;
    c.m_family = family;
    c.m_fd = ::socket(family == Family::V4 ? AF_INET : AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_storage a;
    const socklen_t len = loopback(family, 0, a);
    if (c.m_fd >= 0 && ::bind(c.m_fd, reinterpret_cast<sockaddr *>(&a), len) != 0)
    {
        c.close();
    }
    const int buffer = 8 << 20;
    if (c.m_fd >= 0)
    {
        ::setsockopt(c.m_fd, SOL_SOCKET, SO_SNDBUF, &buffer, sizeof buffer);
    }
    return c;
}

LoopbackClient LoopbackClient::tcp(std::uint16_t port, Family family)
{
    LoopbackClient c;
    c.m_family = family;
    c.m_fd = ::socket(family == Family::V4 ? AF_INET : AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_storage a;
    const socklen_t len = loopback(family, port, a);
    if (c.m_fd >= 0 && ::connect(c.m_fd, reinterpret_cast<sockaddr *>(&a), len) != 0)
    {
        c.close();
    }
    const int on = 1;
    if (c.m_fd >= 0)
    {
        ::setsockopt(c.m_fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    }
    return c;
}

std::uint16_t LoopbackClient::localPort() const
{
    sockaddr_storage a{};
    socklen_t len = sizeof a;
    if (m_fd < 0 || ::getsockname(m_fd, reinterpret_cast<sockaddr *>(&a), &len) != 0)
    {
        return 0;
    }
    return a.ss_family == AF_INET ? ntohs(reinterpret_cast<sockaddr_in *>(&a)->sin_port)
                                  : ntohs(reinterpret_cast<sockaddr_in6 *>(&a)->sin6_port);
}

bool LoopbackClient::sendTo(std::uint16_t port, std::string_view datagram)
{
    sockaddr_storage a;
    const socklen_t len = loopback(m_family, port, a);
    for (;;)
    {
        const ssize_t n =
            ::sendto(m_fd, datagram.data(), datagram.size(), 0, reinterpret_cast<sockaddr *>(&a), len);
        if (n >= 0)
        {
            return static_cast<std::size_t>(n) == datagram.size();
        }
        if (errno != EINTR && errno != ENOBUFS && errno != EAGAIN)
        {
            return false;
        }
    }
}

bool LoopbackClient::write(std::string_view data)
{
    while (!data.empty())
    {
        const ssize_t n = ::send(m_fd, data.data(), data.size(), MSG_NOSIGNAL);
        if (n < 0)
        {
            if (errno == EINTR)
            {
                continue;
            }
            return false;
        }
        data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

bool LoopbackClient::waitClosed(int timeoutMs)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    char buffer[4096];
    while (std::chrono::steady_clock::now() < deadline)
    {
        pollfd p{m_fd, POLLIN, 0};
        if (::poll(&p, 1, 50) <= 0)
        {
            continue;
        }
        const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, MSG_DONTWAIT);
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR))
        {
            return true;
        }
    }
    return false;
}
