// SPDX-License-Identifier: GPL-3.0-or-later
#include "capturepackets.h"

namespace capturepackets
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

} // namespace

std::string udp(std::uint16_t srcPort, std::uint16_t dstPort, std::string_view payload)
{
    std::string s;
    put16(s, srcPort);
    put16(s, dstPort);
    put16(s, static_cast<std::uint16_t>(payload.size() + 8));
    put16(s, 0);
    s += payload;
    return s;
}

std::string tcp(std::uint16_t srcPort, std::uint16_t dstPort, std::uint32_t seq, std::uint8_t flags,
                std::string_view payload)
{
    std::string s;
    put16(s, srcPort);
    put16(s, dstPort);
    put32(s, seq);
    put32(s, 0); // ack
    s += '\x50'; // data offset 5
    s += static_cast<char>(flags | Ack);
    put16(s, 65535);
    put32(s, 0); // checksum, urgent
    s += payload;
    return s;
}

std::string ipv4(std::uint32_t src, std::uint32_t dst, std::uint8_t protocol, std::string_view payload,
                 std::uint16_t id, std::uint32_t fragmentOffset, bool moreFragments, bool withOptions)
{
    const std::size_t header = withOptions ? 24 : 20;
    std::string s;
    s += static_cast<char>(0x40 | (header / 4));
    s += '\0';
    put16(s, static_cast<std::uint16_t>(header + payload.size()));
    put16(s, id);
    put16(s, static_cast<std::uint16_t>((moreFragments ? 0x2000 : 0) | (fragmentOffset / 8)));
    s += '\x40';
    s += static_cast<char>(protocol);
    put16(s, 0);
    put32(s, src);
    put32(s, dst);
    if (withOptions)
    {
        s += std::string(4, '\x01'); // NOPs
    }
    s += payload;
    return s;
}

std::vector<std::string> ipv4Fragments(std::uint32_t src, std::uint32_t dst, std::uint8_t protocol,
                                       std::string_view transport, std::size_t chunk, std::uint16_t id)
{
    std::vector<std::string> out;
    for (std::size_t off = 0; off < transport.size(); off += chunk)
    {
        const bool more = off + chunk < transport.size();
        out.push_back(ipv4(src, dst, protocol, transport.substr(off, chunk), id,
                           static_cast<std::uint32_t>(off), more));
    }
    return out;
}

Ipv6Address ipv6Address(std::uint16_t last)
{
    Ipv6Address a{0x20, 0x01, 0x0d, 0xb8};
    a[14] = static_cast<std::uint8_t>(last >> 8);
    a[15] = static_cast<std::uint8_t>(last & 0xFF);
    return a;
}

std::string ipv6(const Ipv6Address &src, const Ipv6Address &dst, std::uint8_t nextHeader,
                 std::string_view payload)
{
    std::string s;
    put32(s, 0x60000000);
    put16(s, static_cast<std::uint16_t>(payload.size()));
    s += static_cast<char>(nextHeader);
    s += '\x40';
    s.append(reinterpret_cast<const char *>(src.data()), 16);
    s.append(reinterpret_cast<const char *>(dst.data()), 16);
    s += payload;
    return s;
}

std::string ipv6Extension(std::uint8_t nextHeader, std::uint8_t type)
{
    std::string s;
    s += static_cast<char>(nextHeader);
    s += '\0'; // 8 bytes in all
    if (type == 43)
    {
        s += std::string_view("\x04\x00", 2); // routing type 4 (segment routing), segments left 0
        s += std::string(4, '\0');
    }
    else
    {
        s += "\x01\x04"; // PadN of 4 bytes
        s += std::string(4, '\0');
    }
    return s;
}

std::string ipv6FragmentHeader(std::uint8_t nextHeader, std::uint32_t offset, bool more, std::uint32_t id)
{
    std::string s;
    s += static_cast<char>(nextHeader);
    s += '\0';
    put16(s, static_cast<std::uint16_t>((offset & 0xFFF8) | (more ? 1 : 0)));
    put32(s, id);
    return s;
}

