// SPDX-License-Identifier: GPL-3.0-or-later
#include "sipheaders.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "sipchars.h"

namespace calldeck::core
{

namespace
{

constexpr std::size_t npos = std::string_view::npos;

using sipchars::isDigit;
using sipchars::isLws;
using sipchars::isToken;
using sipchars::isWsp;
using sipchars::lowerAscii;

std::size_t skipLws(std::string_view s, std::size_t i)
{
    while (i < s.size() && isLws(s[i]))
    {
        ++i;
    }
    return i;
}

std::size_t skipToken(std::string_view s, std::size_t i)
{
    while (i < s.size() && isToken(s[i]))
    {
        ++i;
    }
    return i;
}

/** Index just after the closing quote of the quoted string opening at s[i]; npos if unclosed. */
std::size_t skipQuoted(std::string_view s, std::size_t i)
{
    for (++i; i < s.size(); ++i)
    {
        if (s[i] == '\\')
        {
            ++i;
        }
        else if (s[i] == '"')
        {
            return i + 1;
        }
    }
    return npos;
}

/** Index of the ';' or '?' that ends a parameter starting at s[i] (quoted strings skipped); size() if none.
 */
std::size_t paramEnd(std::string_view s, std::size_t i)
{
    while (i < s.size() && s[i] != ';' && s[i] != '?')
    {
        if (s[i] == '"')
        {
            i = skipQuoted(s, i);
            if (i == npos)
            {
                return s.size();
            }
        }
        else
        {
            ++i;
        }
    }
    return i;
}

/** The part of a SIP/SIPS URI after "scheme:", headers ("?...") cut off; npos-free view. */
bool sipUriRest(std::string_view uri, std::string_view &rest)
{
    const std::size_t colon = uri.find(':');
    if (colon == npos)
    {
        return false;
    }
    const std::string_view scheme = uri.substr(0, colon);
    if (!equalsNoCase(scheme, "sip") && !equalsNoCase(scheme, "sips"))
    {
        return false;
    }
    rest = uri.substr(colon + 1);
    rest = rest.substr(0, rest.find('?'));
    return true;
}

} // namespace

bool equalsNoCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
    {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i)
    {
        if (lowerAscii(a[i]) != lowerAscii(b[i]))
        {
            return false;
        }
    }
    return true;
}

std::string_view trimSipWhitespace(std::string_view s)
{
    std::size_t begin = 0;
    std::size_t end = s.size();
    while (begin < end && isLws(s[begin]))
    {
        ++begin;
    }
    while (end > begin && isLws(s[end - 1]))
    {
        --end;
    }
    return s.substr(begin, end - begin);
}

bool parseNameAddr(std::string_view value, SipNameAddr &out)
{
    out = SipNameAddr{};
    const std::string_view v = trimSipWhitespace(value);
    if (v.empty())
    {
        return false;
    }
    std::string_view display;
    std::string_view uri;
    std::string_view rest;
    std::size_t open = npos;
    if (v[0] == '"')
    {
        const std::size_t close = skipQuoted(v, 0);
        if (close == npos)
        {
            return false;
        }
        display = v.substr(1, close - 2);
        open = skipLws(v, close);
        if (open >= v.size() || v[open] != '<')
        {
            return false;
        }
    }
    else
    {
        const std::size_t first = v.find_first_of("<;");
        if (first != npos && v[first] == '<')
        {
            display = trimSipWhitespace(v.substr(0, first));
            open = first;
        }
        else
        {
            // addr-spec without brackets: parameters after the URI belong to the header
            // (RFC 3261 §20.10), so the URI ends at the first ';' or white space.
            std::size_t i = 0;
            while (i < v.size() && v[i] != ';' && !isLws(v[i]))
            {
                ++i;
            }
            uri = v.substr(0, i);
            rest = v.substr(i);
        }
    }
    if (open != npos)
    {
        const std::size_t close = v.find('>', open + 1);
        if (close == npos)
        {
            return false;
        }
        uri = trimSipWhitespace(v.substr(open + 1, close - open - 1));
        rest = v.substr(close + 1);
    }
    rest = rest.substr(skipLws(rest, 0));
    if (uri.empty() || (!rest.empty() && rest[0] != ';'))
    {
        return false;
    }
    out.display = display;
    out.uri = uri;
    out.params = rest;
    out.tag = findParam(rest, "tag");
    return true;
}

bool parseCSeq(std::string_view value, SipCSeq &out)
{
    out = SipCSeq{};
    const std::string_view v = trimSipWhitespace(value);
    std::size_t i = 0;
    std::uint64_t number = 0;
    while (i < v.size() && isDigit(v[i]))
    {
        number = number * 10 + static_cast<unsigned>(v[i] - '0');
        if (number > 0xFFFFFFFFULL)
        {
            return false;
        }
        ++i;
    }
    const std::size_t methodStart = skipLws(v, i);
    const std::size_t methodEnd = skipToken(v, methodStart);
    if (i == 0 || methodStart == i || methodEnd == methodStart || methodEnd != v.size())
    {
        return false;
    }
    out.number = static_cast<std::uint32_t>(number);
    out.numberText = v.substr(0, i);
    out.methodText = v.substr(methodStart);
    out.method = sipMethodFromToken(out.methodText);
    return true;
}

