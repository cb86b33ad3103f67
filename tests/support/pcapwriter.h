// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "backend/core/dialogtypes.h"

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace calldeck::testsupport
{

/**
 * @brief Writes classic pcap files (microsecond or nanosecond timestamps) for tests and the
 * benchmark, and builds the Ethernet/IP/UDP/TCP frames that go into them. The product only
 * reads captures (with libpcap); this writer never ships.
 */
class PcapWriter
{
public:
    explicit PcapWriter(std::uint32_t linkType = 1, bool nanosecond = false);
    ~PcapWriter();
    PcapWriter(const PcapWriter &) = delete;
    PcapWriter &operator=(const PcapWriter &) = delete;

    /** @brief Creates @p path and writes the file header; false with error() set. */
    bool open(const std::string &path);
    /** @brief Appends one record captured at @p timeUs (Unix microseconds). */
    void write(std::int64_t timeUs, std::string_view frame);
    /** @brief Flushes and closes; false when a write failed (disk full, ...). */
    bool close();
    const std::string &error() const { return m_error; }
    std::uint64_t bytesWritten() const { return m_bytes; }

    /** @brief Ethernet + IPv4/IPv6 (from @p meta's family) + UDP around @p payload. */
    static std::string udpFrame(const core::PacketMeta &meta, std::string_view payload,
                                std::uint16_t ipId = 1);
    /** @brief Ethernet + IPv4/IPv6 + TCP (flags: FIN 1, SYN 2, RST 4; ACK is always set). */
    static std::string tcpFrame(const core::PacketMeta &meta, std::uint32_t seq, std::uint8_t flags,
                                std::string_view payload);
    /** @brief Ethernet + IPv4 fragments of a UDP datagram, @p chunk bytes of it each (a multiple of 8). */
    static std::vector<std::string> fragmentedUdpFrames(const core::PacketMeta &meta,
                                                        std::string_view payload, std::size_t chunk,
                                                        std::uint16_t ipId);

private:
    std::uint32_t m_linkType;
    bool m_nanosecond;
    std::FILE *m_file = nullptr;
    std::uint64_t m_bytes = 0;
    std::string m_error;
};

} // namespace calldeck::testsupport
