// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/backend/hepencoder.h"

namespace calldeck::testsupport
{

namespace
{

std::string le32(std::uint32_t v)
{
    std::string out(4, '\0');
    for (int i = 0; i < 4; ++i)
    {
        out[static_cast<std::size_t>(i)] = static_cast<char>((v >> (8 * i)) & 0xFF);
    }
    return out;
}

std::string addressBytes(const core::Endpoint &e)
{
    return std::string(reinterpret_cast<const char *>(e.addr.data()), e.family == 6 ? 16 : 4);
}

std::uint8_t ipProtocol(core::Transport t)
{
    switch (t)
    {
    case core::Transport::Udp:
        return 17;
    case core::Transport::Tcp:
        return 6;
    case core::Transport::Sctp:
        return 132;
    default:
        return 22; // Kamailio's stand-in for TLS, WS and WSS
    }
}

} // namespace

std::string HepEncoder::be16(std::uint16_t v)
{
    return std::string{static_cast<char>(v >> 8), static_cast<char>(v & 0xFF)};
}

std::string HepEncoder::be32(std::uint32_t v)
{
    return be16(static_cast<std::uint16_t>(v >> 16)) + be16(static_cast<std::uint16_t>(v & 0xFFFF));
}

std::string HepEncoder::chunk(std::uint16_t vendor, std::uint16_t type, std::string_view body,
                              int lengthOverride)
{
    const auto length =
        static_cast<std::uint16_t>(lengthOverride >= 0 ? lengthOverride : static_cast<int>(body.size() + 6));
    std::string out = be16(vendor) + be16(type) + be16(length);
    out.append(body);
    return out;
}

std::string HepEncoder::message(std::string_view chunks, int lengthOverride)
{
    const auto length = static_cast<std::uint16_t>(lengthOverride >= 0 ? lengthOverride
                                                                       : static_cast<int>(chunks.size() + 6));
    std::string out = "HEP3" + be16(length);
    out.append(chunks);
    return out;
}

std::string HepEncoder::v3(const GeneratedMessage &m, const HepEncodeOptions &o)
{
    const bool v6 = m.meta.src.family == 6;
    const auto seconds = static_cast<std::uint32_t>(m.meta.timeUs / 1000000);
    const auto micros = static_cast<std::uint32_t>(m.meta.timeUs % 1000000);
    std::string c;
    c += chunk(0, 0x0001, std::string(1, static_cast<char>(v6 ? 10 : 2)));
    c += chunk(0, 0x0002, std::string(1, static_cast<char>(ipProtocol(m.meta.transport))));
    c += chunk(0, v6 ? 0x0005 : 0x0003, addressBytes(m.meta.src));
    c += chunk(0, v6 ? 0x0006 : 0x0004, addressBytes(m.meta.dst));
    c += chunk(0, 0x0007, be16(m.meta.src.port));
    c += chunk(0, 0x0008, be16(m.meta.dst.port));
    c += chunk(0, 0x0009, be32(seconds));
    c += chunk(0, 0x000a, be32(micros));
    c += chunk(0, 0x000b, std::string(1, '\x01'));
    c += chunk(0, 0x000c, be32(o.captureId));
    if (!o.correlationId.empty())
    {
        c += chunk(0, 0x0011, o.correlationId);
    }
    if (!o.authKey.empty())
    {
        c += chunk(0, 0x000e, o.authKey);
    }
    c += chunk(0, 0x000f, m.text);
    return message(c);
}

std::string HepEncoder::v2(const GeneratedMessage &m, std::uint16_t captureId)
{
    const bool v6 = m.meta.src.family == 6;
    std::string d;
    d += '\x02';
    d += static_cast<char>(v6 ? 8 + 32 + 12 : 8 + 8 + 12);
    d += static_cast<char>(v6 ? 10 : 2);
    d += static_cast<char>(ipProtocol(m.meta.transport));
    d += be16(m.meta.src.port) + be16(m.meta.dst.port);
    d += addressBytes(m.meta.src) + addressBytes(m.meta.dst);
    d += le32(static_cast<std::uint32_t>(m.meta.timeUs / 1000000));
    d += le32(static_cast<std::uint32_t>(m.meta.timeUs % 1000000));
    d += static_cast<char>(captureId & 0xFF);
    d += static_cast<char>(captureId >> 8);
    d += std::string(2, '\0'); // struct padding: the time header is 12 bytes in C
    d += m.text;
    return d;
}

} // namespace calldeck::testsupport
