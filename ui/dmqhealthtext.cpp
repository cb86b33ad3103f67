// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dmqhealthtext.h"

#include <climits>

#include "ui/sourcestablemodel.h"
#include "ui/sourcetext.h"

using namespace Qt::StringLiterals;
using SourceText::clock;
using SourceText::number;
using SourceText::rate;

QString DmqHealthText::feedName(const DmqNodeHealth &health)
{
    if (health.local)
    {
        //: The row of CallDeck's own node on a Kamailio DMQ bus (--dmq)
        return tr("DMQ bus");
    }
    if (health.notificationPeer)
    {
        //: A DMQ node that CallDeck announces itself to (--dmq-notify)
        return tr("DMQ node (notify)");
    }
    return tr("DMQ node");
}

QString DmqHealthText::status(const QString &status)
{
    if (status == u"active"_s)
    {
        return tr("Active");
    }
    if (status == u"disabled"_s)
    {
        return tr("Disabled");
    }
    if (status == u"timeout"_s)
    {
        return tr("Timeout");
    }
    if (status == u"pending"_s)
    {
        return tr("Pending");
    }
    return status.isEmpty() ? tr("Unknown") : status;
}

QString DmqHealthText::state(const DmqNodeHealth &health, const NodeCount nodes)
{
    if (!health.local)
    {
        return status(health.status);
    }
    if (nodes.total == 0)
    {
        //: The bus row: CallDeck's own node knows no other node yet
        return tr("%1 · no node yet").arg(status(health.status));
    }
    //: The bus row: %1 CallDeck's own status, %2 of the %3 nodes of the cluster are active
    return tr("%1 · %2 of %3 nodes up").arg(status(health.status)).arg(nodes.active).arg(nodes.total);
}

QVariant DmqHealthText::cell(const DmqNodeHealth &health, const QString &address, const int column,
                             const NodeCount nodes)
{
    switch (static_cast<SourcesTableModel::Column>(column))
    {
    case SourcesTableModel::FeedColumn:
        return feedName(health);
    case SourcesTableModel::AddressColumn:
        return address;
    case SourcesTableModel::StateColumn:
        return state(health, nodes);
    case SourcesTableModel::RateColumn:
        return rate(health.messagesPerSecond);
    case SourcesTableModel::PacketsColumn:
        return dialogs(health);
    case SourcesTableModel::LastSeenColumn:
        return clock(health.lastMessageMs);
    case SourcesTableModel::DropsColumn:
        return number(health.floodDrops);
    case SourcesTableModel::MalformedColumn:
        return number(health.rejected);
    case SourcesTableModel::AuthFailuresColumn: // DMQ has no authentication
    case SourcesTableModel::ColumnCount:
        break;
    }
    return {};
}

QString DmqHealthText::dialogs(const DmqNodeHealth &health)
{
    return tr("%n dialog(s)", nullptr, static_cast<int>(qMin<quint64>(health.dialogs, INT_MAX)));
}

