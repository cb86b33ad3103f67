// SPDX-License-Identifier: GPL-3.0-or-later
#include "csvwriter.h"

namespace calldeck::core
{

namespace
{
bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

/// "-5", "-12.75": a plain negative number (a formula needs more than digits and one point).
bool isNegativeNumber(std::string_view v)
{
    if (v.size() < 2 || v[0] != '-')
    {
        return false;
    }
    bool digits = false;
    bool point = false;
    for (std::size_t i = 1; i < v.size(); ++i)
    {
        if (isDigit(v[i]))
        {
            digits = true;
        }
        else if (v[i] == '.' && !point && digits && i + 1 < v.size())
        {
            point = true;
        }
        else
        {
            return false;
        }
    }
    return digits;
}
} // namespace

CsvWriter::CsvWriter(Options options)
    : m_o(options)
{
    if (m_o.byteOrderMark)
    {
        m_out = "\xEF\xBB\xBF";
    }
}

bool CsvWriter::needsFormulaGuard(std::string_view value)
{
    if (value.empty())
    {
        return false;
    }
    switch (value.front())
    {
    case '=':
    case '+':
    case '@':
    case '\t':
    case '\r':
        return true;
    case '-':
        return !isNegativeNumber(value);
    default:
        return false;
    }
}

std::string CsvWriter::field(std::string_view value, bool formulaGuard)
{
    std::string text;
    if (formulaGuard && needsFormulaGuard(value))
    {
        text += '\'';
    }
    text += value;
    if (text.find_first_of(",\"\r\n") == std::string::npos)
    {
        return text;
    }
    std::string quoted;
    quoted.reserve(text.size() + 8);
    quoted += '"';
    for (const char c : text)
    {
        if (c == '"')
        {
            quoted += '"';
        }
        quoted += c;
    }
    quoted += '"';
    return quoted;
}

void CsvWriter::addRow(const std::vector<std::string> &fields)
{
    for (std::size_t i = 0; i < fields.size(); ++i)
    {
        if (i > 0)
        {
            m_out += ',';
        }
        m_out += field(fields[i], m_o.formulaGuard);
    }
    m_out += "\r\n";
}

} // namespace calldeck::core
