// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "hepdecoder.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace calldeck::core
{

/** @brief Why a mirror packet carried no usable SIP message. Values are stable. */
enum class MirrorDrop : std::uint8_t
{
    None = 0,
    Unknown,      ///< neither HEP nor SIP text
    HepMalformed, ///< a HEP error (see HepPacket / HepError)
    AuthFailed,   ///< HEPv3 without the configured key (or a wrong one)
    NotSip,       ///< HEP payload of another protocol (RTCP, logs, ...)
    Compressed,   ///< payload chunk 0x0010: the layer above inflates it and decodes again
};

std::string_view mirrorDropName(MirrorDrop drop);

/** @brief A mirror packet reduced to what the dialog core needs. */
struct MirrorMessage
{
    MirrorDrop drop = MirrorDrop::None;
    HepError hepError = HepError::None;
    MirrorPacketKind kind = MirrorPacketKind::Unknown;
    std::string_view sip;      ///< the SIP message (a view into the datagram)
    PacketMeta meta;           ///< from HEP, or the datagram's own addresses and arrival time
    std::string_view nodeName; ///< HEP capture agent name, if any
    std::string_view correlationId;
};

/**
 * @brief Turns one mirror datagram (HEPv1/v2/v3 or raw SIP) into a SIP message and its metadata,
 * enforcing the optional HEPv3 shared key (`--hep-key`) with a constant-time comparison.
 * With a key set, HEPv1/v2 (which cannot carry one) and raw SIP are refused as AuthFailed.
 */
class MirrorDecoder
{
public:
    explicit MirrorDecoder(std::string key = {});
    void setKey(std::string key) { m_key = std::move(key); }
    bool requiresKey() const { return !m_key.empty(); }

    /**
     * @param datagram the packet as received
     * @param arrival where it came from and when (used for raw SIP, and as "now" for HEPv2 time)
     */
    MirrorMessage decode(std::string_view datagram, const PacketMeta &arrival) const;

private:
    bool keyMatches(std::string_view key) const;
    std::string m_key;
};

} // namespace calldeck::core
