// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/dialogtablemodel.h"

#include <algorithm>

#include <QDateTime>

#include "ui/models/dialogformat.h"
#include "ui/models/dialoghistorymodel.h"
#include "ui/models/dialogtablemodelentry.h"

using namespace Qt::StringLiterals;
using calldeck::core::DialogSnapshot;

namespace
{
QString displayText(const DialogRow &row, const qint64 stateSince, const int column, const qint64 now)
{
    const DialogSnapshot &d = row.dialog;
    switch (column)
    {
    case DialogTableModel::StateColumn:
        return DialogFormat::stateText(d.state);
    case DialogTableModel::CallIdColumn:
        return DialogFormat::text(d.callId);
    case DialogTableModel::FromColumn:
        return DialogFormat::text(d.fromUri);
    case DialogTableModel::ToColumn:
        return DialogFormat::text(d.toUri);
    case DialogTableModel::DurationColumn:
    {
        const auto talk = DialogFormat::talkSeconds(d, now);
        return talk ? DialogFormat::duration(*talk) : QString();
    }
    case DialogTableModel::StateAgeColumn:
        return DialogFormat::duration(now - stateSince);
    case DialogTableModel::TimeoutColumn:
    {
        const auto left = DialogFormat::remainingSeconds(d, now);
        return left ? DialogFormat::duration(*left) : QString();
    }
    case DialogTableModel::ProfilesColumn:
        return DialogFormat::profiles(d);
    case DialogTableModel::OriginColumn:
        return DialogFormat::originText(row.origin, row.flags);
    case DialogTableModel::IdColumn:
        return DialogFormat::idText(d);
    case DialogTableModel::CallerContactColumn:
        return DialogFormat::text(d.caller.contact);
    case DialogTableModel::CalleeContactColumn:
        return DialogFormat::text(d.callee.contact);
    default:
        return {};
    }
}

QVariant rawValue(const DialogRow &row, const qint64 stateSince, const int column, const qint64 now)
{
    const DialogSnapshot &d = row.dialog;
    switch (column)
    {
    case DialogTableModel::StateColumn:
        return int(d.state);
    case DialogTableModel::DurationColumn:
        return DialogFormat::secondsValue(DialogFormat::talkSeconds(d, now));
    case DialogTableModel::StateAgeColumn:
        return std::max<qint64>(now - stateSince, 0);
    case DialogTableModel::TimeoutColumn:
        return DialogFormat::secondsValue(DialogFormat::remainingSeconds(d, now));
    case DialogTableModel::IdColumn:
        return DialogFormat::idValue(d);
    default:
        return DialogFormat::textValue(displayText(row, stateSince, column, now));
    }
}

QVariant toolTip(const DialogRow &row, const qint64 stateSince, const bool lingering, const int column)
{
    const DialogSnapshot &d = row.dialog;
    switch (column)
    {
    case DialogTableModel::StateColumn:
    {
        QString tip = DialogFormat::tr("%1 (state %2) since %3")
                          .arg(DialogFormat::stateText(d.state))
                          .arg(d.state)
                          .arg(DialogFormat::longLocalTime(stateSince));
        if (lingering)
        {
            tip += u'\n' + DialogTableModel::tr("Ended: the row leaves the table shortly.");
        }
        return tip;
    }
    case DialogTableModel::DurationColumn:
        if (d.startTs == 0)
        {
            return DialogTableModel::tr("Not answered");
        }
        return DialogTableModel::tr("Answered %1").arg(DialogFormat::longLocalTime(d.startTs));
    case DialogTableModel::StateAgeColumn:
        return DialogTableModel::tr("In this state since %1").arg(DialogFormat::longLocalTime(stateSince));
    case DialogTableModel::TimeoutColumn:
        if (d.timeout == 0)
        {
            return DialogTableModel::tr("No lifetime timer (lifetime %1 s)").arg(d.lifetime);
        }
        return DialogTableModel::tr("Expires %1 (lifetime %2 s)")
            .arg(DialogFormat::longLocalTime(d.timeout))
            .arg(d.lifetime);
    case DialogTableModel::ProfilesColumn:
        return DialogFormat::textValue(DialogFormat::profilesToolTip(d));
    case DialogTableModel::IdColumn:
        return DialogTableModel::tr("h_entry %1, h_id %2").arg(d.hEntry).arg(d.hId);
    case DialogTableModel::OriginColumn:
        return DialogFormat::originToolTip(row.origin, row.flags, row.proxyHEntry, row.proxyHId);
    case DialogTableModel::CallerContactColumn:
        return DialogTableModel::tr("Caller\n%1").arg(DialogFormat::legToolTip(d.caller));
    case DialogTableModel::CalleeContactColumn:
        return DialogTableModel::tr("Callee\n%1").arg(DialogFormat::legToolTip(d.callee));
    default: // Call-ID, From, To, origin: the full text, which a narrow column cuts
        return DialogFormat::textValue(displayText(row, stateSince, column, 0));
    }
}

// Header names are SIP tokens: ASCII.
char lowerAscii(const char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

bool isNumberColumn(const int column)
{
    return column == DialogTableModel::DurationColumn || column == DialogTableModel::StateAgeColumn ||
           column == DialogTableModel::TimeoutColumn || column == DialogTableModel::IdColumn;
}
} // namespace

DialogTableModel::DialogTableModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    m_secondsNow = nowMs() / 1000;
    m_ticker.setInterval(DefaultTickIntervalMs);
    connect(&m_ticker, &QTimer::timeout, this, &DialogTableModel::tick);
    m_ticker.start();
}

