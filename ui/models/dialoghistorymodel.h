// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <deque>
#include <vector>

#include <QAbstractTableModel>
#include <QIcon>

#include "backend/dialogdelta.h"

/// @brief The ended calls: dialogs that left the live table, oldest first, capped (house style
/// §6.3). Each append is ONE insert, after ONE removal of the oldest rows when the cap is passed.
class DialogHistoryModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DialogHistoryModel)

public:
    enum Column
    {
        EndedColumn,
        StateColumn,
        CallIdColumn,
        FromColumn,
        ToColumn,
        DurationColumn,
        ProfilesColumn,
        OriginColumn,
        IdColumn,
        CallerContactColumn,
        CalleeContactColumn,
        ColumnCount
    };

    enum Role
    {
        /// Typed value: qint64 Unix seconds (ended), int state, qint64 seconds, quint64 id, QString.
        RawValueRole = Qt::UserRole + 1,
        KeyRole, ///< the dialog's DialogRow::key (quint64)
    };

    static constexpr qsizetype DefaultCapacity = 10'000;

    explicit DialogHistoryModel(qsizetype capacity = DefaultCapacity, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// @brief Appends the dialogs that left the live table at @p retiredMs (Unix milliseconds).
    void append(std::vector<DialogRow> rows, qint64 retiredMs);
    void clear();

    qsizetype capacity() const;
    /// @brief Values below 1 read as 1; lowering the cap drops the oldest rows in one batch.
    void setCapacity(qsizetype capacity);

    const DialogRow &rowAt(int row) const;
    /// @brief When the dialog ended: its end_ts, or the time it left the live table.
    qint64 endedAt(int row) const;

    /// @brief Re-announces translated headers and state texts after a language change.
    void retranslate();

private:
    struct Entry
    {
        DialogRow row;
        qint64 endedSec;
    };

    void trim(qsizetype room);

    qsizetype m_capacity;
    std::deque<Entry> m_rows;
    mutable std::array<QIcon, 6> m_icons;
};
