// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QObject>
#include <QPointer>

#include "backend/consolesnapshot.h"
#include "backend/settingvalue.h"

class CoreWorker;
class QAction;
class QFileDialog;
class QMainWindow;
class QMessageBox;
class QProgressDialog;
class SnapshotJob;
class SnapshotWindow;
class SourceRegistry;

Q_MOC_INCLUDE("ui/snapshotwindow.h")

/// @brief File → Save snapshot… (Ctrl+Shift+S) and File → Open snapshot… (Ctrl+Shift+O) of the
/// console: the file dialogs (not blocking), a SnapshotJob on its own thread with a progress
/// dialog that can cancel (a cancelled save leaves no file), a message box that says what is
/// wrong and what to do when a file cannot be read or written, and a SnapshotWindow per snapshot
/// opened. One save at a time; any number of snapshots open.
class SnapshotActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SnapshotActions)

public:
    /// Reads the live state from @p worker (may be null: Save is disabled); @p sources (may be
    /// null) names the feeds. The actions and windows belong to @p window.
    SnapshotActions(QMainWindow *window, CoreWorker *worker, const SourceRegistry *sources);
    ~SnapshotActions() override;

    QAction *saveAction() const { return m_saveAction; }
    QAction *openAction() const { return m_openAction; }

    /// @brief Asks where to save (not blocking), then saveTo().
    void save();
    /// @brief Saves the console's state now to @p path in the background; false while a save runs.
    bool saveTo(const QString &path);
    /// @brief Asks for a snapshot file (not blocking), then openFile().
    void open();
    /// @brief Reads @p path in the background and shows it in a SnapshotWindow when it is good.
    void openFile(const QString &path);

    /// @brief The snapshot windows open now.
    QList<SnapshotWindow *> windows() const;
    /// @brief The message box of the last failure (null when none is shown).
    QMessageBox *failureBox() const;

signals:
    void saved(const QString &path, qsizetype dialogs);
    void opened(SnapshotWindow *window);
    void failed(const SnapshotError &error);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QFileDialog *fileDialog(bool saving);
    QProgressDialog *progressFor(SnapshotJob *job);
    void finishSave(SnapshotJob *job, bool ok);
    void finishOpen(SnapshotJob *job, bool ok);
    void showFailure(const QString &what, const SnapshotError &error);
    void retranslateUi();

    QMainWindow *m_window;
    CoreWorker *m_worker;
    const SourceRegistry *m_sources;
    SettingValue<QString> m_directorySetting;
    QAction *m_saveAction = nullptr;
    QAction *m_openAction = nullptr;
    QPointer<QFileDialog> m_fileDialog;
    QPointer<SnapshotJob> m_saving;
    QPointer<QMessageBox> m_failureBox;
    QList<QPointer<SnapshotWindow>> m_windows;
};
