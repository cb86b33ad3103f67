// SPDX-License-Identifier: GPL-3.0-or-later
#include "mirrordecoder.h"

namespace calldeck::core
{

std::string_view mirrorDropName(MirrorDrop drop)
{
    switch (drop)
    {
    case MirrorDrop::None:
        return "none";
    case MirrorDrop::Unknown:
        return "unknown";
    case MirrorDrop::HepMalformed:
        return "hep-malformed";
    case MirrorDrop::AuthFailed:
        return "auth-failed";
    case MirrorDrop::NotSip:
        return "not-sip";
    case MirrorDrop::Compressed:
        return "compressed";
    }
    return "unknown";
}

MirrorDecoder::MirrorDecoder(std::string key)
    : m_key(std::move(key))
{}

bool MirrorDecoder::keyMatches(std::string_view key) const
{
    // Constant time in the key's length: no early exit on the first differing byte.
    unsigned diff = static_cast<unsigned>(key.size() ^ m_key.size());
    for (std::size_t i = 0; i < m_key.size(); ++i)
    {
        const char c = i < key.size() ? key[i] : '\0';
        diff |= static_cast<unsigned>(static_cast<unsigned char>(c) ^ static_cast<unsigned char>(m_key[i]));
    }
    return diff == 0;
}

MirrorMessage MirrorDecoder::decode(std::string_view datagram, const PacketMeta &arrival) const
{
    MirrorMessage out;
    out.kind = HepDecoder::classify(datagram);
    out.meta = arrival;
    if (out.kind == MirrorPacketKind::Unknown)
    {
        out.drop = MirrorDrop::Unknown;
        return out;
    }
    if (out.kind == MirrorPacketKind::RawSip)
    {
        if (requiresKey())
        {
            out.drop = MirrorDrop::AuthFailed;
            return out;
        }
        out.sip = datagram;
        return out;
    }
    HepPacket hep;
    out.hepError = HepDecoder::decode(datagram, hep, arrival.timeUs);
    if (out.hepError != HepError::None)
    {
        out.drop = MirrorDrop::HepMalformed;
        return out;
    }
    if (requiresKey() && (hep.version != 3 || !keyMatches(hep.authKey)))
    {
        out.drop = MirrorDrop::AuthFailed;
        return out;
    }
    if (hep.payloadType != 0 && hep.payloadType != 1)
    {
        out.drop = MirrorDrop::NotSip;
        return out;
    }
    out.meta = hep.meta;
    if (out.meta.timeUs == 0)
    {
        out.meta.timeUs = arrival.timeUs; // senders that leave the time chunks empty
    }
    out.nodeName = hep.nodeName;
    out.correlationId = hep.correlationId;
    out.sip = hep.payload;
    if (hep.compressed)
    {
        out.drop = MirrorDrop::Compressed;
    }
    return out;
}

} // namespace calldeck::core
