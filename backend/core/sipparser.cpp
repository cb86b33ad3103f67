// SPDX-License-Identifier: GPL-3.0-or-later
#include "sipparser.h"

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "sipchars.h"
#include "sipheaders.h"

namespace calldeck::core
{

namespace
{

using sipchars::isDigit;
using sipchars::isToken;
using sipchars::isWsp;
using sipchars::parseU32;

constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
constexpr std::uint64_t kHighs = 0x8080808080808080ULL;

/**
 * First byte in [p, end) that is a control character (below 0x20, or DEL): CR, LF, HT or a
 * forbidden one; `end` if there is none. Eight bytes per step (SWAR): a word holds such a byte
 * exactly when the "has a byte less than 0x20" or "has a byte equal to 0x7F" test fires, and
 * the lowest flagged byte is the first such byte, since borrows only run upwards.
 */
const char *findControl(const char *p, const char *end)
{
#if defined(__SSE2__)
    // The same test sixteen bytes at a time: v <= 0x1F (unsigned) or v == 0x7F.
    const __m128i max = _mm_set1_epi8(0x1F);
    const __m128i del = _mm_set1_epi8(0x7F);
    while (end - p >= 16)
    {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        const __m128i hit = _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(v, max), v), _mm_cmpeq_epi8(v, del));
        const int mask = _mm_movemask_epi8(hit);
        if (mask != 0)
        {
            return p + std::countr_zero(static_cast<unsigned>(mask));
        }
        p += 16;
    }
#endif
    while (end - p >= 8)
    {
        std::uint64_t word = 0;
        std::memcpy(&word, p, sizeof word);
        const std::uint64_t del = word ^ (kOnes * 0x7FU);
        const std::uint64_t hit = ((word - kOnes * 0x20U) & ~word & kHighs) | ((del - kOnes) & ~del & kHighs);
        if (hit != 0)
        {
            if constexpr (std::endian::native == std::endian::little)
            {
                return p + (std::countr_zero(hit) >> 3);
            }
            break;
        }
        p += 8;
    }
    while (p < end && static_cast<unsigned char>(*p) >= 0x20 && *p != 0x7F)
    {
        ++p;
    }
    return p;
}

/** End of a header name: the first ':', SP or control character (HT, CR, LF, ...) at or after p. */
const char *findNameEnd(const char *p, const char *end)
{
#if defined(__SSE2__)
    const __m128i colon = _mm_set1_epi8(':');
    const __m128i space = _mm_set1_epi8(' ');
    const __m128i max = _mm_set1_epi8(0x1F);
    while (end - p >= 16)
    {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, colon), _mm_cmpeq_epi8(v, space)),
                                         _mm_cmpeq_epi8(_mm_min_epu8(v, max), v));
        const int mask = _mm_movemask_epi8(hit);
        if (mask != 0)
        {
            return p + std::countr_zero(static_cast<unsigned>(mask));
        }
        p += 16;
    }
#endif
    while (p < end && *p != ':' && *p != ' ' && static_cast<unsigned char>(*p) >= 0x20)
    {
        ++p;
    }
    return p;
}

bool isTokenText(std::string_view text)
{
    for (const char c : text)
    {
        if (!isToken(c))
        {
            return false;
        }
    }
    return true;
}

enum class LineScan : std::uint8_t
{
    Found,   ///< a line end (CRLF or LF) was found
    Control, ///< a control character other than HT, or a CR not followed by LF
    Eof,     ///< the buffer ends before the line does
};

/** Finds the end of the line starting at p: contentEnd is before CR/LF, next after them. */
LineScan scanLine(const char *p, const char *end, const char *&contentEnd, const char *&next)
{
    for (;;)
    {
        p = findControl(p, end);
        if (p == end)
        {
            return LineScan::Eof;
        }
        if (*p == '\n')
        {
            contentEnd = p;
            next = p + 1;
            return LineScan::Found;
        }
        if (*p == '\r')
        {
            if (end - p < 2)
            {
                return LineScan::Eof;
            }
            if (p[1] != '\n')
            {
                return LineScan::Control;
            }
            contentEnd = p;
            next = p + 2;
            return LineScan::Found;
        }
        if (*p != '\t')
        {
            return LineScan::Control;
        }
        ++p;
    }
}

std::string_view between(const char *from, const char *to)
{
    return std::string_view(from, static_cast<std::size_t>(to - from));
}

struct StartLine
{
    bool isRequest = false;
    int statusCode = 0;
    std::string_view method;
    std::string_view uri;
    std::string_view reason;
};

