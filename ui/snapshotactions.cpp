// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/snapshotactions.h"

#include <QAction>
#include <QDateTime>
#include <QDir>
#include <QDropEvent>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QKeySequence>
#include <QLocale>
#include <QMainWindow>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressDialog>
#include <QStandardPaths>
#include <QStatusBar>
#include <QUrl>

#include "backend/snapshotformat.h"
#include "backend/snapshotjob.h"
#include "ui/snapshotwindow.h"

using namespace Qt::StringLiterals;

namespace
{
constexpr int StatusMessageMs = 6000;

/// The local .cdsnap files of a drag.
QStringList snapshotFiles(const QMimeData *mime)
{
    QStringList files;
    for (const QUrl &url : mime ? mime->urls() : QList<QUrl>())
    {
        if (url.isLocalFile() && url.toLocalFile().endsWith(u".cdsnap"_s, Qt::CaseInsensitive))
        {
            files.append(url.toLocalFile());
        }
    }
    return files;
}
} // namespace

SnapshotActions::SnapshotActions(QMainWindow *window, CoreWorker *worker, const SourceRegistry *sources)
    : QObject(window)
    , m_window(window)
    , m_worker(worker)
    , m_sources(sources)
    , m_directorySetting(u"Snapshots/Directory"_s)
{
    setObjectName(u"snapshotActions"_s);
    m_saveAction = new QAction(window);
    m_saveAction->setObjectName(u"saveSnapshotAction"_s);
    m_saveAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    m_saveAction->setEnabled(m_worker != nullptr);
    connect(m_saveAction, &QAction::triggered, this, &SnapshotActions::save);
    m_openAction = new QAction(window);
    m_openAction->setObjectName(u"openSnapshotAction"_s);
    m_openAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    connect(m_openAction, &QAction::triggered, this, &SnapshotActions::open);
    // Its LanguageChange retranslates the actions, its Close closes our windows, and a .cdsnap
    // dropped on it opens.
    window->installEventFilter(this);
    window->setAcceptDrops(true);
    retranslateUi();
}

SnapshotActions::~SnapshotActions()
{
    delete m_saving.data(); // cancels and waits: the engine outlives the window, not its threads
}

QList<SnapshotWindow *> SnapshotActions::windows() const
{
    QList<SnapshotWindow *> out;
    for (const QPointer<SnapshotWindow> &w : m_windows)
    {
        if (w)
        {
            out.append(w);
        }
    }
    return out;
}

QMessageBox *SnapshotActions::failureBox() const
{
    return m_failureBox;
}

QFileDialog *SnapshotActions::fileDialog(const bool saving)
{
    if (m_fileDialog)
    {
        m_fileDialog->raise();
        m_fileDialog->activateWindow();
        return nullptr;
    }
    QString directory = m_directorySetting.get();
    if (directory.isEmpty() || !QFileInfo(directory).isDir())
    {
        directory = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    }
    m_fileDialog = new QFileDialog(m_window, saving ? tr("Save snapshot") : tr("Open snapshot"), directory);
    m_fileDialog->setObjectName(saving ? u"saveSnapshotDialog"_s : u"openSnapshotDialog"_s);
    m_fileDialog->setAcceptMode(saving ? QFileDialog::AcceptSave : QFileDialog::AcceptOpen);
    m_fileDialog->setFileMode(saving ? QFileDialog::AnyFile : QFileDialog::ExistingFile);
    m_fileDialog->setDefaultSuffix(QString(SnapshotFormat::Suffix));
    //: File dialog filters: keep the patterns in brackets as they are
    m_fileDialog->setNameFilters({tr("CallDeck snapshots (*.cdsnap)"), tr("All files (*)")});
    if (saving)
    {
        m_fileDialog->selectFile(
            u"calldeck-%1.cdsnap"_s.arg(QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s)));
    }
    m_fileDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_fileDialog, &QFileDialog::fileSelected, this, [this, saving](const QString &file) {
        m_directorySetting.set(QFileInfo(file).absolutePath());
        if (saving)
        {
            saveTo(file);
        }
        else
        {
            openFile(file);
        }
    });
    return m_fileDialog;
}

void SnapshotActions::save()
{
    if (m_saving)
    {
        m_window->statusBar()->showMessage(tr("A snapshot is being saved; wait for it or cancel it."),
                                           StatusMessageMs);
        return;
    }
    if (QFileDialog *dialog = fileDialog(true))
    {
        dialog->open();
    }
}

void SnapshotActions::open()
{
    if (QFileDialog *dialog = fileDialog(false))
    {
        dialog->open();
    }
}

bool SnapshotActions::saveTo(const QString &path)
{
    if (m_saving || !m_worker)
    {
        return false;
    }
    SnapshotJob *job = SnapshotJob::save(*m_worker, m_sources, path, this);
    m_saving = job;
    m_saveAction->setEnabled(false);
    QProgressDialog *progress = progressFor(job);
    progress->setLabelText(tr("Saving the snapshot to %1…").arg(QFileInfo(path).fileName()));
    connect(job, &SnapshotJob::finished, this, [this, job](bool ok) { finishSave(job, ok); });
    return true;
}

void SnapshotActions::openFile(const QString &path)
{
    SnapshotJob *job = SnapshotJob::open(path, this);
    QProgressDialog *progress = progressFor(job);
    progress->setLabelText(tr("Reading the snapshot %1…").arg(QFileInfo(path).fileName()));
    connect(job, &SnapshotJob::finished, this, [this, job](bool ok) { finishOpen(job, ok); });
}

