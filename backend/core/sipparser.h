// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sipmessage.h"

#include <cstddef>
#include <string_view>

namespace calldeck::core
{

/**
 * @brief Zero-copy SIP message parser (RFC 3261 §7): start line, headers, body.
 *
 * Bounded: never reads outside the given buffer, never allocates, never aborts. Header names
 * are case-insensitive and compact forms are recognised. Line ends may be CRLF or bare LF.
 */
class SipParser
{
public:
    /**
     * @brief Parses one complete message (a datagram, or a frame cut by frameLength()).
     * @param data the packet; `out` keeps views into it
     * @param out overwritten; valid only when the result is SipParseError::None
     * @return SipParseError::None or the first problem found
     *
     * The body is the bytes after the empty line, limited to Content-Length when present
     * (trailing bytes beyond it are ignored, as on a datagram). Content-Length larger than
     * the remaining bytes is Truncated. CR/LF before the start line (keep-alives) are skipped:
     * they are not part of raw() and do not count against SipMessage::MaxMessageSize.
     *
     * A packet that ends right after the line end of its last header line (the final empty
     * line cut off, a common truncation in captures) is accepted only when it announces no
     * body: no Content-Type, and no Content-Length other than 0. Otherwise, as for a packet
     * that ends inside a line, the result is MissingEndOfHeaders.
     */
    static SipParseError parse(std::string_view data, SipMessage &out);

    /**
     * @brief Length of the first complete message in a stream (SIP over TCP), using Content-Length.
     * @return >0: bytes of the first message (leading CRLF keep-alives included);
     *         0: need more bytes; the error is set when the stream cannot be framed
     *         (no Content-Length is treated as 0, as RFC 3261 §18.3 allows only for datagrams,
     *         but mirrors sometimes strip it).
     *
     * A stream that holds nothing but CR/LF keep-alives is returned as a frame of its own
     * (parse() reports it as SipParseError::Empty), so an idle connection never piles them up.
     * Errors: BadContentLength (not a number, or several that differ), TooLarge (headers
     * without an end within MaxMessageSize bytes, or headers + Content-Length above it).
     */
    static std::size_t frameLength(std::string_view stream, SipParseError &error);
};

} // namespace calldeck::core
