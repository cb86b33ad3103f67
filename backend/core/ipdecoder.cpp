// SPDX-License-Identifier: GPL-3.0-or-later
#include "ipdecoder.h"

#include <cstring>

namespace calldeck::core
{

namespace
{

constexpr std::uint8_t HopByHop = 0;
constexpr std::uint8_t Routing = 43;
constexpr std::uint8_t Fragment = 44;
constexpr std::uint8_t Authentication = 51;
constexpr std::uint8_t DestinationOptions = 60;
constexpr std::uint8_t Mobility = 135;
constexpr std::uint8_t Hip = 139;
constexpr std::uint8_t Shim6 = 140;
constexpr int MaxExtensionHeaders = 16; // bounds the walk on hostile input

inline std::uint16_t be16(const unsigned char *p)
{
    return static_cast<std::uint16_t>((p[0] << 8) | p[1]);
}

inline std::uint32_t be32(const unsigned char *p)
{
    return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) | p[3];
}

bool isExtension(std::uint8_t nh)
{
    return nh == HopByHop || nh == Routing || nh == Fragment || nh == Authentication ||
           nh == DestinationOptions || nh == Mobility || nh == Hip || nh == Shim6;
}

/// Walks extension headers; stops after a fragment header when @p out is given (the rest
/// belongs to the fragmentable part of the datagram).
IpError walk(std::uint8_t &nh, std::string_view &data, IpPacket *out)
{
    for (int n = 0; n < MaxExtensionHeaders && isExtension(nh); ++n)
    {
        if (data.size() < 8)
        {
            return IpError::Truncated;
        }
        const auto *p = reinterpret_cast<const unsigned char *>(data.data());
        if (nh == Fragment)
        {
            const std::uint16_t offsetFlags = be16(p + 2);
            const std::uint32_t offset = (offsetFlags & 0xFFF8u);
            const bool more = (offsetFlags & 1u) != 0;
            nh = p[0];
            data.remove_prefix(8);
            // An atomic fragment (offset 0, no more fragments; RFC 6946) is a whole datagram.
            if (offset != 0 || more)
            {
                if (out == nullptr)
                {
                    return IpError::BadHeader; // fragments inside a reassembled datagram
                }
                out->fragment = true;
                out->moreFragments = more;
                out->fragmentOffset = offset;
                out->fragmentId = be32(p + 4);
                return IpError::None;
            }
            continue;
        }
        const std::size_t length =
            nh == Authentication ? (std::size_t(p[1]) + 2) * 4 : (std::size_t(p[1]) + 1) * 8;
        if (length > data.size())
        {
            return IpError::Truncated;
        }
        nh = p[0];
        data.remove_prefix(length);
    }
    return IpError::None;
}

IpError decodeV4(std::string_view data, IpPacket &out)
{
    if (data.size() < 20)
    {
        return IpError::Truncated;
    }
    const auto *p = reinterpret_cast<const unsigned char *>(data.data());
    const std::size_t headerLength = std::size_t(p[0] & 0x0F) * 4;
    std::size_t total = be16(p + 2);
    if (total == 0)
    {
        total = data.size(); // segmentation offload: captured before the NIC filled the length in
    }
    if (headerLength < 20 || total < headerLength)
    {
        return IpError::BadHeader;
    }
    if (total > data.size())
    {
        return IpError::Truncated;
    }
    out.version = 4;
    std::memcpy(out.src.data(), p + 12, 4);
    std::memcpy(out.dst.data(), p + 16, 4);
    out.protocol = p[9];
    out.payload = data.substr(headerLength, total - headerLength);
    const std::uint16_t flagsOffset = be16(p + 6);
    out.moreFragments = (flagsOffset & 0x2000u) != 0;
    out.fragmentOffset = std::uint32_t(flagsOffset & 0x1FFFu) * 8;
    out.fragment = out.moreFragments || out.fragmentOffset != 0;
    out.fragmentId = be16(p + 4);
    return IpError::None;
}

IpError decodeV6(std::string_view data, IpPacket &out)
{
    if (data.size() < 40)
    {
        return IpError::Truncated;
    }
    const auto *p = reinterpret_cast<const unsigned char *>(data.data());
    std::size_t payloadLength = be16(p + 4);
    if (payloadLength == 0)
    {
        payloadLength = data.size() - 40; // jumbogram or segmentation offload
    }
    if (40 + payloadLength > data.size())
    {
        return IpError::Truncated;
    }
    out.version = 6;
    std::memcpy(out.src.data(), p + 8, 16);
    std::memcpy(out.dst.data(), p + 24, 16);
    std::uint8_t nh = p[6];
    std::string_view rest = data.substr(40, payloadLength);
    if (const IpError e = walk(nh, rest, &out); e != IpError::None)
    {
        return e;
    }
    out.protocol = nh;
    out.payload = rest;
    return IpError::None;
}

} // namespace

IpError IpDecoder::decode(std::string_view data, IpPacket &out)
{
    out = IpPacket{};
    if (data.empty())
    {
        return IpError::Truncated;
    }
    switch (static_cast<unsigned char>(data[0]) >> 4)
    {
    case 4:
        return decodeV4(data, out);
    case 6:
        return decodeV6(data, out);
    default:
        return IpError::BadHeader;
    }
}

IpError IpDecoder::skipIpv6Extensions(std::uint8_t &protocol, std::string_view &data)
{
    return walk(protocol, data, nullptr);
}

} // namespace calldeck::core