std::vector<std::string> ipv6Fragments(const Ipv6Address &src, const Ipv6Address &dst,
                                       std::uint8_t nextHeader, std::string_view fragmentable,
                                       std::size_t chunk, std::uint32_t id)
{
    std::vector<std::string> out;
    for (std::size_t off = 0; off < fragmentable.size(); off += chunk)
    {
        const bool more = off + chunk < fragmentable.size();
        out.push_back(ipv6(src, dst, 44,
                           ipv6FragmentHeader(nextHeader, static_cast<std::uint32_t>(off), more, id) +
                               std::string(fragmentable.substr(off, chunk))));
    }
    return out;
}

std::string ethernet(std::uint16_t etherType, std::string_view payload,
                     const std::vector<std::uint16_t> &tags)
{
    std::string s("\x02\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x01", 12);
    for (std::size_t i = 0; i < tags.size(); ++i)
    {
        put16(s, i == 0 && tags.size() > 1 ? 0x88A8 : 0x8100);
        put16(s, tags[i]);
    }
    put16(s, etherType);
    s += payload;
    return s;
}

std::string linuxSll(std::uint16_t protocol, std::string_view payload)
{
    std::string s;
    put16(s, 0); // packet type: to us
    put16(s, 1); // ARPHRD_ETHER
    put16(s, 6); // address length
    s += std::string("\x02\x00\x00\x00\x00\x01\x00\x00", 8);
    put16(s, protocol);
    s += payload;
    return s;
}

std::string linuxSll2(std::uint16_t protocol, std::string_view payload)
{
    std::string s;
    put16(s, protocol);
    put16(s, 0); // reserved
    put32(s, 2); // interface index
    put16(s, 1); // ARPHRD_ETHER
    s += '\0';   // packet type
    s += '\x06'; // address length
    s += std::string("\x02\x00\x00\x00\x00\x01\x00\x00", 8);
    s += payload;
    return s;
}

std::string loopback(std::uint32_t family, bool bigEndian, std::string_view payload)
{
    std::string s;
    if (bigEndian)
    {
        put32(s, family);
    }
    else
    {
        for (int i = 0; i < 4; ++i)
        {
            s += static_cast<char>((family >> (8 * i)) & 0xFF);
        }
    }
    s += payload;
    return s;
}

std::string sipMessage(const std::string &callId, std::size_t bodySize, const std::string &method)
{
    std::string body(bodySize, 'x');
    for (std::size_t i = 0; i < body.size(); i += 64)
    {
        body[i] = '\n';
    }
    return method +
           " sip:bob@example.net SIP/2.0\r\n"
           "Via: SIP/2.0/TCP 10.0.0.1:5060;branch=z9hG4bK-" +
           callId +
           "\r\n"
           "From: <sip:alice@example.net>;tag=a1\r\n"
           "To: <sip:bob@example.net>\r\n"
           "Call-ID: " +
           callId + "\r\nCSeq: 1 " + method +
           "\r\nMax-Forwards: 70\r\nContent-Type: text/plain\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n\r\n" + body;
}

std::string hep3(std::string_view sip)
{
    std::string chunks;
    auto chunk = [&](std::uint16_t type, std::string_view body) {
        put16(chunks, 0);
        put16(chunks, type);
        put16(chunks, static_cast<std::uint16_t>(body.size() + 6));
        chunks += body;
    };
    chunk(0x01, std::string_view("\x02", 1));
    chunk(0x02, std::string_view("\x11", 1));
    chunk(0x03, std::string_view("\x0a\x00\x00\x01", 4));
    chunk(0x04, std::string_view("\x0a\x00\x00\x02", 4));
    chunk(0x07, std::string_view("\x13\xc4", 2));
    chunk(0x08, std::string_view("\x13\xc4", 2));
    chunk(0x0b, std::string_view("\x01", 1));
    chunk(0x0f, sip);
    std::string s("HEP3");
    put16(s, static_cast<std::uint16_t>(chunks.size() + 6));
    return s + chunks;
}

} // namespace capturepackets
