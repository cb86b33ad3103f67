// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include "backend/exportrequest.h"

class CoreWorker;
class ExportJob;
class QMessageBox;
class QProgressDialog;
class QThread;
class QWidget;

/// @brief Runs one export at a time for the console: an ExportJob on its own QThread, so the
/// window never waits; a progress dialog with Cancel once it runs longer than ProgressDelayMs (a
/// cancelled export leaves no file and an older file untouched); at the end a status-bar style
/// message through done(), or a message box that names the file and says what to do.
class ExportRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExportRunner)

public:
    static constexpr int ProgressDelayMs = 300;

    /// @param window parent of the progress dialog and the message box
    ExportRunner(CoreWorker *worker, QWidget *window);
    /// @brief Cancels a running export and waits for its thread.
    ~ExportRunner() override;

    /// @return false, doing nothing, while another export runs
    bool start(ExportRequest request);
    bool isRunning() const { return m_thread != nullptr; }
    void cancel();

    QProgressDialog *progressDialog() const;
    /// @brief The last failure's message box while it is open, else null.
    QMessageBox *failureBox() const;
    /// @brief The translated text of a failed @p result for the file @p path (what to do next).
    static QString failureText(const ExportResult &result, const QString &path);

signals:
    void runningChanged(bool running);
    /// @brief The export ended (any outcome); @p summary is a translated one-liner for the status bar.
    void done(const ExportResult &result, const QString &summary);

private:
    void showProgress();
    void onFinished(const ExportResult &result);

    CoreWorker *m_worker;
    QWidget *m_window;
    QThread *m_thread = nullptr;
    ExportJob *m_job = nullptr;
    ExportRequest::Kind m_kind = ExportRequest::Kind::Csv;
    QString m_path;
    int m_perMille = 0;
    QTimer m_showTimer;
    QPointer<QProgressDialog> m_progress;
    QPointer<QMessageBox> m_failureBox;
};
