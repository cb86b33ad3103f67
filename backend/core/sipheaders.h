// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sipmessage.h"

#include <string>
#include <string_view>
#include <type_traits>

namespace calldeck::core
{

/**
 * @brief Parses a name-addr or addr-spec (From, To, Contact entry, Route entry).
 *
 * The display name is a token run or a quoted string (quotes removed, backslash escapes kept
 * as they are). Without angle brackets the URI ends at the first ';' or white space and the
 * parameters after it belong to the header (RFC 3261 §20.10), so "sip:a@b;tag=1" has tag 1.
 * @return false (and `out` cleared) for an empty value, an unterminated quote or bracket, an
 *         empty URI, or anything but parameters after the URI
 */
bool parseNameAddr(std::string_view value, SipNameAddr &out);

/** @brief Parses "number method": number ≤ 2^32-1, LWS, a method token, nothing after it. */
bool parseCSeq(std::string_view value, SipCSeq &out);

/**
 * @brief Parses the first Via entry of a header value: sent-protocol (white space allowed
 * around the slashes), sent-by host (IPv6 keeps its brackets) with an optional port 1..65535,
 * then parameters; branch, received and rport are picked out of them.
 */
bool parseVia(std::string_view value, SipVia &out);

/**
 * @brief Calls fn(std::string_view entry) for each comma-separated entry of a header value
 * (Via, Contact, Record-Route, Route, ...), respecting quoted strings and <...> brackets.
 * Entries are trimmed; empty entries are skipped. fn may return void, or bool to stop early
 * by returning false.
 */
template<typename Fn>
void forEachHeaderEntry(std::string_view value, Fn &&fn);

/**
 * @brief Value of a ;name=value parameter in a parameter list or URI (case-insensitive name).
 *
 * Whatever precedes the first ';' is skipped (the URI itself), ';' inside quoted strings does
 * not split, and a '?' outside quotes ends the search (URI headers). The first match wins; the
 * value is trimmed but otherwise returned as written (a quoted value keeps its quotes).
 * @return the value (possibly empty for a valueless parameter); `found` tells whether it exists.
 */
std::string_view findParam(std::string_view params, std::string_view name, bool *found = nullptr);

/** @brief The URI parameters part of a SIP URI ("sip:host;lr;did=1.2" → ";lr;did=1.2"), headers excluded. */
std::string_view uriParams(std::string_view uri);

/** @brief The user part of a SIP/SIPS/TEL URI (empty if none). */
std::string_view uriUser(std::string_view uri);

/** @brief The host part of a SIP/SIPS URI (IPv6 keeps brackets). */
std::string_view uriHost(std::string_view uri);

/** @brief Copies a folded header value with every CRLF+WSP run replaced by one space. */
void unfoldHeaderValue(std::string_view value, std::string &out);

/** @brief ASCII case-insensitive comparison. */
bool equalsNoCase(std::string_view a, std::string_view b);

/** @brief Trims SP, HT, CR and LF at both ends. */
std::string_view trimSipWhitespace(std::string_view s);

// ---------------------------------------------------------------------------------------

template<typename Fn>
void forEachHeaderEntry(std::string_view value, Fn &&fn)
{
    std::size_t start = 0;
    bool inQuotes = false;
    int angle = 0;
    for (std::size_t i = 0; i <= value.size(); ++i)
    {
        const bool end = (i == value.size());
        const char c = end ? ',' : value[i];
        if (inQuotes)
        {
            if (c == '\\' && i + 1 < value.size())
            {
                ++i;
            }
            else if (c == '"')
            {
                inQuotes = false;
            }
            if (!end)
            {
                continue;
            }
        }
        if (c == '"')
        {
            inQuotes = true;
        }
        else if (c == '<')
        {
            ++angle;
        }
        else if (c == '>' && angle > 0)
        {
            --angle;
        }
        else if (c == ',' && (angle == 0 || end))
        {
            const std::string_view entry = trimSipWhitespace(value.substr(start, i - start));
            start = i + 1;
            if (entry.empty())
            {
                continue;
            }
            if constexpr (std::is_void_v<std::invoke_result_t<Fn &, std::string_view>>)
            {
                fn(entry);
            }
            else if (!fn(entry))
            {
                return;
            }
        }
    }
}

} // namespace calldeck::core
