// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QHash>
#include <QString>
#include <QStringList>

/// @brief The configured limit of each profile or profile value (issue #8), one table for the
/// charts (the dashed limit lines) and the alarms (a profile size in % of its limit). Kept in the
/// setting Charts/Limits as lines "SERIES LIMIT": "trunk 100", "trunk=gw1 30"; "#" starts a
/// comment line.
class ProfileLimits final
{
public:
    /// @brief The settings key of the limits text.
    static QString settingKey();
    /// @brief The limits stored in the settings; @p bad gets the lines that are not "SERIES NUMBER".
    static ProfileLimits fromSettings(QStringList *bad = nullptr);

    /// @brief Replaces the table by the lines of @p text. @return the lines that are not
    /// "SERIES NUMBER" with a number ≥ 0 (they are ignored)
    QStringList parse(const QString &text);
    /// @brief The limit of @p series: "trunk", "trunk=gw1", or the sampler's "profile:trunk".
    std::optional<double> limit(const QString &series) const;
    /// @brief "trunk" / "trunk=gw1" → limit.
    const QHash<QString, double> &all() const { return m_limits; }
    bool isEmpty() const { return m_limits.isEmpty(); }

private:
    QHash<QString, double> m_limits;
};
