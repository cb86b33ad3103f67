// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>

namespace calldeck::bench
{

/** @brief Kernel and scheduler figures from /proc that explain a receive benchmark's result. */
class ProcStats
{
public:
    /** @brief Drops of the UDP sockets bound to @p port (/proc/net/udp and udp6, "drops" column). */
    static std::uint64_t udpSocketDrops(std::uint16_t port);
    /** @brief Packets dropped before any socket because a CPU's input backlog was full
     *  (/proc/net/softnet_stat, all CPUs; machine-wide). */
    static std::uint64_t softnetDrops();
    /** @brief CPU seconds (user + system) of this process's threads named @p name. */
    static double threadCpuSeconds(const char *name);
    /** @brief The 1-minute load average. */
    static double loadAverage();
};

} // namespace calldeck::bench
