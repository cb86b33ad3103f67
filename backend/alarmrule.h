// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QString>
#include <QStringList>

/// @brief One alarm rule (issue #8), as Settings → Alarm rules… edits it and the setting
/// Alarms/Rules keeps it: one line of `key=value` words, values with spaces in double quotes:
///
///     name="trunk nearly full" kind=profile target=trunk threshold=80% severity=major clear=10
///
/// | kind           | raises when                                                        | uses |
/// |----------------|--------------------------------------------------------------------|------|
/// | `profile`      | the profile (`target=trunk`) or value (`target=trunk=gw1`) holds ≥ threshold dialogs,
/// or ≥ threshold % of its limit (Charts/Limits) | target, threshold, hysteresis | | `age`          | ≥ count
/// dialogs (states 1–4) are older than `seconds`             | seconds, count | | `early`        | ≥ count
/// dialogs stay unconfirmed/early (states 1–2) longer than `seconds` | seconds, count | | `noack`        | ≥
/// count dialogs stay confirmed-no-ACK (state 3) longer than `seconds` | seconds, count | | `silent`       |
/// no packet on the feeds whose label contains `target` (empty: every HEP feed) for `seconds` | target,
/// seconds | | `proxy-down`   | a polled proxy (`target`: its name; empty: any) is down           | target |
/// | `failure-rate` | 3xx–6xx answers are ≥ threshold % of the final answers to initial INVITEs over the last
/// `seconds`, with at least `count` answers | threshold, seconds, count, hysteresis |
///
/// Every rule raises after `raise` seconds over its threshold and clears after `clear` seconds
/// back under it (under threshold − hysteresis for profile and failure-rate), so churn does not
/// flap.
struct AlarmRule
{
    enum class Kind
    {
        ProfileSize,
        DialogAge,
        EarlyStuck,
        NoAckStuck,
        FeedSilent,
        ProxyDown,
        FailureRate,
    };
    enum class Severity
    {
        Critical,
        Major,
        Minor,
        Warning,
    };

    QString name;
    Kind kind = Kind::ProfileSize;
    QString target;        ///< profile series, feed label part or proxy name
    double threshold = 0;  ///< profile: dialogs (or % of the limit); failure-rate: %
    bool percent = false;  ///< profile: threshold is a % of the profile's limit
    int seconds = 0;       ///< age/early/noack: age; silent: silence; failure-rate: window
    int count = 1;         ///< age kinds: dialogs needed; failure-rate: answers needed in the window
    double hysteresis = 0; ///< profile/failure-rate: clears below threshold − hysteresis
    int raiseAfter = 0;    ///< seconds over the threshold before the alarm is raised
    int clearAfter = 5;    ///< seconds back under it before the alarm clears
    Severity severity = Severity::Warning;
    bool enabled = true;

    static QString kindKey(Kind kind);
    static std::optional<Kind> kindFromKey(const QString &key);
    static QStringList kindKeys();
    static QString severityKey(Severity severity);
    static std::optional<Severity> severityFromKey(const QString &key);

    /// @brief The rule as one settings line (parse() reads it back).
    QString toLine() const;
    /// @brief Reads one line; on failure @p error (English) says which word is wrong and what to write.
    static std::optional<AlarmRule> parse(const QString &line, QString *error);

    bool operator==(const AlarmRule &) const = default;
};
