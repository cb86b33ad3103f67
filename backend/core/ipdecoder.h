// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace calldeck::core
{

/** @brief Why an IP packet could not be used. Values are stable (counted per code). */
enum class IpError : std::uint8_t
{
    None = 0,
    Truncated, ///< shorter than its headers or its length field (snap length, cut capture)
    BadHeader, ///< not IPv4/IPv6, or a header length / length field that contradicts itself
};

/**
 * @brief One IPv4/IPv6 packet reduced to what the transport layer needs; views into the
 * captured bytes, which must outlive it.
 */
struct IpPacket
{
    std::uint8_t version = 0;           ///< 4 or 6
    std::array<std::uint8_t, 16> src{}; ///< IPv4: the first 4 bytes
    std::array<std::uint8_t, 16> dst{};
    /** Transport protocol (17 UDP, 6 TCP, ...). For an IPv6 fragment, the Next Header of its
     *  fragment header: the reassembled data may still start with extension headers. */
    std::uint8_t protocol = 0;
    std::string_view payload;         ///< transport header + data, or the fragment's data
    bool fragment = false;            ///< part of a fragmented datagram (see the fields below)
    bool moreFragments = false;       ///< MF / M flag
    std::uint32_t fragmentOffset = 0; ///< in bytes
    std::uint32_t fragmentId = 0;     ///< IPv4: 16-bit identification; IPv6: 32-bit
};

/**
 * @brief Decodes IPv4 (options skipped) and IPv6 headers, walking IPv6 extension headers
 * (hop-by-hop, routing, destination options, fragment, authentication). Header checksums are
 * not verified: captures taken on the sending host carry offloaded, unfinished checksums.
 */
class IpDecoder
{
public:
    /**
     * @param data an IP packet as the link layer delivered it (trailing padding is cut off)
     * @param out overwritten; valid only when the result is IpError::None
     */
    static IpError decode(std::string_view data, IpPacket &out);

    /**
     * @brief Skips IPv6 extension headers at the start of @p data (used on a reassembled
     * datagram, whose fragmentable part may begin with destination options).
     * @param protocol in: the first Next Header value; out: the transport protocol
     * @param data in: the bytes after the previous header; out: the transport header and data
     * @return IpError::None, Truncated when a header runs past the end, BadHeader for a
     *         fragment header that is not atomic (fragments nested in a reassembled datagram).
     */
    static IpError skipIpv6Extensions(std::uint8_t &protocol, std::string_view &data);
};

} // namespace calldeck::core
