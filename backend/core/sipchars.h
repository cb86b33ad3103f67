// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to the SIP parser (sipparser.cpp, sipparserframing.cpp, sipheaders.cpp): character
// classes of RFC 3261 §25.1 and a bounded number reader. Not part of the core's public API.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace calldeck::core::sipchars
{

constexpr std::array<bool, 256> makeTokenTable()
{
    std::array<bool, 256> table{};
    for (int c = '0'; c <= '9'; ++c)
    {
        table[static_cast<std::size_t>(c)] = true;
    }
    for (int c = 'a'; c <= 'z'; ++c)
    {
        table[static_cast<std::size_t>(c)] = true;
        table[static_cast<std::size_t>(c - 'a' + 'A')] = true;
    }
    for (const char c : std::string_view("-.!%*_+`'~"))
    {
        table[static_cast<unsigned char>(c)] = true;
    }
    return table;
}

/** RFC 3261 token characters (method names, header names, parameter names). */
inline constexpr std::array<bool, 256> kTokenChar = makeTokenTable();

inline bool isToken(char c)
{
    return kTokenChar[static_cast<unsigned char>(c)];
}

/** SP or HT. */
inline bool isWsp(char c)
{
    return c == ' ' || c == '\t';
}

/** SP, HT, CR or LF: white space inside a possibly folded header value. */
inline bool isLws(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

inline bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

inline char lowerAscii(char c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c;
}

/** Decimal digits only (leading zeros allowed, no sign, no white space) that fit 32 bits. */
inline bool parseU32(std::string_view text, std::uint32_t &value)
{
    if (text.empty())
    {
        return false;
    }
    std::uint64_t v = 0;
    for (const char c : text)
    {
        if (!isDigit(c))
        {
            return false;
        }
        v = v * 10 + static_cast<unsigned>(c - '0');
        if (v > 0xFFFFFFFFULL)
        {
            return false;
        }
    }
    value = static_cast<std::uint32_t>(v);
    return true;
}

} // namespace calldeck::core::sipchars
