// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/alarmlistmodel.h"

#include <algorithm>

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QLocale>

AlarmListModel::AlarmListModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

int AlarmListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_alarms.size());
}

int AlarmListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString AlarmListModel::severityText(const AlarmRule::Severity severity)
{
    switch (severity)
    {
    case AlarmRule::Severity::Critical:
        return tr("Critical");
    case AlarmRule::Severity::Major:
        return tr("Major");
    case AlarmRule::Severity::Minor:
        return tr("Minor");
    case AlarmRule::Severity::Warning:
        break;
    }
    return tr("Warning");
}

QString AlarmListModel::stateText(const Alarm &alarm)
{
    const QLocale locale;
    switch (alarm.state())
    {
    case Alarm::State::Active:
        return tr("Active");
    case Alarm::State::Acknowledged:
        return tr("Acknowledged");
    case Alarm::State::Shelved:
        return tr("Shelved until %1")
            .arg(locale.toString(QDateTime::fromMSecsSinceEpoch(alarm.shelvedUntilMs), QLocale::ShortFormat));
    case Alarm::State::Cleared:
        break;
    }
    return tr("Cleared %1")
        .arg(locale.toString(QDateTime::fromMSecsSinceEpoch(alarm.clearedMs).time(), QLocale::ShortFormat));
}

QVariant AlarmListModel::data(const QModelIndex &index, const int role) const
{
    if (!index.isValid() || index.row() >= int(m_alarms.size()))
    {
        return {};
    }
    const Alarm &a = m_alarms[std::size_t(index.row())];
    if (role == IdRole)
    {
        return QVariant::fromValue(a.id);
    }
    if (role == RawValueRole)
    {
        switch (index.column())
        {
        case SeverityColumn:
            return int(a.severity);
        case RaisedColumn:
            return a.raisedMs;
        case RuleColumn:
            return a.rule;
        case WhatColumn:
            return a.what;
        case StateColumn:
            return int(a.state());
        default:
            return {};
        }
    }
    if (role == Qt::DisplayRole)
    {
        switch (index.column())
        {
        case SeverityColumn:
            return severityText(a.severity);
        case RaisedColumn:
            return QLocale().toString(QDateTime::fromMSecsSinceEpoch(a.raisedMs), QLocale::ShortFormat);
        case RuleColumn:
            return a.rule;
        case WhatColumn:
            return a.what;
        case StateColumn:
            return stateText(a);
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole && index.column() == WhatColumn)
    {
        return a.clearedMs ? tr("At the raise: %1\nAt the clear: %2").arg(a.what, a.now)
                           : tr("At the raise: %1\nNow: %2").arg(a.what, a.now);
    }
    if (role == Qt::ForegroundRole && a.state() == Alarm::State::Cleared)
    {
        return QBrush(QColor(0x70, 0x70, 0x70));
    }
    if (role == Qt::ForegroundRole && index.column() == SeverityColumn)
    {
        return a.severity == AlarmRule::Severity::Critical || a.severity == AlarmRule::Severity::Major
                   ? QBrush(QColor(0xb0, 0x00, 0x20))
                   : QBrush(QColor(0x9a, 0x60, 0x00));
    }
    return {};
}

QVariant AlarmListModel::headerData(const int section, const Qt::Orientation orientation,
                                    const int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
    {
        return {};
    }
    switch (section)
    {
    case SeverityColumn:
        return tr("Severity");
    case RaisedColumn:
        return tr("Raised");
    case RuleColumn:
        return tr("Rule");
    case WhatColumn:
        return tr("What");
    case StateColumn:
        return tr("State");
    default:
        return {};
    }
}

void AlarmListModel::setAlarms(const std::vector<Alarm> &alarms)
{
    // The monitor only appends, and drops the oldest cleared ones: remove what is gone first.
    for (int row = int(m_alarms.size()) - 1; row >= 0; --row)
    {
        const quint64 id = m_alarms[std::size_t(row)].id;
        if (std::none_of(alarms.begin(), alarms.end(), [id](const Alarm &a) { return a.id == id; }))
        {
            beginRemoveRows({}, row, row);
            m_alarms.erase(m_alarms.begin() + row);
            endRemoveRows();
        }
    }
    std::size_t kept = 0;
    for (; kept < m_alarms.size() && kept < alarms.size(); ++kept)
    {
        Alarm &mine = m_alarms[kept];
        const Alarm &theirs = alarms[kept];
        if (mine.what != theirs.what || mine.now != theirs.now || mine.state() != theirs.state() ||
            mine.shelvedUntilMs != theirs.shelvedUntilMs)
        {
            mine = theirs;
            emit dataChanged(index(int(kept), 0), index(int(kept), ColumnCount - 1));
        }
    }
    if (alarms.size() > m_alarms.size())
    {
        beginInsertRows({}, int(m_alarms.size()), int(alarms.size()) - 1);
        m_alarms.insert(m_alarms.end(), alarms.begin() + qsizetype(m_alarms.size()), alarms.end());
        endInsertRows();
    }
}
