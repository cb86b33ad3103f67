// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <vector>

#include <QString>

#include "backend/core/dialogsnapshot.h"
#include "backend/core/dialogstats.h"

/// @brief Disagreements and facts about where a row's dialog is known (DialogRow::flags).
namespace DialogRowFlag
{
constexpr quint8 Stale = 1;          ///< its proxy did not answer the last poll: the row may be out of date
constexpr quint8 EndedOnWire = 2;    ///< the proxy still lists it, but the mirror saw it end
constexpr quint8 UnknownToProxy = 4; ///< seen on the mirror, confirmed, but no polled proxy lists it
constexpr quint8 Ghost = 8;          ///< no in-dialog traffic on the mirror for the ghost time
constexpr quint8 Merged = 16;        ///< seen on the mirror and listed by a proxy: one row for both
} // namespace DialogRowFlag

/// @brief A dialog as the console shows it: the core's snapshot plus where it came from.
struct DialogRow
{
    quint64 key = 0; ///< stable for the dialog's life, never reused (bit 63 set: listed by a proxy only)
    calldeck::core::DialogSnapshot dialog;
    QString origin;          ///< "mirror", a proxy name, "mirror + proxy", a cluster node
    qint64 updatedMs = 0;    ///< wall clock of the last change
    quint16 proxy = 0;       ///< the proxy feed that lists it (its source id), 0 = none
    quint32 proxyHEntry = 0; ///< the dialog's h_entry and h_id on that proxy (for its dlg.* RPCs)
    quint32 proxyHId = 0;
    quint8 flags = 0; ///< DialogRowFlag bits
    friend bool operator==(const DialogRow &, const DialogRow &) = default;
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
