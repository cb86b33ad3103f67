// SPDX-License-Identifier: GPL-3.0-or-later
#include "pcapfixture.h"

#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>

namespace calldeck::testsupport
{

namespace
{

std::uint32_t le32(const unsigned char *p)
{
    return p[0] | (p[1] << 8) | (p[2] << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
}
std::uint16_t be16(const unsigned char *p)
{
    return static_cast<std::uint16_t>((p[0] << 8) | p[1]);
}
std::uint32_t be32(const unsigned char *p)
{
    return (static_cast<std::uint32_t>(p[0]) << 24) | (p[1] << 16) | (p[2] << 8) | p[3];
}

void frame(const unsigned char *p, std::size_t n, std::uint32_t linkType, std::int64_t timeUs,
           std::vector<CapturedDatagram> &out)
{
    std::size_t off = 0;
    std::uint16_t etherType = 0;
    if (linkType == 1) // Ethernet
    {
        if (n < 14)
        {
            return;
        }
        etherType = be16(p + 12);
        off = 14;
        if (etherType == 0x8100 && n >= 18)
        {
            etherType = be16(p + 16);
            off = 18;
        }
    }
    else if (linkType == 113) // Linux cooked
    {
        if (n < 16)
        {
            return;
        }
        etherType = be16(p + 14);
        off = 16;
    }
    else if (linkType == 101 || linkType == 228) // raw IPv4
    {
        etherType = 0x0800;
    }
    if (etherType != 0x0800 || n < off + 20)
    {
        return;
    }
    const unsigned char *ipHdr = p + off;
    const std::size_t ihl = (ipHdr[0] & 0x0F) * 4u;
    if (ipHdr[9] != 17 || n < off + ihl + 8)
    {
        return;
    }
    const unsigned char *udp = ipHdr + ihl;
    const std::size_t udpLen = be16(udp + 4);
    if (udpLen < 8 || off + ihl + udpLen > n)
    {
        return;
    }
    CapturedDatagram d;
    d.meta.timeUs = timeUs;
    d.meta.transport = core::Transport::Udp;
    d.meta.src = core::Endpoint::ipv4(be32(ipHdr + 12), be16(udp));
    d.meta.dst = core::Endpoint::ipv4(be32(ipHdr + 16), be16(udp + 2));
    d.payload.assign(reinterpret_cast<const char *>(udp + 8), udpLen - 8);
    out.push_back(std::move(d));
}

} // namespace

std::vector<CapturedDatagram> readUdpCapture(const std::string &path, std::string *error)
{
    std::vector<CapturedDatagram> out;
    std::ifstream f(path, std::ios::binary);
    const std::string data((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    const auto *d = reinterpret_cast<const unsigned char *>(data.data());
    if (data.size() < 24)
    {
        if (error)
        {
            *error = "cannot read " + path;
        }
        return out;
    }
    const std::uint32_t magic = le32(d);
    if (magic == 0xa1b2c3d4 || magic == 0xa1b23c4d)
    {
        const bool nano = magic == 0xa1b23c4d;
        const std::uint32_t linkType = le32(d + 20);
        for (std::size_t off = 24; off + 16 <= data.size();)
        {
            const std::uint32_t sec = le32(d + off), frac = le32(d + off + 4), caplen = le32(d + off + 8);
            if (off + 16 + caplen > data.size())
            {
                break;
            }
            const std::int64_t us = static_cast<std::int64_t>(sec) * 1000000 + (nano ? frac / 1000 : frac);
            frame(d + off + 16, caplen, linkType, us, out);
            off += 16 + caplen;
        }
        return out;
    }
    if (magic != 0x0a0d0d0a)
    {
        if (error)
        {
            *error = path + " is neither pcap nor pcapng";
        }
        return out;
    }
    std::vector<std::uint32_t> linkTypes;
    std::vector<std::uint64_t> unitsPerSecond; // if_tsresol of each interface (default µs)
    for (std::size_t off = 0; off + 12 <= data.size();)
    {
        const std::uint32_t type = le32(d + off), len = le32(d + off + 4);
        if (len < 12 || off + len > data.size())
        {
            break;
        }
        if (type == 1) // Interface Description Block: link type and if_tsresol (option 9)
        {
            linkTypes.push_back(d[off + 8] | (d[off + 9] << 8));
            std::uint64_t units = 1000000;
            for (std::size_t o = off + 16; o + 4 <= off + len - 4;)
            {
                const std::uint32_t code = d[o] | (d[o + 1] << 8), olen = d[o + 2] | (d[o + 3] << 8);
                if (code == 0)
                {
                    break;
                }
                if (code == 9 && olen >= 1)
                {
                    const std::uint8_t r = d[o + 4];
                    units = 1;
                    for (int k = 0; k < (r & 0x7F); ++k)
                    {
                        units *= (r & 0x80) ? 2 : 10;
                    }
                }
                o += 4 + ((olen + 3u) & ~3u);
            }
            unitsPerSecond.push_back(units);
        }
        else if (type == 6) // Enhanced Packet Block
        {
            const std::uint32_t iface = le32(d + off + 8);
            const std::uint64_t ts =
                (static_cast<std::uint64_t>(le32(d + off + 12)) << 32) | le32(d + off + 16);
            const std::uint32_t caplen = le32(d + off + 20);
            if (28 + caplen <= len && iface < linkTypes.size())
            {
                const std::uint64_t units = unitsPerSecond[iface];
                const auto us =
                    static_cast<std::int64_t>(ts / units * 1000000 + (ts % units) * 1000000 / units);
                frame(d + off + 28, caplen, linkTypes[iface], us, out);
            }
        }
        off += len;
    }
    return out;
}

std::string hep3Payload(const std::string &datagram)
{
    const auto *p = reinterpret_cast<const unsigned char *>(datagram.data());
    if (datagram.size() < 6 || std::memcmp(p, "HEP3", 4) != 0)
    {
        return {};
    }
    const std::size_t total = std::min<std::size_t>(be16(p + 4), datagram.size());
    for (std::size_t off = 6; off + 6 <= total;)
    {
        const std::uint16_t type = be16(p + off + 2), len = be16(p + off + 4);
        if (len < 6 || off + len > total)
        {
            break;
        }
        if (type == 15)
        {
            return datagram.substr(off + 6, len - 6u);
        }
        off += len;
    }
    return {};
}

} // namespace calldeck::testsupport