DialogTableModel::~DialogTableModel() = default;

int DialogTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DialogTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount + int(m_headerColumns.size());
}

QVariant DialogTableModel::data(const QModelIndex &index, const int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
    {
        return {};
    }
    const Entry &entry = entryAt(index.row());
    const int column = index.column();
    if (column >= ColumnCount && (role == Qt::DisplayRole || role == RawValueRole || role == Qt::ToolTipRole))
    {
        return headerColumnData(index.row(), column, role);
    }
    switch (role)
    {
    case Qt::DisplayRole:
        return displayText(entry.row, entry.stateSinceSec, column, m_secondsNow);
    case RawValueRole:
        return rawValue(entry.row, entry.stateSinceSec, column, m_secondsNow);
    case Qt::ToolTipRole:
        return toolTip(entry.row, entry.stateSinceSec, entry.lingering(), column);
    case Qt::TextAlignmentRole:
        return isNumberColumn(column) ? DialogFormat::numberAlignment() : QVariant();
    case Qt::DecorationRole:
        return (column == StateColumn) ? QVariant(stateIcon(entry.row.dialog.state)) : QVariant();
    case Qt::ForegroundRole:
        return DialogFormat::foreground(entry.row.dialog.state, entry.lingering());
    case KeyRole:
        return QVariant::fromValue(entry.row.key);
    default:
        return {};
    }
}

QVariant DialogTableModel::headerData(const int section, const Qt::Orientation orientation,
                                      const int role) const
{
    if (orientation != Qt::Horizontal || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
    {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    const bool tip = (role == Qt::ToolTipRole);
    if (section >= ColumnCount && section < columnCount())
    {
        const QString &name = m_headerColumns.at(section - ColumnCount);
        return tip ? tr("SIP header %1 of the initial INVITE (mirror dialogs only)").arg(name) : name;
    }
    switch (section)
    {
    case StateColumn:
        return tip ? tr("Dialog state (dlg.list state 1-5)") : tr("State");
    case CallIdColumn:
        return tr("Call-ID");
    case FromColumn:
        return tip ? tr("From URI") : tr("From");
    case ToColumn:
        return tip ? tr("To URI") : tr("To");
    case DurationColumn:
        return tip ? tr("Time since the 2xx answer (to the end once ended)") : tr("Duration");
    case StateAgeColumn:
        return tip ? tr("Time spent in the current state") : tr("State age");
    case TimeoutColumn:
        return tip ? tr("Time left on the lifetime timer") : tr("Timeout");
    case ProfilesColumn:
        return tr("Profiles");
    case OriginColumn:
        return tip ? tr("Where the dialog was seen: the mirror, a proxy, a cluster node") : tr("Origin");
    case IdColumn:
        return tip ? tr("h_entry:h_id") : tr("Id");
    case CallerContactColumn:
        return tr("Caller contact");
    case CalleeContactColumn:
        return tr("Callee contact");
    default:
        return {};
    }
}

int DialogTableModel::rowOfKey(const quint64 key) const
{
    const auto it = m_index.constFind(key);
    if (it == m_index.cend())
    {
        return -1;
    }
    int row = *it;
    // Inside retire() the index still holds the rows from before the batch; every span already
    // taken out lies above the current one, so subtract those that lay below this row.
    for (const auto &[first, last] : m_removedSpans)
    {
        if (row > last)
        {
            row -= last - first + 1;
        }
    }
    return row;
}

const DialogRow &DialogTableModel::rowAt(const int row) const
{
    return entryAt(row).row;
}

bool DialogTableModel::isLingering(const int row) const
{
    return entryAt(row).lingering();
}

QByteArrayView DialogTableModel::searchTextAt(const int row) const
{
    return m_search.at(std::size_t(row));
}

qint64 DialogTableModel::nowMs() const
{
    return m_clock();
}

void DialogTableModel::setClock(Clock clock)
{
    m_clock = std::move(clock);
    m_secondsNow = nowMs() / 1000;
}

qint64 DialogTableModel::secondsNow() const
{
    return m_secondsNow;
}

qint64 DialogTableModel::stateAgeAt(const int row) const
{
    return std::max<qint64>(m_secondsNow - entryAt(row).stateSinceSec, 0);
}

qint64 DialogTableModel::lingerMs() const
{
    return m_lingerMs;
}

void DialogTableModel::setLingerMs(const qint64 milliseconds)
{
    m_lingerMs = std::max<qint64>(milliseconds, 0);
}

int DialogTableModel::tickIntervalMs() const
{
    return m_ticker.isActive() ? m_ticker.interval() : 0;
}

void DialogTableModel::setTickIntervalMs(const int milliseconds)
{
    if (milliseconds <= 0)
    {
        m_ticker.stop();
        return;
    }
    m_ticker.start(milliseconds);
}

DialogHistoryModel *DialogTableModel::history() const
{
    return m_history;
}

void DialogTableModel::setHistory(DialogHistoryModel *history)
{
    m_history = history;
}

void DialogTableModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, columnCount() - 1);
    if (!m_rows.empty())
    {
        // State texts, and tooltips in every column
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1),
                         {Qt::DisplayRole, Qt::ToolTipRole});
    }
}