QProgressDialog *SnapshotActions::progressFor(SnapshotJob *job)
{
    // Not modal: the console stays usable (and live) meanwhile. Shown only when it takes a while.
    auto *progress = new QProgressDialog(m_window);
    progress->setObjectName(u"snapshotProgress"_s);
    progress->setWindowTitle(job->kind() == SnapshotJob::Kind::Save ? tr("Save snapshot")
                                                                    : tr("Open snapshot"));
    progress->setWindowModality(Qt::NonModal);
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    progress->setMinimumDuration(400);
    progress->setRange(0, 0);
    progress->setMinimumWidth(420);
    connect(progress, &QProgressDialog::canceled, job, &SnapshotJob::cancel);
    connect(job, &SnapshotJob::progress, progress, [progress](qint64 done, qint64 total) {
        if (total > 0)
        {
            progress->setRange(0, 1000);
            progress->setValue(int(done * 1000 / total));
        }
    });
    connect(job, &SnapshotJob::finished, progress, &QObject::deleteLater);
    return progress;
}

void SnapshotActions::finishSave(SnapshotJob *job, const bool ok)
{
    job->deleteLater();
    m_saving = nullptr; // a new save may start at once
    m_saveAction->setEnabled(m_worker != nullptr);
    if (ok)
    {
        const qsizetype dialogs = qsizetype(job->snapshot().dialogs.size());
        m_window->statusBar()->showMessage(tr("Snapshot of %n dialog(s) saved to %1", nullptr, int(dialogs))
                                               .arg(QDir::toNativeSeparators(job->path())),
                                           StatusMessageMs);
        emit saved(job->path(), dialogs);
        return;
    }
    emit failed(job->error());
    if (job->error().kind == SnapshotError::Kind::Cancelled)
    {
        m_window->statusBar()->showMessage(tr("Snapshot cancelled; no file was written."), StatusMessageMs);
        return;
    }
    showFailure(tr("The snapshot could not be saved to %1.").arg(QDir::toNativeSeparators(job->path())),
                job->error());
}

void SnapshotActions::finishOpen(SnapshotJob *job, const bool ok)
{
    job->deleteLater();
    if (!ok)
    {
        emit failed(job->error());
        if (job->error().kind != SnapshotError::Kind::Cancelled)
        {
            showFailure(tr("The snapshot %1 could not be opened.").arg(QDir::toNativeSeparators(job->path())),
                        job->error());
        }
        return;
    }
    // A top-level window of its own, beside the console (not in front of it); closed with the console.
    auto *window = new SnapshotWindow(job->takeSnapshot(), job->path());
    window->setAttribute(Qt::WA_DeleteOnClose);
    connect(this, &QObject::destroyed, window, &QWidget::close);
    m_windows.removeAll(nullptr);
    m_windows.append(window);
    window->show();
    emit opened(window);
}

void SnapshotActions::showFailure(const QString &what, const SnapshotError &error)
{
    QString advice;
    switch (error.kind)
    {
    case SnapshotError::Kind::Io:
        advice =
            tr("Check that the file and its folder exist and that you may use them, and that the disk has "
               "room; then try again or choose another place.");
        break;
    case SnapshotError::Kind::CoreTimeout:
        advice = tr("The dialog core is busy. Try again in a moment.");
        break;
    case SnapshotError::Kind::Compression:
    case SnapshotError::Kind::BadJson:
        advice = tr("The file is damaged or cut short (was it copied completely?). Open another copy of it.");
        break;
    case SnapshotError::Kind::NotSnapshot:
        advice =
            tr("This is not a CallDeck snapshot. Choose a .cdsnap file saved with File → Save snapshot….");
        break;
    case SnapshotError::Kind::NewerVersion:
        advice = tr("It was saved by a newer CallDeck. Open it with that version, or update this one.");
        break;
    case SnapshotError::Kind::BadField:
        advice =
            tr("The file is damaged or was edited by hand; the detail below says where. Open another copy "
               "of it.");
        break;
    case SnapshotError::Kind::None:
    case SnapshotError::Kind::Cancelled:
        break;
    }
    if (m_failureBox)
    {
        m_failureBox->close();
    }
    m_failureBox = new QMessageBox(QMessageBox::Warning, tr("Snapshot"), what, QMessageBox::Ok, m_window);
    m_failureBox->setObjectName(u"snapshotFailureBox"_s);
    m_failureBox->setInformativeText(advice);
    m_failureBox->setDetailedText(error.text());
    m_failureBox->setAttribute(Qt::WA_DeleteOnClose);
    m_failureBox->open();
}

bool SnapshotActions::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window && event->type() == QEvent::LanguageChange)
    {
        retranslateUi();
    }
    else if (watched == m_window && (event->type() == QEvent::DragEnter ||
                                     event->type() == QEvent::DragMove || event->type() == QEvent::Drop))
    {
        // A .cdsnap dropped on the console opens as File → Open snapshot… does.
        auto *drop = static_cast<QDropEvent *>(event);
        const QStringList files = snapshotFiles(drop->mimeData());
        if (!files.isEmpty())
        {
            drop->acceptProposedAction();
            if (event->type() == QEvent::Drop)
            {
                for (const QString &file : files)
                {
                    openFile(file);
                }
            }
            return true;
        }
    }
    else if (watched == m_window && event->type() == QEvent::Close)
    {
        // The snapshots opened from the console close with it.
        for (SnapshotWindow *window : windows())
        {
            window->close();
        }
    }
    return QObject::eventFilter(watched, event);
}

void SnapshotActions::retranslateUi()
{
    m_saveAction->setText(tr("&Save snapshot…"));
    m_saveAction->setStatusTip(
        tr("Save every dialog with its details and call flow to a file you can open later"));
    m_openAction->setText(tr("Open s&napshot…"));
    m_openAction->setStatusTip(tr("Browse a saved snapshot: its table, details and call flows as they were"));
}
