// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/wildcardpattern.h"

#include <cstddef>

namespace
{
char lower(const char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

// Past the UTF-8 character starting at @p at.
std::size_t nextCharacter(const std::string_view text, std::size_t at)
{
    ++at;
    while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80)
    {
        ++at;
    }
    return at;
}
} // namespace

WildcardPattern::WildcardPattern(const QString &pattern)
    : m_pattern(pattern.toLower().toStdString())
{}

bool WildcardPattern::matches(const std::string_view text) const
{
    // Greedy with a return to the last '*': linear for the patterns operators type.
    const std::string_view pattern(m_pattern);
    std::size_t p = 0;
    std::size_t t = 0;
    std::size_t star = std::string_view::npos;
    std::size_t starText = 0;
    while (t < text.size())
    {
        if (p < pattern.size() && pattern[p] == '*')
        {
            star = p++;
            starText = t;
        }
        else if (p < pattern.size() && pattern[p] == '?')
        {
            ++p;
            t = nextCharacter(text, t);
        }
        else if (p < pattern.size() && pattern[p] == lower(text[t]))
        {
            ++p;
            ++t;
        }
        else if (star != std::string_view::npos)
        {
            p = star + 1;
            starText = nextCharacter(text, starText);
            t = starText;
        }
        else
        {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*')
    {
        ++p;
    }
    return p == pattern.size();
}
