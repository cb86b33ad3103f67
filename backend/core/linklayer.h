// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string_view>

namespace calldeck::core
{

/**
 * @brief Link-layer header types as libpcap reports them (`pcap_datalink()`, DLT_* values;
 * where a file's LINKTYPE_* value differs, both are listed).
 */
namespace LinkType
{
constexpr std::uint32_t Null = 0;        ///< DLT_NULL: BSD loopback, 4-byte family in the writer's byte order
constexpr std::uint32_t Ethernet = 1;    ///< DLT_EN10MB
constexpr std::uint32_t RawDlt = 12;     ///< DLT_RAW as libpcap reports LINKTYPE_RAW on most systems
constexpr std::uint32_t Raw = 101;       ///< LINKTYPE_RAW (the value in files)
constexpr std::uint32_t Loop = 108;      ///< DLT_LOOP: OpenBSD loopback, family in network byte order
constexpr std::uint32_t LinuxSll = 113;  ///< DLT_LINUX_SLL: Linux "cooked" v1 (any interface)
constexpr std::uint32_t Ipv4 = 228;      ///< LINKTYPE_IPV4: raw IPv4
constexpr std::uint32_t Ipv6 = 229;      ///< LINKTYPE_IPV6: raw IPv6
constexpr std::uint32_t LinuxSll2 = 276; ///< DLT_LINUX_SLL2: Linux "cooked" v2
} // namespace LinkType

/** @brief What a link-layer frame carried. */
enum class LinkResult : std::uint8_t
{
    Ip,          ///< an IPv4 or IPv6 packet (see LinkLayer::decode's `network`)
    NotIp,       ///< another protocol (ARP, LLDP, STP, IPX, ...)
    Truncated,   ///< shorter than its link-layer header
    Unsupported, ///< the link type is not one CallDeck decodes
};

/**
 * @brief Strips the link-layer header of a captured frame: Ethernet (with any number of
 * 802.1Q / 802.1ad QinQ tags), Linux cooked v1 and v2, raw IP, BSD/OpenBSD loopback (the family
 * field read in both byte orders).
 */
class LinkLayer
{
public:
    /** @brief True when decode() understands frames of @p linkType. */
    static bool supported(std::uint32_t linkType);

    /**
     * @param linkType the capture's link type (LinkType values)
     * @param frame the captured bytes of one record
     * @param network set to the IP packet (a view into @p frame) when the result is Ip
     * @return Ip when @p network holds an IPv4/IPv6 packet (its version nibble is checked)
     */
    static LinkResult decode(std::uint32_t linkType, std::string_view frame, std::string_view &network);
};

} // namespace calldeck::core
