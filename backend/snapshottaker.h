// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QString>

#include "backend/consolesnapshot.h"

class CoreWorker;
class SourceRegistry;
struct CoreContext;

/// @brief Takes a ConsoleSnapshot from a running engine: ONE CoreWorker::call copies every row
/// (ProxyDialogs::rows(): the engine's dialogs, then those only a proxy lists) with its stored
/// messages and the counters; splitting the messages for the call flow, like everything slow,
/// then runs on the calling thread, never on the core's.
class SnapshotTaker final
{
public:
    SnapshotTaker() = delete;

    /// @brief The snapshot of this moment; nullopt (error kind CoreTimeout) when the core did
    /// not answer within @p timeoutMs. @p sources (may be null) lists the feeds. With
    /// @p splitMessages false the messages carry only what a file keeps of them (time, addresses,
    /// capture node, bytes): enough to write, and the splitting (one step per dialog of
    /// @p progress) is saved.
    static std::optional<ConsoleSnapshot> take(CoreWorker &worker, const SourceRegistry *sources,
                                               int timeoutMs, const SnapshotProgress &progress,
                                               SnapshotError *error, bool splitMessages = true);
    /// @brief take(), then SnapshotWriter::write() to @p path: what `--export FILE.cdsnap` does
    /// (on the calling thread). False with @p error (English detail) when either fails.
    static bool save(CoreWorker &worker, const SourceRegistry *sources, const QString &path, int timeoutMs,
                     SnapshotError *error);
    /// @brief The core-thread part: rows, messages as kept (time, addresses, bytes; not split),
    /// counters and history cap. Cheap: copies only.
    static ConsoleSnapshot collect(CoreContext &ctx, qint64 nowMs);
};
