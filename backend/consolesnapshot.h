// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

#include <QString>

#include "backend/core/dialogstats.h"
#include "backend/dialogdetails.h"

/// @brief A feed the console read at the moment of a snapshot (SourceHealth, the facts only).
struct SnapshotSource
{
    quint16 id = 0;
    QString kind;  ///< "hep-udp", "hep-tcp", "replay", "rpc"
    QString label; ///< e.g. "udp 127.0.0.1:9060", a proxy's name
    QString state; ///< SourceHealth::stateName(): "starting", "running", "finished", "failed"
    QString error; ///< technical detail when failed
    friend bool operator==(const SnapshotSource &, const SnapshotSource &) = default;
};

/// @brief Everything the console showed at one moment, as a value: what a `.cdsnap` file holds
/// (SnapshotWriter, SnapshotReader) and what a snapshot window browses. Every dialog row comes
/// with its details (fields and call flow), exactly as the live details pane reads them.
struct ConsoleSnapshot
{
    qint64 takenMs = 0;      ///< wall clock of the moment, Unix milliseconds
    QString calldeckVersion; ///< the CallDeck that took it
    std::vector<SnapshotSource> sources;
    calldeck::core::DialogStats stats;
    calldeck::core::DialogActiveStats active;
    calldeck::core::DialogFeedStats feed;
    quint32 historyCap = 0; ///< messages kept per dialog when it was taken
    /// Every row (the engine's dialogs, then those only a proxy lists), each found, with its
    /// messages oldest first (none for a proxy-only row).
    std::vector<DialogDetails> dialogs;
};

/// @brief What went wrong reading, writing or taking a snapshot: a kind (the UI turns it into
/// advice), where (a JSON path such as "dialogs[3].messages[0].raw", a byte offset, a file) and an
/// English technical detail.
struct SnapshotError
{
    enum class Kind : std::uint8_t
    {
        None,
        Io,           ///< the file cannot be opened, read or written
        Cancelled,    ///< the user cancelled (no file was written)
        CoreTimeout,  ///< the dialog core did not answer in time
        Compression,  ///< the gzip stream is corrupt or ends early
        BadJson,      ///< not JSON (truncated, or another kind of file)
        NotSnapshot,  ///< JSON, but not a CallDeck snapshot
        NewerVersion, ///< written by a newer CallDeck in a format version this one does not know
        BadField,     ///< a field is missing, has the wrong type or an impossible value
    };
    Kind kind = Kind::None;
    QString where;
    QString detail;

    bool ok() const { return kind == Kind::None; }
    /// @brief "where: detail" (or the detail alone).
    QString text() const { return where.isEmpty() ? detail : where + u": " + detail; }
};

/// @brief How a long snapshot operation reports and stops: @c report(done, total) from the
/// working thread (may be empty), and a flag another thread sets to cancel (may be null).
struct SnapshotProgress
{
    std::function<void(qint64 done, qint64 total)> report;
    const std::atomic<bool> *cancel = nullptr;

    bool cancelled() const { return cancel && cancel->load(std::memory_order_relaxed); }
    void step(qint64 done, qint64 total) const
    {
        if (report)
        {
            report(done, total);
        }
    }
};
