// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <vector>

#include <QList>
#include <QMutex>
#include <QObject>

#include "backend/eventlogentry.h"

/// @brief The operator-facing event log (house style §6.6): a ring buffer capped at
/// capacity() entries; the oldest entries go first. append() is thread-safe, so worker threads
/// log directly; entryAdded is emitted on the appending thread (receivers in other threads get
/// it queued). Views pull with entriesSince() once per tick instead of reacting per entry.
class EventLog final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventLog)

public:
    static constexpr qsizetype DefaultCapacity = 20000;

    explicit EventLog(qsizetype capacity = DefaultCapacity, QObject *parent = nullptr);

    /// @brief Maximum number of entries kept (at least 1).
    qsizetype capacity() const;
    /// @brief Number of entries currently kept.
    qsizetype size() const;
    /// @brief Entries ever appended (the sequence number of the newest entry).
    quint64 totalAppended() const;
    /// @brief Entries pushed out of the buffer by the cap.
    quint64 dropped() const;

    /// @brief Appends an entry stamped with the current time.
    void append(EventLogEntry::Severity severity, const QString &source, const QString &message);
    /// @brief Appends a complete entry (the time is kept as given).
    void append(const EventLogEntry &entry);

    /// @brief Snapshot of the kept entries, oldest first.
    QList<EventLogEntry> entries() const;
    /// @brief Entries appended after the first @p cursor ones that are still kept, oldest first;
    /// sets @p cursor to totalAppended(). Start with cursor 0. Entries that were dropped
    /// before they could be read are skipped: (new cursor - old cursor) - result size of them.
    QList<EventLogEntry> entriesSince(quint64 &cursor) const;

signals:
    void entryAdded(const EventLogEntry &entry);

private:
    qsizetype m_capacity;
    mutable QMutex m_mutex;
    std::vector<EventLogEntry> m_ring; // grows to m_capacity, then m_head marks the oldest
    qsizetype m_head = 0;
    quint64 m_total = 0;
};