SipParseError parseStartLine(std::string_view line, StartLine &out)
{
    const std::size_t n = line.size();
    if (n >= 4 && equalsNoCase(line.substr(0, 4), "SIP/"))
    {
        if (n < 8 || !equalsNoCase(line.substr(0, 7), "SIP/2.0") || !isWsp(line[7]))
        {
            return SipParseError::BadStartLine;
        }
        std::size_t i = 8;
        while (i < n && isWsp(line[i]))
        {
            ++i;
        }
        if (n - i < 3 || !isDigit(line[i]) || !isDigit(line[i + 1]) || !isDigit(line[i + 2]) ||
            (n - i > 3 && !isWsp(line[i + 3])))
        {
            return SipParseError::BadStatusCode;
        }
        const int code = (line[i] - '0') * 100 + (line[i + 1] - '0') * 10 + (line[i + 2] - '0');
        if (code < 100 || code > 699)
        {
            return SipParseError::BadStatusCode;
        }
        out.isRequest = false;
        out.statusCode = code;
        out.reason = trimSipWhitespace(line.substr(i + 3));
        return SipParseError::None;
    }

    std::size_t i = 0;
    while (i < n && isToken(line[i]))
    {
        ++i;
    }
    if (i == 0 || i == n || !isWsp(line[i]))
    {
        return SipParseError::BadStartLine;
    }
    out.method = line.substr(0, i);
    while (i < n && isWsp(line[i]))
    {
        ++i;
    }
    const std::size_t uriStart = i;
    while (i < n && !isWsp(line[i]))
    {
        ++i;
    }
    if (i == uriStart || !equalsNoCase(trimSipWhitespace(line.substr(i)), "SIP/2.0"))
    {
        return SipParseError::BadStartLine;
    }
    out.uri = line.substr(uriStart, i - uriStart);
    out.isRequest = true;
    return SipParseError::None;
}

int parseMaxForwards(std::string_view text)
{
    if (text.empty() || text.size() > 9)
    {
        return -1;
    }
    int v = 0;
    for (const char c : text)
    {
        if (!isDigit(c))
        {
            return -1;
        }
        v = v * 10 + (c - '0');
    }
    return v;
}

constexpr std::size_t kHeaderIds = static_cast<std::size_t>(SipHeaderId::SessionExpires) + 1;
constexpr std::uint8_t kAbsent = 0xFF;
static_assert(SipMessage::MaxHeaders < kAbsent, "header indexes are kept in a byte");

} // namespace

