// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/dialoghistorymodel.h"

#include <algorithm>
#include <iterator>

#include "ui/models/dialogformat.h"

using calldeck::core::DialogSnapshot;

namespace
{
using History = DialogHistoryModel;

// The text of the text columns; empty for the others.
QString cellText(const DialogRow &row, const int column)
{
    const DialogSnapshot &d = row.dialog;
    switch (column)
    {
    case History::CallIdColumn:
        return DialogFormat::text(d.callId);
    case History::FromColumn:
        return DialogFormat::text(d.fromUri);
    case History::ToColumn:
        return DialogFormat::text(d.toUri);
    case History::ProfilesColumn:
        return DialogFormat::profiles(d);
    case History::OriginColumn:
        return row.origin;
    case History::CallerContactColumn:
        return DialogFormat::text(d.caller.contact);
    case History::CalleeContactColumn:
        return DialogFormat::text(d.callee.contact);
    default:
        return {};
    }
}

QVariant displayValue(const DialogRow &row, const qint64 endedSec, const int column)
{
    switch (column)
    {
    case History::EndedColumn:
        return DialogFormat::localTime(endedSec);
    case History::StateColumn:
        return DialogFormat::stateText(row.dialog.state);
    case History::DurationColumn:
    {
        const auto talk = DialogFormat::talkSeconds(row.dialog, endedSec);
        return talk ? DialogFormat::duration(*talk) : QString();
    }
    case History::IdColumn:
        return DialogFormat::idText(row.dialog);
    default:
        return cellText(row, column);
    }
}

QVariant rawValue(const DialogRow &row, const qint64 endedSec, const int column)
{
    switch (column)
    {
    case History::EndedColumn:
        return endedSec;
    case History::StateColumn:
        return int(row.dialog.state);
    case History::DurationColumn:
        return DialogFormat::secondsValue(DialogFormat::talkSeconds(row.dialog, endedSec));
    case History::IdColumn:
        return DialogFormat::idValue(row.dialog);
    default:
        return DialogFormat::textValue(cellText(row, column));
    }
}
} // namespace

DialogHistoryModel::DialogHistoryModel(const qsizetype capacity, QObject *parent)
    : QAbstractTableModel(parent)
    , m_capacity(std::max<qsizetype>(capacity, 1))
{}

int DialogHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DialogHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DialogHistoryModel::data(const QModelIndex &index, const int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
    {
        return {};
    }
    const Entry &entry = m_rows[std::size_t(index.row())];
    const DialogSnapshot &d = entry.row.dialog;
    const int column = index.column();
    switch (role)
    {
    case Qt::DisplayRole:
        return displayValue(entry.row, entry.endedSec, column);
    case RawValueRole:
        return rawValue(entry.row, entry.endedSec, column);
    case Qt::ToolTipRole:
        switch (column)
        {
        case EndedColumn:
            return DialogFormat::longLocalTime(entry.endedSec);
        case DurationColumn:
            return d.startTs ? tr("Answered %1").arg(DialogFormat::longLocalTime(d.startTs))
                             : tr("Not answered");
        case ProfilesColumn:
            return DialogFormat::textValue(DialogFormat::profilesToolTip(d));
        case CallerContactColumn:
            return tr("Caller\n%1").arg(DialogFormat::legToolTip(d.caller));
        case CalleeContactColumn:
            return tr("Callee\n%1").arg(DialogFormat::legToolTip(d.callee));
        case CallIdColumn:
        case FromColumn:
        case ToColumn:
            return DialogFormat::textValue(cellText(entry.row, column));
        default:
            return {};
        }
    case Qt::TextAlignmentRole:
        return (column == DurationColumn || column == IdColumn) ? DialogFormat::numberAlignment()
                                                                : QVariant();
    case Qt::DecorationRole:
        if (column == StateColumn)
        {
            const std::size_t slot = (d.state >= 1 && d.state <= 5) ? d.state : 0;
            if (m_icons[slot].isNull())
            {
                m_icons[slot] = DialogFormat::drawStateIcon(int(slot));
            }
            return m_icons[slot];
        }
        return {};
    case KeyRole:
        return QVariant::fromValue(entry.row.key);
    default:
        return {};
    }
}

QVariant DialogHistoryModel::headerData(const int section, const Qt::Orientation orientation,
                                        const int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
    {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section)
    {
    case EndedColumn:
        return tr("Ended");
    case StateColumn:
        return tr("State");
    case CallIdColumn:
        return tr("Call-ID");
    case FromColumn:
        return tr("From");
    case ToColumn:
        return tr("To");
    case DurationColumn:
        return tr("Duration");
    case ProfilesColumn:
        return tr("Profiles");
    case OriginColumn:
        return tr("Origin");
    case IdColumn:
        return tr("Id");
    case CallerContactColumn:
        return tr("Caller contact");
    case CalleeContactColumn:
        return tr("Callee contact");
    default:
        return {};
    }
}

void DialogHistoryModel::append(std::vector<DialogRow> rows, const qint64 retiredMs)
{
    if (rows.empty())
    {
        return;
    }
    std::size_t skip = 0;
    if (qsizetype(rows.size()) > m_capacity)
    {
        skip = rows.size() - std::size_t(m_capacity); // more than the cap at once: keep the newest
    }
    trim(qsizetype(rows.size() - skip));

    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(rows.size() - skip) - 1);
    for (auto it = rows.begin() + qsizetype(skip); it != rows.end(); ++it)
    {
        const qint64 ended = (it->dialog.endTs != 0) ? qint64(it->dialog.endTs) : retiredMs / 1000;
        m_rows.push_back(Entry{std::move(*it), ended});
    }
    endInsertRows();
}

void DialogHistoryModel::clear()
{
    if (m_rows.empty())
    {
        return;
    }
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

qsizetype DialogHistoryModel::capacity() const
{
    return m_capacity;
}

void DialogHistoryModel::setCapacity(const qsizetype capacity)
{
    m_capacity = std::max<qsizetype>(capacity, 1);
    trim(0);
}

const DialogRow &DialogHistoryModel::rowAt(const int row) const
{
    Q_ASSERT_X(row >= 0 && std::size_t(row) < m_rows.size(), "DialogHistoryModel", "row out of range");
    return m_rows[std::size_t(row)].row;
}

qint64 DialogHistoryModel::endedAt(const int row) const
{
    Q_ASSERT_X(row >= 0 && std::size_t(row) < m_rows.size(), "DialogHistoryModel", "row out of range");
    return m_rows[std::size_t(row)].endedSec;
}

void DialogHistoryModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.empty())
    {
        emit dataChanged(index(0, StateColumn), index(rowCount() - 1, StateColumn),
                         {Qt::DisplayRole, Qt::ToolTipRole});
    }
}

void DialogHistoryModel::trim(const qsizetype room)
{
    const qsizetype overflow = qsizetype(m_rows.size()) + room - m_capacity;
    if (overflow <= 0)
    {
        return;
    }
    beginRemoveRows({}, 0, int(overflow) - 1);
    m_rows.erase(m_rows.begin(), m_rows.begin() + overflow);
    endRemoveRows();
}
