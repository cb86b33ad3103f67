// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/sourcestablemodel.h"

#include <algorithm>

#include <QColor>
#include <QDateTime>
#include <QLocale>
#include <QPainter>
#include <QPixmap>

#include "ui/dmqhealthtext.h"
#include "ui/proxystatustext.h"
#include "ui/sourcetext.h"

using namespace Qt::StringLiterals;
using SourceText::clock;
using SourceText::number;
using SourceText::rate;

namespace
{
const QList<int> ChangedRoles{Qt::DisplayRole, Qt::ToolTipRole, Qt::DecorationRole, Qt::ForegroundRole,
                              SourcesTableModel::RawValueRole};

/// A small filled circle: the state at a glance, readable on light and dark palettes.
QIcon dot(const QColor &colour)
{
    constexpr int Size = 12;
    QPixmap pixmap(Size, Size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(colour.darker(140));
    painter.setBrush(colour);
    painter.drawEllipse(QRectF(1.5, 1.5, Size - 3.0, Size - 3.0));
    return QIcon(pixmap);
}

bool sameSender(const SenderHealth &a, const SenderHealth &b)
{
    return a.address == b.address && a.packets == b.packets && a.bytes == b.bytes &&
           a.malformed == b.malformed && a.authFailures == b.authFailures && a.notSip == b.notSip &&
           a.lastSeenMs == b.lastSeenMs && a.packetsPerSecond == b.packetsPerSecond;
}

bool sameFeed(const SourceHealth &a, const SourceHealth &b)
{
    return a.id == b.id && a.kind == b.kind && a.label == b.label && a.state == b.state &&
           a.error == b.error && a.packets == b.packets && a.bytes == b.bytes &&
           a.queueDrops == b.queueDrops && a.kernelDrops == b.kernelDrops && a.malformed == b.malformed &&
           a.authFailures == b.authFailures && a.notSip == b.notSip && a.lastSeenMs == b.lastSeenMs &&
           a.packetsPerSecond == b.packetsPerSecond && a.progress == b.progress &&
           a.proxy.has_value() == b.proxy.has_value() &&
           (!a.proxy || ProxyStatusText::same(*a.proxy, *b.proxy)) &&
           a.dmq.has_value() == b.dmq.has_value() && (!a.dmq || DmqHealthText::same(*a.dmq, *b.dmq)) &&
           std::equal(a.senders.cbegin(), a.senders.cend(), b.senders.cbegin(), b.senders.cend(), sameSender);
}

/// "udp 127.0.0.1:9060" → "127.0.0.1:9060" for the HEP feeds, whose protocol the Feed column names.
QString address(const SourceHealth &feed)
{
    if (feed.dmq && !feed.dmq->uri.isEmpty())
    {
        return feed.dmq->uri;
    }
    if (feed.kind.startsWith(u"hep-"_s))
    {
        const QString prefix = feed.kind.mid(4) + u' ';
        if (feed.label.startsWith(prefix))
        {
            return feed.label.mid(prefix.size());
        }
    }
    return feed.label;
}

/// The nodes of the DMQ cluster (not the bus row), for the bus row's state.
DmqHealthText::NodeCount countNodes(const QList<SourceHealth> &feeds)
{
    DmqHealthText::NodeCount nodes;
    for (const SourceHealth &feed : feeds)
    {
        if (feed.dmq && !feed.dmq->local)
        {
            ++nodes.total;
            nodes.active += feed.dmq->status == u"active"_s ? 1 : 0;
        }
    }
    return nodes;
}

bool isNumeric(int column)
{
    return column >= SourcesTableModel::RateColumn && column != SourcesTableModel::LastSeenColumn;
}
} // namespace

SourcesTableModel::SourcesTableModel(const SourceRegistry *registry, QObject *parent)
    : QAbstractTableModel(parent)
    , m_registry(registry)
    , m_runningIcon(dot(QColor(0x2e, 0xa0, 0x43)))
    , m_idleIcon(dot(QColor(0x9a, 0x9a, 0x9a)))
    , m_failedIcon(dot(QColor(0xd0, 0x30, 0x30)))
{}

int SourcesTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int SourcesTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SourcesTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
    {
        return {};
    }
    const SourceHealth &feed = m_rows.at(index.row());
    const int column = index.column();
    switch (role)
    {
    case Qt::DisplayRole:
        return display(feed, column);
    case RawValueRole:
        return rawValue(feed, column);
    case Qt::ToolTipRole:
        return toolTip(feed);
    case Qt::TextAlignmentRole:
        return isNumeric(column) ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                 : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::DecorationRole:
        if (column == StateColumn)
        {
            switch (feed.state)
            {
            case SourceHealth::State::Running:
                return m_runningIcon;
            case SourceHealth::State::Failed:
                return m_failedIcon;
            case SourceHealth::State::Starting:
            case SourceHealth::State::Finished:
                return m_idleIcon;
            }
        }
        return {};
    case Qt::ForegroundRole:
    {
        // Counters that mean lost or refused SIP stand out once they are not zero.
        const bool problem = (column == DropsColumn && feed.queueDrops + feed.kernelDrops > 0) ||
                             (column == MalformedColumn && feed.malformed > 0) ||
                             (column == AuthFailuresColumn && feed.authFailures > 0);
        return problem ? QVariant(QColor(0xc0, 0x50, 0x00)) : QVariant();
    }
    default:
        return {};
    }
}

