// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

/**
 * @brief A sender on the loopback interface for the listener tests: a UDP socket, or a TCP
 * connection, on 127.0.0.1 or ::1 (plain POSIX, blocking, so tests control every write).
 */
class LoopbackClient final
{
public:
    enum class Family : std::uint8_t
    {
        V4,
        V6,
    };

    LoopbackClient() = default;
    ~LoopbackClient();
    LoopbackClient(LoopbackClient &&other) noexcept;
    LoopbackClient &operator=(LoopbackClient &&other) noexcept;
    LoopbackClient(const LoopbackClient &) = delete;
    LoopbackClient &operator=(const LoopbackClient &) = delete;

    /** @brief A bound UDP socket (invalid if the family is not available). */
    static LoopbackClient udp(Family family = Family::V4);
    /** @brief A TCP connection to the loopback port (TCP_NODELAY, so small writes go out as such). */
    static LoopbackClient tcp(std::uint16_t port, Family family = Family::V4);

    bool valid() const { return m_fd >= 0; }
    int fd() const { return m_fd; }
    std::uint16_t localPort() const;
    /** @brief UDP: one datagram to the loopback port. */
    bool sendTo(std::uint16_t port, std::string_view datagram);
    /** @brief TCP: writes everything (false when the peer closed the connection). */
    bool write(std::string_view data);
    /** @brief TCP: true once the peer has closed the connection (EOF or reset) within @p timeoutMs. */
    bool waitClosed(int timeoutMs);
    void close();

private:
    int m_fd = -1;
    Family m_family = Family::V4;
};
