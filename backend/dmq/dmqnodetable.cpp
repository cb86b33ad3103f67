// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/dmq/dmqnodetable.h"

using calldeck::core::DmqNodeAddress;
using calldeck::core::DmqNodeLine;
using calldeck::core::DmqNodeStatus;

DmqNodeTable::Node *DmqNodeTable::find(const DmqNodeAddress &address)
{
    const auto it = m_index.find(address.uri());
    return it == m_index.end() ? nullptr : &m_nodes[it->second];
}

DmqNodeTable::Node &DmqNodeTable::add(const DmqNodeAddress &address, DmqNodeStatus status)
{
    if (Node *known = find(address))
    {
        return *known;
    }
    Node &n = m_nodes.emplace_back();
    n.address = address;
    n.status = status;
    n.health.uri = QString::fromStdString(address.uri());
    n.health.status = QString::fromLatin1(calldeck::core::dmqStatusName(status));
    m_index.emplace(address.uri(), m_nodes.size() - 1);
    return n;
}

bool DmqNodeTable::setStatus(Node &node, DmqNodeStatus status)
{
    if (node.status == status)
    {
        return false;
    }
    node.status = status;
    node.health.status = QString::fromLatin1(calldeck::core::dmqStatusName(status));
    return true;
}

std::vector<DmqNodeLine> DmqNodeTable::ownList(DmqNodeStatus selfStatus) const
{
    std::vector<DmqNodeLine> out;
    out.push_back({m_self, selfStatus});
    for (const Node &n : m_nodes)
    {
        if (n.status == DmqNodeStatus::Active)
        {
            out.push_back({n.address, n.status});
        }
    }
    return out;
}

bool DmqNodeTable::admit(Node &node, qint64 nowMs, int maxRate)
{
    if (nowMs - node.windowStartMs >= 1000)
    {
        node.windowStartMs = nowMs;
        node.windowCount = 0;
    }
    if (++node.windowCount > quint32(maxRate))
    {
        ++node.health.floodDrops;
        return false;
    }
    return true;
}