bool parseVia(std::string_view value, SipVia &out)
{
    out = SipVia{};
    std::string_view v;
    forEachHeaderEntry(value, [&v](std::string_view entry) {
        v = entry;
        return false;
    });

    // sent-protocol = protocol-name SLASH protocol-version SLASH transport (SLASH may carry LWS)
    std::size_t i = skipToken(v, 0);
    if (i == 0)
    {
        return false;
    }
    for (int part = 0; part < 2; ++part)
    {
        i = skipLws(v, i);
        if (i >= v.size() || v[i] != '/')
        {
            return false;
        }
        i = skipLws(v, i + 1);
        const std::size_t tokenStart = i;
        i = skipToken(v, i);
        if (i == tokenStart)
        {
            return false;
        }
        if (part == 1)
        {
            out.transport = v.substr(tokenStart, i - tokenStart);
        }
    }
    out.protocol = v.substr(0, i);

    // sent-by = host [ COLON port ]
    const std::size_t hostStart = skipLws(v, i);
    if (hostStart == i || hostStart >= v.size())
    {
        return false;
    }
    i = hostStart;
    if (v[i] == '[')
    {
        const std::size_t close = v.find(']', i);
        if (close == npos)
        {
            return false;
        }
        i = close + 1;
    }
    else
    {
        while (i < v.size() && v[i] != ':' && v[i] != ';' && !isLws(v[i]))
        {
            ++i;
        }
    }
    out.host = v.substr(hostStart, i - hostStart);
    if (out.host.empty())
    {
        return false;
    }
    i = skipLws(v, i);
    if (i < v.size() && v[i] == ':')
    {
        i = skipLws(v, i + 1);
        std::uint32_t port = 0;
        const std::size_t portStart = i;
        while (i < v.size() && isDigit(v[i]) && i - portStart < 5)
        {
            port = port * 10 + static_cast<unsigned>(v[i] - '0');
            ++i;
        }
        if (i == portStart || port == 0 || port > 65535 || (i < v.size() && isDigit(v[i])))
        {
            return false;
        }
        out.port = static_cast<std::uint16_t>(port);
        i = skipLws(v, i);
    }
    if (i < v.size() && v[i] != ';')
    {
        return false;
    }
    out.params = v.substr(i);
    out.branch = findParam(out.params, "branch");
    out.received = findParam(out.params, "received");
    out.rport = findParam(out.params, "rport");
    return true;
}

std::string_view findParam(std::string_view params, std::string_view name, bool *found)
{
    if (found != nullptr)
    {
        *found = false;
    }
    const std::size_t n = params.size();
    std::size_t i = paramEnd(params, 0); // skip what precedes the first ';' (the URI itself)
    while (i < n && params[i] == ';')
    {
        std::size_t j = skipLws(params, i + 1);
        const std::size_t nameStart = j;
        j = skipToken(params, j);
        const std::string_view paramName = params.substr(nameStart, j - nameStart);
        j = skipLws(params, j);
        std::string_view value;
        if (j < n && params[j] == '=')
        {
            const std::size_t valueStart = skipLws(params, j + 1);
            j = paramEnd(params, valueStart);
            std::size_t valueEnd = j;
            while (valueEnd > valueStart && isLws(params[valueEnd - 1]))
            {
                --valueEnd;
            }
            value = params.substr(valueStart, valueEnd - valueStart);
        }
        else
        {
            j = paramEnd(params, j);
        }
        if (equalsNoCase(paramName, name))
        {
            if (found != nullptr)
            {
                *found = true;
            }
            return value;
        }
        i = j;
    }
    return {};
}

std::string_view uriParams(std::string_view uri)
{
    const std::string_view u = uri.substr(0, uri.find('?'));
    const std::size_t at = u.find('@');
    const std::size_t semi = u.find(';', at == npos ? 0 : at + 1);
    return semi == npos ? std::string_view() : u.substr(semi);
}

std::string_view uriUser(std::string_view uri)
{
    std::string_view rest;
    if (sipUriRest(uri, rest))
    {
        const std::size_t at = rest.find('@');
        if (at == npos)
        {
            return {};
        }
        const std::string_view userinfo = rest.substr(0, at);
        return userinfo.substr(0, userinfo.find(':'));
    }
    const std::size_t colon = uri.find(':');
    if (colon != npos && equalsNoCase(uri.substr(0, colon), "tel"))
    {
        rest = uri.substr(colon + 1);
        return rest.substr(0, rest.find_first_of(";?"));
    }
    return {};
}

std::string_view uriHost(std::string_view uri)
{
    std::string_view rest;
    if (!sipUriRest(uri, rest))
    {
        return {};
    }
    const std::size_t at = rest.find('@');
    if (at != npos)
    {
        rest = rest.substr(at + 1);
    }
    if (!rest.empty() && rest[0] == '[')
    {
        const std::size_t close = rest.find(']');
        return close == npos ? std::string_view() : rest.substr(0, close + 1);
    }
    return rest.substr(0, rest.find_first_of(":;"));
}

void unfoldHeaderValue(std::string_view value, std::string &out)
{
    out.clear();
    out.reserve(value.size());
    std::size_t i = 0;
    while (i < value.size())
    {
        const char c = value[i];
        if (c != '\r' && c != '\n')
        {
            out.push_back(c);
            ++i;
            continue;
        }
        while (!out.empty() && isWsp(out.back()))
        {
            out.pop_back();
        }
        i = skipLws(value, i);
        if (!out.empty() && i < value.size())
        {
            out.push_back(' ');
        }
    }
}

} // namespace calldeck::core
