// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include <QMutex>
#include <QObject>
#include <QString>
#include <QWaitCondition>

#include "backend/core/dialogengine.h"
#include "backend/storeurl.h"

class DialogRestoreQueue;
class EventLog;

/// @brief Writes the core's dialog changes into the store on a thread of its own (issue #9), so
/// that ingest never waits for a disk or a database server.
///
/// submit() (any thread, the core's in practice) only merges the changes into a pending map keyed
/// by (hash_entry, hash_id) under a mutex: a later change of a dialog replaces the earlier one,
/// a delete replaces a pending upsert. The writer thread takes everything pending and writes it
/// in ONE transaction (DialogStore::write(), plus the h_id counters). When a write fails the
/// batch goes back under what arrived meanwhile, the failure is reported once (failed(), the
/// event log) and retried with a growing pause (0.5 s … 10 s), reopening the store when the
/// connection is gone; the in-memory dialogs are never touched by a failure. After three failed
/// attempts the batch is written one dialog per transaction, so that a row the store keeps
/// refusing (a value longer than its column) is set aside and reported instead of blocking every
/// other dialog. recovered() reports the first success after failures.
class DialogStoreWriter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DialogStoreWriter)

public:
    /// @brief The module's db_mode.
    enum class Mode : std::uint8_t
    {
        None = 0,     ///< nothing stored
        Realtime = 1, ///< every change, batched per core tick
        Delayed = 2,  ///< the changes of each db_update_period
        Shutdown = 3, ///< loaded at start, then the tables emptied; everything dumped at shutdown
    };
    struct Stats
    {
        quint64 transactions = 0; ///< committed batches
        quint64 upserts = 0;      ///< dialog rows written
        quint64 deletes = 0;      ///< dialog rows deleted
        quint64 failures = 0;     ///< failed attempts
        quint64 refused = 0;      ///< rows the store refused alone, set aside
        std::size_t backlog = 0;  ///< dialogs waiting to be written
        qint64 lastBatchMs = 0;   ///< duration of the last committed batch
        qint64 maxBatchMs = 0;    ///< the longest committed batch (how long others wait for the lock)
        qint64 lastCommitAt = 0;  ///< ms since the epoch, 0 = never
        QString lastError;        ///< empty when the last attempt succeeded
    };
    /// @brief What start() read from the store.
    struct Loaded
    {
        std::vector<calldeck::core::DialogSnapshot> dialogs;
        std::vector<std::pair<std::uint32_t, std::uint32_t>> counters; ///< bucket, last h_id
    };

    DialogStoreWriter(StoreUrl url, Mode mode, EventLog *log = nullptr, QObject *parent = nullptr);
    ~DialogStoreWriter() override;

    static QString modeName(Mode mode);
    Mode mode() const { return m_mode; }
    const StoreUrl &url() const { return m_url; }

    /// @brief Starts the thread, opens the store (creating or verifying the tables) and reads
    /// every dialog and counter into @p loaded; in Mode::Shutdown the dialog tables are then
    /// emptied, as the module does. Blocks until done (at most @p timeoutMs).
    /// @return false with @p error (English, says what to do); the thread is then stopped
    bool start(Loaded *loaded, QString *error, int timeoutMs = 30000);
    /// @brief Like start(), but returns once the store is open and the counters are read (into
    /// @p loaded); the dialogs then arrive in chunks through @p stream while the thread reads them
    /// (malformed rows left out and listed at the end, never a reason to stop), so that the core
    /// restores while the store is still being read. In Mode::Shutdown the tables are emptied
    /// only when every row was read.
    bool startStreaming(Loaded *loaded, std::shared_ptr<DialogRestoreQueue> stream, QString *error,
                        int timeoutMs = 30000);
    /// @brief Merges @p changes into what is pending and wakes the thread. Never blocks on I/O.
    void submit(calldeck::core::DialogDbChanges &&changes);
    /// @brief Waits until nothing is pending or being written (at most @p timeoutMs).
    /// @return false when something is still pending (the store failing, or the time is up)
    bool flush(int timeoutMs);
    /// @brief Writes what is pending (retrying until @p timeoutMs), then stops the thread; what
    /// could not be written is counted in the event log.
    void stop(int timeoutMs = 10000);
    Stats stats() const;

signals:
    /// @brief A write failed after writes had succeeded (emitted on the writer thread).
    void failed(const QString &error);
    /// @brief A write succeeded after failures (emitted on the writer thread).
    void recovered();

private:
    using Key = std::pair<std::uint32_t, std::uint32_t>;
    struct Batch
    {
        std::map<Key, std::optional<calldeck::core::DialogSnapshot>> rows; ///< nullopt: delete
        std::map<std::uint32_t, std::uint32_t> counters;
        bool empty() const { return rows.empty() && counters.empty(); }
    };
    void run();
    void report(const QString &message, bool warning);

    const StoreUrl m_url;
    const Mode m_mode;
    EventLog *m_log;
    std::thread m_thread;

    mutable QMutex m_mutex; // guards everything below
    QWaitCondition m_wake;  // pending work, stop
    QWaitCondition m_idle;  // a batch ended (flush waiters)
    Batch m_pending;
    bool m_writing = false;
    bool m_stop = false;
    qint64 m_stopDeadline = 0;
    bool m_started = false;
    bool m_startDone = false;
    bool m_startOk = false;
    QString m_startError;
    Loaded *m_loaded = nullptr;
    std::shared_ptr<DialogRestoreQueue> m_stream;
    Stats m_stats;
};
