// SPDX-License-Identifier: GPL-3.0-or-later
#include "capturebuilder.h"

namespace calldeck::core
{

namespace
{
constexpr std::size_t MaxUdpPayload = 65535 - 20 - 8;

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

void putLe32(std::string &s, std::uint32_t v)
{
    for (int shift = 0; shift < 32; shift += 8)
    {
        s += static_cast<char>((v >> shift) & 0xFF);
    }
}

/// One's complement sum of @p data as 16-bit big-endian words (odd length padded with zero).
std::uint32_t sum16(std::string_view data, std::uint32_t sum = 0)
{
    for (std::size_t i = 0; i + 1 < data.size(); i += 2)
    {
        sum += (std::uint32_t(static_cast<unsigned char>(data[i])) << 8) |
               static_cast<unsigned char>(data[i + 1]);
    }
    if (data.size() % 2 != 0)
    {
        sum += std::uint32_t(static_cast<unsigned char>(data.back())) << 8;
    }
    return sum;
}

std::uint16_t fold(std::uint32_t sum)
{
    while (sum >> 16)
    {
        sum = (sum & 0xFFFF) + (sum >> 16);
    }
    return static_cast<std::uint16_t>(~sum);
}

/// The 16 address bytes as written: IPv6 as is, IPv4 as is in the first 4 (v6 == false) or
/// IPv4-mapped (::ffff:a.b.c.d) when the frame is IPv6.
std::array<std::uint8_t, 16> addressBytes(const Endpoint &e, bool v6)
{
    std::array<std::uint8_t, 16> a{};
    if (e.family == 6)
    {
        return e.addr;
    }
    if (!v6)
    {
        a = e.addr;
        return a;
    }
    a[10] = 0xFF;
    a[11] = 0xFF;
    for (int i = 0; i < 4; ++i)
    {
        a[12 + i] = e.addr[i];
    }
    return a;
}

bool isStream(Transport t)
{
    return t == Transport::Tcp || t == Transport::Tls || t == Transport::Ws || t == Transport::Wss;
}
} // namespace

CaptureBuilder::CaptureBuilder()
{
    putLe32(m_out, 0xA1B2C3D4);
    m_out += '\x02'; // version 2.4, little-endian like the magic
    m_out += '\0';
    m_out += '\x04';
    m_out += '\0';
    putLe32(m_out, 0);      // thiszone
    putLe32(m_out, 0);      // sigfigs
    putLe32(m_out, 262144); // snaplen
    putLe32(m_out, LinkTypeEthernet);
}

void CaptureBuilder::record(std::int64_t timeUs, const std::string &frame)
{
    const std::int64_t seconds = timeUs >= 0 ? timeUs / 1000000 : 0;
    const std::int64_t micros = timeUs >= 0 ? timeUs % 1000000 : 0;
    putLe32(m_out, static_cast<std::uint32_t>(seconds));
    putLe32(m_out, static_cast<std::uint32_t>(micros));
    putLe32(m_out, static_cast<std::uint32_t>(frame.size()));
    putLe32(m_out, static_cast<std::uint32_t>(frame.size()));
    m_out += frame;
    ++m_frames;
}

std::string CaptureBuilder::ipFrame(const Endpoint &src, const Endpoint &dst, std::uint8_t protocol,
                                    std::string &transport, std::size_t checksumOffset)
{
    const bool v6 = src.family == 6 || dst.family == 6;
    const std::array<std::uint8_t, 16> s = addressBytes(src, v6);
    const std::array<std::uint8_t, 16> d = addressBytes(dst, v6);
    const std::size_t addrLen = v6 ? 16 : 4;
    const std::string_view sv(reinterpret_cast<const char *>(s.data()), addrLen);
    const std::string_view dv(reinterpret_cast<const char *>(d.data()), addrLen);

    // Transport checksum over the pseudo header (RFC 768 / 793 / 8200 §8.1) and the segment.
    std::string pseudo;
    pseudo += sv;
    pseudo += dv;
    if (v6)
    {
        put32(pseudo, static_cast<std::uint32_t>(transport.size()));
        put32(pseudo, protocol);
    }
    else
    {
        pseudo += '\0';
        pseudo += static_cast<char>(protocol);
        put16(pseudo, static_cast<std::uint16_t>(transport.size()));
    }
    std::uint16_t sum = fold(sum16(transport, sum16(pseudo)));
    if (sum == 0 && protocol == 17)
    {
        sum = 0xFFFF; // 0 means "no checksum" for UDP
    }
    transport[checksumOffset] = static_cast<char>(sum >> 8);
    transport[checksumOffset + 1] = static_cast<char>(sum & 0xFF);

    std::string frame("\x02\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x01", 12);
    if (v6)
    {
        put16(frame, 0x86DD);
        put32(frame, 0x60000000);
        put16(frame, static_cast<std::uint16_t>(transport.size()));
        frame += static_cast<char>(protocol);
        frame += '\x40'; // hop limit
        frame += sv;
        frame += dv;
    }
    else
    {
        put16(frame, 0x0800);
        std::string ip;
        ip += '\x45';
        ip += '\0';
        put16(ip, static_cast<std::uint16_t>(20 + transport.size()));
        put16(ip, m_ipId++);
        put16(ip, 0x4000); // don't fragment
        ip += '\x40';      // TTL
        ip += static_cast<char>(protocol);
        put16(ip, 0);
        ip += sv;
        ip += dv;
        const std::uint16_t ipSum = fold(sum16(ip));
        ip[10] = static_cast<char>(ipSum >> 8);
        ip[11] = static_cast<char>(ipSum & 0xFF);
        frame += ip;
    }
    frame += transport;
    return frame;
}

bool CaptureBuilder::add(std::int64_t timeUs, Transport transport, const Endpoint &src, const Endpoint &dst,
                         std::string_view payload)
{
    if (!isStream(transport))
    {
        if (payload.size() > MaxUdpPayload)
        {
            ++m_skipped;
            return false;
        }
        std::string udp;
        put16(udp, src.port);
        put16(udp, dst.port);
        put16(udp, static_cast<std::uint16_t>(payload.size() + 8));
        put16(udp, 0);
        udp += payload;
        record(timeUs, ipFrame(src, dst, 17, udp, 6));
        return true;
    }
    const bool v6 = src.family == 6 || dst.family == 6;
    const FlowKey forward{addressBytes(src, v6), src.port, addressBytes(dst, v6), dst.port};
    const FlowKey backward{addressBytes(dst, v6), dst.port, addressBytes(src, v6), src.port};
    std::uint32_t &seq = m_nextSeq.try_emplace(forward, 1).first->second;
    const std::uint32_t ack = m_nextSeq.try_emplace(backward, 1).first->second;
    std::size_t offset = 0;
    do
    {
        const std::string_view part = payload.substr(offset, MaxTcpSegment);
        std::string tcp;
        put16(tcp, src.port);
        put16(tcp, dst.port);
        put32(tcp, seq);
        put32(tcp, ack);
        tcp += '\x50'; // 20-byte header
        tcp += '\x18'; // PSH, ACK
        put16(tcp, 65535);
        put16(tcp, 0); // checksum, filled in below
        put16(tcp, 0); // urgent pointer
        tcp += part;
        record(timeUs, ipFrame(src, dst, 6, tcp, 16));
        seq += static_cast<std::uint32_t>(part.size());
        offset += part.size();
    } while (offset < payload.size());
    return true;
}

} // namespace calldeck::core
