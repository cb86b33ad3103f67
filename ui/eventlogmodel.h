// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <deque>

#include <QAbstractTableModel>
#include <QTimer>

#include "backend/eventlogentry.h"

class EventLog;

/// @brief Table model over the EventLog. It never reacts per entry: the first entry after a
/// flush arms a single-shot timer, and the tick inserts everything pending with ONE
/// beginInsertRows (after one batched removal of the oldest rows when the cap is exceeded).
class EventLogModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventLogModel)

public:
    enum Column
    {
        TimeColumn,
        SeverityColumn,
        SourceColumn,
        MessageColumn,
        ColumnCount
    };

    /// @brief Typed value for sorting and export: QDateTime, int severity, QString.
    static constexpr int RawValueRole = Qt::UserRole + 1;

    static constexpr int DefaultRefreshIntervalMs = 200;

    /// @param capacity maximum rows kept; the oldest rows go first. 0 means the log's capacity.
    explicit EventLogModel(EventLog *log, qsizetype capacity = 0, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    qsizetype capacity() const;
    /// @brief Entries that left the log before the model could take them (a burst above its cap).
    quint64 missed() const;

    int refreshIntervalMs() const;
    void setRefreshIntervalMs(int milliseconds);

    const EventLogEntry &entryAt(int row) const;

    /// @brief Takes every pending entry now (the timer calls this once per tick).
    void flush();
    /// @brief Re-announces translated headers and severity texts after a language change.
    void retranslate();

    static QString severityText(EventLogEntry::Severity severity);

private:
    void schedule();

    EventLog *m_log;
    qsizetype m_capacity;
    std::deque<EventLogEntry> m_rows;
    quint64 m_cursor = 0;
    quint64 m_missed = 0;
    QTimer m_tick;
};
