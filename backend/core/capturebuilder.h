// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dialogtypes.h"

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <tuple>

namespace calldeck::core
{

/**
 * @brief Builds a classic libpcap file (magic a1b2c3d4, microsecond timestamps, LINKTYPE_ETHERNET)
 * from captured SIP messages, as bytes, so that tshark and Wireshark show each message where
 * and when it was seen: original capture time, addresses and ports.
 *
 * Each message becomes one Ethernet frame (fixed locally administered MACs) with IPv4 or IPv6
 * (IPv6 when either end is IPv6; an IPv4 end is then written IPv4-mapped) and:
 * - UDP for UDP and SCTP (one message per datagram), with a correct UDP checksum;
 * - TCP for TCP, TLS, WS and WSS (the plain SIP text a mirror sees), PSH+ACK segments whose
 *   sequence numbers continue per direction of a connection (the first segment of a direction
 *   has sequence 1) and whose ACK is the other direction's next sequence, with a correct TCP
 *   checksum; a message larger than one segment is split into consecutive segments.
 * The caller adds the messages in time order. A UDP message too large for one IP datagram
 * (> 65 507 bytes) cannot be written as one and is skipped (counted).
 */
class CaptureBuilder
{
public:
    static constexpr std::uint32_t LinkTypeEthernet = 1;
    static constexpr std::size_t MaxTcpSegment = 65000;

    CaptureBuilder();

    /** @brief Appends the message; false when it was skipped (see the class text). */
    bool add(std::int64_t timeUs, Transport transport, const Endpoint &src, const Endpoint &dst,
             std::string_view payload);

    const std::string &bytes() const { return m_out; }
    std::string take() { return std::move(m_out); }
    std::size_t frames() const { return m_frames; }
    std::size_t skipped() const { return m_skipped; }

private:
    using FlowKey =
        std::tuple<std::array<std::uint8_t, 16>, std::uint16_t, std::array<std::uint8_t, 16>, std::uint16_t>;

    void record(std::int64_t timeUs, const std::string &frame);
    std::string ipFrame(const Endpoint &src, const Endpoint &dst, std::uint8_t protocol,
                        std::string &transport, std::size_t checksumOffset);

    std::string m_out;
    std::map<FlowKey, std::uint32_t> m_nextSeq; // per direction of a TCP connection
    std::uint16_t m_ipId = 1;
    std::size_t m_frames = 0;
    std::size_t m_skipped = 0;
};

} // namespace calldeck::core
