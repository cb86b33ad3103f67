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
/// elapsed_s, msgs_per_s and sources (one object per feed with its own counters).
class HeadlessStats final
{
public:
    HeadlessStats() = delete;

    static QByteArray line(const CoreStats &core, const calldeck::core::DialogStats &dialog,
                           std::size_t dialogs, const QList<SourceHealth> &sources, double elapsedSeconds);
};
