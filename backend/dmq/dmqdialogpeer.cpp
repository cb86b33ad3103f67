// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/dmq/dmqdialogpeer.h"

#include <set>

#include "backend/rpcoutcome.h"

using namespace Qt::StringLiterals;
using calldeck::core::ClusterDialogTable;
using calldeck::core::DmqAction;
using calldeck::core::DmqBodyError;

DmqDialogPeer::Reply DmqDialogPeer::refuse(DmqNodeTable::Node &node, int status, QByteArray reason,
                                           QString problem)
{
    ++node.health.rejected;
    ++m_refused;
    node.health.lastError = problem;
    return Reply{status, std::move(reason), std::move(problem)};
}

DmqDialogPeer::Reply DmqDialogPeer::handle(std::string_view body, DmqNodeTable::Node &node, qint64 nowMs)
{
    const calldeck::core::DmqParseResult parsed = calldeck::core::parseDmqDialogBody(body);
    if (parsed.error != DmqBodyError::None)
    {
        return refuse(node, 400, "Bad Request",
                      u"refused a dialog message (%1: %2); the sender's body is not what the dialog module "
                      "sends — check its Kamailio version and module"_s.arg(
                          QString::fromLatin1(calldeck::core::dmqBodyErrorName(parsed.error)),
                          QString::fromStdString(parsed.detail)));
    }
    const calldeck::core::DmqDialogMessage &m = parsed.message;
    switch (m.action)
    {
    case DmqAction::Update:
        ++node.health.updates;
        m_lastUpdateMs = nowMs;
        if (syncRunning())
        {
            // The node's answer to CallDeck's SYNC, as it arrives.
            node.health.lastSyncMs = nowMs;
            node.health.lastSyncDialogs = ++m_syncCounts[node.source];
        }
        break;
    case DmqAction::State:
        ++node.health.states;
        break;
    case DmqAction::Remove:
        ++node.health.removes;
        break;
    case DmqAction::Sync:
        ++node.health.syncs; // another node joined; a passive node sends nothing back
        return {};
    case DmqAction::None:
        break;
    }
    const ClusterDialogTable::Result r =
        m_table.apply(m, node.source, static_cast<std::uint32_t>(nowMs / 1000));
    if (r.sipStatus >= 300)
    {
        if (r.outcome == ClusterDialogTable::Outcome::UnknownDialog && m.action == DmqAction::State &&
            m.state.value_or(5) < 5)
        {
            Reply reply = refuse(
                node, r.sipStatus, "Server Internal Error",
                u"a STATE for dialog %1:%2, which CallDeck never got an UPDATE for"_s.arg(m.hEntry).arg(
                    m.hId));
            reply.missed = true;
            return reply;
        }
        return refuse(
            node, r.sipStatus, "Server Internal Error",
            u"refused %1 for dialog %2:%3: %4"_s.arg(m.action == DmqAction::State    ? u"a STATE"_s
                                                     : m.action == DmqAction::Remove ? u"an RM"_s
                                                                                     : u"an UPDATE"_s,
                                                     QString::number(m.hEntry), QString::number(m.hId),
                                                     QString::fromStdString(r.reason)));
    }
    return {};
}

void DmqDialogPeer::beginSync(qint64 nowMs)
{
    m_table.beginSync();
    m_syncing = true;
    m_lastUpdateMs = nowMs;
    m_syncCounts.clear();
}

long long DmqDialogPeer::finishSyncIfQuiet(qint64 nowMs, int quietMs)
{
    if (!syncRunning() || nowMs - m_lastUpdateMs < quietMs)
    {
        return -1;
    }
    const std::size_t dropped = m_table.endSync();
    m_syncing = false;
    m_syncCounts.clear();
    return static_cast<long long>(dropped);
}

void DmqDialogPeer::expire(qint64 nowMs)
{
    m_table.expire(static_cast<std::uint32_t>(nowMs / 1000));
}

std::shared_ptr<DialogListPayload> DmqDialogPeer::listing(quint16 owner) const
{
    auto payload = std::make_shared<DialogListPayload>();
    m_table.listing(owner, payload->dialogs);
    std::set<std::string> names;
    for (const calldeck::core::DialogSnapshot &d : payload->dialogs)
    {
        for (const auto &p : d.profiles)
        {
            names.insert(p.first);
        }
    }
    for (const std::string &n : names)
    {
        payload->profileNames.append(QString::fromStdString(n));
    }
    return payload;
}
