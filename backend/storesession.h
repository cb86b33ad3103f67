// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include "backend/eventlogentry.h"
#include "backend/storeurl.h"

class EventLog;

/// @brief The store connection of one writer of CallDeck's own tables on the main thread (the
/// alarms' history, the feeds' state): opened on demand through CallDeckSchema::open(), not tried
/// again more often than every 10 s while the store fails, closed when its database went away,
/// and each outage and recovery reported once in the event log, not at every write.
class StoreSession final
{
public:
    struct Texts
    {
        QString source;    ///< the event log's source column
        QString what;      ///< e.g. "the alarms' history" (in "Cannot write %what to the store …")
        QString meanwhile; ///< what still works, e.g. "Alarms still work but are not kept across a restart"
        EventLogEntry::Severity severity = EventLogEntry::Severity::Warning;
    };

    /// @param prefix the QtSql connection name's start (a number is added)
    StoreSession(StoreUrl store, const QString &prefix, Texts texts, EventLog *log);
    ~StoreSession();
    StoreSession(const StoreSession &) = delete;
    StoreSession &operator=(const StoreSession &) = delete;

    const StoreUrl &store() const { return m_store; }
    const QString &connection() const { return m_connection; }

    /// @brief The connection open and the tables ready; false (with @p error) while the store
    /// fails and its retry pause runs.
    bool open(QString *error);
    /// @brief A write succeeded: a recovery is reported once.
    void succeeded();
    /// @brief A write failed (every query on the connection must be gone): reported once per
    /// outage; a connection whose database went away is closed so that the next open() retries.
    void failed(const QString &error);

private:
    const StoreUrl m_store;
    const QString m_connection;
    const Texts m_texts;
    EventLog *m_log;
    qint64 m_lastOpenAttemptMs = 0;
    bool m_failing = false;
};
