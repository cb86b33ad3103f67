// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>

#include <QString>

#include "backend/socketaddress.h"

/// @brief A bound POSIX socket of a mirror listener (UDP, or a listening TCP socket); owns the
/// descriptor and closes it on destruction.
///
/// UDP sockets get a large receive buffer (SO_RCVBUFFORCE when the process may, otherwise
/// SO_RCVBUF capped by net.core.rmem_max), the kernel's drop counter (SO_RXQ_OVFL) and a
/// 100 ms receive timeout so a receive thread notices stop() promptly. UDP sockets do NOT get
/// SO_REUSEADDR: on Linux it lets a second process bind the same UDP port and silently take
/// the traffic, which would hide "address already in use". TCP listening sockets get
/// SO_REUSEADDR (restart while old connections are in TIME_WAIT) and are non-blocking.
/// IPv6 sockets are IPv6-only, so "[::]:9060" and "0.0.0.0:9060" can both be given.
class ListeningSocket final
{
public:
    enum class Kind : std::uint8_t
    {
        Udp,
        Tcp,
    };

    ListeningSocket() = default;
    ~ListeningSocket();
    ListeningSocket(ListeningSocket &&other) noexcept;
    ListeningSocket &operator=(ListeningSocket &&other) noexcept;
    ListeningSocket(const ListeningSocket &) = delete;
    ListeningSocket &operator=(const ListeningSocket &) = delete;

    /// @brief Creates, configures and binds a socket (and listens, for TCP).
    /// @param receiveBufferBytes UDP receive buffer to ask for; 0 keeps the system default
    /// @param error on failure, what went wrong and what to do next
    static ListeningSocket open(Kind kind, const SocketAddress &address, int receiveBufferBytes,
                                QString *error);

    bool valid() const { return m_fd >= 0; }
    int fd() const { return m_fd; }
    Kind kind() const { return m_kind; }
    /// @brief The bound address (the actual port when port 0 was asked for).
    const SocketAddress &localAddress() const { return m_local; }
    /// @brief SO_RCVBUF as the kernel reports it after the request (Linux reports twice the
    /// payload bytes it accepts, the other half being its bookkeeping).
    int receiveBufferBytes() const { return m_receiveBuffer; }
    void close();

private:
    static QString bindErrorText(int error, Kind kind, const SocketAddress &address);

    int m_fd = -1;
    Kind m_kind = Kind::Udp;
    SocketAddress m_local;
    int m_receiveBuffer = 0;
};
