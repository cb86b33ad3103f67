// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>
#include <QIcon>
#include <QList>

#include "backend/sourceregistry.h"
#include "ui/dmqhealthtext.h"

/// @brief The feeds of the SourceRegistry (HEP listeners, capture replays, proxies, the DMQ bus
/// and its nodes) and their health, one row per feed in the order they were registered. It holds
/// value snapshots only: refresh() takes one from the registry (the window calls it once per
/// refresh tick), inserts new feeds with ONE beginInsertRows and announces changed rows as merged
/// dataChanged spans (one full-range signal when more than half changed). It never resets on a tick.
class SourcesTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SourcesTableModel)

public:
    enum Column
    {
        FeedColumn,
        AddressColumn,
        StateColumn,
        RateColumn,
        PacketsColumn,
        LastSeenColumn,
        DropsColumn,
        MalformedColumn,
        AuthFailuresColumn,
        ColumnCount
    };

    /// @brief Typed value for sorting and export: counters as quint64, the rate as double, the
    /// state as int, "last seen" as ms since the epoch (0: never).
    static constexpr int RawValueRole = Qt::UserRole + 1;
    /// @brief Senders listed in a feed's tooltip at most.
    static constexpr int MaxTooltipSenders = 12;

    /// @param registry read on refresh(); null for a model fed through setFeeds() only
    explicit SourcesTableModel(const SourceRegistry *registry, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// @brief Takes a snapshot of the registry and applies it (see setFeeds()).
    void refresh();
    /// @brief Applies a snapshot: rows are matched by position (the registry only appends).
    void setFeeds(const QList<SourceHealth> &feeds);

    const SourceHealth &feedAt(int row) const;
    /// @brief Feeds in @p state.
    int count(SourceHealth::State state) const;

    /// @brief Re-announces headers and texts after a language change.
    void retranslate();

    /// @brief "HEP/SIP UDP", "Capture replay", ... for a SourceHealth::kind.
    static QString feedName(const QString &kind);
    static QString stateText(const SourceHealth &feed);

private:
    QVariant display(const SourceHealth &feed, int column) const;
    QVariant rawValue(const SourceHealth &feed, int column) const;
    QString toolTip(const SourceHealth &feed) const;
    void emitChanged(const QList<int> &rows);

    const SourceRegistry *m_registry;
    QList<SourceHealth> m_rows;
    DmqHealthText::NodeCount m_nodes;
    QIcon m_runningIcon;
    QIcon m_idleIcon;
    QIcon m_failedIcon;
};
