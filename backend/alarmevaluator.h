// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <deque>
#include <map>
#include <vector>

#include <QHash>
#include <QList>
#include <QString>

#include "backend/alarm.h"
#include "backend/core/dialogstats.h"
#include "backend/profilelimits.h"
#include "backend/sourceregistry.h"

/// @brief The alarm rules' state machine (issue #8), fed once a second with what the console
/// measured: raises a rule's alarm after `raise` seconds over its threshold, clears it after
/// `clear` seconds under threshold − hysteresis, keeps the raised alarms with acknowledgement and
/// shelving (per rule, until a time), and reports every change as an AlarmEvent. No I/O, no
/// timer: AlarmMonitor gathers the inputs; tests give them directly.
class AlarmEvaluator final
{
public:
    /// @brief One second's measurements.
    struct Inputs
    {
        qint64 nowMs = 0;
        QHash<QString, double> profiles; ///< "trunk" / "trunk=gw1" → live dialogs (missing: 0)
        ProfileLimits limits;
        std::vector<calldeck::core::DialogAgeCount> ages; ///< one per ageQueries() entry
        QList<SourceHealth> sources;
        quint64 answered = 0; ///< DialogStats::answeredDialogs (a counter)
        quint64 failed = 0;   ///< DialogStats::failedDialogs
    };

    static constexpr qsizetype MaxAlarms = 1000; ///< cleared alarms beyond this go, oldest first

    /// @brief Replaces the rules. A rule kept (same name and kind) keeps its alarm and timers; the
    /// alarm of a rule removed or disabled clears at once.
    std::vector<AlarmEvent> setRules(const QList<AlarmRule> &rules, qint64 nowMs);
    const QList<AlarmRule> &rules() const { return m_rules; }
    /// @brief What the core should count for the next evaluate(), in rule order (age kinds).
    std::vector<calldeck::core::DialogAgeQuery> ageQueries() const;

    /// @brief One second: measures every enabled rule and moves its alarm.
    std::vector<AlarmEvent> evaluate(const Inputs &in);

    /// @brief Acknowledges a raised alarm. @return the event, none when @p id is not raised
    std::vector<AlarmEvent> acknowledge(quint64 id, qint64 nowMs);
    /// @brief Shelves the rule of alarm @p id until @p untilMs: its alarms stay listed but ask for
    /// no attention (no notification) until then.
    std::vector<AlarmEvent> shelve(quint64 id, qint64 untilMs, qint64 nowMs);

    /// @brief Every alarm kept, oldest first.
    const std::vector<Alarm> &alarms() const { return m_alarms; }
    /// @brief Raised alarms nobody acknowledged and no shelf hides.
    int attentionCount() const;

    /// @brief What a rule measures now (English), e.g. "trunk 31 ≥ 30".
    struct Measure
    {
        bool valid = false; ///< false: nothing to judge (e.g. % without a limit, no such feed)
        bool over = false;  ///< the raise condition holds
        bool under = true;  ///< the clear condition holds (below threshold − hysteresis)
        QString what;
    };
    Measure measure(const AlarmRule &rule, qsizetype ageIndex, const Inputs &in) const;

private:
    struct RuleState
    {
        qint64 overSinceMs = 0;
        qint64 underSinceMs = 0;
        quint64 alarm = 0;         ///< id of the raised alarm, 0 none
        qint64 watchedSinceMs = 0; ///< first evaluation (a feed that never received is silent since)
    };
    struct Counters
    {
        qint64 ms;
        quint64 answered;
        quint64 failed;
    };
    Alarm *find(quint64 id);
    AlarmEvent clear(RuleState &state, qint64 nowMs, const QString &why);
    void trim();

    QList<AlarmRule> m_rules;
    std::map<QString, RuleState> m_states; ///< by rule name
    std::map<QString, qint64> m_shelf;     ///< rule name → shelved until (ms)
    std::vector<Alarm> m_alarms;
    std::deque<Counters> m_counters; ///< failure rate: one entry a second, as long as the longest window
    quint64 m_nextId = 1;
};
