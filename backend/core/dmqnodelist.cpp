// SPDX-License-Identifier: GPL-3.0-or-later
#include "dmqnodelist.h"

#include <array>

namespace calldeck::core
{

namespace
{

constexpr std::array<std::string_view, 4> StatusNames = {"active", "disabled", "timeout", "pending"};

char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool equalsNoCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
    {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i)
    {
        if (lower(a[i]) != lower(b[i]))
        {
            return false;
        }
    }
    return true;
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\0';
}

std::string_view trimmed(std::string_view s)
{
    while (!s.empty() && isSpace(s.front()))
    {
        s.remove_prefix(1);
    }
    while (!s.empty() && isSpace(s.back()))
    {
        s.remove_suffix(1);
    }
    return s;
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isHostChar(char c)
{
    return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '.' || c == '_';
}

bool isIpv6Char(char c)
{
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
}

/** Quotes at most 40 bytes of @p s for an error message. */
std::string quoted(std::string_view s)
{
    constexpr std::size_t Max = 40;
    std::string out = "'";
    out.append(s.substr(0, Max));
    out.append(s.size() > Max ? "...'" : "'");
    return out;
}

std::nullopt_t fail(std::string *error, std::string reason)
{
    if (error)
    {
        *error = std::move(reason);
    }
    return std::nullopt;
}

/** Parses the digits of a port (1..65535). */
bool parsePort(std::string_view digits, std::uint16_t &port)
{
    if (digits.empty() || digits.size() > 5)
    {
        return false;
    }
    std::uint32_t value = 0;
    for (const char c : digits)
    {
        if (!isDigit(c))
        {
            return false;
        }
        value = value * 10 + static_cast<std::uint32_t>(c - '0');
    }
    if (value == 0 || value > 65535)
    {
        return false;
    }
    port = static_cast<std::uint16_t>(value);
    return true;
}

} // namespace

std::string_view dmqStatusName(DmqNodeStatus s)
{
    const auto index = static_cast<std::size_t>(s);
    return index < StatusNames.size() ? StatusNames[index] : std::string_view("active");
}

std::optional<DmqNodeStatus> dmqStatusFromName(std::string_view name)
{
    for (std::size_t i = 0; i < StatusNames.size(); ++i)
    {
        if (equalsNoCase(name, StatusNames[i]))
        {
            return static_cast<DmqNodeStatus>(i);
        }
    }
    return std::nullopt;
}

std::string DmqNodeAddress::hostPort() const
{
    std::string out;
    out.reserve(host.size() + 8);
    const bool ipv6 = host.find(':') != std::string::npos;
    if (ipv6)
    {
        out.push_back('[');
    }
    out.append(host);
    if (ipv6)
    {
        out.push_back(']');
    }
    out.push_back(':');
    out.append(std::to_string(port));
    return out;
}

std::string DmqNodeAddress::uri() const
{
    std::string out = "sip:" + hostPort();
    if (!transport.empty())
    {
        out.append(";transport=").append(transport);
    }
    return out;
}

std::optional<DmqNodeLine> parseDmqNodeUri(std::string_view uri, std::string *error)
{
    uri = trimmed(uri);
    if (uri.empty())
    {
        return fail(error, "empty URI; expected sip:HOST:PORT");
    }
    if (uri.size() < 4 || !equalsNoCase(uri.substr(0, 4), "sip:"))
    {
        return fail(error, quoted(uri) + " is not a sip: URI; expected sip:HOST:PORT;status=active");
    }
    std::string_view rest = uri.substr(4);
    // The host part ends at the first ';' or '?' (the headers of a URI are ignored).
    const std::size_t end = rest.find_first_of(";?");
    std::string_view hostPart = rest.substr(0, end);
    std::string_view params = end == std::string_view::npos ? std::string_view() : rest.substr(end);
    if (const std::size_t at = hostPart.rfind('@'); at != std::string_view::npos)
    {
        hostPart.remove_prefix(at + 1); // "sip:dialog@h:p": the user part names a channel
    }

    DmqNodeLine line;
    std::string_view portText;
    bool hasPort = false;
    if (!hostPart.empty() && hostPart.front() == '[')
    {
        const std::size_t close = hostPart.find(']');
        if (close == std::string_view::npos)
        {
            return fail(error, "IPv6 address without its closing ']' in " + quoted(uri));
        }
        const std::string_view host = hostPart.substr(1, close - 1);
        if (host.empty() || host.find(':') == std::string_view::npos)
        {
            return fail(error, "bad IPv6 address " + quoted(host) + " in " + quoted(uri));
        }
        for (const char c : host)
        {
            if (!isIpv6Char(c))
            {
                return fail(error, "bad IPv6 address " + quoted(host) + " in " + quoted(uri));
            }
        }
        line.address.host.assign(host);
        const std::string_view after = hostPart.substr(close + 1);
        if (!after.empty())
        {
            if (after.front() != ':')
            {
                return fail(error, "unexpected " + quoted(after) + " after the address in " + quoted(uri));
            }
            portText = after.substr(1);
            hasPort = true;
        }
    }
    else
    {
        const std::size_t colon = hostPart.find(':');
        const std::string_view host = hostPart.substr(0, colon);
        if (host.empty())
        {
            return fail(error, "no host in " + quoted(uri) + "; expected sip:HOST:PORT");
        }
        for (const char c : host)
        {
            if (!isHostChar(c))
            {
                return fail(error, "bad host " + quoted(host) + " in " + quoted(uri) +
                                       " (write IPv6 addresses in brackets)");
            }
        }
        line.address.host.assign(host);
        if (colon != std::string_view::npos)
        {
            portText = hostPart.substr(colon + 1);
            hasPort = true;
        }
    }
    if (hasPort && !parsePort(portText, line.address.port))
    {
        return fail(error, "bad port " + quoted(portText) + " in " + quoted(uri) + " (expected 1 to 65535)");
    }

    if (!params.empty() && params.front() == '?')
    {
        params = {};
    }
    while (!params.empty())
    {
        params.remove_prefix(1); // the ';'
        const std::size_t next = params.find_first_of(";?");
        std::string_view param = params.substr(0, next);
        params =
            next == std::string_view::npos || params[next] == '?' ? std::string_view() : params.substr(next);
        const std::size_t eq = param.find('=');
        const std::string_view name = trimmed(param.substr(0, eq));
        const std::string_view value =
            eq == std::string_view::npos ? std::string_view() : trimmed(param.substr(eq + 1));
        if (equalsNoCase(name, "transport"))
        {
            std::string t;
            for (const char c : value)
            {
                t.push_back(lower(c));
            }
            if (t == "udp")
            {
                t.clear();
            }
            else if (t != "tcp" && t != "tls" && t != "sctp")
            {
                return fail(error, "unsupported transport " + quoted(value) + " in " + quoted(uri) +
                                       " (expected udp, tcp, tls or sctp)");
            }
            line.address.transport = std::move(t);
        }
        else if (equalsNoCase(name, "status"))
        {
            const auto status = dmqStatusFromName(value);
            if (!status)
            {
                return fail(error, "unknown status " + quoted(value) + " in " + quoted(uri) +
                                       " (expected active, disabled, timeout or pending)");
            }
            line.status = *status;
        }
    }
    return line;
}

DmqNodeListParse parseDmqNodeList(std::string_view body)
{
    DmqNodeListParse out;
    std::size_t lineNumber = 0;
    std::size_t read = 0;
    std::string why;
    while (!body.empty())
    {
        const std::size_t nl = body.find('\n');
        const std::string_view raw = body.substr(0, nl);
        body = nl == std::string_view::npos ? std::string_view() : body.substr(nl + 1);
        ++lineNumber;
        if (trimmed(raw).empty())
        {
            continue;
        }
        if (++read > DmqMaxNodeLines)
        {
            out.errors.push_back("line " + std::to_string(lineNumber) + ": more than " +
                                 std::to_string(DmqMaxNodeLines) + " nodes; the rest of the list is ignored");
            break;
        }
        if (auto line = parseDmqNodeUri(raw, &why))
        {
            out.nodes.push_back(std::move(*line));
        }
        else
        {
            out.errors.push_back("line " + std::to_string(lineNumber) + ": " + why);
        }
    }
    return out;
}

std::string formatDmqNodeList(const std::vector<DmqNodeLine> &nodes)
{
    std::string out;
    for (const DmqNodeLine &line : nodes)
    {
        out.append(line.address.uri()).append(";status=").append(dmqStatusName(line.status)).append("\r\n");
    }
    return out;
}

} // namespace calldeck::core
