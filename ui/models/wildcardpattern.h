// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>

#include <QString>

/// @brief A shell-style pattern over a whole UTF-8 text: '*' any run, '?' one character, every
/// other character literal (regex characters too). Matching allocates nothing, so a filter pass
/// over a million URIs stays cheap: ASCII letters compare without case (URIs are ASCII nearly
/// always), other characters as typed after the pattern was lower-cased.
class WildcardPattern final
{
public:
    WildcardPattern() = default;
    explicit WildcardPattern(const QString &pattern);

    bool isEmpty() const { return m_pattern.empty(); }
    bool matches(std::string_view text) const;

private:
    std::string m_pattern; // lower-cased UTF-8
};
