// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QObject>
#include <QString>

#include "backend/alarm.h"
#include "backend/storesession.h"

class AlarmMonitor;
class EventLog;

/// @brief The alarms' history in CallDeck's store (issue #9): every raise, clear,
/// acknowledgement, shelving and end of a shelf AlarmMonitor publishes becomes one row of
/// `calldeck_alarm` (the event, and the alarm as it is after it), so an incident can be
/// reconstructed after a restart. A store that cannot be written goes to the event log once per
/// outage, with what to do; alarms go on in memory.
///
/// Lives on the main thread, beside AlarmMonitor.
class AlarmHistory final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlarmHistory)

public:
    explicit AlarmHistory(StoreUrl store, EventLog *log = nullptr, QObject *parent = nullptr);
    ~AlarmHistory() override;

    /// @brief Records every event @p monitor publishes from now on.
    void attach(AlarmMonitor &monitor);
    /// @brief Writes one event. @return false when the store could not be written
    bool record(const AlarmEvent &event, qint64 nowMs);
    /// @brief The events since @p sinceMs, oldest first (the alarm fields as stored).
    QList<AlarmEvent> read(qint64 sinceMs, QString *error);

    /// @brief The stored name of an event type ("raised", "cleared", "acknowledged", "shelved",
    /// "shelve-expired").
    static QString eventKey(AlarmEvent::Type type);

private:
    StoreSession m_session;
};
