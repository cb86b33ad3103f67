// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonscanner.h"

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cstring>
#include <system_error>

namespace calldeck::core
{

namespace
{

constexpr auto WhitespaceTable = [] {
    std::array<bool, 256> t{};
    t[' '] = t['\t'] = t['\n'] = t['\r'] = true;
    return t;
}();

constexpr std::uint64_t Ones = 0x0101010101010101ull;
constexpr std::uint64_t Highs = 0x8080808080808080ull;

/** The high bit of each byte of @p w that is not zero, exactly (no borrow between bytes). */
inline std::uint64_t nonZero(std::uint64_t w)
{
    constexpr std::uint64_t Lows = 0x7F7F7F7F7F7F7F7Full;
    return (((w & Lows) + Lows) | w) & Highs;
}

std::string describe(char c)
{
    const auto u = static_cast<unsigned char>(c);
    if (u > 0x20 && u < 0x7F)
    {
        return std::string{'\'', c, '\''};
    }
    static constexpr char Hex[] = "0123456789abcdef";
    return std::string("byte 0x") + Hex[u >> 4] + Hex[u & 0xF];
}

} // namespace

JsonScanner::JsonScanner(std::string_view text, std::size_t maxDepth)
    : m_maxDepth(std::clamp<std::size_t>(maxDepth, 1, 256))
{
    reset(text);
}

void JsonScanner::reset(std::string_view text)
{
    m_begin = text.data();
    m_p = m_begin;
    m_end = m_begin + text.size();
    m_depth = 0;
    std::fill(std::begin(m_objectBits), std::end(m_objectBits), 0);
    m_state = State::Value;
    m_isKey = false;
    m_tokenStart = 0;
    m_string = {};
    m_numberText = {};
    m_number = 0;
    m_error.clear();
    m_errorOffset = 0;
}

JsonScanner::Token JsonScanner::fail(std::size_t offset, std::string_view reason, std::string_view detail,
                                     std::string_view suffix)
{
    if (m_state != State::Failed)
    {
        m_state = State::Failed;
        m_errorOffset = offset;
        m_error.assign(reason)
            .append(detail)
            .append(suffix)
            .append(" at byte ")
            .append(std::to_string(offset));
    }
    return Token::Error;
}

JsonScanner::Token JsonScanner::failChar(std::size_t offset, std::string_view prefix, std::string_view suffix)
{
    if (m_begin + offset >= m_end)
    {
        return fail(offset, "unexpected end of input");
    }
    return fail(offset, prefix, describe(m_begin[offset]), suffix);
}

JsonScanner::Token JsonScanner::failDepth(std::size_t offset)
{
    return fail(offset, "nesting deeper than ", std::to_string(m_maxDepth));
}

inline void JsonScanner::skipWhitespace()
{
    const char *p = m_p;
    if (p<m_end &&static_cast<unsigned char>(*p)> ' ')
    {
        return; // no whitespace at all: the common case after a key or a value
    }
    if constexpr (std::endian::native == std::endian::little)
    {
        // Kamailio's pretty print puts "\n\t\t\t" before every key: skip 8 bytes at a time.
        while (m_end - p >= 8)
        {
            std::uint64_t w;
            std::memcpy(&w, p, 8);
            const std::uint64_t other = nonZero(w ^ (Ones * ' ')) & nonZero(w ^ (Ones * '\t')) &
                                        nonZero(w ^ (Ones * '\n')) & nonZero(w ^ (Ones * '\r'));
            if (other != 0)
            {
                m_p = p + std::countr_zero(other) / 8;
                return;
            }
            p += 8;
        }
    }
    while (p < m_end && WhitespaceTable[static_cast<unsigned char>(*p)])
    {
        ++p;
    }
    m_p = p;
}

JsonScanner::Token JsonScanner::next()
{
    m_isKey = false;
    switch (m_state)
    {
    case State::Failed:
        return Token::Error;
    case State::Done:
        skipWhitespace();
        m_tokenStart = static_cast<std::size_t>(m_p - m_begin);
        if (m_p == m_end)
        {
            return Token::End;
        }
        return failChar(m_tokenStart, "unexpected ", " after the JSON value");
    case State::AfterValue:
    {
        skipWhitespace();
        const std::size_t at = static_cast<std::size_t>(m_p - m_begin);
        const bool inObject = (m_objectBits[(m_depth - 1) / 64] >> ((m_depth - 1) % 64)) & 1;
        if (m_p < m_end && *m_p == ',')
        {
            ++m_p;
            if (inObject)
            {
                return key();
            }
            m_state = State::Value;
            return value();
        }
        if (m_p < m_end && *m_p == (inObject ? '}' : ']'))
        {
            return closeContainer(inObject, at);
        }
        return failChar(at, "unexpected ", inObject ? ", expected ',' or '}'" : ", expected ',' or ']'");
    }
    case State::KeyOrEndObject:
        skipWhitespace();
        if (m_p < m_end && *m_p == '}')
        {
            return closeContainer(true, static_cast<std::size_t>(m_p - m_begin));
        }
        return key();
    case State::Key:
        return key();
    case State::ValueOrEndArray:
        skipWhitespace();
        if (m_p < m_end && *m_p == ']')
        {
            return closeContainer(false, static_cast<std::size_t>(m_p - m_begin));
        }
        return value();
    case State::Value:
        return value();
    }
    return Token::Error;
}

JsonScanner::Token JsonScanner::closeContainer(bool object, std::size_t at)
{
    m_tokenStart = at;
    ++m_p;
    --m_depth;
    return completeValue(object ? Token::EndObject : Token::EndArray);
}

inline JsonScanner::Token JsonScanner::completeValue(Token t)
{
    m_state = m_depth == 0 ? State::Done : State::AfterValue;
    return t;
}

JsonScanner::Token JsonScanner::key()
{
    skipWhitespace();
    m_tokenStart = static_cast<std::size_t>(m_p - m_begin);
    if (m_p >= m_end || *m_p != '"')
    {
        return failChar(m_tokenStart, "unexpected ", ", expected a key string");
    }
    if (!scanString())
    {
        return Token::Error;
    }
    skipWhitespace();
    if (m_p >= m_end || *m_p != ':')
    {
        return failChar(static_cast<std::size_t>(m_p - m_begin), "unexpected ", ", expected ':'");
    }
    ++m_p;
    m_state = State::Value;
    m_isKey = true;
    return Token::String;
}

JsonScanner::Token JsonScanner::value()
{
    skipWhitespace();
    m_tokenStart = static_cast<std::size_t>(m_p - m_begin);
    if (m_p >= m_end)
    {
        return fail(m_tokenStart, "unexpected end of input");
    }
    switch (*m_p)
    {
    case '"':
        if (!scanString())
        {
            return Token::Error;
        }
        return completeValue(Token::String);
    case '{':
    case '[':
    {
        if (m_depth >= m_maxDepth)
        {
            return failDepth(m_tokenStart);
        }
        const bool object = *m_p == '{';
        const std::uint64_t bit = 1ull << (m_depth % 64);
        if (object)
        {
            m_objectBits[m_depth / 64] |= bit;
        }
        else
        {
            m_objectBits[m_depth / 64] &= ~bit;
        }
        ++m_depth;
        ++m_p;
        m_state = object ? State::KeyOrEndObject : State::ValueOrEndArray;
        return object ? Token::BeginObject : Token::BeginArray;
    }
    case 't':
        return scanLiteral("true", Token::True);
    case 'f':
        return scanLiteral("false", Token::False);
    case 'n':
        return scanLiteral("null", Token::Null);
    default:
        if (*m_p == '-' || (*m_p >= '0' && *m_p <= '9'))
        {
            return scanNumber();
        }
        return failChar(m_tokenStart, "unexpected ", "");
    }
}

JsonScanner::Token JsonScanner::scanLiteral(std::string_view word, Token t)
{
    if (static_cast<std::size_t>(m_end - m_p) < word.size() ||
        std::memcmp(m_p, word.data(), word.size()) != 0)
    {
        return fail(m_tokenStart, "invalid literal, expected '", word, "'");
    }
    m_p += word.size();
    return completeValue(t);
}

JsonScanner::Token JsonScanner::scanNumber()
{
    const char *start = m_p;
    const char *p = m_p;
    if (*p == '-')
    {
        ++p;
    }
    const auto digitAt = [this](const char *q) { return q < m_end && *q >= '0' && *q <= '9'; };
    if (!digitAt(p))
    {
        return fail(static_cast<std::size_t>(p - m_begin), "invalid number: a digit must follow '-'");
    }
    bool simple = true;
    std::uint64_t mantissa = 0;
    const char *intStart = p;
    if (*p == '0')
    {
        ++p;
    }
    else
    {
        while (digitAt(p))
        {
            mantissa = mantissa * 10 + static_cast<std::uint64_t>(*p - '0');
            ++p;
            if (p - intStart > 15)
            {
                simple = false;
            }
        }
    }
    if (p < m_end && *p == '.')
    {
        simple = false;
        ++p;
        if (!digitAt(p))
        {
            return fail(static_cast<std::size_t>(p - m_begin), "invalid number: a digit must follow '.'");
        }
        while (digitAt(p))
        {
            ++p;
        }
    }
    if (p < m_end && (*p == 'e' || *p == 'E'))
    {
        simple = false;
        ++p;
        if (p < m_end && (*p == '+' || *p == '-'))
        {
            ++p;
        }
        if (!digitAt(p))
        {
            return fail(static_cast<std::size_t>(p - m_begin),
                        "invalid number: a digit must follow the exponent");
        }
        while (digitAt(p))
        {
            ++p;
        }
    }
    m_numberText = std::string_view(start, static_cast<std::size_t>(p - start));
    if (simple)
    {
        m_number = static_cast<double>(mantissa);
        if (*start == '-')
        {
            m_number = -m_number;
        }
    }
    else
    {
        double d = 0;
        const auto [end, ec] = std::from_chars(start, p, d);
        if (ec != std::errc() || end != p)
        {
            return fail(m_tokenStart, "number ", m_numberText.substr(0, 40), " out of range");
        }
        m_number = d;
    }
    m_p = p;
    return completeValue(Token::Number);
}

std::string_view JsonScanner::valueTypeName(Token t)
{
    switch (t)
    {
    case Token::BeginObject:
        return "an object";
    case Token::BeginArray:
        return "an array";
    case Token::String:
        return "a string";
    case Token::Number:
        return "a number";
    case Token::True:
    case Token::False:
        return "a boolean";
    case Token::Null:
        return "null";
    case Token::EndObject:
    case Token::EndArray:
    case Token::End:
    case Token::Error:
        break;
    }
    return "missing";
}

bool JsonScanner::skipContainer()
{
    if (m_state != State::KeyOrEndObject && m_state != State::ValueOrEndArray)
    {
        return m_state != State::Failed;
    }
    const std::size_t target = m_depth;
    while (m_depth >= target)
    {
        if (next() == Token::Error)
        {
            return false;
        }
    }
    return true;
}

} // namespace calldeck::core
