// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>

#include "backend/core/dialogstats.h"
#include "backend/coreworker.h"
#include "backend/sourceregistry.h"

/// @brief The one JSON line `--stats` prints on exit, keys in a fixed order:
/// messages (packets the core took), sip_messages, dropped (decode drops), queue_drops,
/// dialogs (live), processed/active/early/failed/expired (the module's dialog: statistics),
/// elapsed_s, msgs_per_s, sources (one object per feed with its own counters) and, with a
/// dialog store, store.
class DialogStoreWriter;

class HeadlessStats final
{
public:
    HeadlessStats() = delete;

    /// @param store the dialog store's writer, null without a store: adds "store" (url, db_mode,
    /// transactions, upserts, deletes, failures, refused, backlog, last_error)
    static QByteArray line(const CoreStats &core, const calldeck::core::DialogStats &dialog,
                           std::size_t dialogs, const QList<SourceHealth> &sources, double elapsedSeconds,
                           const DialogStoreWriter *store = nullptr);
};