SipParseError SipParser::parse(std::string_view data, SipMessage &out)
{
    out.m_isRequest = false;
    out.m_method = SipMethod::Other;
    out.m_statusCode = 0;
    out.m_maxForwards = -1;
    out.m_contentLength.reset();
    out.m_methodText = {};
    out.m_requestUri = {};
    out.m_reason = {};
    out.m_startLine = {};
    out.m_callId = {};
    out.m_from = {};
    out.m_to = {};
    out.m_cseq = {};
    out.m_body = {};
    out.m_raw = {};
    out.m_headerCount = 0;

    const char *p = data.data();
    const char *const end = p + data.size();
    // RFC 3261 §7.5: CRLFs before the start line (keep-alives on a stream) are ignored.
    while (p < end && (*p == '\r' || *p == '\n'))
    {
        ++p;
    }
    if (p == end)
    {
        return SipParseError::Empty;
    }
    if (static_cast<std::size_t>(end - p) > SipMessage::MaxMessageSize)
    {
        return SipParseError::TooLarge;
    }
    if (isWsp(*p))
    {
        return trimSipWhitespace(between(p, end)).empty() ? SipParseError::Empty
                                                          : SipParseError::BadStartLine;
    }
    const char *const messageStart = p;

    const char *lineEnd = nullptr;
    const char *next = nullptr;
    switch (scanLine(p, end, lineEnd, next))
    {
    case LineScan::Found:
        break;
    case LineScan::Control:
        return SipParseError::BadStartLine;
    case LineScan::Eof:
        return SipParseError::MissingEndOfHeaders;
    }
    StartLine start;
    const std::string_view startLine = between(p, lineEnd);
    if (const SipParseError e = parseStartLine(startLine, start); e != SipParseError::None)
    {
        return e;
    }
    out.m_startLine = startLine;
    out.m_isRequest = start.isRequest;
    out.m_statusCode = start.statusCode;
    out.m_methodText = start.method;
    out.m_method = start.isRequest ? sipMethodFromToken(start.method) : SipMethod::Other;
    out.m_requestUri = start.uri;
    out.m_reason = start.reason;
    p = next;

    // Index of the first header line of each id (kAbsent if none): no branch per header kind.
    std::array<std::uint8_t, kHeaderIds> first;
    first.fill(kAbsent);
    const char *bodyStart = nullptr;
    for (;;)
    {
        if (p == end)
        {
            // The packet ends right after a complete header line: a datagram whose final empty
            // line was cut off (common in captures). Accept that as the end of the headers only
            // when no body is announced: no Content-Type, and no Content-Length other than 0.
            if (out.m_contentLength.value_or(0) != 0 ||
                (!out.m_contentLength &&
                 first[static_cast<std::size_t>(SipHeaderId::ContentType)] != kAbsent))
            {
                return SipParseError::MissingEndOfHeaders;
            }
            bodyStart = end;
            break;
        }
        if (*p == '\n')
        {
            bodyStart = p + 1;
            break;
        }
        if (*p == '\r')
        {
            if (end - p < 2)
            {
                return SipParseError::MissingEndOfHeaders;
            }
            if (p[1] != '\n')
            {
                return SipParseError::BadHeader;
            }
            bodyStart = p + 2;
            break;
        }
        if (out.m_headerCount == SipMessage::MaxHeaders)
        {
            return SipParseError::TooManyHeaders;
        }

        const char *const nameStart = p;
        p = findNameEnd(p, end);
        const char *const nameEnd = p;
        while (p < end && isWsp(*p))
        {
            ++p;
        }
        if (p == end)
        {
            return SipParseError::MissingEndOfHeaders;
        }
        if (*p != ':' || nameEnd == nameStart)
        {
            return SipParseError::BadHeader;
        }
        const std::string_view name = between(nameStart, nameEnd);
        // A known name matched letter by letter, so only the others need the token check.
        const SipHeaderId id = sipHeaderIdFromName(name);
        if (id == SipHeaderId::Other && !isTokenText(name))
        {
            return SipParseError::BadHeader;
        }
        ++p;
        while (p < end && isWsp(*p))
        {
            ++p;
        }
        const char *const valueStart = p;
        for (;;)
        {
            const LineScan scan = scanLine(p, end, lineEnd, next);
            if (scan == LineScan::Eof)
            {
                return SipParseError::MissingEndOfHeaders;
            }
            if (scan == LineScan::Control)
            {
                return SipParseError::BadHeader;
            }
            if (next == end || !isWsp(*next))
            {
                break;
            }
            p = next; // folded: the next line continues this header
        }
        if (static_cast<std::size_t>(lineEnd - nameStart) > SipMessage::MaxHeaderLength)
        {
            return SipParseError::HeaderTooLong;
        }

        SipHeader &h = out.m_headers[out.m_headerCount++];
        h.name = name;
        if (p == valueStart)
        {
            const char *valueEnd = lineEnd;
            while (valueEnd > valueStart && isWsp(valueEnd[-1]))
            {
                --valueEnd;
            }
            h.value = between(valueStart, valueEnd);
        }
        else
        {
            h.value = trimSipWhitespace(between(valueStart, lineEnd));
        }
        p = next;
        h.id = id;
        std::uint8_t &firstOfId = first[static_cast<std::size_t>(id)];
        if (firstOfId == kAbsent)
        {
            firstOfId = static_cast<std::uint8_t>(out.m_headerCount - 1);
        }
        if (id == SipHeaderId::ContentLength)
        {
            std::uint32_t length = 0;
            if (!parseU32(h.value, length) || (out.m_contentLength && *out.m_contentLength != length))
            {
                return SipParseError::BadContentLength;
            }
            out.m_contentLength = length;
        }
    }

    const auto remaining = static_cast<std::size_t>(end - bodyStart);
    std::size_t bodyLength = remaining;
    if (out.m_contentLength)
    {
        if (*out.m_contentLength > remaining)
        {
            return SipParseError::Truncated;
        }
        bodyLength = *out.m_contentLength;
    }
    out.m_body = std::string_view(bodyStart, bodyLength);
    out.m_raw = between(messageStart, bodyStart + bodyLength);

    const auto firstValue = [&first, &out](SipHeaderId id, std::string_view &value) {
        const std::uint8_t index = first[static_cast<std::size_t>(id)];
        if (index == kAbsent)
        {
            return false;
        }
        value = out.m_headers[index].value;
        return true;
    };
    std::string_view value;
    if (!firstValue(SipHeaderId::CallId, value) || value.empty())
    {
        return SipParseError::MissingCallId;
    }
    out.m_callId = value;
    if (!firstValue(SipHeaderId::From, value) || !parseNameAddr(value, out.m_from))
    {
        return SipParseError::MissingFrom;
    }
    if (!firstValue(SipHeaderId::To, value) || !parseNameAddr(value, out.m_to))
    {
        return SipParseError::MissingTo;
    }
    if (!firstValue(SipHeaderId::CSeq, value) || !parseCSeq(value, out.m_cseq))
    {
        return SipParseError::BadCSeq;
    }
    if (firstValue(SipHeaderId::MaxForwards, value))
    {
        out.m_maxForwards = parseMaxForwards(value);
    }
    return SipParseError::None;
}

} // namespace calldeck::core
