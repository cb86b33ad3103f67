// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ipreassembler.h"
#include "payloadsink.h"
#include "tcpstreamreassembler.h"

#include <cstdint>
#include <string_view>

namespace calldeck::core
{

/**
 * @brief Decodes the records of a capture file into what a SIP mirror would have received:
 * UDP payloads (IP fragments reassembled) and the messages of TCP streams (reassembled and
 * framed), each with the record's capture time and the packet's addresses and ports.
 *
 * Pure and single-threaded: the caller reads the file and feeds the records in file order.
 * A HEP datagram found in a capture is delivered as it is; the mirror decoder unwraps it later.
 */
class CaptureDecoder
{
public:
    struct Options
    {
        IpReassembler::Options ip;
        TcpStreamReassembler::Options tcp;
    };
    struct Stats
    {
        std::uint64_t frames = 0;      ///< records given to decode()
        std::uint64_t udpPayloads = 0; ///< UDP payloads handed to the sink (reassembled ones included)
        std::uint64_t tcpSegments = 0; ///< TCP segments given to the stream reassembler
        std::uint64_t tcpMessages = 0; ///< SIP/HEP messages framed out of TCP streams
        std::uint64_t notIp = 0;       ///< frames of other protocols (ARP, LLDP, ...)
        std::uint64_t notUdpTcp = 0;   ///< IP packets of other protocols (ICMP, ESP, SCTP, ...)
        std::uint64_t fragments = 0;   ///< IP fragments taken in
        std::uint64_t reassembled = 0; ///< datagrams rebuilt from fragments
        std::uint64_t truncated = 0; ///< frames cut short (snap length) before their headers or payload ended
        std::uint64_t malformed = 0; ///< header fields that contradict themselves
    };

    CaptureDecoder();
    explicit CaptureDecoder(Options options);

    /** @brief Sets the capture's link type (LinkType values); false when it is not supported. */
    bool setLinkType(std::uint32_t linkType);
    std::uint32_t linkType() const { return m_linkType; }

    /**
     * @brief Decodes one record; whatever it completes goes to @p sink.
     * @param frame the captured bytes
     * @param timeUs the record's capture time, Unix microseconds
     */
    void decode(std::string_view frame, std::int64_t timeUs, const PayloadSink &sink);

    /** @brief End of the capture: TCP holes are skipped, complete messages delivered, all state dropped. */
    void finish(const PayloadSink &sink);

    /** @brief Counters, including those of the IP and TCP reassemblers. */
    Stats stats() const;
    const IpReassembler::Stats &ipStats() const { return m_ip.stats(); }
    const TcpStreamReassembler::Stats &tcpStats() const { return m_tcp.stats(); }

private:
    void transport(const IpPacket &ip, std::uint8_t protocol, std::string_view payload, std::int64_t timeUs,
                   const PayloadSink &sink);

    std::uint32_t m_linkType = 1;
    IpReassembler m_ip;
    TcpStreamReassembler m_tcp;
    Stats m_stats;
};

} // namespace calldeck::core
