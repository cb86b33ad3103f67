// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/dialogfilterproxymodel.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>

#include "ui/models/dialogcompare.h"
#include "ui/models/dialogformat.h"
#include "ui/models/dialogtablemodel.h"

using namespace Qt::StringLiterals;

namespace
{
constexpr quint8 Accepted = 0x1;
constexpr quint8 Shown = 0x2;

template<typename T>
int threeWay(const T &left, const T &right)
{
    return (left < right) ? -1 : ((right < left) ? 1 : 0);
}

std::string_view view(const std::optional<std::string> &text)
{
    return text ? std::string_view(*text) : std::string_view();
}
} // namespace

DialogFilterProxyModel::DialogFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(DialogTableModel::RawValueRole);
    setFilterRole(DialogTableModel::RawValueRole);
    setDynamicSortFilter(true);
}

void DialogFilterProxyModel::setSourceModel(QAbstractItemModel *source)
{
    m_dialogs = qobject_cast<DialogTableModel *>(source);
    Q_ASSERT_X(!source || m_dialogs, "DialogFilterProxyModel", "the source must be a DialogTableModel");
    QSortFilterProxyModel::setSourceModel(source);
}

void DialogFilterProxyModel::sort(const int column, const Qt::SortOrder order)
{
    if (column != m_lastSortColumn && m_lastSortColumn >= 0)
    {
        m_secondaryColumn = m_lastSortColumn;
        m_secondaryOrder = m_lastSortOrder;
    }
    m_lastSortColumn = column;
    m_lastSortOrder = order;
    QSortFilterProxyModel::sort(column, order);
}

int DialogFilterProxyModel::secondarySortColumn() const
{
    return m_secondaryColumn;
}

Qt::SortOrder DialogFilterProxyModel::secondarySortOrder() const
{
    return m_secondaryOrder;
}

void DialogFilterProxyModel::setSecondarySortColumn(const int column, const Qt::SortOrder order)
{
    if (column == m_secondaryColumn && order == m_secondaryOrder)
    {
        return;
    }
    m_secondaryColumn = column;
    m_secondaryOrder = order;
    if (sortColumn() >= 0)
    {
        invalidate(); // sort() ignores the column and order it already has; this re-sorts
    }
}

DialogFilter DialogFilterProxyModel::filter() const
{
    return m_filter;
}

void DialogFilterProxyModel::setFilter(const DialogFilter &filter)
{
    const DialogFilter fresh = filter.normalized();
    if (fresh == m_filter)
    {
        return;
    }
    refilter([&] {
        m_filter = fresh;
        m_textMatcher.setPattern(fresh.text.toLower().toUtf8());
        m_states = 0;
        for (const int state : fresh.states)
        {
            m_states |= 1u << state;
        }
        m_profileNameUtf8 = fresh.profileName.toStdString();
        m_profileValueUtf8 = fresh.profileValue.toStdString();
        m_fromPattern = WildcardPattern(fresh.fromPattern);
        m_toPattern = WildcardPattern(fresh.toPattern);
    });
}

QString DialogFilterProxyModel::textFilter() const
{
    return m_filter.text;
}

void DialogFilterProxyModel::setTextFilter(const QString &text)
{
    DialogFilter filter = m_filter;
    filter.text = text;
    setFilter(filter);
}

QList<int> DialogFilterProxyModel::stateFilter() const
{
    return m_filter.states;
}

void DialogFilterProxyModel::setStateFilter(const QList<int> &states)
{
    DialogFilter filter = m_filter;
    filter.states = states;
    setFilter(filter);
}

QString DialogFilterProxyModel::profileName() const
{
    return m_filter.profileName;
}

QString DialogFilterProxyModel::profileValue() const
{
    return m_filter.profileValue;
}

void DialogFilterProxyModel::setProfileFilter(const QString &name, const QString &value)
{
    DialogFilter filter = m_filter;
    filter.profileName = name;
    filter.profileValue = value;
    setFilter(filter);
}

