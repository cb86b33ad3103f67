// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/dialogcompare.h"

#include <algorithm>

namespace
{
int sign(const int value)
{
    return (value > 0) - (value < 0);
}

bool isAscii(const char c)
{
    return (uchar(c) & 0x80) == 0;
}

char fold(const char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

QString utf16(const std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}
} // namespace

int DialogCompare::values(const std::optional<qint64> &left, const std::optional<qint64> &right)
{
    if (!left || !right)
    {
        return (bool(left) == bool(right)) ? 0 : (left ? -1 : 1);
    }
    return (*left < *right) ? -1 : ((*right < *left) ? 1 : 0);
}

int DialogCompare::text(const QString &left, const QString &right)
{
    if (left.isEmpty() || right.isEmpty())
    {
        return (left.isEmpty() == right.isEmpty()) ? 0 : (left.isEmpty() ? 1 : -1);
    }
    const int folded = QString::compare(left, right, Qt::CaseInsensitive);
    return (folded != 0) ? sign(folded) : sign(QString::compare(left, right, Qt::CaseSensitive));
}

int DialogCompare::text(const std::string_view left, const std::string_view right)
{
    if (left.empty() || right.empty())
    {
        return (left.empty() == right.empty()) ? 0 : (left.empty() ? 1 : -1);
    }
    const std::size_t common = std::min(left.size(), right.size());
    for (std::size_t i = 0; i < common; ++i)
    {
        if (!isAscii(left[i]) || !isAscii(right[i]))
        {
            return text(utf16(left), utf16(right));
        }
        const char l = fold(left[i]);
        const char r = fold(right[i]);
        if (l != r)
        {
            return (l < r) ? -1 : 1;
        }
    }
    if (left.size() != right.size())
    {
        const std::string_view rest =
            (left.size() > right.size()) ? left.substr(common) : right.substr(common);
        if (!std::all_of(rest.begin(), rest.end(), isAscii))
        {
            return text(utf16(left), utf16(right));
        }
        return (left.size() < right.size()) ? -1 : 1;
    }
    return sign(left.compare(right));
}
