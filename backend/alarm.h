// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMetaType>
#include <QString>

#include "backend/alarmrule.h"

/// @brief One raised alarm (a value type for views): from its raise to its clear, with the
/// operator's acknowledgement and shelving.
struct Alarm
{
    enum class State
    {
        Active,       ///< raised, nobody acknowledged it
        Acknowledged, ///< raised and acknowledged
        Shelved,      ///< raised, its rule shelved until shelvedUntilMs
        Cleared,      ///< the condition went away
    };

    quint64 id = 0;
    QString rule; ///< the rule's name
    AlarmRule::Kind kind = AlarmRule::Kind::ProfileSize;
    AlarmRule::Severity severity = AlarmRule::Severity::Warning;
    qint64 raisedMs = 0;
    qint64 clearedMs = 0; ///< 0 while raised
    QString what;         ///< e.g. "trunk 31 ≥ 30" (English, from the measurement at the raise)
    QString now;          ///< the latest measurement while raised
    bool acknowledged = false;
    qint64 shelvedUntilMs = 0; ///< 0: not shelved

    State state() const
    {
        if (clearedMs)
        {
            return State::Cleared;
        }
        if (shelvedUntilMs)
        {
            return State::Shelved;
        }
        return acknowledged ? State::Acknowledged : State::Active;
    }
    /// @brief Raised, not acknowledged, not shelved: what the badge counts.
    bool needsAttention() const { return state() == State::Active; }
};
Q_DECLARE_METATYPE(Alarm)

/// @brief What happened to an alarm (each one goes to the event log).
struct AlarmEvent
{
    enum class Type
    {
        Raised,
        Cleared,
        Acknowledged,
        Shelved,
        ShelveExpired,
    };
    Type type = Type::Raised;
    Alarm alarm; ///< as it is after the event
};