QVariant SourcesTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
    {
        return {};
    }
    if (role == Qt::TextAlignmentRole)
    {
        return isNumeric(section) ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                  : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    }
    if (role == Qt::ToolTipRole && section == DropsColumn)
    {
        return tr("Packets lost before the core: the queue was full (the core could not keep up) or the "
                  "kernel's receive buffer overflowed.");
    }
    if (role != Qt::DisplayRole)
    {
        return {};
    }
    switch (static_cast<Column>(section))
    {
    case FeedColumn:
        return tr("Feed");
    case AddressColumn:
        return tr("Address");
    case StateColumn:
        return tr("State");
    case RateColumn:
        return tr("Packets/s");
    case PacketsColumn:
        return tr("Packets");
    case LastSeenColumn:
        return tr("Last seen");
    case DropsColumn:
        return tr("Drops");
    case MalformedColumn:
        return tr("Malformed");
    case AuthFailuresColumn:
        return tr("Auth failures");
    case ColumnCount:
        break;
    }
    return {};
}

void SourcesTableModel::refresh()
{
    if (m_registry != nullptr)
    {
        setFeeds(m_registry->snapshot());
    }
}

void SourcesTableModel::setFeeds(const QList<SourceHealth> &feeds)
{
    const qsizetype common = std::min(m_rows.size(), feeds.size());
    // The bus row counts the nodes: it changes with them.
    const DmqHealthText::NodeCount nodes = countNodes(feeds);
    const bool nodesChanged = nodes != m_nodes;
    m_nodes = nodes;
    QList<int> changed;
    for (qsizetype row = 0; row < common; ++row)
    {
        if (!sameFeed(m_rows.at(row), feeds.at(row)) || (nodesChanged && feeds.at(row).kind == u"dmq"_s))
        {
            m_rows[row] = feeds.at(row);
            changed.append(static_cast<int>(row));
        }
    }
    emitChanged(changed);

    if (feeds.size() > m_rows.size())
    {
        beginInsertRows({}, static_cast<int>(m_rows.size()), static_cast<int>(feeds.size() - 1));
        m_rows.append(feeds.mid(m_rows.size()));
        endInsertRows();
    }
    else if (feeds.size() < m_rows.size())
    {
        // The registry never forgets a feed; a shorter list is a different registry's.
        beginRemoveRows({}, static_cast<int>(feeds.size()), static_cast<int>(m_rows.size() - 1));
        m_rows.resize(feeds.size());
        endRemoveRows();
    }
}

