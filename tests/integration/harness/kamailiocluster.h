// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <memory>

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include "kamailioinstance.h"

namespace calldeck::integration
{

/// @brief Two real Kamailio 5.6 DMQ nodes on 127.0.0.1 that replicate dialogs to each other
/// (calldeck-test.cfg with WITH_DMQ, dialog enable_dmq 1): node 0 ("A") notifies nobody, node 1
/// ("B") notifies A. They share hash_size and h_id_step and have disjoint id series
/// (h_id_start 1 and 2), so a dialog's (h_entry, h_id) is unique in the cluster.
///
/// start() waits (bounded) until each lists the other active in `dmq.list_nodes`. A node can be
/// stopped (SIGTERM by PID) and restarted on the same ports; a restarted node notifies the
/// other one. Every step returns false with errorString() saying what failed.
class KamailioCluster final
{
    Q_DISABLE_COPY_MOVE(KamailioCluster)

public:
    struct Options
    {
        /// dmq ping_interval (s); Kamailio 5.6.3 raises anything below 5 to 5.
        int pingInterval = 5;
        /// The common dialog h_id_step; the nodes start at 1 and 2.
        int hIdStep = 10;
        /// How long start() / restart() wait for the nodes to list each other active.
        int formTimeoutMs = 20000;
    };

    KamailioCluster();
    explicit KamailioCluster(Options options);
    ~KamailioCluster();

    /// @brief Starts A, then B (notifying A), and waits until the cluster is formed.
    bool start();
    /// @brief True once each running node lists every other running node active (and B lists A).
    bool waitFormed(int timeoutMs);
    /// @brief SIGTERM to node @p index (0 = A, 1 = B) by PID; it sends nothing on the way out.
    bool stopNode(int index);
    /// @brief Starts node @p index again on its old SIP, RPC, DMQ and UAS ports, notifying the
    /// other node, and waits until the cluster is formed again.
    bool restartNode(int index);

    KamailioInstance &node(int index) const;
    KamailioInstance &a() const;
    KamailioInstance &b() const;

    /// @brief `dmq.list_nodes` of @p node (empty on an RPC error).
    static QJsonArray listNodes(KamailioInstance &node);
    /// @brief The status @p node gives the non-local node at 127.0.0.1:@p port, empty when unlisted.
    static QString statusOf(KamailioInstance &node, quint16 port);
    /// @brief `dlg.list` of @p node (empty on an RPC error).
    static QJsonArray dialogs(KamailioInstance &node);
    /// @brief True when each node's `dlg.list` holds exactly @p count dialogs, all confirmed (4).
    bool allConfirmed(int count) const;
    /// @brief Both nodes' `dmq.list_nodes` and the ERROR lines of their logs, for failure messages.
    QString describe() const;
    QString errorString() const;

private:
    KamailioInstance::Options nodeOptions(int index) const;
    bool fail(const QString &why);

    Options m_options;
    std::array<std::unique_ptr<KamailioInstance>, 2> m_nodes;
    QString m_error;
};

} // namespace calldeck::integration
