// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include "backend/capturereplay.h"

class EventLog;
class IngestQueue;
class QMessageBox;
class QProgressDialog;
class QWidget;
class SourceRegistry;

/// @brief Replays a capture file into the running engine for the console (File → Open capture…,
/// --replay FILE): one replay at a time, on the replay's own thread, so the window never waits.
/// A progress dialog (share of the file, packets and messages read, Cancel) appears only when the
/// replay is still running after ProgressDelayMs, so a small file does not make it flash. The end
/// goes to the event log with the counts; a failure also opens a message box that names the file
/// and says what to do.
class ReplayController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReplayController)

public:
    static constexpr int ProgressDelayMs = 300;
    /// @brief How often the shown progress dialog re-reads the count (at most ~4 Hz).
    static constexpr int LabelRefreshMs = 250;

    /// @param window parent of the progress dialog and the message box
    ReplayController(IngestQueue &queue, SourceRegistry &sources, EventLog *log, QWidget *window);
    /// @brief Cancels a running replay and waits for its thread (promptly).
    ~ReplayController() override;

    /// @brief Starts replaying @p fileName (as fast as possible, or at the recorded pace).
    /// @return false, doing nothing, while another replay is running
    bool start(const QString &fileName, bool pace = false);
    bool isRunning() const;
    /// @brief Stops the running replay; what was read so far stays in the engine.
    void cancel();

    /// @brief The progress dialog while it is shown, else null.
    QProgressDialog *progressDialog() const;
    /// @brief The last failure's message box while it is open, else null.
    QMessageBox *failureBox() const;

signals:
    /// @brief A replay started (true) or ended (false): the window disables "Open capture…" meanwhile.
    void runningChanged(bool running);
    /// @brief A replay ended; @p ok is false when it failed or was cancelled.
    void finished(bool ok, const QString &fileName);

private:
    void showProgress();
    void onProgress(double fraction);
    void onFinished(bool ok, const QString &error, const CaptureReplay::Stats &stats);
    void updateProgress();
    QString logSource() const;

    IngestQueue &m_queue;
    SourceRegistry &m_sources;
    EventLog *m_log;
    QWidget *m_window;
    std::unique_ptr<CaptureReplay> m_replay;
    QString m_fileName;
    double m_fraction = 0;
    bool m_cancelled = false;
    QTimer m_showTimer;
    QTimer m_labelTimer;
    QPointer<QProgressDialog> m_progress;
    QPointer<QMessageBox> m_failureBox;
};
