// SPDX-License-Identifier: GPL-3.0-or-later
// SipParser::frameLength: SIP over a stream (TCP, TLS, HEP over TCP) framed by Content-Length.
#include "sipparser.h"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>

#include "sipchars.h"
#include "sipheaders.h"

namespace calldeck::core
{

using sipchars::isToken;
using sipchars::isWsp;
using sipchars::parseU32;

std::size_t SipParser::frameLength(std::string_view stream, SipParseError &error)
{
    error = SipParseError::None;
    std::size_t pos = 0;
    while (pos < stream.size() && (stream[pos] == '\r' || stream[pos] == '\n'))
    {
        ++pos;
    }
    if (pos == stream.size())
    {
        // Only keep-alives (or nothing): hand them over as a frame of their own, which parse()
        // reports as Empty, so an idle connection does not pile them up.
        return pos;
    }

    const std::string_view msg = stream.substr(pos);
    const std::size_t limit =
        msg.size() < SipMessage::MaxMessageSize ? msg.size() : SipMessage::MaxMessageSize;
    // The headers end at the first LF followed by LF or CRLF.
    std::size_t headerEnd = 0;
    for (std::size_t from = 0; from < limit;)
    {
        const void *hit = std::memchr(msg.data() + from, '\n', limit - from);
        if (hit == nullptr)
        {
            break;
        }
        const auto i = static_cast<std::size_t>(static_cast<const char *>(hit) - msg.data());
        if (i + 1 < msg.size() && msg[i + 1] == '\n')
        {
            headerEnd = i + 2;
            break;
        }
        if (i + 2 < msg.size() && msg[i + 1] == '\r' && msg[i + 2] == '\n')
        {
            headerEnd = i + 3;
            break;
        }
        from = i + 1;
    }
    if (headerEnd == 0)
    {
        if (msg.size() > SipMessage::MaxMessageSize)
        {
            error = SipParseError::TooLarge;
        }
        return 0;
    }

    // Content-Length (or "l") among the header lines; the start line is skipped.
    std::optional<std::uint32_t> contentLength;
    std::size_t line = msg.find('\n') + 1;
    while (line < headerEnd)
    {
        std::size_t i = line;
        while (i < headerEnd && isToken(msg[i]))
        {
            ++i;
        }
        const std::string_view name = msg.substr(line, i - line);
        std::size_t eol = msg.find('\n', line);
        // A folded header continues on the lines that start with SP or HT.
        while (eol + 1 < headerEnd && isWsp(msg[eol + 1]))
        {
            eol = msg.find('\n', eol + 1);
        }
        if (sipHeaderIdFromName(name) == SipHeaderId::ContentLength)
        {
            while (i < eol && isWsp(msg[i]))
            {
                ++i;
            }
            std::uint32_t length = 0;
            if (i >= eol || msg[i] != ':' ||
                !parseU32(trimSipWhitespace(msg.substr(i + 1, eol - i - 1)), length) ||
                (contentLength && *contentLength != length))
            {
                error = SipParseError::BadContentLength;
                return 0;
            }
            contentLength = length;
        }
        line = eol + 1;
    }

    const std::size_t total = headerEnd + contentLength.value_or(0);
    if (total > SipMessage::MaxMessageSize)
    {
        error = SipParseError::TooLarge;
        return 0;
    }
    return total <= msg.size() ? pos + total : 0;
}

} // namespace calldeck::core