QString DialogFilterProxyModel::originFilter() const
{
    return m_filter.origin;
}

void DialogFilterProxyModel::setOriginFilter(const QString &origin)
{
    DialogFilter filter = m_filter;
    filter.origin = origin;
    setFilter(filter);
}

qint64 DialogFilterProxyModel::minimumAge() const
{
    return m_filter.minimumAgeSeconds;
}

void DialogFilterProxyModel::setMinimumAge(const qint64 seconds)
{
    DialogFilter filter = m_filter;
    filter.minimumAgeSeconds = seconds;
    setFilter(filter);
}

QString DialogFilterProxyModel::fromPattern() const
{
    return m_filter.fromPattern;
}

QString DialogFilterProxyModel::toPattern() const
{
    return m_filter.toPattern;
}

void DialogFilterProxyModel::setFromPattern(const QString &pattern)
{
    DialogFilter filter = m_filter;
    filter.fromPattern = pattern;
    setFilter(filter);
}

void DialogFilterProxyModel::setToPattern(const QString &pattern)
{
    DialogFilter filter = m_filter;
    filter.toPattern = pattern;
    setFilter(filter);
}

void DialogFilterProxyModel::clearFilters()
{
    setFilter({});
}

bool DialogFilterProxyModel::isFiltering() const
{
    return !m_filter.isEmpty();
}

bool DialogFilterProxyModel::filterAcceptsRow(const int sourceRow, const QModelIndex &sourceParent) const
{
    if (sourceParent.isValid() || !m_dialogs)
    {
        return !sourceParent.isValid();
    }
    if (m_useVerdicts && std::size_t(sourceRow) < m_verdicts.size())
    {
        return m_verdicts[std::size_t(sourceRow)] & Accepted;
    }
    return accepts(sourceRow);
}

bool DialogFilterProxyModel::accepts(const int sourceRow) const
{
    // The cheap tests first; the text and the wildcards last.
    const DialogRow &row = m_dialogs->rowAt(sourceRow);
    const calldeck::core::DialogSnapshot &d = row.dialog;
    if (m_states != 0 && (d.state >= 32 || (m_states & (1u << d.state)) == 0))
    {
        return false;
    }
    if (!m_filter.origin.isEmpty() && !originMatches(row.origin))
    {
        return false;
    }
    const qint64 minimumAge = m_filter.minimumAgeSeconds;
    if (minimumAge > 0 && (d.initTs == 0 || m_dialogs->secondsNow() - qint64(d.initTs) < minimumAge))
    {
        return false;
    }
    const bool anyValue = m_filter.profileValue.isNull();
    if (!m_filter.profileName.isEmpty() &&
        std::none_of(d.profiles.cbegin(), d.profiles.cend(), [this, anyValue](const auto &profile) {
            return profile.first == m_profileNameUtf8 &&
                   (anyValue || (profile.second && *profile.second == m_profileValueUtf8));
        }))
    {
        return false;
    }
    if (!m_filter.text.isEmpty() && m_textMatcher.indexIn(m_dialogs->searchTextAt(sourceRow)) < 0)
    {
        return false;
    }
    if (!m_fromPattern.isEmpty() && !m_fromPattern.matches(d.fromUri))
    {
        return false;
    }
    return m_toPattern.isEmpty() || m_toPattern.matches(d.toUri);
}

bool DialogFilterProxyModel::originMatches(const QString &origin) const
{
    // Origins read "mirror", "kam1" or "mirror + kam1" (ProxyDialogs): match one part exactly.
    const QString &wanted = m_filter.origin;
    if (origin == wanted)
    {
        return true;
    }
    const QStringView joiner = u" + ";
    const qsizetype size = wanted.size() + joiner.size();
    const QStringView text(origin);
    return text.size() > size &&
           ((text.startsWith(wanted) && text.mid(wanted.size(), joiner.size()) == joiner) ||
            (text.endsWith(wanted) && text.mid(text.size() - size, joiner.size()) == joiner));
}

