// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

/// Builders for the packets of the capture tests: link-layer frames, IPv4/IPv6 headers (with
/// extension headers and fragments), UDP and TCP. Byte-exact and deliberately simple.
namespace capturepackets
{

using Ipv6Address = std::array<std::uint8_t, 16>;

constexpr std::uint8_t Udp = 17;
constexpr std::uint8_t Tcp = 6;
constexpr std::uint8_t Fin = 0x01;
constexpr std::uint8_t Syn = 0x02;
constexpr std::uint8_t Rst = 0x04;
constexpr std::uint8_t Ack = 0x10;

std::string udp(std::uint16_t srcPort, std::uint16_t dstPort, std::string_view payload);
std::string tcp(std::uint16_t srcPort, std::uint16_t dstPort, std::uint32_t seq, std::uint8_t flags,
                std::string_view payload);

/// An IPv4 header (20 bytes, or 24 with one NOP option block) around @p payload.
std::string ipv4(std::uint32_t src, std::uint32_t dst, std::uint8_t protocol, std::string_view payload,
                 std::uint16_t id = 1, std::uint32_t fragmentOffset = 0, bool moreFragments = false,
                 bool withOptions = false);
/// IPv4 fragments of a transport payload, @p chunk bytes each (a multiple of 8).
std::vector<std::string> ipv4Fragments(std::uint32_t src, std::uint32_t dst, std::uint8_t protocol,
                                       std::string_view transport, std::size_t chunk, std::uint16_t id);

Ipv6Address ipv6Address(std::uint16_t last);
/// An IPv6 header; @p payload starts with whatever @p nextHeader names.
std::string ipv6(const Ipv6Address &src, const Ipv6Address &dst, std::uint8_t nextHeader,
                 std::string_view payload);
/// A hop-by-hop (0), routing (43) or destination-options (60) header of 8 bytes.
std::string ipv6Extension(std::uint8_t nextHeader, std::uint8_t type = 0);
std::string ipv6FragmentHeader(std::uint8_t nextHeader, std::uint32_t offset, bool more, std::uint32_t id);
/// IPv6 fragments of @p fragmentable (what follows the fragment header), @p chunk bytes each.
std::vector<std::string> ipv6Fragments(const Ipv6Address &src, const Ipv6Address &dst,
                                       std::uint8_t nextHeader, std::string_view fragmentable,
                                       std::size_t chunk, std::uint32_t id);

std::string ethernet(std::uint16_t etherType, std::string_view payload,
                     const std::vector<std::uint16_t> &tags = {});
std::string linuxSll(std::uint16_t protocol, std::string_view payload);
std::string linuxSll2(std::uint16_t protocol, std::string_view payload);
std::string loopback(std::uint32_t family, bool bigEndian, std::string_view payload);

/// A SIP request of about @p size bytes with a Content-Length body (for framing tests).
std::string sipMessage(const std::string &callId, std::size_t bodySize = 0,
                       const std::string &method = "OPTIONS");
/// A HEPv3 datagram around @p sip (10.0.0.1:5060 → 10.0.0.2:5060).
std::string hep3(std::string_view sip);

} // namespace capturepackets