void SourcesTableModel::emitChanged(const QList<int> &rows)
{
    if (rows.isEmpty())
    {
        return;
    }
    const int last = ColumnCount - 1;
    if (rows.size() * 2 > m_rows.size())
    {
        // Most rows changed: one signal over the whole table is cheaper for the views.
        emit dataChanged(index(0, 0), index(static_cast<int>(m_rows.size() - 1), last), ChangedRoles);
        return;
    }
    // rows is ascending: merge neighbours into spans.
    int first = rows.constFirst();
    int previous = first;
    for (qsizetype i = 1; i <= rows.size(); ++i)
    {
        if (i < rows.size() && rows.at(i) == previous + 1)
        {
            previous = rows.at(i);
            continue;
        }
        emit dataChanged(index(first, 0), index(previous, last), ChangedRoles);
        if (i < rows.size())
        {
            first = previous = rows.at(i);
        }
    }
}

const SourceHealth &SourcesTableModel::feedAt(int row) const
{
    return m_rows.at(row);
}

int SourcesTableModel::count(SourceHealth::State state) const
{
    return static_cast<int>(std::count_if(m_rows.cbegin(), m_rows.cend(),
                                          [state](const SourceHealth &f) { return f.state == state; }));
}

void SourcesTableModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.isEmpty())
    {
        emit dataChanged(index(0, 0), index(static_cast<int>(m_rows.size() - 1), ColumnCount - 1),
                         {Qt::DisplayRole, Qt::ToolTipRole});
    }
}

QString SourcesTableModel::feedName(const QString &kind)
{
    if (kind == u"hep-udp"_s)
    {
        return tr("HEP/SIP UDP");
    }
    if (kind == u"hep-tcp"_s)
    {
        return tr("HEP/SIP TCP");
    }
    if (kind == u"replay"_s)
    {
        return tr("Capture replay");
    }
    if (kind == u"rpc"_s)
    {
        return tr("JSON-RPC");
    }
    if (kind == u"db"_s)
    {
        //: A proxy read from its dialog database table (--proxy-db)
        return tr("DB");
    }
    if (kind == u"dmq"_s)
    {
        return tr("DMQ bus");
    }
    if (kind == u"dmq-node"_s)
    {
        return tr("DMQ node");
    }
    return kind;
}

QString SourcesTableModel::stateText(const SourceHealth &feed)
{
    switch (feed.state)
    {
    case SourceHealth::State::Starting:
        return tr("Starting");
    case SourceHealth::State::Running:
        if (feed.progress >= 0)
        {
            //: A capture replay that is still reading its file: %1 is the share read so far
            return tr("Running (%1 %)").arg(qRound(feed.progress * 100));
        }
        return tr("Running");
    case SourceHealth::State::Finished:
        return tr("Finished");
    case SourceHealth::State::Failed:
        return tr("Failed");
    }
    return {};
}

