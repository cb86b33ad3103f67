// SPDX-License-Identifier: GPL-3.0-or-later
// AlarmHistory: AlarmMonitor's events as rows of calldeck_alarm.
#include "backend/alarmhistory.h"

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
    , m_session(std::move(store), u"calldeck-alarms"_s,
                {AlarmMonitor::logSource(), u"the alarms' history"_s,
                 u"Alarms still work but are not kept across a restart until it can be written"_s,
                 EventLogEntry::Severity::Error},
                log)
{}

AlarmHistory::~AlarmHistory() = default;

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

bool AlarmHistory::record(const AlarmEvent &event, const qint64 nowMs)
{
    QString error;
    if (m_session.open(&error))
    {
        const Alarm &a = event.alarm;
        QSqlQuery q(QSqlDatabase::database(m_session.connection(), false));
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
            m_session.succeeded();
            return true;
        }
        error = q.lastError().text().trimmed();
    }
    m_session.failed(error);
    return false;
}

QList<AlarmEvent> AlarmHistory::read(const qint64 sinceMs, QString *error)
{
    QList<AlarmEvent> out;
    if (!m_session.open(error))
    {
        return out;
    }
    QSqlQuery q(QSqlDatabase::database(m_session.connection(), false));
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
