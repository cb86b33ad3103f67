// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "backend/dialogstorewriter.h"

namespace calldeck::core
{
class DialogEngine;
}

/// @brief The core thread's side of the store (issue #9): restores what the store held when the
/// core starts, hands the engine's changes to the DialogStoreWriter at the pace of the db_mode,
/// and dumps everything when the core stops (db_mode 3) — every call on the core thread, each
/// costing only the dialogs that changed.
///
/// Created by the composition root after DialogStoreWriter::start(); given to the core through
/// CoreWorker::Options::persistence.
class DialogPersistence final
{
public:
    struct Options
    {
        DialogStoreWriter::Mode mode = DialogStoreWriter::Mode::Realtime;
        /// Delayed mode: the module's db_update_period.
        int updatePeriodMs = 60000;
        /// Real-time mode: the longest a change waits for its batch.
        int realtimeBatchMs = 100;
    };
    /// @brief What the restore at start did.
    struct RestoreReport
    {
        std::size_t restored = 0;
        std::size_t failed = 0;          ///< rows the engine refused or the reading left out
        std::vector<std::string> errors; ///< the first few, "h_entry:h_id: reason"
        std::string readError;           ///< the store could not be read to the end
    };

    /// @param stream the dialogs still arriving from DialogStoreWriter::startStreaming(), or null
    DialogPersistence(DialogStoreWriter &writer, Options options, DialogStoreWriter::Loaded loaded,
                      std::shared_ptr<DialogRestoreQueue> stream = nullptr);

    /// @brief Core thread, before the first packet: restores the loaded dialogs, then those of the
    /// stream as they arrive (timers resumed at their stored expiry, h_id counters continued), and
    /// starts the tracking.
    RestoreReport attach(calldeck::core::DialogEngine &engine);
    /// @brief Core thread, every tick: submits the changes when the mode's period is due.
    void tick(calldeck::core::DialogEngine &engine, qint64 nowMs);
    /// @brief Core thread, when the core stops: the last changes (modes 1, 2) or the whole table
    /// (mode 3) go to the writer.
    void detach(calldeck::core::DialogEngine &engine);

    DialogStoreWriter &writer() const { return m_writer; }
    const Options &options() const { return m_options; }

private:
    DialogStoreWriter &m_writer;
    const Options m_options;
    DialogStoreWriter::Loaded m_loaded;
    std::shared_ptr<DialogRestoreQueue> m_stream;
    qint64 m_nextFlushMs = 0;
};
