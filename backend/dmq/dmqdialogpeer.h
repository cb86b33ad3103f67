// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <memory>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <QByteArray>
#include <QString>

#include "backend/core/clusterdialogtable.h"
#include "backend/core/dmqdialogmessage.h"
#include "backend/dmq/dmqnodetable.h"

struct DialogListPayload;

/// @brief The `dialog` channel of CallDeck's DMQ node: parses each body, applies it to the
/// cluster's dialog table with Kamailio 5.6.3's receiver rules (ClusterDialogTable), counts what
/// each node sent and what was refused, and turns the table into per-node listings (the dialogs
/// each node owns) for the core's ProxyDialogs. Passive: it never answers a SYNC with dialogs.
/// Not thread-safe: the DMQ thread owns it.
class DmqDialogPeer final
{
public:
    struct Reply
    {
        int status = 200;
        QByteArray reason = "OK";
        QString problem;     ///< English, when the request was refused
        bool missed = false; ///< a STATE for a live dialog CallDeck never got an UPDATE for
    };

    DmqDialogPeer() = default;

    /// @brief One KDMQ body from @p node (UPDATE, STATE, RM or SYNC).
    Reply handle(std::string_view body, DmqNodeTable::Node &node, qint64 nowMs);

    /// @brief A full sync starts (CallDeck asked every active node): UPDATEs are stamped from now,
    /// and each node's answer sets its lastSyncMs and lastSyncDialogs as it arrives.
    void beginSync(qint64 nowMs);
    bool syncRunning() const { return m_syncing; }
    /// @brief Ends a running sync once no UPDATE came for @p quietMs: dialogs that no node
    /// re-sent are ended (CallDeck missed their RM). @return how many, or -1 when still running.
    long long finishSyncIfQuiet(qint64 nowMs, int quietMs);
    /// @brief Ends dialogs whose lifetime ran out and forgets old tombstones.
    void expire(qint64 nowMs);

    /// @brief The owners whose listing changed since the last call.
    std::vector<quint16> takeDirty() { return m_table.takeDirtyNodes(); }
    /// @brief The live dialogs @p owner owns, as a complete listing.
    std::shared_ptr<DialogListPayload> listing(quint16 owner) const;

    const calldeck::core::ClusterDialogTable &table() const { return m_table; }
    /// @brief Refused bodies by reason (DmqBodyError, then table outcomes), for the bus row.
    quint64 refused() const { return m_refused; }
    std::size_t liveDialogs() const { return m_table.size(); }

private:
    Reply refuse(DmqNodeTable::Node &node, int status, QByteArray reason, QString problem);

    calldeck::core::ClusterDialogTable m_table;
    bool m_syncing = false;
    qint64 m_lastUpdateMs = 0;
    std::unordered_map<quint16, quint64> m_syncCounts; ///< UPDATEs per node during the sync
    quint64 m_refused = 0;
};
