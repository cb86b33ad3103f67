// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <QVariant>

#include "backend/dmqnodehealth.h"

/// @brief How the Sources view words the DMQ cluster feed (translated): the bus row (CallDeck's
/// own node, kind "dmq") and one row per node of the cluster (kind "dmq-node").
class DmqHealthText final
{
    Q_DECLARE_TR_FUNCTIONS(DmqHealthText)

public:
    /// @brief The nodes of the cluster, for the bus row's state.
    struct NodeCount
    {
        int active = 0;
        int total = 0;
        bool operator==(const NodeCount &) const = default;
    };

    /// @brief "DMQ bus", "DMQ node", or "DMQ node (notify)" for a --dmq-notify address.
    static QString feedName(const DmqNodeHealth &health);
    /// @brief Kamailio's status, translated: "Active", "Disabled", "Timeout", "Pending".
    static QString status(const QString &status);
    /// @brief A node: its status. The bus: its status and the nodes, "Active · 2 of 3 nodes".
    static QString state(const DmqNodeHealth &health, NodeCount nodes);
    /// @brief The text of a DMQ row's cell in the Sources view (SourcesTableModel::Column): the
    /// message rate, dialogs, last message, flood drops and rejected messages in the feeds' columns.
    static QVariant cell(const DmqNodeHealth &health, const QString &address, int column, NodeCount nodes);
    /// @brief "42 dialogs": owned by a node, or the whole cluster's for the bus.
    static QString dialogs(const DmqNodeHealth &health);
    /// @brief HTML lines for the tooltip: status and what it means, messages by kind, last message,
    /// last answer to a ping, last sync, rejected and flood drops, the last error.
    static QStringList details(const DmqNodeHealth &health, NodeCount nodes);
    /// @brief What the line below the list says about this row; empty while it needs no action
    /// (active, or pending without an error: still joining).
    static QString problem(const DmqNodeHealth &health);
    /// @brief Whether two snapshots show the same (the model announces a row only when not).
    static bool same(const DmqNodeHealth &a, const DmqNodeHealth &b);
};
