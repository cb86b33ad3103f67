// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <QAbstractTableModel>
#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QIcon>
#include <QPointer>
#include <QStringList>
#include <QTimer>

#include "backend/dialogdelta.h"
#include "ui/models/dialogsearchtexts.h"

class DialogHistoryModel;

/// @brief The live dialogs (house style §6.3). Rows are DialogRow values in arrival order with a
/// key → row index. apply() takes one delta per refresh tick and announces it in batches: ONE
/// insert for all new dialogs, one dataChanged per contiguous span of updated rows (one over all
/// rows past 50 %), removals in contiguous spans from the highest down; never a reset.
/// Ended dialogs (state 5, or dropped by the core) linger, then move to the history.
/// After the fixed columns come the operator's header columns (setHeaderColumns()): the values of
/// SIP headers the core kept from each mirror dialog's INVITE (DialogSnapshot::headers).
class DialogTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DialogTableModel)

public:
    enum Column
    {
        StateColumn,
        CallIdColumn,
        FromColumn,
        ToColumn,
        DurationColumn,
        StateAgeColumn,
        TimeoutColumn,
        ProfilesColumn,
        OriginColumn,
        IdColumn,
        CallerContactColumn,
        CalleeContactColumn,
        ColumnCount
    };

    enum Role
    {
        /// Typed value for sorting, filtering and export: int state, qint64 seconds, quint64 id,
        /// QString text; invalid when there is nothing (no 2xx yet, no timer, empty text).
        RawValueRole = Qt::UserRole + 1,
        /// The row's DialogRow::key (quint64), for following a dialog across updates.
        KeyRole,
    };

    /// @brief Milliseconds since the Unix epoch; tests inject their own.
    using Clock = std::function<qint64()>;

    static constexpr qint64 DefaultLingerMs = 30'000;
    /// As many as the core keeps (calldeck::core::HeaderColumns::MaxColumns).
    static constexpr int MaxHeaderColumns = 8;
    static constexpr int DefaultTickIntervalMs = 1000;

    explicit DialogTableModel(QObject *parent = nullptr);
    ~DialogTableModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// @brief Takes one delta (CoreWorker::takeDelta()); the rvalue overload moves the rows in.
    void apply(const DialogDelta &delta);
    void apply(DialogDelta &&delta);
    /// @brief Drops every row at once (a reset: "clear all", a reconnect). Nothing goes to history.
    void clear();
    /// @brief The once-a-second work (the built-in timer calls it): reads the clock for the clock
    /// columns, removes rows whose linger is over, then ONE dataChanged over Duration, State age
    /// and Timeout of all rows.
    void tick();

    /// @brief The row showing @p key, or -1. Right also inside the removal signals, where the
    /// keys of the whole batch being removed already read -1.
    int rowOfKey(quint64 key) const;
    const DialogRow &rowAt(int row) const;
    /// @brief True while the row waits out its linger (ended, or dropped by the core).
    bool isLingering(int row) const;
    /// @brief Call-ID, From, To, profiles ("name=value"), origin and contacts, lower-cased UTF-8,
    /// one per line: what the text filter searches. Built when a row arrives and rebuilt only
    /// when an update changes one of those texts. Valid until the next apply(), tick() or clear().
    QByteArrayView searchTextAt(int row) const;

    /// @brief The clock (Unix milliseconds); lingers are measured with it.
    qint64 nowMs() const;
    void setClock(Clock clock);
    /// @brief The Unix second the clock columns (duration, state age, timeout) show: the clock
    /// as read at the last tick(), so every row agrees and a sort never sees values move.
    qint64 secondsNow() const;
    /// @brief Seconds in the current state at secondsNow() (the State age column's raw value).
    qint64 stateAgeAt(int row) const;
    qint64 lingerMs() const;
    void setLingerMs(qint64 milliseconds);
    /// @brief 0 stops the built-in once-a-second timer (tests call tick() themselves).
    int tickIntervalMs() const;
    void setTickIntervalMs(int milliseconds);
    DialogHistoryModel *history() const;
    /// @brief Where rows go when they leave (one append per removal batch); may be null.
    void setHistory(DialogHistoryModel *history);

    QStringList headerColumns() const;
    /// @brief The header columns after the fixed ones (at most MaxHeaderColumns, no duplicates in
    /// any case). Columns are removed and inserted, never reset: a name added at the end is one
    /// insert.
    void setHeaderColumns(const QStringList &names);
    /// @brief The value of header column @p column (>= ColumnCount) of @p row; empty when the
    /// dialog has none (proxy-only rows, headers the INVITE lacked).
    std::string_view headerValueAt(int row, int column) const;

    /// @brief Re-announces translated headers, state texts and tooltips after a language change.
    void retranslate();

private:
    struct Entry;
    struct Change
    {
        int row;
        quint32 columns; // bit per Column
        bool visual;     // state or lingering changed: icon and colours too
    };

    static quint32 changedColumns(const Entry &entry, const DialogRow &fresh);
    static bool searchTextChanged(const DialogRow &old, const DialogRow &fresh);
    static QByteArray searchText(const DialogRow &row);
    static qint64 stateSince(const DialogRow &row, bool firstSeen, qint64 nowMs);
    Entry &entryAt(int row);
    const Entry &entryAt(int row) const;
    void update(int row, DialogRow &&fresh, qint64 now, std::vector<Change> &changes);
    bool updateLinger(Entry &entry, qint64 now);
    void announce(std::vector<Change> &changes);
    void appendRows(std::vector<std::unique_ptr<Entry>> &&fresh);
    void removeExpired(qint64 now);
    void retire(std::vector<int> &rows, qint64 now);
    void reindexFrom(int row);
    QIcon stateIcon(int state) const;
    QVariant headerColumnData(int row, int column, int role) const;

    std::vector<std::unique_ptr<Entry>> m_rows;
    DialogSearchTexts m_search; // searchTextAt(), beside m_rows and in the same order
    QHash<quint64, int> m_index;
    // (linger start, key) in start order; entries of revived rows are skipped when they come up
    std::deque<std::pair<qint64, quint64>> m_lingerQueue;
    // while retire() runs: spans already taken out, so rowOfKey() can correct its stale index
    std::vector<std::pair<int, int>> m_removedSpans;
    Clock m_clock;
    qint64 m_secondsNow = 0;
    qint64 m_lingerMs = DefaultLingerMs;
    QPointer<DialogHistoryModel> m_history;
    QTimer m_ticker;
    mutable std::array<QIcon, 6> m_icons; // by state, drawn on first use
    QStringList m_headerColumns;
    std::vector<std::string> m_headerNames; // m_headerColumns in UTF-8
};
