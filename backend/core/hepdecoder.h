// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dialogtypes.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace calldeck::core
{

/** @brief What a mirror packet is, judged from its first bytes. */
enum class MirrorPacketKind : std::uint8_t
{
    Hep3,
    Hep2,
    Hep1,
    RawSip,
    Unknown,
};

/** @brief Why a HEP packet was dropped. Values are stable (counted per code). */
enum class HepError : std::uint8_t
{
    None = 0,
    NotHep,         ///< no HEP magic/version
    Truncated,      ///< shorter than its header or its total length
    BadLength,      ///< total length < 6, or not equal to the datagram size
    BadChunkLength, ///< a chunk length < 6 or past the end of the message
    BadChunkSize,   ///< a known chunk with the wrong body size (e.g. a 3-byte IPv4 address)
    MissingPayload, ///< no payload chunk (0x000f or 0x0010)
    BadAddress,     ///< v1/v2: unknown address family or header length
};

std::string_view hepErrorName(HepError error);

/**
 * @brief A decoded HEP message: metadata and views into the datagram (which must outlive it).
 */
struct HepPacket
{
    std::uint8_t version = 0;        ///< 1, 2 or 3
    PacketMeta meta;                 ///< capture time, transport, addresses, capture node id
    std::uint8_t ipProtocol = 0;     ///< 17 UDP, 6 TCP, 132 SCTP, 22 Kamailio's TLS/WS stand-in
    std::uint8_t payloadType = 0;    ///< 1 = SIP (chunk 0x000b); 0 when absent (v1/v2: assumed SIP)
    std::string_view payload;        ///< the captured message
    bool compressed = false;         ///< payload came from chunk 0x0010 (gzip/deflate) and needs inflating
    std::string_view authKey;        ///< chunk 0x000e
    std::string_view correlationId;  ///< chunk 0x0011
    std::string_view nodeName;       ///< chunk 0x0013
    std::uint16_t vlan = 0;          ///< chunk 0x0012
    std::uint32_t skippedChunks = 0; ///< unknown types and vendor chunks, skipped by length
};

/**
 * @brief Decodes HEPv1/v2/v3 (sipcapture HEP3 rev. 37, Kamailio siptrace, heplify, sngrep).
 *
 * Bounds-checked throughout; chunks in any order, duplicates allowed (last wins), unknown
 * chunks and non-zero vendors skipped. On a datagram the HEPv3 total length must equal the
 * datagram size. Family is inferred from the address chunks present (senders write their
 * host's AF_INET6 value). HEPv2 time fields are read in both byte orders and the one closer
 * to `nowUs` wins (Kamailio writes them little-endian, heplify-server reads big-endian).
 */
class HepDecoder
{
public:
    static MirrorPacketKind classify(std::string_view data);
    static HepError decode(std::string_view datagram, HepPacket &out, std::int64_t nowUs);
    /**
     * @brief Length of the first HEPv3 message in a TCP stream: >0 complete, 0 need more bytes;
     * `error` is set when the stream cannot be framed (bad magic, length < 6).
     */
    static std::size_t frameLength(std::string_view stream, HepError &error);
};

} // namespace calldeck::core