QStringList DmqHealthText::details(const DmqNodeHealth &health, const NodeCount nodes)
{
    QStringList lines;
    if (health.local)
    {
        lines << tr("CallDeck's own node on the bus: %1").arg(state(health, nodes));
        lines << tr("Dialogs from the whole cluster: %1").arg(number(health.dialogs));
        lines << (health.hIdStep > 0
                      ? tr("Owners: %1 certain, %2 from the nodes' h_id series (step %3), %4 not known yet")
                            .arg(number(health.ownersConfirmed), number(health.ownersInferred))
                            .arg(health.hIdStep)
                            .arg(number(health.ownersProvisional))
                      : tr("Owners: %1 certain, %2 not known yet (shown under the node that sent a copy)")
                            .arg(number(health.ownersConfirmed), number(health.ownersProvisional)));
    }
    else
    {
        lines << tr("Status: %1").arg(status(health.status));
        if (health.notificationPeer)
        {
            lines << tr("Notification peer (--dmq-notify): CallDeck announces itself here and learns the "
                        "other nodes from its answer.");
        }
        lines << tr("Dialogs it owns: %1").arg(number(health.dialogs));
    }
    const quint64 messages =
        health.updates + health.states + health.removes + health.syncs + health.nodeLists;
    lines << tr("Messages: %1, %2/s (UPDATE %3 · STATE %4 · RM %5 · SYNC %6 · node lists and pings %7)")
                 .arg(number(messages), rate(health.messagesPerSecond), number(health.updates),
                      number(health.states), number(health.removes), number(health.syncs),
                      number(health.nodeLists));
    lines << (health.local ? tr("Last message: %1").arg(clock(health.lastMessageMs))
                           : tr("Last message: %1 · last answer to a ping: %2")
                                 .arg(clock(health.lastMessageMs), clock(health.lastReplyMs)));
    lines << (health.lastSyncMs > 0 ? tr("Last sync: %1, %n dialog(s)", nullptr,
                                         static_cast<int>(qMin<quint64>(health.lastSyncDialogs, INT_MAX)))
                                          .arg(clock(health.lastSyncMs))
                                    : tr("Last sync: none yet"));
    lines << tr("Rejected: %1 (malformed or unknown) · flood drops: %2 (over the rate limit)")
                 .arg(number(health.rejected), number(health.floodDrops));
    if (health.consecutiveFailures > 0)
    {
        lines << tr("%n ping(s) in a row without an answer", nullptr, health.consecutiveFailures);
    }
    const QString action = problem(health);
    if (!action.isEmpty())
    {
        lines << action;
    }
    else if (!health.lastError.isEmpty())
    {
        lines << tr("Last error: %1").arg(health.lastError);
    }
    for (QString &line : lines)
    {
        line = line.toHtmlEscaped();
    }
    return lines;
}

QString DmqHealthText::problem(const DmqNodeHealth &health)
{
    const QString word = status(health.status);
    if (health.status == u"active"_s || (health.status == u"pending"_s && health.lastError.isEmpty()))
    {
        return {};
    }
    if (!health.lastError.isEmpty())
    {
        return tr("%1: %2").arg(word, health.lastError);
    }
    if (health.local)
    {
        return tr("%1: CallDeck is not on the bus. Check --dmq and --dmq-notify, and that the notification "
                  "peer's dmq module listens on that address.")
            .arg(word);
    }
    if (health.status == u"timeout"_s)
    {
        return tr("%1: no answer to the pings. Check that the proxy runs and that its dmq module listens on "
                  "this address.")
            .arg(word);
    }
    if (health.status == u"disabled"_s)
    {
        return tr("%1: the node left the bus or stopped answering; its dialogs are stale. Restart it, or "
                  "remove it on a peer with kamcmd dmq.remove.")
            .arg(word);
    }
    return tr("%1: see the event log.").arg(word);
}

bool DmqHealthText::same(const DmqNodeHealth &a, const DmqNodeHealth &b)
{
    return a.uri == b.uri && a.status == b.status && a.local == b.local &&
           a.notificationPeer == b.notificationPeer && a.lastReplyMs == b.lastReplyMs &&
           a.lastMessageMs == b.lastMessageMs && a.lastSyncMs == b.lastSyncMs &&
           a.lastSyncDialogs == b.lastSyncDialogs && a.dialogs == b.dialogs && a.updates == b.updates &&
           a.states == b.states && a.removes == b.removes && a.syncs == b.syncs &&
           a.nodeLists == b.nodeLists && a.rejected == b.rejected && a.floodDrops == b.floodDrops &&
           a.messagesPerSecond == b.messagesPerSecond && a.consecutiveFailures == b.consecutiveFailures &&
           a.lastError == b.lastError && a.ownersConfirmed == b.ownersConfirmed &&
           a.ownersInferred == b.ownersInferred && a.ownersProvisional == b.ownersProvisional &&
           a.hIdStep == b.hIdStep;
}
