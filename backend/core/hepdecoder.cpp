// SPDX-License-Identifier: GPL-3.0-or-later
#include "hepdecoder.h"

#include <algorithm>
#include <cstring>

namespace calldeck::core
{

namespace
{

inline std::uint16_t be16(const unsigned char *p)
{
    return static_cast<std::uint16_t>((p[0] << 8) | p[1]);
}

inline std::uint32_t be32(const unsigned char *p)
{
    return (static_cast<std::uint32_t>(p[0]) << 24) | (static_cast<std::uint32_t>(p[1]) << 16) |
           (static_cast<std::uint32_t>(p[2]) << 8) | p[3];
}

inline std::uint32_t le32(const unsigned char *p)
{
    return (static_cast<std::uint32_t>(p[3]) << 24) | (static_cast<std::uint32_t>(p[2]) << 16) |
           (static_cast<std::uint32_t>(p[1]) << 8) | p[0];
}

Transport transportOf(std::uint8_t ipProtocol)
{
    switch (ipProtocol)
    {
    case 6:
        return Transport::Tcp;
    case 132:
        return Transport::Sctp;
    case 22:
        return Transport::Tls; // Kamailio's stand-in for TLS/WS/WSS
    default:
        return Transport::Udp;
    }
}

bool looksLikeSip(std::string_view d)
{
    if (d.size() < 8)
    {
        return false;
    }
    if (d.compare(0, 8, "SIP/2.0 ") == 0)
    {
        return true;
    }
    // A request line starts with an upper-case token followed by a space.
    std::size_t i = 0;
    while (i < d.size() && i < 16 && d[i] >= 'A' && d[i] <= 'Z')
    {
        ++i;
    }
    return i >= 3 && i < d.size() && d[i] == ' ';
}

HepError decodeV3(const unsigned char *p, std::size_t total, HepPacket &out)
{
    bool haveV4Src = false, haveV4Dst = false, haveV6Src = false, haveV6Dst = false;
    std::uint32_t v4src = 0, v4dst = 0;
    const unsigned char *v6src = nullptr;
    const unsigned char *v6dst = nullptr;
    std::uint16_t sport = 0, dport = 0;
    std::uint32_t sec = 0, usec = 0;
    bool havePayload = false;
    for (std::size_t off = 6; off < total;)
    {
        if (total - off < 6)
        {
            return HepError::BadChunkLength;
        }
        const std::uint16_t vendor = be16(p + off);
        const std::uint16_t type = be16(p + off + 2);
        const std::uint16_t len = be16(p + off + 4);
        if (len < 6 || len > total - off)
        {
            return HepError::BadChunkLength;
        }
        const unsigned char *body = p + off + 6;
        const std::size_t n = len - 6u;
        off += len;
        if (vendor != 0)
        {
            ++out.skippedChunks;
            continue;
        }
        auto need = [&](std::size_t size) { return n == size; };
        switch (type)
        {
        case 0x01: // family: inferred from the address chunks instead
            if (!need(1))
            {
                return HepError::BadChunkSize;
            }
            break;
        case 0x02:
            if (!need(1))
            {
                return HepError::BadChunkSize;
            }
            out.ipProtocol = body[0];
            break;
        case 0x03:
        case 0x04:
            if (!need(4))
            {
                return HepError::BadChunkSize;
            }
            (type == 0x03 ? v4src : v4dst) = be32(body);
            (type == 0x03 ? haveV4Src : haveV4Dst) = true;
            break;
        case 0x05:
        case 0x06:
            if (!need(16))
            {
                return HepError::BadChunkSize;
            }
            (type == 0x05 ? v6src : v6dst) = body;
            (type == 0x05 ? haveV6Src : haveV6Dst) = true;
            break;
        case 0x07:
        case 0x08:
            if (!need(2))
            {
                return HepError::BadChunkSize;
            }
            (type == 0x07 ? sport : dport) = be16(body);
            break;
        case 0x09:
        case 0x0a:
            if (!need(4))
            {
                return HepError::BadChunkSize;
            }
            (type == 0x09 ? sec : usec) = be32(body);
            break;
        case 0x0b:
            if (!need(1))
            {
                return HepError::BadChunkSize;
            }
            out.payloadType = body[0];
            break;
        case 0x0c:
            if (n == 4)
            {
                out.meta.captureNode = be32(body);
            }
            else if (n == 2)
            {
                out.meta.captureNode = be16(body);
            }
            else
            {
                return HepError::BadChunkSize;
            }
            break;
        case 0x0e:
            out.authKey = std::string_view(reinterpret_cast<const char *>(body), n);
            break;
        case 0x0f:
        case 0x10:
            out.payload = std::string_view(reinterpret_cast<const char *>(body), n);
            out.compressed = type == 0x10;
            havePayload = true;
            break;
        case 0x11:
            out.correlationId = std::string_view(reinterpret_cast<const char *>(body), n);
            break;
        case 0x12:
            if (!need(2))
            {
                return HepError::BadChunkSize;
            }
            out.vlan = be16(body);
            break;
        case 0x13:
            out.nodeName = std::string_view(reinterpret_cast<const char *>(body), n);
            break;
        default:
            ++out.skippedChunks;
            break;
        }
    }
    if (!havePayload)
    {
        return HepError::MissingPayload;
    }
    if (haveV4Src || haveV4Dst)
    {
        out.meta.src = Endpoint::ipv4(v4src, sport);
        out.meta.dst = Endpoint::ipv4(v4dst, dport);
    }
    else if (haveV6Src || haveV6Dst)
    {
        static const std::uint8_t zero[16] = {};
        out.meta.src = Endpoint::ipv6(v6src ? v6src : zero, sport);
        out.meta.dst = Endpoint::ipv6(v6dst ? v6dst : zero, dport);
    }
    out.meta.timeUs = static_cast<std::int64_t>(sec) * 1000000 + usec;
    out.meta.transport = transportOf(out.ipProtocol);
    return HepError::None;
}

HepError decodeV1V2(const unsigned char *p, std::size_t size, HepPacket &out, std::int64_t nowUs)
{
    if (size < 16)
    {
        return HepError::Truncated;
    }
    out.version = p[0];
    const std::size_t headerLength = p[1];
    const std::uint8_t family = p[2];
    out.ipProtocol = p[3];
    const std::uint16_t sport = be16(p + 4);
    const std::uint16_t dport = be16(p + 6);
    const bool v6 = family == 10 || family == 28 || family == 30 || family == 24; // Linux, BSDs, macOS
    const std::size_t addrBytes = v6 ? 32 : 8;
    const std::size_t expected = 8 + addrBytes + (out.version == 2 ? 12 : 0);
    if (family != 2 && !v6)
    {
        return HepError::BadAddress;
    }
    if (headerLength != expected && headerLength != 8 + addrBytes)
    {
        return HepError::BadAddress;
    }
    if (size < expected)
    {
        return HepError::Truncated;
    }
    if (v6)
    {
        out.meta.src = Endpoint::ipv6(p + 8, sport);
        out.meta.dst = Endpoint::ipv6(p + 24, dport);
    }
    else
    {
        out.meta.src = Endpoint::ipv4(be32(p + 8), sport);
        out.meta.dst = Endpoint::ipv4(be32(p + 12), dport);
    }
    if (out.version == 2)
    {
        const unsigned char *t = p + 8 + addrBytes;
        // Byte order differs between senders: keep the reading closest to now.
        const std::int64_t bigEndian = static_cast<std::int64_t>(be32(t)) * 1000000 + be32(t + 4) % 1000000;
        const std::int64_t little = static_cast<std::int64_t>(le32(t)) * 1000000 + le32(t + 4) % 1000000;
        const auto distance = [nowUs](std::int64_t v) { return v > nowUs ? v - nowUs : nowUs - v; };
        out.meta.timeUs = distance(little) < distance(bigEndian) ? little : bigEndian;
        const std::uint16_t idLe = static_cast<std::uint16_t>(t[8] | (t[9] << 8));
        out.meta.captureNode = distance(little) < distance(bigEndian) ? idLe : be16(t + 8);
    }
    else
    {
        out.meta.timeUs = nowUs;
    }
    out.meta.transport = transportOf(out.ipProtocol);
    out.payload = std::string_view(reinterpret_cast<const char *>(p + expected), size - expected);
    if (out.payload.empty())
    {
        return HepError::MissingPayload;
    }
    return HepError::None;
}

} // namespace

std::string_view hepErrorName(HepError error)
{
    switch (error)
    {
    case HepError::None:
        return "none";
    case HepError::NotHep:
        return "not-hep";
    case HepError::Truncated:
        return "truncated";
    case HepError::BadLength:
        return "bad-length";
    case HepError::BadChunkLength:
        return "bad-chunk-length";
    case HepError::BadChunkSize:
        return "bad-chunk-size";
    case HepError::MissingPayload:
        return "missing-payload";
    case HepError::BadAddress:
        return "bad-address";
    }
    return "unknown";
}

MirrorPacketKind HepDecoder::classify(std::string_view d)
{
    if (d.size() >= 4 && (d.compare(0, 4, "HEP3") == 0 || d.compare(0, 4, "EEP3") == 0))
    {
        return MirrorPacketKind::Hep3;
    }
    if (d.size() >= 4 && (d[0] == 1 || d[0] == 2) && (d[2] == 2 || d[2] == 10 || d[2] == 28 || d[2] == 30))
    {
        return d[0] == 2 ? MirrorPacketKind::Hep2 : MirrorPacketKind::Hep1;
    }
    std::size_t i = 0;
    while (i < d.size() && (d[i] == '\r' || d[i] == '\n'))
    {
        ++i;
    }
    return looksLikeSip(d.substr(i)) ? MirrorPacketKind::RawSip : MirrorPacketKind::Unknown;
}

HepError HepDecoder::decode(std::string_view datagram, HepPacket &out, std::int64_t nowUs)
{
    out = HepPacket{};
    const auto *p = reinterpret_cast<const unsigned char *>(datagram.data());
    switch (classify(datagram))
    {
    case MirrorPacketKind::Hep3:
    {
        if (datagram.size() < 6)
        {
            return HepError::Truncated;
        }
        const std::size_t total = be16(p + 4);
        if (total < 6)
        {
            return HepError::BadLength;
        }
        if (total > datagram.size())
        {
            return HepError::Truncated;
        }
        if (total != datagram.size())
        {
            return HepError::BadLength;
        }
        out.version = 3;
        return decodeV3(p, total, out);
    }
    case MirrorPacketKind::Hep2:
    case MirrorPacketKind::Hep1:
        return decodeV1V2(p, datagram.size(), out, nowUs);
    default:
        return HepError::NotHep;
    }
}

std::size_t HepDecoder::frameLength(std::string_view stream, HepError &error)
{
    error = HepError::None;
    const std::size_t prefix = std::min<std::size_t>(stream.size(), 4);
    const std::string_view head = stream.substr(0, prefix);
    if (head != std::string_view("HEP3").substr(0, prefix) &&
        head != std::string_view("EEP3").substr(0, prefix))
    {
        error = HepError::NotHep;
        return 0;
    }
    if (stream.size() < 6)
    {
        return 0;
    }
    const std::size_t total = be16(reinterpret_cast<const unsigned char *>(stream.data()) + 4);
    if (total < 6)
    {
        error = HepError::BadLength;
        return 0;
    }
    return stream.size() >= total ? total : 0;
}

} // namespace calldeck::core
