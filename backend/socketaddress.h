// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <sys/socket.h>

#include <QString>

#include "backend/core/dialogtypes.h"

/// @brief An IPv4 or IPv6 socket address for the listeners' POSIX sockets, parsed from the
/// command line's "ADDR:PORT" (IPv6 in brackets; a host name is resolved once, at start).
class SocketAddress final
{
public:
    SocketAddress() = default;

    /// @brief Parses "127.0.0.1:9060", "[::1]:9060" or "localhost:9060". Port 0 asks the kernel
    /// for a free port (tests, benchmarks).
    /// @return false with a reason in @p error that says what to write instead
    static bool parse(const QString &addressPort, SocketAddress &out, QString *error);
    /// @brief Copies a kernel-filled address (getsockname(), accept()).
    static SocketAddress fromSockaddr(const sockaddr *address, socklen_t length);
    /// @brief The address as the core's Endpoint; an IPv4-mapped IPv6 address becomes IPv4.
    /// Cheap: used per received packet.
    static calldeck::core::Endpoint endpoint(const sockaddr_storage &address);

    bool valid() const { return m_length != 0; }
    int family() const { return m_address.ss_family; }
    quint16 port() const;
    void setPort(quint16 port);
    calldeck::core::Endpoint toEndpoint() const { return endpoint(m_address); }
    /// @brief "127.0.0.1:9060" or "[::1]:9060".
    QString toString() const;
    const sockaddr *data() const { return reinterpret_cast<const sockaddr *>(&m_address); }
    socklen_t size() const { return m_length; }

private:
    sockaddr_storage m_address{};
    socklen_t m_length = 0;
};
