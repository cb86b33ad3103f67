// SPDX-License-Identifier: GPL-3.0-or-later
#include "streamscanner.h"

#include <algorithm>
#include <string_view>

namespace calldeck::core
{

namespace
{

constexpr std::size_t MaxStartLine = 2048; // a partial line longer than this is no start line
constexpr std::size_t MaxMethod = 16;

bool isUpper(char c)
{
    return c >= 'A' && c <= 'Z';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isMethodChar(char c)
{
    return isUpper(c) || c == '-' || c == '_';
}

// Longest first where one ends with another (PRACK / ACK).
constexpr std::string_view KnownMethods[] = {"SUBSCRIBE", "REGISTER", "MESSAGE", "OPTIONS", "PUBLISH",
                                             "CANCEL",    "INVITE",   "NOTIFY",  "UPDATE",  "PRACK",
                                             "REFER",     "INFO",     "BYE",     "ACK"};

/// Where the request line whose "SIP/2.0" is at @p q begins, or npos.
std::size_t requestLineStart(std::string_view v, std::size_t q, bool zeroIsLineStart)
{
    constexpr std::size_t npos = std::string_view::npos;
    // METHOD SP Request-URI SP "SIP/2.0", walking back from "SIP/2.0" at q.
    if (q < 4 || v[q - 1] != ' ')
    {
        return npos;
    }
    const std::size_t uriEnd = q - 1;
    std::size_t uri = uriEnd;
    while (uri > 0 && uriEnd - uri < MaxStartLine && v[uri - 1] != ' ' && v[uri - 1] != '\n' &&
           v[uri - 1] != '\r')
    {
        --uri;
    }
    if (uri == uriEnd || uri < 2 || v[uri - 1] != ' ')
    {
        return npos;
    }
    const std::size_t space = uri - 1;
    std::size_t method = space;
    while (method > 0 && space - method < 2 * MaxMethod && isMethodChar(v[method - 1]))
    {
        --method;
    }
    if (method == space)
    {
        return npos;
    }
    const bool atLineStart = method == 0 ? zeroIsLineStart : v[method - 1] == '\n';
    if (atLineStart && space - method <= MaxMethod)
    {
        return method;
    }
    // Glued to the end of the previous message's body (which need not end with a line end):
    // take a known method at the end of the run.
    const std::string_view run = v.substr(method, space - method);
    for (const std::string_view known : KnownMethods)
    {
        if (run.size() >= known.size() && run.substr(run.size() - known.size()) == known)
        {
            return space - known.size();
        }
    }
    return npos;
}

} // namespace

bool StreamScanner::startsWithHep(std::string_view v)
{
    if (v.size() >= 4)
    {
        return v.compare(0, 4, "HEP3") == 0 || v.compare(0, 4, "EEP3") == 0;
    }
    return std::string_view("HEP3").substr(0, v.size()) == v ||
           std::string_view("EEP3").substr(0, v.size()) == v;
}

std::size_t StreamScanner::findMessageStart(std::string_view v, bool zeroIsLineStart, std::size_t &keepFrom)
{
    constexpr std::size_t npos = std::string_view::npos;
    // Whatever is found, a start may still begin in the last bytes once more arrive.
    keepFrom = v.size() > MaxStartLine ? v.size() - MaxStartLine : 0;
    std::size_t best = npos;
    for (std::size_t p = v.find("HEP3"); p != npos && p + 6 <= v.size(); p = v.find("HEP3", p + 1))
    {
        const std::size_t length =
            (std::size_t(static_cast<unsigned char>(v[p + 4])) << 8) | static_cast<unsigned char>(v[p + 5]);
        if (length > 6 + 6) // the header and at least one chunk header
        {
            best = p;
            break;
        }
    }
    // Every start line holds "SIP/2.0": "SIP/2.0 200 OK" begins with it, "INVITE sip:b SIP/2.0"
    // ends with it (a Via's "SIP/2.0/UDP" is neither).
    for (std::size_t q = v.find("SIP/2.0"); q != npos && q < best; q = v.find("SIP/2.0", q + 1))
    {
        const std::size_t after = q + 7;
        if (after + 5 > v.size())
        {
            break; // cannot tell yet
        }
        if (v[after] == ' ' && isDigit(v[after + 1]) && isDigit(v[after + 2]) && isDigit(v[after + 3]) &&
            (v[after + 4] == ' ' || v[after + 4] == '\r' || v[after + 4] == '\n'))
        {
            return std::min(best, q);
        }
        if (v[after] == '\r' || v[after] == '\n')
        {
            if (const std::size_t start = requestLineStart(v, q, zeroIsLineStart); start != npos)
            {
                return std::min(best, start);
            }
        }
    }
    return best;
}

bool StreamScanner::plausibleSipStart(std::string_view v, bool &undecided)
{
    undecided = false;
    const std::size_t text = v.find_first_not_of("\r\n");
    if (text == std::string_view::npos)
    {
        return true; // keep-alives only: a frame of their own
    }
    const std::string_view s = v.substr(text);
    const std::size_t eol = s.find('\n');
    if (eol == std::string_view::npos)
    {
        // Reject early what cannot become a start line ("SIP/2.0 " or an upper-case method and
        // a space); wait for the line end otherwise.
        std::size_t n = 0;
        while (n < s.size() && n <= MaxMethod && isMethodChar(s[n]))
        {
            ++n;
        }
        const bool status =
            std::string_view("SIP/2.0 ").substr(0, std::min<std::size_t>(s.size(), 8)) == s.substr(0, 8);
        const bool request = n >= 1 && n <= MaxMethod && (n == s.size() || s[n] == ' ');
        undecided = (status || request) && s.size() <= MaxStartLine;
        return undecided;
    }
    std::string_view line = s.substr(0, eol);
    if (!line.empty() && line.back() == '\r')
    {
        line.remove_suffix(1);
    }
    if (line.size() >= 12 && line.compare(0, 8, "SIP/2.0 ") == 0)
    {
        return isDigit(line[8]) && isDigit(line[9]) && isDigit(line[10]) && line[11] == ' ';
    }
    // METHOD SP Request-URI SP SIP/2.0 (an HTTP request or any other text protocol is no SIP)
    const std::size_t space = line.find(' ');
    if (space == 0 || space == std::string_view::npos || space > MaxMethod ||
        line.substr(0, space).find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ-_") != std::string_view::npos)
    {
        return false;
    }
    const std::size_t uriEnd = line.find(' ', space + 1);
    return uriEnd != std::string_view::npos && uriEnd > space + 1 && line.substr(uriEnd + 1) == "SIP/2.0";
}

} // namespace calldeck::core