QVariant SourcesTableModel::display(const SourceHealth &feed, int column) const
{
    if (feed.dmq)
    {
        return DmqHealthText::cell(*feed.dmq, address(feed), column, m_nodes);
    }
    switch (static_cast<Column>(column))
    {
    case FeedColumn:
        return feedName(feed.kind);
    case AddressColumn:
        return address(feed);
    case StateColumn:
        return feed.proxy ? ProxyStatusText::state(*feed.proxy, QDateTime::currentMSecsSinceEpoch())
                          : stateText(feed);
    case RateColumn:
        return feed.proxy ? QString() : rate(feed.packetsPerSecond);
    case PacketsColumn:
        return feed.proxy ? ProxyStatusText::dialogs(*feed.proxy) : number(feed.packets);
    case LastSeenColumn:
        return clock(feed.lastSeenMs);
    case DropsColumn:
        return number(feed.queueDrops + feed.kernelDrops);
    case MalformedColumn:
        return number(feed.malformed);
    case AuthFailuresColumn:
        return number(feed.authFailures);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant SourcesTableModel::rawValue(const SourceHealth &feed, int column) const
{
    if (feed.dmq && column == RateColumn)
    {
        return feed.dmq->messagesPerSecond;
    }
    if (feed.dmq && column == PacketsColumn)
    {
        return feed.dmq->dialogs;
    }
    switch (static_cast<Column>(column))
    {
    case FeedColumn:
        return feed.kind;
    case AddressColumn:
        return feed.label;
    case StateColumn:
        return static_cast<int>(feed.state);
    case RateColumn:
        return feed.packetsPerSecond;
    case PacketsColumn:
        return feed.packets;
    case LastSeenColumn:
        return feed.lastSeenMs;
    case DropsColumn:
        return feed.queueDrops + feed.kernelDrops;
    case MalformedColumn:
        return feed.malformed;
    case AuthFailuresColumn:
        return feed.authFailures;
    case ColumnCount:
        break;
    }
    return {};
}

QString SourcesTableModel::toolTip(const SourceHealth &feed) const
{
    QStringList lines;
    if (feed.dmq)
    {
        lines << u"<b>"_s + address(feed).toHtmlEscaped() + u"</b> — "_s +
                     DmqHealthText::feedName(*feed.dmq).toHtmlEscaped();
        return (lines + DmqHealthText::details(*feed.dmq, m_nodes)).join(u"<br>"_s);
    }
    lines << u"<b>"_s + feed.label.toHtmlEscaped() + u"</b> — "_s + feedName(feed.kind).toHtmlEscaped();
    if (feed.state == SourceHealth::State::Failed && !feed.error.isEmpty())
    {
        lines << tr("Failed: %1").arg(feed.error).toHtmlEscaped();
    }
    else
    {
        lines << tr("State: %1").arg(stateText(feed)).toHtmlEscaped();
    }
    if (feed.proxy)
    {
        // A proxy read from its dialog table has no RPC facts: it shows the database's.
        const bool database = feed.kind == u"db"_s;
        return (lines + (database ? ProxyStatusText::databaseDetails(*feed.proxy)
                                  : ProxyStatusText::details(*feed.proxy)))
            .join(u"<br>"_s);
    }
    lines << tr("Received: %1 packets, %2")
                 .arg(number(feed.packets), QLocale().formattedDataSize(feed.bytes))
                 .toHtmlEscaped();
    lines << tr("Dropped: %1 by the queue (the core could not keep up), %2 by the kernel (receive buffer "
                "full)")
                 .arg(number(feed.queueDrops), number(feed.kernelDrops))
                 .toHtmlEscaped();
    lines << tr("Malformed: %1 · auth failures: %2 · not SIP: %3")
                 .arg(number(feed.malformed), number(feed.authFailures), number(feed.notSip))
                 .toHtmlEscaped();
    if (feed.senders.isEmpty())
    {
        lines << tr("No sender seen yet.").toHtmlEscaped();
        return lines.join(u"<br>"_s);
    }

    // The busiest senders first.
    QList<SenderHealth> senders = feed.senders;
    std::stable_sort(senders.begin(), senders.end(),
                     [](const SenderHealth &a, const SenderHealth &b) { return a.packets > b.packets; });
    lines << tr("Senders (%1):").arg(senders.size()).toHtmlEscaped();
    for (qsizetype i = 0; i < senders.size() && i < MaxTooltipSenders; ++i)
    {
        const SenderHealth &s = senders.at(i);
        QString line = tr("%1: %2 packets, %3/s, last seen %4")
                           .arg(s.address, number(s.packets), rate(s.packetsPerSecond), clock(s.lastSeenMs));
        if (s.malformed > 0)
        {
            line += tr(", %1 malformed").arg(number(s.malformed));
        }
        if (s.authFailures > 0)
        {
            line += tr(", %1 auth failures").arg(number(s.authFailures));
        }
        if (s.notSip > 0)
        {
            line += tr(", %1 not SIP").arg(number(s.notSip));
        }
        lines << u"&nbsp;&nbsp;"_s + line.toHtmlEscaped();
    }
    if (senders.size() > MaxTooltipSenders)
    {
        lines << u"&nbsp;&nbsp;"_s +
                     tr("… and %1 more").arg(senders.size() - MaxTooltipSenders).toHtmlEscaped();
    }
    return lines.join(u"<br>"_s);
}