bool DialogFilterProxyModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const int result = compare(left, right);
    if (result != 0 || m_secondaryColumn < 0 || m_secondaryColumn == left.column())
    {
        return result < 0;
    }
    const int tie =
        compare(left.sibling(left.row(), m_secondaryColumn), right.sibling(right.row(), m_secondaryColumn));
    // Qt reverses lessThan() for a descending sort; the tie-breaker keeps its own order, so undo
    // that when the two orders differ.
    return (m_secondaryOrder == sortOrder()) ? (tie < 0) : (tie > 0);
}

int DialogFilterProxyModel::compare(const QModelIndex &left, const QModelIndex &right) const
{
    // The values RawValueRole returns, read straight from the rows: a sort or the tick's re-sort
    // check makes millions of these calls, and a QVariant (with a QString made from UTF-8) per
    // side costs more than the comparison. tst_dialogfilterproxymodel proves the same order.
    const int l = left.row();
    const int r = right.row();
    const calldeck::core::DialogSnapshot &a = m_dialogs->rowAt(l).dialog;
    const calldeck::core::DialogSnapshot &b = m_dialogs->rowAt(r).dialog;
    const qint64 now = m_dialogs->secondsNow();
    switch (left.column())
    {
    case DialogTableModel::StateColumn:
        return threeWay(a.state, b.state);
    case DialogTableModel::CallIdColumn:
        return DialogCompare::text(a.callId, b.callId);
    case DialogTableModel::FromColumn:
        return DialogCompare::text(a.fromUri, b.fromUri);
    case DialogTableModel::ToColumn:
        return DialogCompare::text(a.toUri, b.toUri);
    case DialogTableModel::DurationColumn:
        return DialogCompare::values(DialogFormat::talkSeconds(a, now), DialogFormat::talkSeconds(b, now));
    case DialogTableModel::StateAgeColumn:
        return threeWay(m_dialogs->stateAgeAt(l), m_dialogs->stateAgeAt(r));
    case DialogTableModel::TimeoutColumn:
        return DialogCompare::values(DialogFormat::remainingSeconds(a, now),
                                     DialogFormat::remainingSeconds(b, now));
    case DialogTableModel::ProfilesColumn:
        return DialogCompare::text(DialogFormat::profiles(a), DialogFormat::profiles(b));
    case DialogTableModel::OriginColumn:
        return DialogCompare::text(m_dialogs->rowAt(l).origin, m_dialogs->rowAt(r).origin);
    case DialogTableModel::IdColumn:
        return threeWay(DialogFormat::idValue(a), DialogFormat::idValue(b));
    case DialogTableModel::CallerContactColumn:
        return DialogCompare::text(view(a.caller.contact), view(b.caller.contact));
    case DialogTableModel::CalleeContactColumn:
        return DialogCompare::text(view(a.callee.contact), view(b.callee.contact));
    default:
        Q_ASSERT_X(left.column() < m_dialogs->columnCount(), "DialogFilterProxyModel::compare",
                   "a column without a comparison");
        return DialogCompare::text(m_dialogs->headerValueAt(l, left.column()),
                                   m_dialogs->headerValueAt(r, left.column()));
    }
}

