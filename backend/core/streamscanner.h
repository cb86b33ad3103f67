// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <string_view>

namespace calldeck::core
{

/**
 * @brief Recognises where SIP or HEP messages begin in a byte stream (a TCP connection), to
 * frame them and to find the next one again after lost bytes or a framing error.
 */
class StreamScanner
{
public:
    /** @brief True when @p v begins with "HEP3"/"EEP3", or is a shorter prefix of either. */
    static bool startsWithHep(std::string_view v);

    /**
     * @brief Whether @p v, after leading CR/LF, begins with a SIP start line: "SIP/2.0 200 OK" or
     * "INVITE sip:b@h SIP/2.0" (HTTP and other text protocols are refused). True for CR/LF only
     * (keep-alives).
     * @param undecided set when the first line is not complete yet but may still become a start
     *        line (the result is then true)
     */
    static bool plausibleSipStart(std::string_view v, bool &undecided);

    /**
     * @brief The first plausible message start in @p v: a "HEP3" header with a possible
     * length, a status line ("SIP/2.0 200 OK") or a request line ("INVITE sip:b@h SIP/2.0").
     * A request line counts at the start of a line, or — behind a body that does not end with
     * a line end — where a known method ends the run of capitals before its URI.
     * @param zeroIsLineStart whether position 0 begins a line (or a segment)
     * @param keepFrom the first byte that may still begin a message once more bytes arrive
     *        (meaningful when nothing is found: everything before it can be discarded)
     * @return the position, or std::string_view::npos
     */
    static std::size_t findMessageStart(std::string_view v, bool zeroIsLineStart, std::size_t &keepFrom);
};

} // namespace calldeck::core
