// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include "backend/alarmrule.h"
#include "backend/profilelimits.h"

/// @brief The alarm rules kept in the settings (Alarms/Rules, one AlarmRule line each) and their
/// validation: what Settings → Alarm rules… writes and the AlarmMonitor reads.
class AlarmRules final
{
public:
    /// @brief What a rule is checked against.
    struct Context
    {
        /// Profiles the console knows ("inbound", "trunk"); empty: any profile is accepted.
        QStringList profiles;
        ProfileLimits limits;
    };

    static QString settingKey();
    /// @brief The stored rules; a line that does not parse is left out and described in @p errors
    /// ("rule 3: …", English, says what to fix).
    static QList<AlarmRule> load(QStringList *errors = nullptr);
    static void save(const QList<AlarmRule> &rules);

    /// @brief Parses the text of the rules editor (one rule a line, "#" comments).
    /// @return every problem as "line N: what to fix" (English); empty when all is well
    static QStringList parseText(const QString &text, QList<AlarmRule> &out, const Context &context);
    /// @brief The rules as editor text.
    static QString toText(const QList<AlarmRule> &rules);
    /// @brief What is wrong with @p rule (English, says what to fix); empty when it is fine.
    static QStringList validate(const AlarmRule &rule, const Context &context);
};