DialogTableModel::Entry &DialogTableModel::entryAt(const int row)
{
    Q_ASSERT_X(row >= 0 && std::size_t(row) < m_rows.size(), "DialogTableModel", "row out of range");
    return *m_rows[std::size_t(row)];
}

const DialogTableModel::Entry &DialogTableModel::entryAt(const int row) const
{
    Q_ASSERT_X(row >= 0 && std::size_t(row) < m_rows.size(), "DialogTableModel", "row out of range");
    return *m_rows[std::size_t(row)];
}

QStringList DialogTableModel::headerColumns() const
{
    return m_headerColumns;
}

void DialogTableModel::setHeaderColumns(const QStringList &names)
{
    QStringList wanted;
    for (const QString &name : names)
    {
        if (!name.isEmpty() && !wanted.contains(name, Qt::CaseInsensitive) &&
            wanted.size() < MaxHeaderColumns)
        {
            wanted.append(name);
        }
    }
    if (wanted == m_headerColumns)
    {
        return;
    }
    // Columns both lists begin with stay; the rest of the old ones go, the rest of the new come.
    qsizetype kept = 0;
    while (kept < wanted.size() && kept < m_headerColumns.size() &&
           wanted[kept].compare(m_headerColumns[kept], Qt::CaseInsensitive) == 0)
    {
        if (wanted[kept] != m_headerColumns[kept]) // the same header, spelt otherwise: a new title
        {
            m_headerColumns[kept] = wanted[kept];
            m_headerNames[std::size_t(kept)] = wanted[kept].toStdString();
            emit headerDataChanged(Qt::Horizontal, ColumnCount + int(kept), ColumnCount + int(kept));
        }
        ++kept;
    }
    if (kept < m_headerColumns.size())
    {
        beginRemoveColumns({}, ColumnCount + int(kept), columnCount() - 1);
        m_headerColumns.resize(kept);
        m_headerNames.resize(std::size_t(kept));
        endRemoveColumns();
    }
    if (kept < wanted.size())
    {
        beginInsertColumns({}, columnCount(), ColumnCount + int(wanted.size()) - 1);
        for (qsizetype i = kept; i < wanted.size(); ++i)
        {
            m_headerColumns.append(wanted[i]);
            m_headerNames.push_back(wanted[i].toStdString());
        }
        endInsertColumns();
    }
}

std::string_view DialogTableModel::headerValueAt(const int row, const int column) const
{
    const std::size_t slot = std::size_t(column - ColumnCount);
    if (column < ColumnCount || slot >= m_headerNames.size())
    {
        return {};
    }
    const std::string &wanted = m_headerNames[slot];
    for (const auto &[name, value] : entryAt(row).row.dialog.headers)
    {
        if (name.size() == wanted.size() &&
            std::equal(name.begin(), name.end(), wanted.begin(),
                       [](const char a, const char b) { return lowerAscii(a) == lowerAscii(b); }))
        {
            return value;
        }
    }
    return {};
}

QVariant DialogTableModel::headerColumnData(const int row, const int column, const int role) const
{
    const std::string_view value = headerValueAt(row, column);
    const QString text = QString::fromUtf8(value.data(), qsizetype(value.size()));
    return role == Qt::DisplayRole ? QVariant(text) : DialogFormat::textValue(text);
}

QIcon DialogTableModel::stateIcon(const int state) const
{
    const std::size_t slot = (state >= 1 && state <= 5) ? std::size_t(state) : 0;
    if (m_icons[slot].isNull())
    {
        m_icons[slot] = DialogFormat::drawStateIcon(int(slot));
    }
    return m_icons[slot];
}
