// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <functional>

#include <QObject>
#include <QString>

#include "backend/consolesnapshot.h"

class CoreWorker;
class QThread;
class SourceRegistry;

/// @brief Saves or opens a snapshot on a thread of its own, so the GUI thread never waits: saving
/// is one CoreWorker::call (SnapshotTaker) and then the file (SnapshotWriter); opening reads and
/// checks the file (SnapshotReader). Reports progress, and cancel() stops it at the next dialog:
/// a cancelled save leaves no file. Deleting a running job cancels it and waits for its thread.
class SnapshotJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SnapshotJob)

public:
    enum class Kind : std::uint8_t
    {
        Save,
        Open,
    };
    static constexpr int CoreTimeoutMs = 10000;

    /// @brief Starts saving what @p worker holds now to @p path; @p sources (may be null) names
    /// the feeds.
    static SnapshotJob *save(CoreWorker &worker, const SourceRegistry *sources, const QString &path,
                             QObject *parent = nullptr);
    /// @brief Starts reading @p path.
    static SnapshotJob *open(const QString &path, QObject *parent = nullptr);
    ~SnapshotJob() override;

    void cancel();
    bool isRunning() const;
    Kind kind() const { return m_kind; }
    QString path() const { return m_path; }
    /// @brief After finished(): what went wrong (kind None when it succeeded).
    const SnapshotError &error() const { return m_error; }
    /// @brief After finished(true): what was read (Open), or written (Save; messages not split).
    const ConsoleSnapshot &snapshot() const { return m_snapshot; }
    /// @brief Moves the snapshot out (a window takes it over without a copy).
    ConsoleSnapshot takeSnapshot() { return std::move(m_snapshot); }
    /// @brief Waits for the thread (tests, headless); true when it finished within @p timeoutMs.
    bool wait(int timeoutMs);

signals:
    /// @brief @p done of @p total steps (dialogs); emitted from the job's thread, at most once
    /// per percent, so a receiver on the GUI thread gets it queued.
    void progress(qint64 done, qint64 total);
    /// @brief Emitted on this object's thread when the work is over.
    void finished(bool ok);

private:
    using Work = std::function<bool(SnapshotJob &job, const SnapshotProgress &progress)>;
    SnapshotJob(Kind kind, const QString &path, QObject *parent);
    void start(Work work);
    void report(qint64 done, qint64 total);

    Kind m_kind;
    QString m_path;
    QThread *m_thread = nullptr;
    std::atomic<bool> m_cancel{false};
    int m_lastPermille = -1000; // job thread only
    bool m_finished = false;
    SnapshotError m_error;
    ConsoleSnapshot m_snapshot;
};
