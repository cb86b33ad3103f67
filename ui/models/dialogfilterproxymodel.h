// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <QByteArray>
#include <QByteArrayMatcher>
#include <QList>
#include <QPointer>
#include <QSortFilterProxyModel>

#include "ui/dialogfilter.h"
#include "ui/models/wildcardpattern.h"

class DialogTableModel;

/// @brief Sorts and filters the live dialogs (house style §1.5, §6.3). Sorting compares the
/// source's RawValueRole values three ways per column (read typed from the rows, not through
/// QVariant); invalid or empty values come after valid ones in ascending order; ties fall back to
/// a secondary column (by default the previously sorted one).
/// Filters combine with AND; each setter, and setFilter() for all of them at once, re-filters once
/// through refilter(). The source must be a DialogTableModel, whose rows and search texts the
/// filter reads directly: no QVariant and no allocation per row.
class DialogFilterProxyModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DialogFilterProxyModel)

public:
    explicit DialogFilterProxyModel(QObject *parent = nullptr);

    void setSourceModel(QAbstractItemModel *source) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    int secondarySortColumn() const;
    Qt::SortOrder secondarySortOrder() const;
    /// @brief The tie-breaker (kept in settings by the view); -1 for none.
    void setSecondarySortColumn(int column, Qt::SortOrder order = Qt::AscendingOrder);

    DialogFilter filter() const;
    /// @brief Replaces every criterion at once (one refilter); what the filter bar calls.
    void setFilter(const DialogFilter &filter);

    QString textFilter() const;
    /// @brief Case-insensitive substring of Call-ID, From, To, profiles, origin, a contact or a
    /// header column's value.
    void setTextFilter(const QString &text);
    QList<int> stateFilter() const;
    /// @brief Dialog states (1..5) to show; empty shows all.
    void setStateFilter(const QList<int> &states);
    QString profileName() const;
    QString profileValue() const;
    /// @brief Only dialogs in profile @p name (exact); with a non-null @p value, only with that value.
    void setProfileFilter(const QString &name, const QString &value = {});
    QString originFilter() const;
    /// @brief Only dialogs with this origin as one part of theirs: "mirror" also shows the rows a
    /// proxy lists too ("mirror + kam1"), a proxy's name its own and its merged rows; empty shows all.
    void setOriginFilter(const QString &origin);
    qint64 minimumAge() const;
    /// @brief Only dialogs whose INVITE (init_ts) is at least this many seconds old; 0 shows all.
    /// Rows that grow old enough appear at the source's once-a-second tick.
    void setMinimumAge(qint64 seconds);
    QString fromPattern() const;
    QString toPattern() const;
    /// @brief Wildcards over the whole URI, case-insensitive: '*' any run, '?' one character.
    void setFromPattern(const QString &pattern);
    void setToPattern(const QString &pattern);
    /// @brief Drops every filter at once (one refilter).
    void clearFilters();
    bool isFiltering() const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    bool accepts(int sourceRow) const;
    int compare(const QModelIndex &left, const QModelIndex &right) const;
    void refilter(const std::function<void()> &change);
    bool remapIsCheaper(std::size_t accepted, std::size_t changes);
    bool originMatches(const QString &origin) const;

    QPointer<DialogTableModel> m_dialogs;
    int m_lastSortColumn = -1;
    Qt::SortOrder m_lastSortOrder = Qt::AscendingOrder;
    int m_secondaryColumn = -1;
    Qt::SortOrder m_secondaryOrder = Qt::AscendingOrder;

    DialogFilter m_filter; // normalized
    // m_filter compiled for the per-row test
    QByteArrayMatcher m_textMatcher; // lower-cased UTF-8, as the source's search texts
    quint32 m_states = 0;            // bit per state; 0 = all
    std::string m_profileNameUtf8;
    std::string m_profileValueUtf8;
    WildcardPattern m_fromPattern;
    WildcardPattern m_toPattern;

    // Inside refilter(): the new criteria's verdict per source row (bit 0), and which rows the
    // proxy showed before (bit 1), so that Qt's pass over every row reads instead of re-testing.
    std::vector<quint8> m_verdicts;
    bool m_useVerdicts = false;
};
