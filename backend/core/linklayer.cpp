// SPDX-License-Identifier: GPL-3.0-or-later
#include "linklayer.h"

namespace calldeck::core
{

namespace
{

constexpr std::uint16_t EtherIpv4 = 0x0800;
constexpr std::uint16_t EtherIpv6 = 0x86DD;
constexpr std::uint16_t EtherVlan = 0x8100;    // 802.1Q
constexpr std::uint16_t EtherQinQ = 0x88A8;    // 802.1ad service tag
constexpr std::uint16_t EtherQinQOld = 0x9100; // pre-standard QinQ, still seen on switches
constexpr int MaxVlanTags = 8;

inline std::uint16_t be16(const char *p)
{
    return static_cast<std::uint16_t>((static_cast<unsigned char>(p[0]) << 8) |
                                      static_cast<unsigned char>(p[1]));
}

/// Checks the version nibble against what the link layer announced (0: either).
LinkResult ipPacket(std::string_view data, int expectedVersion, std::string_view &network)
{
    if (data.empty())
    {
        return LinkResult::Truncated;
    }
    const int version = static_cast<unsigned char>(data[0]) >> 4;
    if ((version != 4 && version != 6) || (expectedVersion != 0 && version != expectedVersion))
    {
        return LinkResult::NotIp;
    }
    network = data;
    return LinkResult::Ip;
}

/// An EtherType after any VLAN tags, starting at @p offset (which points at the type field).
LinkResult etherPayload(std::string_view frame, std::size_t offset, std::string_view &network)
{
    for (int tags = 0;; ++tags)
    {
        if (frame.size() < offset + 2)
        {
            return LinkResult::Truncated;
        }
        const std::uint16_t type = be16(frame.data() + offset);
        if ((type == EtherVlan || type == EtherQinQ || type == EtherQinQOld) && tags < MaxVlanTags)
        {
            offset += 4; // 2 bytes TCI, then the next type field
            continue;
        }
        if (type == EtherIpv4)
        {
            return ipPacket(frame.substr(offset + 2), 4, network);
        }
        if (type == EtherIpv6)
        {
            return ipPacket(frame.substr(offset + 2), 6, network);
        }
        return LinkResult::NotIp; // ARP, LLDP, 802.3 length fields (LLC), MPLS, PPPoE, ...
    }
}

/// BSD address families for IPv4 (2 everywhere) and IPv6 (Linux 10, Windows 23, Net/OpenBSD
/// 24, FreeBSD 28, Darwin 30).
int familyVersion(std::uint32_t family)
{
    switch (family)
    {
    case 2:
        return 4;
    case 10:
    case 23:
    case 24:
    case 28:
    case 30:
        return 6;
    default:
        return 0;
    }
}

} // namespace

bool LinkLayer::supported(std::uint32_t linkType)
{
    switch (linkType)
    {
    case LinkType::Null:
    case LinkType::Ethernet:
    case LinkType::RawDlt:
    case LinkType::Raw:
    case LinkType::Loop:
    case LinkType::LinuxSll:
    case LinkType::Ipv4:
    case LinkType::Ipv6:
    case LinkType::LinuxSll2:
        return true;
    default:
        return false;
    }
}

LinkResult LinkLayer::decode(std::uint32_t linkType, std::string_view frame, std::string_view &network)
{
    switch (linkType)
    {
    case LinkType::Ethernet:
        // destination MAC, source MAC, EtherType
        return frame.size() < 14 ? LinkResult::Truncated : etherPayload(frame, 12, network);
    case LinkType::LinuxSll:
        // packet type, ARPHRD type, address length, 8 address bytes, protocol
        return frame.size() < 16 ? LinkResult::Truncated : etherPayload(frame, 14, network);
    case LinkType::LinuxSll2:
    {
        // protocol, reserved, interface index, ARPHRD type, packet type, address length, 8 address bytes
        if (frame.size() < 20)
        {
            return LinkResult::Truncated;
        }
        const std::uint16_t type = be16(frame.data());
        if (type == EtherVlan || type == EtherQinQ || type == EtherQinQOld)
        {
            // A tag the kernel did not strip follows the header: 2 bytes TCI, then the next type.
            return etherPayload(frame, 22, network);
        }
        if (type == EtherIpv4 || type == EtherIpv6)
        {
            return ipPacket(frame.substr(20), type == EtherIpv4 ? 4 : 6, network);
        }
        return LinkResult::NotIp;
    }
    case LinkType::RawDlt:
    case LinkType::Raw:
        return ipPacket(frame, 0, network);
    case LinkType::Ipv4:
        return ipPacket(frame, 4, network);
    case LinkType::Ipv6:
        return ipPacket(frame, 6, network);
    case LinkType::Null:
    case LinkType::Loop:
    {
        if (frame.size() < 4)
        {
            return LinkResult::Truncated;
        }
        const auto *p = reinterpret_cast<const unsigned char *>(frame.data());
        const std::uint32_t big =
            (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) | p[3];
        const std::uint32_t little =
            (std::uint32_t(p[3]) << 24) | (std::uint32_t(p[2]) << 16) | (std::uint32_t(p[1]) << 8) | p[0];
        // DLT_NULL is in the writer's byte order, DLT_LOOP in network order; files of both
        // kinds exist with either, so take whichever order names a known family.
        const int version = familyVersion(big) != 0 ? familyVersion(big) : familyVersion(little);
        if (version == 0)
        {
            return LinkResult::NotIp;
        }
        return ipPacket(frame.substr(4), version, network);
    }
    default:
        return LinkResult::Unsupported;
    }
}

} // namespace calldeck::core
