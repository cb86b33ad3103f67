// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/eventlogmodel.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QLocale>

#include "backend/eventlog.h"

using namespace Qt::StringLiterals;

EventLogModel::EventLogModel(EventLog *log, const qsizetype capacity, QObject *parent)
    : QAbstractTableModel(parent)
    , m_log(log)
    , m_capacity(capacity > 0 ? capacity : log->capacity())
{
    m_tick.setSingleShot(true);
    m_tick.setInterval(DefaultRefreshIntervalMs);
    connect(&m_tick, &QTimer::timeout, this, &EventLogModel::flush);
    // Queued automatically when a worker thread appends; either way only the timer does work.
    connect(m_log, &EventLog::entryAdded, this, &EventLogModel::schedule);
    flush(); // what was logged before the model existed (no view is attached yet)
}

int EventLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int EventLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventLogModel::data(const QModelIndex &index, const int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
    {
        return {};
    }
    const EventLogEntry &entry = entryAt(index.row());
    switch (role)
    {
    case Qt::DisplayRole:
        switch (index.column())
        {
        case TimeColumn:
            return entry.time.toString(u"HH:mm:ss.zzz"_s);
        case SeverityColumn:
            return severityText(entry.severity);
        case SourceColumn:
            return entry.source;
        case MessageColumn:
            return entry.message;
        default:
            return {};
        }
    case RawValueRole:
        switch (index.column())
        {
        case TimeColumn:
            return entry.time;
        case SeverityColumn:
            return static_cast<int>(entry.severity);
        case SourceColumn:
            return entry.source;
        case MessageColumn:
            return entry.message;
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == TimeColumn)
        {
            return QLocale().toString(entry.time, QLocale::LongFormat);
        }
        if (index.column() == MessageColumn)
        {
            return entry.message;
        }
        return {};
    case Qt::ForegroundRole:
        switch (entry.severity)
        {
        case EventLogEntry::Severity::Warning:
            return QBrush(QColor(0xa1, 0x5c, 0x00));
        case EventLogEntry::Severity::Error:
            return QBrush(QColor(0xb7, 0x1c, 0x1c));
        case EventLogEntry::Severity::Info:
            return {};
        }
        return {};
    case Qt::FontRole:
        if (entry.severity == EventLogEntry::Severity::Error)
        {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    default:
        return {};
    }
}

QVariant EventLogModel::headerData(const int section, const Qt::Orientation orientation, const int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
    {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section)
    {
    case TimeColumn:
        return tr("Time");
    case SeverityColumn:
        return tr("Severity");
    case SourceColumn:
        return tr("Source");
    case MessageColumn:
        return tr("Message");
    default:
        return {};
    }
}

qsizetype EventLogModel::capacity() const
{
    return m_capacity;
}

quint64 EventLogModel::missed() const
{
    return m_missed;
}

int EventLogModel::refreshIntervalMs() const
{
    return m_tick.interval();
}

void EventLogModel::setRefreshIntervalMs(const int milliseconds)
{
    m_tick.setInterval(milliseconds);
}

const EventLogEntry &EventLogModel::entryAt(const int row) const
{
    return m_rows[static_cast<std::size_t>(row)];
}

void EventLogModel::schedule()
{
    if (!m_tick.isActive())
    {
        m_tick.start();
    }
}

void EventLogModel::flush()
{
    m_tick.stop();
    const quint64 before = m_cursor;
    QList<EventLogEntry> fresh = m_log->entriesSince(m_cursor);
    m_missed += (m_cursor - before) - static_cast<quint64>(fresh.size());
    if (fresh.isEmpty())
    {
        return;
    }
    if (fresh.size() > m_capacity)
    {
        m_missed += static_cast<quint64>(fresh.size() - m_capacity);
        fresh.remove(0, fresh.size() - m_capacity);
    }

    const qsizetype overflow = static_cast<qsizetype>(m_rows.size()) + fresh.size() - m_capacity;
    if (overflow > 0)
    {
        beginRemoveRows({}, 0, static_cast<int>(overflow - 1));
        m_rows.erase(m_rows.begin(), m_rows.begin() + overflow);
        endRemoveRows();
    }

    const int first = static_cast<int>(m_rows.size());
    beginInsertRows({}, first, first + static_cast<int>(fresh.size()) - 1);
    m_rows.insert(m_rows.end(), fresh.cbegin(), fresh.cend());
    endInsertRows();
}

void EventLogModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.empty())
    {
        emit dataChanged(index(0, SeverityColumn), index(rowCount() - 1, SeverityColumn), {Qt::DisplayRole});
    }
}

QString EventLogModel::severityText(const EventLogEntry::Severity severity)
{
    switch (severity)
    {
    case EventLogEntry::Severity::Info:
        return tr("Info");
    case EventLogEntry::Severity::Warning:
        return tr("Warning");
    case EventLogEntry::Severity::Error:
        return tr("Error");
    }
    return {};
}
