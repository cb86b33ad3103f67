// SPDX-License-Identifier: GPL-3.0-or-later
#include "didcodec.h"

namespace calldeck::core
{

namespace
{

std::size_t writeReversedHex(std::uint32_t v, char *out)
{
    static constexpr char digits[] = "0123456789abcdef";
    std::size_t n = 0;
    do
    {
        out[n++] = digits[v & 0xF];
        v >>= 4;
    } while (v != 0);
    return n;
}

std::optional<std::uint32_t> readReversedHex(std::string_view s)
{
    if (s.empty() || s.size() > 8)
    {
        return std::nullopt;
    }
    std::uint32_t v = 0;
    for (std::size_t i = s.size(); i-- > 0;)
    {
        const char c = s[i];
        std::uint32_t d;
        if (c >= '0' && c <= '9')
        {
            d = static_cast<std::uint32_t>(c - '0');
        }
        else if (c >= 'a' && c <= 'f')
        {
            d = static_cast<std::uint32_t>(c - 'a' + 10);
        }
        else if (c >= 'A' && c <= 'F')
        {
            d = static_cast<std::uint32_t>(c - 'A' + 10);
        }
        else
        {
            return std::nullopt;
        }
        v = (v << 4) | d;
    }
    return v;
}

} // namespace

std::size_t DidCodec::encode(DialogId id, char *buf)
{
    std::size_t n = writeReversedHex(id.hEntry, buf);
    buf[n++] = '.';
    n += writeReversedHex(id.hId, buf + n);
    return n;
}

std::string DidCodec::encode(DialogId id)
{
    char buf[20];
    return std::string(buf, encode(id, buf));
}

std::optional<DialogId> DidCodec::decode(std::string_view cookie)
{
    const auto dot = cookie.find('.');
    if (dot == std::string_view::npos)
    {
        return std::nullopt;
    }
    const auto entry = readReversedHex(cookie.substr(0, dot));
    const auto id = readReversedHex(cookie.substr(dot + 1));
    if (!entry || !id)
    {
        return std::nullopt;
    }
    return DialogId{*entry, *id};
}

} // namespace calldeck::core
