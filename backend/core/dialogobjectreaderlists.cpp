// SPDX-License-Identifier: GPL-3.0-or-later
// DialogObjectReader, part two: `profiles` and `variables` (arrays of names and one-key objects,
// or dlg.dump_file's objects in QJsonObject's key order).
#include "dialogobjectreader.h"

#include <algorithm>

namespace calldeck::core
{

namespace
{

/** Code points of UTF-8 text in UTF-16 code unit order (QString's key order): a supplementary
 *  character sorts as its high surrogate, below U+E000..U+FFFF. */
std::uint32_t utf16Order(std::string_view s, std::size_t &i)
{
    const auto c = static_cast<unsigned char>(s[i]);
    std::uint32_t cp = c;
    std::size_t n = 1;
    if (c >= 0xF0)
    {
        cp = c & 0x07u;
        n = 4;
    }
    else if (c >= 0xE0)
    {
        cp = c & 0x0Fu;
        n = 3;
    }
    else if (c >= 0xC0)
    {
        cp = c & 0x1Fu;
        n = 2;
    }
    for (std::size_t k = 1; k < n && i + k < s.size(); ++k)
    {
        cp = cp << 6 | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
    }
    i += n;
    if (cp >= 0x10000)
    {
        // (high surrogate, low surrogate) packed so that it sorts like the two code units
        return 0xD800u + ((cp - 0x10000u) >> 10);
    }
    return cp;
}

bool utf16Less(std::string_view a, std::string_view b)
{
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < a.size() && j < b.size())
    {
        const std::size_t ai = i;
        const std::size_t bj = j;
        const std::uint32_t x = utf16Order(a, i);
        const std::uint32_t y = utf16Order(b, j);
        if (x != y)
        {
            return x < y;
        }
        if (x >= 0xD800 && x <= 0xDBFF) // same high surrogate: compare the whole characters
        {
            const int c = a.substr(ai, i - ai).compare(b.substr(bj, j - bj));
            if (c != 0)
            {
                return c < 0;
            }
        }
    }
    return i >= a.size() && j < b.size();
}

} // namespace

void DialogObjectReader::setProfile(DialogSnapshot &out, std::string_view name, const std::string_view *value)
{
    if (m_profileCount == out.profiles.size())
    {
        out.profiles.emplace_back();
    }
    auto &p = out.profiles[m_profileCount++];
    p.first.assign(name);
    if (!value)
    {
        p.second.reset();
    }
    else if (p.second)
    {
        p.second->assign(*value);
    }
    else
    {
        p.second.emplace(*value);
    }
}

void DialogObjectReader::setVariable(DialogSnapshot &out, std::string_view name, std::string_view value)
{
    if (m_variableCount == out.variables.size())
    {
        out.variables.emplace_back();
    }
    auto &v = out.variables[m_variableCount++];
    v.first.assign(name);
    v.second.assign(value);
}

bool DialogObjectReader::readOneKeyObject(JsonScanner &s, bool &valid)
{
    std::size_t keys = 0;
    bool several = false;
    bool lastIsString = false;
    for (;;)
    {
        Token t = s.next();
        if (t == Token::EndObject)
        {
            valid = keys > 0 && !several && lastIsString;
            return true;
        }
        if (t != Token::String)
        {
            return false;
        }
        if (keys == 0)
        {
            m_oneKey.assign(s.string());
        }
        else if (s.string() != m_oneKey)
        {
            several = true;
        }
        ++keys;
        t = s.next();
        lastIsString = t == Token::String;
        if (lastIsString)
        {
            m_oneValue.assign(s.string());
        }
        else if (t == Token::Error || !s.skipContainer())
        {
            return false;
        }
    }
}

bool DialogObjectReader::readProfilesArray(JsonScanner &s, DialogSnapshot &out)
{
    for (std::size_t i = 0;; ++i)
    {
        const Token t = s.next();
        if (t == Token::EndArray)
        {
            return true;
        }
        bool valid = false;
        if (t == Token::String)
        {
            if (m_profilesError.empty())
            {
                setProfile(out, s.string(), nullptr);
            }
            continue;
        }
        if (t == Token::BeginObject)
        {
            if (!readOneKeyObject(s, valid))
            {
                return false;
            }
        }
        else if (t == Token::Error || !s.skipContainer())
        {
            return false;
        }
        if (!m_profilesError.empty())
        {
            continue;
        }
        if (valid)
        {
            const std::string_view value = m_oneValue;
            setProfile(out, m_oneKey, &value);
        }
        else
        {
            m_profilesError = "'profiles' item " + std::to_string(i) +
                              " is not a name or a one-key object with a string value";
        }
    }
}

bool DialogObjectReader::readVariablesArray(JsonScanner &s, DialogSnapshot &out)
{
    for (std::size_t i = 0;; ++i)
    {
        const Token t = s.next();
        if (t == Token::EndArray)
        {
            return true;
        }
        bool valid = false;
        if (t == Token::BeginObject)
        {
            if (!readOneKeyObject(s, valid))
            {
                return false;
            }
        }
        else if (t == Token::Error || !s.skipContainer())
        {
            return false;
        }
        if (!m_variablesError.empty())
        {
            continue;
        }
        if (valid)
        {
            setVariable(out, m_oneKey, m_oneValue);
        }
        else
        {
            m_variablesError =
                "'variables' item " + std::to_string(i) + " is not a one-key object with a string value";
        }
    }
}

bool DialogObjectReader::readMembers(JsonScanner &s)
{
    m_memberCount = 0;
    for (;;)
    {
        Token t = s.next();
        if (t == Token::EndObject)
        {
            break;
        }
        if (t != Token::String)
        {
            return false;
        }
        if (m_memberCount == m_members.size())
        {
            m_members.emplace_back();
        }
        Member &m = m_members[m_memberCount++];
        m.key.assign(s.string());
        t = s.next();
        m.type = t;
        if (t == Token::String)
        {
            m.value.assign(s.string());
        }
        else if (t == Token::Error || !s.skipContainer())
        {
            return false;
        }
    }
    sortMembers();
    return true;
}

void DialogObjectReader::sortMembers()
{
    // As QJsonObject keeps them: sorted by key (UTF-16 order), of equal keys the last one.
    m_order.resize(m_memberCount);
    for (std::uint32_t i = 0; i < m_memberCount; ++i)
    {
        m_order[i] = i;
    }
    std::stable_sort(m_order.begin(), m_order.end(), [this](std::uint32_t a, std::uint32_t b) {
        return utf16Less(m_members[a].key, m_members[b].key);
    });
    std::size_t kept = 0;
    for (std::size_t i = 0; i < m_order.size(); ++i)
    {
        if (kept > 0 && m_members[m_order[kept - 1]].key == m_members[m_order[i]].key)
        {
            m_order[kept - 1] = m_order[i];
        }
        else
        {
            m_order[kept++] = m_order[i];
        }
    }
    m_order.resize(kept);
}

} // namespace calldeck::core
