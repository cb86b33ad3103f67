// SPDX-License-Identifier: GPL-3.0-or-later
#include "headercolumns.h"

#include "sipheaders.h"
#include "sipmessage.h"

#include <algorithm>

namespace calldeck::core
{

namespace
{

// RFC 3261 token characters: what a header name may hold.
bool isTokenChar(const char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
    {
        return true;
    }
    return std::string_view("-.!%*_+`'~").find(c) != std::string_view::npos;
}

bool isToken(std::string_view name)
{
    return !name.empty() && std::all_of(name.begin(), name.end(), isTokenChar);
}

} // namespace

std::size_t HeaderColumns::assign(const std::vector<std::string> &names)
{
    m_names.clear();
    std::size_t dropped = 0;
    for (const std::string &raw : names)
    {
        const std::string_view name = trimSipWhitespace(raw);
        if (m_names.size() >= MaxColumns || name.size() > MaxNameBytes || !isToken(name) || contains(name))
        {
            ++dropped;
            continue;
        }
        m_names.emplace_back(name);
    }
    return dropped;
}

bool HeaderColumns::contains(std::string_view name) const
{
    return indexOf(name) >= 0;
}

int HeaderColumns::indexOf(std::string_view name) const
{
    for (std::size_t i = 0; i < m_names.size(); ++i)
    {
        if (equalsNoCase(m_names[i], name))
        {
            return static_cast<int>(i);
        }
    }
    return -1;
}

std::string_view HeaderColumns::bounded(std::string_view value)
{
    value = value.substr(0, value.find('\0'));
    if (value.size() <= MaxValueBytes)
    {
        return value;
    }
    std::size_t cut = MaxValueBytes;
    while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80)
    {
        --cut; // value[cut] continues a UTF-8 sequence: cut before the sequence begins
    }
    return value.substr(0, cut);
}

void HeaderColumns::join(const std::vector<std::string_view> &values, std::string &out)
{
    out.clear();
    if (std::all_of(values.begin(), values.end(), [](std::string_view v) { return v.empty(); }))
    {
        return;
    }
    for (const std::string_view value : values)
    {
        out.append(value);
        out.push_back('\0');
    }
}

void HeaderColumns::capture(const SipMessage &msg, std::string &out) const
{
    out.clear();
    if (m_names.empty())
    {
        return;
    }
    std::vector<std::string> joined(m_names.size());
    std::string unfolded;
    for (std::size_t i = 0; i < m_names.size(); ++i)
    {
        const SipHeaderId id = sipHeaderIdFromName(m_names[i]);
        std::string &value = joined[i];
        for (std::size_t h = 0; h < msg.headerCount() && value.size() < MaxValueBytes; ++h)
        {
            const SipHeader &header = msg.headerAt(h);
            const bool match = (id != SipHeaderId::Other) ? header.id == id
                                                          : (header.id == SipHeaderId::Other &&
                                                             equalsNoCase(header.name, m_names[i]));
            if (!match || header.value.empty())
            {
                continue;
            }
            unfoldHeaderValue(header.value, unfolded);
            if (!value.empty())
            {
                value += ", "; // several lines of one header read as one comma-separated list
            }
            value += unfolded;
        }
    }
    std::vector<std::string_view> values;
    values.reserve(joined.size());
    for (const std::string &value : joined)
    {
        values.push_back(bounded(value));
    }
    join(values, out);
}

void HeaderColumns::encode(const Pairs &pairs, std::string &out) const
{
    std::vector<std::string_view> values(m_names.size());
    for (const auto &[name, value] : pairs)
    {
        const int i = indexOf(name);
        if (i >= 0)
        {
            values[static_cast<std::size_t>(i)] = bounded(value);
        }
    }
    join(values, out);
}

void HeaderColumns::decode(std::string_view encoded, Pairs &out) const
{
    for (std::size_t i = 0; i < m_names.size() && !encoded.empty(); ++i)
    {
        const std::size_t end = encoded.find('\0');
        const std::string_view value = encoded.substr(0, end);
        if (!value.empty())
        {
            out.emplace_back(m_names[i], std::string(value));
        }
        encoded = (end == std::string_view::npos) ? std::string_view() : encoded.substr(end + 1);
    }
}

void HeaderColumns::translate(const HeaderColumns &previous, std::string_view encoded, std::string &out) const
{
    std::vector<std::string_view> values(m_names.size());
    for (std::size_t i = 0; i < previous.m_names.size() && !encoded.empty(); ++i)
    {
        const std::size_t end = encoded.find('\0');
        const int to = indexOf(previous.m_names[i]);
        if (to >= 0)
        {
            values[static_cast<std::size_t>(to)] = encoded.substr(0, end);
        }
        encoded = (end == std::string_view::npos) ? std::string_view() : encoded.substr(end + 1);
    }
    join(values, out);
}

} // namespace calldeck::core
