// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "tests/support/siptrafficgenerator.h"

namespace calldeck::testsupport
{

/** @brief Optional parts of an encoded HEPv3 message. */
struct HepEncodeOptions
{
    std::uint32_t captureId = 2001;
    std::string authKey;       ///< chunk 0x000e when not empty
    std::string correlationId; ///< chunk 0x0011 when not empty
};

/**
 * @brief Encodes generated SIP messages as mirror senders do, for tests and benchmarks:
 * HEPv3 in Kamailio siptrace's chunk order (anchors-and-hep.md §2.4), HEPv2 with Kamailio's
 * little-endian time fields (§2.7), and the building blocks to craft broken packets.
 */
class HepEncoder
{
public:
    /** @brief HEPv3: chunks 1, 2, 3/4 (or 5/6), 7, 8, 9, 10, 11, 12, [17], [14], 15. */
    static std::string v3(const GeneratedMessage &message, const HepEncodeOptions &options);
    static std::string v3(const GeneratedMessage &message) { return v3(message, HepEncodeOptions{}); }
    /** @brief HEPv2 (IPv4 or IPv6), header length counting the 12-byte time header. */
    static std::string v2(const GeneratedMessage &message, std::uint16_t captureId = 2001);
    /** @brief One HEPv3 chunk; @p lengthOverride replaces the length field (for broken chunks). */
    static std::string chunk(std::uint16_t vendor, std::uint16_t type, std::string_view body,
                             int lengthOverride = -1);
    /** @brief "HEP3" + total length + chunks; @p lengthOverride replaces the length field. */
    static std::string message(std::string_view chunks, int lengthOverride = -1);
    static std::string be16(std::uint16_t v);
    static std::string be32(std::uint32_t v);
};

} // namespace calldeck::testsupport
