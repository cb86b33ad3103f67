// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonwriter.h"

namespace calldeck::core
{

JsonWriter::JsonWriter(std::string &out, bool pretty)
    : m_out(out)
    , m_pretty(pretty)
{}

void JsonWriter::newline()
{
    if (m_pretty)
    {
        m_out += '\n';
        m_out.append(static_cast<std::size_t>(m_depth), '\t');
    }
}

void JsonWriter::separate()
{
    if (m_afterKey)
    {
        m_afterKey = false;
        return;
    }
    if (!m_first)
    {
        m_out += ',';
        if (m_pretty)
        {
            m_out += ' ';
        }
    }
    m_first = false;
}

JsonWriter &JsonWriter::beginObject()
{
    separate();
    m_out += '{';
    ++m_depth;
    m_first = true;
    return *this;
}

JsonWriter &JsonWriter::endObject()
{
    --m_depth;
    if (!m_first)
    {
        newline();
    }
    m_out += '}';
    m_first = false;
    return *this;
}

JsonWriter &JsonWriter::beginArray()
{
    separate();
    m_out += '[';
    ++m_depth;
    m_first = true;
    return *this;
}

JsonWriter &JsonWriter::endArray()
{
    --m_depth;
    m_out += ']';
    m_first = false;
    return *this;
}

JsonWriter &JsonWriter::key(std::string_view k)
{
    if (!m_first)
    {
        m_out += ',';
    }
    m_first = false;
    newline();
    m_out += '"';
    escape(m_out, k);
    m_out += m_pretty ? "\":\t" : "\":";
    m_afterKey = true;
    return *this;
}

JsonWriter &JsonWriter::value(std::string_view s)
{
    separate();
    m_out += '"';
    escape(m_out, s);
    m_out += '"';
    return *this;
}

JsonWriter &JsonWriter::value(std::int64_t n)
{
    separate();
    m_out += std::to_string(n);
    return *this;
}

JsonWriter &JsonWriter::value(std::uint64_t n)
{
    separate();
    m_out += std::to_string(n);
    return *this;
}

JsonWriter &JsonWriter::value(bool b)
{
    separate();
    m_out += b ? "true" : "false";
    return *this;
}

JsonWriter &JsonWriter::null()
{
    separate();
    m_out += "null";
    return *this;
}

void JsonWriter::escape(std::string &out, std::string_view s)
{
    static constexpr char hex[] = "0123456789abcdef";
    for (unsigned char c : s)
    {
        switch (c)
        {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        default:
            if (c < 0x20)
            {
                out += "\\u00";
                out += hex[c >> 4];
                out += hex[c & 0xF];
            }
            else
            {
                out += static_cast<char>(c);
            }
        }
    }
}

} // namespace calldeck::core
