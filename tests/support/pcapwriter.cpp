// SPDX-License-Identifier: GPL-3.0-or-later
#include "pcapwriter.h"

#include <cerrno>
#include <cstring>
#include <vector>

namespace calldeck::testsupport
{

namespace
{

void put16(std::string &s, std::uint16_t v)
{
    s += static_cast<char>(v >> 8);
    s += static_cast<char>(v & 0xFF);
}

void put32(std::string &s, std::uint32_t v)
{
    put16(s, static_cast<std::uint16_t>(v >> 16));
    put16(s, static_cast<std::uint16_t>(v & 0xFFFF));
}

void putLe32(unsigned char *p, std::uint32_t v)
{
    p[0] = static_cast<unsigned char>(v);
    p[1] = static_cast<unsigned char>(v >> 8);
    p[2] = static_cast<unsigned char>(v >> 16);
    p[3] = static_cast<unsigned char>(v >> 24);
}

std::string ethernetHeader(std::uint16_t etherType)
{
    std::string s("\x02\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x01", 12);
    put16(s, etherType);
    return s;
}

std::uint16_t checksum(const std::string &header)
{
    std::uint32_t sum = 0;
    for (std::size_t i = 0; i + 1 < header.size(); i += 2)
    {
        sum += (std::uint32_t(static_cast<unsigned char>(header[i])) << 8) |
               static_cast<unsigned char>(header[i + 1]);
    }
    while (sum >> 16)
    {
        sum = (sum & 0xFFFF) + (sum >> 16);
    }
    return static_cast<std::uint16_t>(~sum);
}

/// Ethernet + IP header around @p transport (IPv4 with a real header checksum, or IPv6).
std::string ipFrame(const core::PacketMeta &meta, std::uint8_t protocol, std::string_view transport,
                    std::uint16_t ipId, std::uint16_t fragmentField = 0)
{
    if (meta.src.family == 6)
    {
        std::string s = ethernetHeader(0x86DD);
        put32(s, 0x60000000);
        put16(s, static_cast<std::uint16_t>(transport.size()));
        s += static_cast<char>(protocol);
        s += '\x40';
        s.append(reinterpret_cast<const char *>(meta.src.addr.data()), 16);
        s.append(reinterpret_cast<const char *>(meta.dst.addr.data()), 16);
        s += transport;
        return s;
    }
    std::string ip;
    ip += '\x45';
    ip += '\0';
    put16(ip, static_cast<std::uint16_t>(20 + transport.size()));
    put16(ip, ipId);
    put16(ip, fragmentField);
    ip += '\x40';
    ip += static_cast<char>(protocol);
    put16(ip, 0);
    ip.append(reinterpret_cast<const char *>(meta.src.addr.data()), 4);
    ip.append(reinterpret_cast<const char *>(meta.dst.addr.data()), 4);
    const std::uint16_t sum = checksum(ip);
    ip[10] = static_cast<char>(sum >> 8);
    ip[11] = static_cast<char>(sum & 0xFF);
    std::string s = ethernetHeader(0x0800);
    s += ip;
    s += transport;
    return s;
}

std::string udpDatagram(const core::PacketMeta &meta, std::string_view payload)
{
    std::string udp;
    put16(udp, meta.src.port);
    put16(udp, meta.dst.port);
    put16(udp, static_cast<std::uint16_t>(payload.size() + 8));
    put16(udp, 0); // no checksum (allowed on IPv4; capture tools do not check it)
    udp += payload;
    return udp;
}

} // namespace

PcapWriter::PcapWriter(std::uint32_t linkType, bool nanosecond)
    : m_linkType(linkType)
    , m_nanosecond(nanosecond)
{}

PcapWriter::~PcapWriter()
{
    close();
}

bool PcapWriter::open(const std::string &path)
{
    close();
    m_file = std::fopen(path.c_str(), "wb");
    if (m_file == nullptr)
    {
        m_error = "cannot create " + path + ": " + std::strerror(errno);
        return false;
    }
    std::setvbuf(m_file, nullptr, _IOFBF, 1u << 20);
    unsigned char header[24] = {};
    putLe32(header, m_nanosecond ? 0xA1B23C4D : 0xA1B2C3D4);
    header[4] = 2; // version 2.4
    header[6] = 4;
    putLe32(header + 16, 262144); // snap length
    putLe32(header + 20, m_linkType);
    std::fwrite(header, 1, sizeof header, m_file);
    m_bytes = sizeof header;
    return true;
}

void PcapWriter::write(std::int64_t timeUs, std::string_view frame)
{
    if (m_file == nullptr)
    {
        return;
    }
    unsigned char record[16];
    putLe32(record, static_cast<std::uint32_t>(timeUs / 1000000));
    const auto fraction = static_cast<std::uint32_t>(timeUs % 1000000);
    putLe32(record + 4, m_nanosecond ? fraction * 1000 : fraction);
    putLe32(record + 8, static_cast<std::uint32_t>(frame.size()));
    putLe32(record + 12, static_cast<std::uint32_t>(frame.size()));
    std::fwrite(record, 1, sizeof record, m_file);
    std::fwrite(frame.data(), 1, frame.size(), m_file);
    m_bytes += sizeof record + frame.size();
}

bool PcapWriter::close()
{
    if (m_file == nullptr)
    {
        return m_error.empty();
    }
    const bool ok = std::ferror(m_file) == 0;
    const bool closed = std::fclose(m_file) == 0;
    m_file = nullptr;
    if (!ok || !closed)
    {
        m_error = std::string("writing the capture failed: ") + std::strerror(errno);
        return false;
    }
    return true;
}

std::string PcapWriter::udpFrame(const core::PacketMeta &meta, std::string_view payload, std::uint16_t ipId)
{
    return ipFrame(meta, 17, udpDatagram(meta, payload), ipId);
}

std::string PcapWriter::tcpFrame(const core::PacketMeta &meta, std::uint32_t seq, std::uint8_t flags,
                                 std::string_view payload)
{
    std::string tcp;
    put16(tcp, meta.src.port);
    put16(tcp, meta.dst.port);
    put32(tcp, seq);
    put32(tcp, 1); // ack
    tcp += '\x50';
    tcp += static_cast<char>(flags | 0x10);
    put16(tcp, 65535);
    put32(tcp, 0);
    tcp += payload;
    return ipFrame(meta, 6, tcp, 1);
}

std::vector<std::string> PcapWriter::fragmentedUdpFrames(const core::PacketMeta &meta,
                                                         std::string_view payload, std::size_t chunk,
                                                         std::uint16_t ipId)
{
    const std::string udp = udpDatagram(meta, payload);
    std::vector<std::string> frames;
    for (std::size_t off = 0; off < udp.size(); off += chunk)
    {
        const bool more = off + chunk < udp.size();
        const auto field = static_cast<std::uint16_t>((more ? 0x2000 : 0) | (off / 8));
        frames.push_back(ipFrame(meta, 17, std::string_view(udp).substr(off, chunk), ipId, field));
    }
    return frames;
}

} // namespace calldeck::testsupport
