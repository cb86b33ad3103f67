// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace calldeck::bench
{

/**
 * @brief Sends pre-built HEP datagrams to a loopback port at a target rate with sendmmsg(),
 * from a thread of its own ("hepload-send"). The pool is sent round and round; on every round
 * after the first, the first four hex digits of each Call-ID are overwritten with the round
 * number, so each round makes new dialogs instead of repeating old ones.
 */
class HepSender
{
public:
    struct Result
    {
        std::uint64_t sent = 0;
        std::uint64_t sendErrors = 0; ///< sendmmsg() failures (ENOBUFS, EAGAIN), retried
        double seconds = 0;
        double cpuSeconds = 0; ///< CPU time of the sending thread
        std::string error;     ///< set when sending failed for good
    };

    /**
     * @param pool the datagrams, in sending order
     * @param callIdOffsets per datagram, where its Call-ID value starts (npos: leave as is)
     */
    HepSender(std::vector<std::string> pool, std::vector<std::size_t> callIdOffsets);
    ~HepSender();
    HepSender(const HepSender &) = delete;
    HepSender &operator=(const HepSender &) = delete;

    /** @brief Connects a UDP socket to 127.0.0.1:@p port; false with a reason in @p error. */
    bool connect(std::uint16_t port, std::string &error);
    /** @brief Sends at @p packetsPerSecond for @p seconds in its own thread and waits for it. */
    Result run(double packetsPerSecond, double seconds);

private:
    void send(double packetsPerSecond, double seconds, Result &result);
    void stampRound(std::size_t index);

    std::vector<std::string> m_pool;
    std::vector<std::size_t> m_callIdOffsets;
    std::size_t m_next = 0;
    std::uint64_t m_round = 0;
    int m_fd = -1;
};

} // namespace calldeck::bench
