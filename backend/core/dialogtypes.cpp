// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogtypes.h"

#include <cstring>

namespace calldeck::core
{

std::string_view transportName(Transport t)
{
    switch (t)
    {
    case Transport::Udp:
        return "udp";
    case Transport::Tcp:
        return "tcp";
    case Transport::Tls:
        return "tls";
    case Transport::Sctp:
        return "sctp";
    case Transport::Ws:
        return "ws";
    case Transport::Wss:
        return "wss";
    }
    return "udp";
}

Endpoint Endpoint::ipv4(std::uint32_t a, std::uint16_t port)
{
    Endpoint e;
    e.family = 4;
    e.port = port;
    e.addr[0] = static_cast<std::uint8_t>(a >> 24);
    e.addr[1] = static_cast<std::uint8_t>(a >> 16);
    e.addr[2] = static_cast<std::uint8_t>(a >> 8);
    e.addr[3] = static_cast<std::uint8_t>(a);
    return e;
}

Endpoint Endpoint::ipv6(const std::uint8_t bytes[16], std::uint16_t port)
{
    Endpoint e;
    e.family = 6;
    e.port = port;
    std::memcpy(e.addr.data(), bytes, 16);
    return e;
}

std::string Endpoint::addressText() const
{
    std::string out;
    if (family == 4)
    {
        for (int i = 0; i < 4; ++i)
        {
            if (i)
            {
                out += '.';
            }
            out += std::to_string(addr[static_cast<std::size_t>(i)]);
        }
        return out;
    }
    if (family != 6)
    {
        return out;
    }
    std::uint16_t w[8];
    for (int i = 0; i < 8; ++i)
    {
        w[i] = static_cast<std::uint16_t>((addr[static_cast<std::size_t>(2 * i)] << 8) |
                                          addr[static_cast<std::size_t>(2 * i + 1)]);
    }
    // RFC 5952: compress the longest run (≥ 2) of zero words, the first one on a tie.
    int bestStart = -1, bestLen = 0;
    for (int i = 0; i < 8;)
    {
        if (w[i] != 0)
        {
            ++i;
            continue;
        }
        int j = i;
        while (j < 8 && w[j] == 0)
        {
            ++j;
        }
        if (j - i > bestLen && j - i >= 2)
        {
            bestStart = i;
            bestLen = j - i;
        }
        i = j;
    }
    static constexpr char hex[] = "0123456789abcdef";
    for (int i = 0; i < 8; ++i)
    {
        if (i == bestStart)
        {
            out += "::";
            i += bestLen - 1;
            continue;
        }
        if (!out.empty() && out.back() != ':')
        {
            out += ':';
        }
        bool started = false;
        for (int s = 12; s >= 0; s -= 4)
        {
            const int d = (w[i] >> s) & 0xF;
            if (d || started || s == 0)
            {
                out += hex[d];
                started = true;
            }
        }
    }
    return out;
}

} // namespace calldeck::core
