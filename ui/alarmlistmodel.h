// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <vector>

#include <QAbstractTableModel>

#include "backend/alarm.h"

/// @brief The alarm list (issue #8): one row per raised alarm, oldest first, as AlarmMonitor keeps
/// them — severity, raised time, rule, what was measured, state (active, acknowledged, shelved
/// until …, cleared). setAlarms() diffs by alarm id: new alarms are appended with one
/// beginInsertRows, changed rows get dataChanged, alarms the monitor dropped are removed.
class AlarmListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlarmListModel)

public:
    enum Column
    {
        SeverityColumn,
        RaisedColumn,
        RuleColumn,
        WhatColumn,
        StateColumn,
        ColumnCount
    };
    /// @brief Typed values: severity and state as int, times as ms since the epoch.
    static constexpr int RawValueRole = Qt::UserRole + 1;
    /// @brief The alarm's id (quint64).
    static constexpr int IdRole = Qt::UserRole + 2;

    explicit AlarmListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setAlarms(const std::vector<Alarm> &alarms);
    const Alarm &alarmAt(int row) const { return m_alarms[std::size_t(row)]; }

    static QString severityText(AlarmRule::Severity severity);
    static QString stateText(const Alarm &alarm);

private:
    std::vector<Alarm> m_alarms;
};
