// SPDX-License-Identifier: GPL-3.0-or-later
// JsonScanner, part two: strings (the word-at-a-time scan, UTF-8 checks, escapes).
#include "jsonscanner.h"

#include <bit>
#include <cstring>

namespace calldeck::core
{

namespace
{

constexpr std::uint64_t Ones = 0x0101010101010101ull;
constexpr std::uint64_t Highs = 0x8080808080808080ull;

/** The high bit of each byte of @p w that is a quote, a backslash, a control character or ≥ 0x80;
 *  the lowest set bit marks the first such byte exactly (the borrows only run upwards). */
inline std::uint64_t attention(std::uint64_t w)
{
    const std::uint64_t quote = w ^ (Ones * '"');
    const std::uint64_t slash = w ^ (Ones * '\\');
    const std::uint64_t zeroQuote = (quote - Ones) & ~quote;
    const std::uint64_t zeroSlash = (slash - Ones) & ~slash;
    const std::uint64_t control = (w - Ones * 0x20) & ~w;
    return (zeroQuote | zeroSlash | control | w) & Highs;
}

inline int hexValue(char c)
{
    if (c >= '0' && c <= '9')
    {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f')
    {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F')
    {
        return c - 'A' + 10;
    }
    return -1;
}

/** Length of the valid UTF-8 sequence at @p p (lead byte ≥ 0x80), 0 when invalid. */
std::size_t utf8Length(const unsigned char *p, const unsigned char *end)
{
    const unsigned char c = p[0];
    std::size_t n = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF)
    {
        n = 2;
    }
    else if (c >= 0xE0 && c <= 0xEF)
    {
        n = 3;
        lo = c == 0xE0 ? 0xA0 : 0x80;
        hi = c == 0xED ? 0x9F : 0xBF;
    }
    else if (c >= 0xF0 && c <= 0xF4)
    {
        n = 4;
        lo = c == 0xF0 ? 0x90 : 0x80;
        hi = c == 0xF4 ? 0x8F : 0xBF;
    }
    else
    {
        return 0;
    }
    if (static_cast<std::size_t>(end - p) < n || p[1] < lo || p[1] > hi)
    {
        return 0;
    }
    for (std::size_t i = 2; i < n; ++i)
    {
        if ((p[i] & 0xC0) != 0x80)
        {
            return 0;
        }
    }
    return n;
}

void appendUtf8(std::string &out, std::uint32_t cp)
{
    if (cp < 0x80)
    {
        out.push_back(static_cast<char>(cp));
    }
    else if (cp < 0x800)
    {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
    else if (cp < 0x10000)
    {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
    else
    {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

} // namespace

bool JsonScanner::scanString()
{
    const char *p = m_p + 1;
    const char *start = p;
    for (;;)
    {
        while (m_end - p >= 8)
        {
            std::uint64_t w;
            std::memcpy(&w, p, 8);
            if (const std::uint64_t a = attention(w); a != 0)
            {
                if constexpr (std::endian::native == std::endian::little)
                {
                    p += std::countr_zero(a) / 8; // the lowest byte comes first
                }
                break;
            }
            p += 8;
        }
        if (p >= m_end)
        {
            fail(static_cast<std::size_t>(m_end - m_begin), "unexpected end of input in a string");
            return false;
        }
        const auto c = static_cast<unsigned char>(*p);
        if (c == '"')
        {
            m_string = std::string_view(start, static_cast<std::size_t>(p - start));
            m_p = p + 1;
            return true;
        }
        if (c == '\\')
        {
            m_buffer.assign(start, p);
            return decodeEscapes(p);
        }
        if (c < 0x20)
        {
            failChar(static_cast<std::size_t>(p - m_begin), "control character ", " in a string");
            return false;
        }
        if (c >= 0x80)
        {
            const std::size_t n = utf8Length(reinterpret_cast<const unsigned char *>(p),
                                             reinterpret_cast<const unsigned char *>(m_end));
            if (n == 0)
            {
                fail(static_cast<std::size_t>(p - m_begin), "invalid UTF-8 in a string");
                return false;
            }
            p += n;
            continue;
        }
        ++p;
    }
}

bool JsonScanner::decodeEscapes(const char *p)
{
    // p is at a backslash; m_buffer holds the decoded text before it.
    while (p < m_end)
    {
        const auto c = static_cast<unsigned char>(*p);
        if (c == '"')
        {
            m_string = m_buffer;
            m_p = p + 1;
            return true;
        }
        if (c < 0x20)
        {
            failChar(static_cast<std::size_t>(p - m_begin), "control character ", " in a string");
            return false;
        }
        if (c >= 0x80)
        {
            const std::size_t n = utf8Length(reinterpret_cast<const unsigned char *>(p),
                                             reinterpret_cast<const unsigned char *>(m_end));
            if (n == 0)
            {
                fail(static_cast<std::size_t>(p - m_begin), "invalid UTF-8 in a string");
                return false;
            }
            m_buffer.append(p, n);
            p += n;
            continue;
        }
        if (c != '\\')
        {
            m_buffer.push_back(static_cast<char>(c));
            ++p;
            continue;
        }
        const auto at = static_cast<std::size_t>(p - m_begin);
        if (m_end - p < 2)
        {
            fail(at, "unexpected end of input in a string");
            return false;
        }
        const char e = p[1];
        p += 2;
        switch (e)
        {
        case '"':
        case '\\':
        case '/':
            m_buffer.push_back(e);
            continue;
        case 'b':
            m_buffer.push_back('\b');
            continue;
        case 'f':
            m_buffer.push_back('\f');
            continue;
        case 'n':
            m_buffer.push_back('\n');
            continue;
        case 'r':
            m_buffer.push_back('\r');
            continue;
        case 't':
            m_buffer.push_back('\t');
            continue;
        case 'u':
            break;
        default:
            fail(at, "invalid escape '\\", std::string_view(&e, 1), "' in a string");
            return false;
        }
        const auto hex4 = [this](const char *q, std::uint32_t &out) {
            if (m_end - q < 4)
            {
                return false;
            }
            out = 0;
            for (int i = 0; i < 4; ++i)
            {
                const int v = hexValue(q[i]);
                if (v < 0)
                {
                    return false;
                }
                out = out << 4 | static_cast<std::uint32_t>(v);
            }
            return true;
        };
        std::uint32_t cp = 0;
        if (!hex4(p, cp))
        {
            fail(at, "invalid \\u escape in a string");
            return false;
        }
        p += 4;
        if (cp >= 0xDC00 && cp <= 0xDFFF)
        {
            fail(at, "lone low surrogate in a \\u escape");
            return false;
        }
        if (cp >= 0xD800 && cp <= 0xDBFF)
        {
            std::uint32_t low = 0;
            if (m_end - p < 6 || p[0] != '\\' || p[1] != 'u' || !hex4(p + 2, low) || low < 0xDC00 ||
                low > 0xDFFF)
            {
                fail(at, "lone high surrogate in a \\u escape");
                return false;
            }
            p += 6;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        appendUtf8(m_buffer, cp);
    }
    fail(static_cast<std::size_t>(m_end - m_begin), "unexpected end of input in a string");
    return false;
}

} // namespace calldeck::core
