// SPDX-License-Identifier: GPL-3.0-or-later
#include "capturedecoder.h"

#include "ipdecoder.h"
#include "linklayer.h"

namespace calldeck::core
{

namespace
{

constexpr std::uint8_t ProtoTcp = 6;
constexpr std::uint8_t ProtoUdp = 17;

inline std::uint16_t be16(const unsigned char *p)
{
    return static_cast<std::uint16_t>((p[0] << 8) | p[1]);
}

inline std::uint32_t be32(const unsigned char *p)
{
    return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) | p[3];
}

Endpoint endpoint(const IpPacket &ip, const std::array<std::uint8_t, 16> &addr, std::uint16_t port)
{
    Endpoint e;
    e.family = ip.version;
    e.port = port;
    e.addr = addr; // IPv4 packets leave bytes 4..15 zero, as Endpoint::ipv4 does
    return e;
}

} // namespace

CaptureDecoder::CaptureDecoder()
    : CaptureDecoder(Options{})
{}

CaptureDecoder::CaptureDecoder(Options options)
    : m_ip(options.ip)
    , m_tcp(options.tcp)
{}

bool CaptureDecoder::setLinkType(std::uint32_t linkType)
{
    if (!LinkLayer::supported(linkType))
    {
        return false;
    }
    m_linkType = linkType;
    return true;
}

void CaptureDecoder::decode(std::string_view frame, std::int64_t timeUs, const PayloadSink &sink)
{
    ++m_stats.frames;
    if (m_ip.pendingDatagrams() != 0)
    {
        m_ip.expire(timeUs);
    }
    if (m_tcp.flows() != 0)
    {
        m_tcp.expire(timeUs, sink);
    }
    std::string_view network;
    switch (LinkLayer::decode(m_linkType, frame, network))
    {
    case LinkResult::Ip:
        break;
    case LinkResult::Truncated:
        ++m_stats.truncated;
        return;
    case LinkResult::NotIp:
    case LinkResult::Unsupported:
        ++m_stats.notIp;
        return;
    }
    IpPacket ip;
    switch (IpDecoder::decode(network, ip))
    {
    case IpError::None:
        break;
    case IpError::Truncated:
        ++m_stats.truncated;
        return;
    case IpError::BadHeader:
        ++m_stats.malformed;
        return;
    }
    if (!ip.fragment)
    {
        transport(ip, ip.protocol, ip.payload, timeUs, sink);
        return;
    }
    if (ip.version == 4 && ip.protocol != ProtoUdp && ip.protocol != ProtoTcp)
    {
        ++m_stats.notUdpTcp; // not worth the memory of reassembling
        return;
    }
    ++m_stats.fragments;
    std::string_view datagram;
    std::uint8_t protocol = 0;
    if (m_ip.add(ip, timeUs, datagram, protocol) != IpReassembler::Outcome::Complete)
    {
        return;
    }
    ++m_stats.reassembled;
    if (ip.version == 6 && IpDecoder::skipIpv6Extensions(protocol, datagram) != IpError::None)
    {
        ++m_stats.malformed;
        return;
    }
    transport(ip, protocol, datagram, timeUs, sink);
}

void CaptureDecoder::transport(const IpPacket &ip, std::uint8_t protocol, std::string_view payload,
                               std::int64_t timeUs, const PayloadSink &sink)
{
    const auto *p = reinterpret_cast<const unsigned char *>(payload.data());
    if (protocol == ProtoUdp)
    {
        if (payload.size() < 8)
        {
            ++m_stats.truncated;
            return;
        }
        std::size_t length = be16(p + 4);
        if (length == 0 && ip.version == 6)
        {
            length = payload.size(); // jumbogram
        }
        if (length < 8)
        {
            ++m_stats.malformed;
            return;
        }
        if (length > payload.size())
        {
            ++m_stats.truncated;
            return;
        }
        PacketMeta meta;
        meta.timeUs = timeUs;
        meta.transport = Transport::Udp;
        meta.src = endpoint(ip, ip.src, be16(p));
        meta.dst = endpoint(ip, ip.dst, be16(p + 2));
        ++m_stats.udpPayloads;
        sink(payload.substr(8, length - 8), meta);
        return;
    }
    if (protocol == ProtoTcp)
    {
        if (payload.size() < 20)
        {
            ++m_stats.truncated;
            return;
        }
        const std::size_t headerLength = std::size_t(p[12] >> 4) * 4;
        if (headerLength < 20)
        {
            ++m_stats.malformed;
            return;
        }
        if (headerLength > payload.size())
        {
            ++m_stats.truncated;
            return;
        }
        TcpSegment segment;
        segment.meta.timeUs = timeUs;
        segment.meta.transport = Transport::Tcp;
        segment.meta.src = endpoint(ip, ip.src, be16(p));
        segment.meta.dst = endpoint(ip, ip.dst, be16(p + 2));
        segment.seq = be32(p + 4);
        segment.flags = p[13];
        segment.payload = payload.substr(headerLength);
        ++m_stats.tcpSegments;
        m_tcp.add(segment, sink);
        return;
    }
    ++m_stats.notUdpTcp;
}

void CaptureDecoder::finish(const PayloadSink &sink)
{
    m_tcp.flush(sink);
    m_ip.clear();
}

CaptureDecoder::Stats CaptureDecoder::stats() const
{
    Stats s = m_stats;
    s.tcpMessages = m_tcp.stats().messages;
    return s;
}

} // namespace calldeck::core
