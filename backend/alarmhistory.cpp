// SPDX-License-Identifier: GPL-3.0-or-later
// AlarmHistory: AlarmMonitor's events as rows of calldeck_alarm.
#include "backend/alarmhistory.h"

#include <atomic>

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include "backend/alarmmonitor.h"
#include "backend/calldeckschema.h"
#include "backend/eventlog.h"
#include "backend/logging.h"

using namespace Qt::StringLiterals;

namespace
{
std::atomic<int> g_connections{0};
constexpr qint64 ReopenAfterMs = 10'000;

/// A null QString binds as NULL; the text columns are NOT NULL.
QString text(const QString &s)
{
    return s.isNull() ? u""_s : s;
}
constexpr AlarmEvent::Type Types[] = {AlarmEvent::Type::Raised, AlarmEvent::Type::Cleared,
                                      AlarmEvent::Type::Acknowledged, AlarmEvent::Type::Shelved,
                                      AlarmEvent::Type::ShelveExpired};
} // namespace

AlarmHistory::AlarmHistory(StoreUrl store, EventLog *log, QObject *parent)
    : QObject(parent)
    , m_store(std::move(store))
    , m_connection(u"calldeck-alarms-%1"_s.arg(g_connections.fetch_add(1)))
    , m_log(log)
{}

AlarmHistory::~AlarmHistory()
{
    CallDeckSchema::close(m_connection);
}

QString AlarmHistory::eventKey(const AlarmEvent::Type type)
{
    switch (type)
    {
    case AlarmEvent::Type::Raised:
        return u"raised"_s;
    case AlarmEvent::Type::Cleared:
        return u"cleared"_s;
    case AlarmEvent::Type::Acknowledged:
        return u"acknowledged"_s;
    case AlarmEvent::Type::Shelved:
        return u"shelved"_s;
    case AlarmEvent::Type::ShelveExpired:
        return u"shelve-expired"_s;
    }
    return u"raised"_s;
}

void AlarmHistory::attach(AlarmMonitor &monitor)
{
    connect(&monitor, &AlarmMonitor::happened, this,
            [this](const AlarmEvent &event) { record(event, QDateTime::currentMSecsSinceEpoch()); });
}

bool AlarmHistory::open(QString *error)
{
    if (QSqlDatabase::contains(m_connection))
    {
        return true;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (m_failing && now - m_lastOpenAttemptMs < ReopenAfterMs)
    {
        *error = u"the store was not usable a moment ago"_s;
        return false;
    }
    m_lastOpenAttemptMs = now;
    return CallDeckSchema::open(m_store, m_connection, error);
}

bool AlarmHistory::record(const AlarmEvent &event, const qint64 nowMs)
{
    QString error;
    if (open(&error))
    {
        const Alarm &a = event.alarm;
        QSqlQuery q(QSqlDatabase::database(m_connection, false));
        q.prepare(u"INSERT INTO calldeck_alarm (time_ms, event, alarm_id, rule, kind, severity, raised_ms, "
                  u"cleared_ms, acknowledged, shelved_until_ms, what, now_value) "
                  u"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
        q.addBindValue(nowMs);
        q.addBindValue(eventKey(event.type));
        q.addBindValue(qint64(a.id));
        q.addBindValue(text(a.rule));
        q.addBindValue(AlarmRule::kindKey(a.kind));
        q.addBindValue(AlarmRule::severityKey(a.severity));
        q.addBindValue(a.raisedMs);
        q.addBindValue(a.clearedMs);
        q.addBindValue(a.acknowledged ? 1 : 0);
        q.addBindValue(a.shelvedUntilMs);
        q.addBindValue(text(a.what));
        q.addBindValue(text(a.now));
        if (q.exec())
        {
            if (m_failing)
            {
                m_failing = false;
                if (m_log)
                {
                    m_log->append(
                        EventLogEntry::Severity::Info, AlarmMonitor::logSource(),
                        u"The alarms' history in the store %1 is written again."_s.arg(m_store.display()));
                }
            }
            return true;
        }
        error = q.lastError().text().trimmed();
        if (!QSqlDatabase::database(m_connection, false).isOpen())
        {
            q = QSqlQuery();
            CallDeckSchema::close(m_connection);
        }
    }
    reportFailure(error);
    return false;
}

QList<AlarmEvent> AlarmHistory::read(const qint64 sinceMs, QString *error)
{
    QList<AlarmEvent> out;
    if (!open(error))
    {
        return out;
    }
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.setForwardOnly(true);
    q.prepare(u"SELECT event, alarm_id, rule, kind, severity, raised_ms, cleared_ms, acknowledged, "
              u"shelved_until_ms, what, now_value FROM calldeck_alarm WHERE time_ms >= ? ORDER BY id"_s);
    q.addBindValue(sinceMs);
    if (!q.exec())
    {
        *error = u"reading the alarms' history failed: %1"_s.arg(q.lastError().text().trimmed());
        return out;
    }
    while (q.next())
    {
        AlarmEvent e;
        for (const AlarmEvent::Type type : Types)
        {
            if (eventKey(type) == q.value(0).toString())
            {
                e.type = type;
            }
        }
        Alarm &a = e.alarm;
        a.id = q.value(1).toULongLong();
        a.rule = q.value(2).toString();
        a.kind = AlarmRule::kindFromKey(q.value(3).toString()).value_or(AlarmRule::Kind::ProfileSize);
        a.severity = AlarmRule::severityFromKey(q.value(4).toString()).value_or(AlarmRule::Severity::Warning);
        a.raisedMs = q.value(5).toLongLong();
        a.clearedMs = q.value(6).toLongLong();
        a.acknowledged = q.value(7).toInt() != 0;
        a.shelvedUntilMs = q.value(8).toLongLong();
        a.what = q.value(9).toString();
        a.now = q.value(10).toString();
        out.append(e);
    }
    return out;
}

void AlarmHistory::reportFailure(const QString &error)
{
    qCWarning(lcBackend).noquote() << "alarms' history" << m_store.display() << error;
    if (m_failing)
    {
        return; // once per outage, not per event
    }
    m_failing = true;
    if (m_log)
    {
        m_log->append(EventLogEntry::Severity::Error, AlarmMonitor::logSource(),
                      u"Cannot write the alarms' history to the store %1: %2. Alarms still work but are not "
                      u"kept across a restart until it can be written: free disk space, fix the permissions, "
                      u"or start the database server."_s.arg(m_store.display(), error));
    }
}
