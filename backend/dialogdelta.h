// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <vector>

#include <QString>

#include "backend/core/dialogsnapshot.h"
#include "backend/core/dialogstats.h"

/// @brief A dialog as the console shows it: the core's snapshot plus where it came from.
struct DialogRow
{
    quint64 key = 0; ///< stable for the dialog's life (the core handle), never reused
    calldeck::core::DialogSnapshot dialog;
    QString origin;       ///< "mirror", a proxy name, a cluster node
    qint64 updatedMs = 0; ///< wall clock of the last change
};

/// @brief What changed since the last take (house style §6.3): snapshots of added or updated
/// dialogs, keys of dialogs that are gone, and the counters of that moment.
struct DialogDelta
{
    std::vector<DialogRow> upserts;
    std::vector<quint64> removed;
    calldeck::core::DialogStats stats;
    calldeck::core::DialogActiveStats active;
    calldeck::core::DialogFeedStats feed;
    bool empty() const { return upserts.empty() && removed.empty(); }
};
