// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <deque>
#include <string>
#include <unordered_map>
#include <vector>

#include "backend/core/dmqnodelist.h"
#include "backend/dmqnodehealth.h"

/// @brief The nodes of the DMQ bus as CallDeck's node knows them, its own list and the counters
/// the Sources view shows (DmqWorker applies received lists with 5.6.3's rules). Nodes are never
/// removed: a node that stopped answering stays, shown disabled. Not thread-safe: the DMQ thread
/// owns it.
class DmqNodeTable final
{
public:
    struct Node
    {
        calldeck::core::DmqNodeAddress address;
        calldeck::core::DmqNodeStatus status = calldeck::core::DmqNodeStatus::Pending;
        quint16 source = 0; ///< its SourceRegistry row, also the origin of the dialogs it owns
        DmqNodeHealth health;
        qint64 windowStartMs = 0; ///< the current one-second window of the rate limit
        quint32 windowCount = 0;  ///< requests received in it
        bool pingInFlight = false;
        bool answered = false; ///< ever answered a ping or notification with 200
    };
    explicit DmqNodeTable(calldeck::core::DmqNodeAddress self)
        : m_self(std::move(self))
    {}

    const calldeck::core::DmqNodeAddress &self() const { return m_self; }
    bool isSelf(const calldeck::core::DmqNodeAddress &a) const { return a == m_self; }
    Node *find(const calldeck::core::DmqNodeAddress &address);
    /// @brief Adds @p address (not yourself) with @p status; the caller sets Node::source.
    Node &add(const calldeck::core::DmqNodeAddress &address, calldeck::core::DmqNodeStatus status);
    /// @brief Sets @p node's status; true when it changed.
    static bool setStatus(Node &node, calldeck::core::DmqNodeStatus status);
    /// @brief What CallDeck sends and answers: itself with @p selfStatus, then the active nodes.
    std::vector<calldeck::core::DmqNodeLine> ownList(calldeck::core::DmqNodeStatus selfStatus) const;
    /// @brief Counts one request from @p node at @p nowMs. False when it exceeds @p maxRate in the
    /// current second: the request is refused (counted in floodDrops).
    static bool admit(Node &node, qint64 nowMs, int maxRate);

    std::deque<Node> &nodes() { return m_nodes; }
    const std::deque<Node> &nodes() const { return m_nodes; }

private:
    calldeck::core::DmqNodeAddress m_self;
    std::deque<Node> m_nodes;                             ///< stable addresses: nodes are never removed
    std::unordered_map<std::string, std::size_t> m_index; ///< uri() → position
};
