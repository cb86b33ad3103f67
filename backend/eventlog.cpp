// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/eventlog.h"

#include <algorithm>

#include <QMutexLocker>

EventLog::EventLog(const qsizetype capacity, QObject *parent)
    : QObject(parent)
    , m_capacity(std::max<qsizetype>(capacity, 1))
{
    m_ring.reserve(static_cast<std::size_t>(std::min<qsizetype>(m_capacity, 1024)));
}

qsizetype EventLog::capacity() const
{
    return m_capacity;
}

qsizetype EventLog::size() const
{
    const QMutexLocker lock(&m_mutex);
    return static_cast<qsizetype>(m_ring.size());
}

quint64 EventLog::totalAppended() const
{
    const QMutexLocker lock(&m_mutex);
    return m_total;
}

quint64 EventLog::dropped() const
{
    const QMutexLocker lock(&m_mutex);
    return m_total - m_ring.size();
}

void EventLog::append(const EventLogEntry::Severity severity, const QString &source, const QString &message)
{
    append(EventLogEntry{QDateTime::currentDateTime(), severity, source, message});
}

void EventLog::append(const EventLogEntry &entry)
{
    {
        const QMutexLocker lock(&m_mutex);
        if (static_cast<qsizetype>(m_ring.size()) < m_capacity)
        {
            m_ring.push_back(entry);
        }
        else
        {
            m_ring[static_cast<std::size_t>(m_head)] = entry;
            m_head = (m_head + 1) % m_capacity;
        }
        ++m_total;
    }
    emit entryAdded(entry);
}

QList<EventLogEntry> EventLog::entries() const
{
    quint64 cursor = 0;
    return entriesSince(cursor);
}

QList<EventLogEntry> EventLog::entriesSince(quint64 &cursor) const
{
    const QMutexLocker lock(&m_mutex);
    const quint64 kept = m_ring.size();
    const quint64 oldestKept = m_total - kept; // sequence index of m_ring[m_head]
    const quint64 from = std::max(std::min(cursor, m_total), oldestKept);
    cursor = m_total;

    QList<EventLogEntry> result;
    result.reserve(static_cast<qsizetype>(m_total - from));
    for (quint64 seq = from; seq < m_total; ++seq)
    {
        const quint64 offset = seq - oldestKept;
        const std::size_t index = (static_cast<std::size_t>(m_head) + offset) % kept;
        result.append(m_ring[index]);
    }
    return result;
}