void DialogFilterProxyModel::refilter(const std::function<void()> &change)
{
    // Qt >= 6.10 wants beginFilterChange() before the criteria change and
    // endFilterChange(QSortFilterProxyModel::Direction::Rows) where invalidateRowsFilter() is
    // called below; Qt 6.4 has neither. This is the one place to switch.
    change();
    if (!m_dialogs)
    {
        invalidateRowsFilter();
        return;
    }
    const int sourceRows = m_dialogs->rowCount();
    m_verdicts.assign(std::size_t(sourceRows), 0);
    std::size_t accepted = 0;
    std::size_t changes = 0; // where the verdict differs from the row before
    for (int row = 0; row < sourceRows; ++row)
    {
        const bool accept = accepts(row);
        m_verdicts[std::size_t(row)] = accept ? Accepted : 0;
        accepted += accept ? 1 : 0;
        changes += (row > 0 && accept != bool(m_verdicts[std::size_t(row) - 1])) ? 1 : 0;
    }
    m_useVerdicts = true;
    if (remapIsCheaper(accepted, changes))
    {
        invalidate(); // a layout change (selection kept), never a reset
    }
    else
    {
        invalidateRowsFilter();
    }
    QSortFilterProxyModel::rowCount(); // invalidate() maps lazily: map now, while the verdicts hold
    m_useVerdicts = false;
    m_verdicts.clear();
}

bool DialogFilterProxyModel::remapIsCheaper(const std::size_t accepted, const std::size_t changes)
{
    // invalidateRowsFilter() removes and inserts the changed rows interval by interval, and each
    // interval shifts the rest of Qt's row maps: the work grows with intervals x rows. A scattered
    // result (a first keystroke keeps every tenth row of 1 000 000) takes seconds that way, while
    // mapping afresh is one pass over the verdicts plus sorting what is shown. Weigh the two; the
    // constants are nanoseconds measured on the build machine (house-style §0), rough on purpose.
    const int shown = QSortFilterProxyModel::rowCount();
    const bool sorted = sortColumn() >= 0;
    const auto sortCost = [sorted](const std::size_t rows) {
        return sorted ? double(rows) * std::log2(double(rows) + 1.0) * 100.0 : 0.0;
    };
    const auto intervalCost = [](const std::size_t intervals, const std::size_t rows) {
        return double(intervals) * double(rows) * 0.15;
    };
    const double remapFloor = double(m_verdicts.size()) * 10.0;

    // First a bound from the verdicts and the shown count alone. Rows that stay separate the
    // intervals, and only accepted rows stay: at most accepted + 1 removals, and no more than
    // shown + 1 places to insert at. Unsorted, the proxy keeps the source order, so a removal also
    // begins only where the verdict changes. A narrowing keystroke ends here, without the pass
    // over the proxy below.
    const std::size_t shownRows = std::size_t(shown);
    std::size_t removals = std::min(shownRows, accepted + 1);
    if (!sorted)
    {
        removals = std::min(removals, changes + 1);
    }
    const std::size_t bound = removals + std::min(accepted, shownRows + 1);
    const std::size_t widest = std::max(shownRows, accepted);
    // Mapping afresh sorts every accepted row and the intervals at most as many, so the sort
    // costs cancel out of this comparison.
    if (intervalCost(bound, widest) <= remapFloor)
    {
        return false;
    }

    std::size_t removeIntervals = 0;
    bool removing = false;
    for (int row = 0; row < shown; ++row)
    {
        quint8 &verdict = m_verdicts[std::size_t(mapToSource(index(row, 0)).row())];
        verdict |= Shown;
        const bool drop = !(verdict & Accepted);
        removeIntervals += (drop && !removing) ? 1 : 0;
        removing = drop;
    }
    std::size_t insertIntervals = 0;
    std::size_t added = 0;
    std::size_t kept = 0;
    bool inserting = false;
    for (const quint8 verdict : m_verdicts)
    {
        if (verdict == (Accepted | Shown))
        {
            ++kept;
            inserting = false; // a row that stays splits the insertions
        }
        else if (verdict == Accepted)
        {
            ++added;
            insertIntervals += inserting ? 0 : 1;
            inserting = true;
        }
    }
    if (sorted)
    {
        insertIntervals = std::min(added, kept + 1); // sorted in, anywhere among the kept rows
    }
    const double byIntervals = intervalCost(removeIntervals + insertIntervals, widest) + sortCost(added);
    return remapFloor + sortCost(kept + added) < byIntervals;
}
