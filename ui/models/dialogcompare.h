// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string_view>

#include <QString>

/// @brief Three-way comparisons (-1, 0, 1) with the ordering DialogFilterProxyModel gives
/// RawValueRole values: a missing value (an invalid RawValueRole: empty text, no number) after
/// every value in ascending order (qBittorrent's rule); text case-insensitive first, then
/// case-sensitive to settle ties.
class DialogCompare final
{
public:
    DialogCompare() = delete;

    static int values(const std::optional<qint64> &left, const std::optional<qint64> &right);
    static int text(const QString &left, const QString &right);
    /// @brief The same order on UTF-8 without making QStrings: ASCII (nearly every URI) byte by
    /// byte, where folding case and UTF-16 order agree with QString's; anything else via QString.
    static int text(std::string_view left, std::string_view right);
};
