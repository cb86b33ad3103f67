// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/replaycontroller.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QMessageBox>
#include <QProgressDialog>

#include "backend/eventlog.h"
#include "backend/sourceregistry.h"
#include "ui/uilogging.h"

using namespace Qt::StringLiterals;

namespace
{
QString nativePath(const QString &fileName)
{
    return QDir::toNativeSeparators(QFileInfo(fileName).absoluteFilePath());
}
} // namespace

ReplayController::ReplayController(IngestQueue &queue, SourceRegistry &sources, EventLog *log,
                                   QWidget *window)
    : QObject(window)
    , m_queue(queue)
    , m_sources(sources)
    , m_log(log)
    , m_window(window)
{
    m_showTimer.setSingleShot(true);
    m_showTimer.setInterval(ProgressDelayMs);
    connect(&m_showTimer, &QTimer::timeout, this, &ReplayController::showProgress);
    // Between progress reports (a paced replay waits between packets) the count still moves.
    m_labelTimer.setInterval(LabelRefreshMs);
    connect(&m_labelTimer, &QTimer::timeout, this, &ReplayController::updateProgress);
}

ReplayController::~ReplayController()
{
    m_showTimer.stop();
    m_labelTimer.stop();
    if (m_replay)
    {
        m_replay->cancel();
        m_replay.reset(); // waits for the reader, which stops at the next packet
    }
}

bool ReplayController::start(const QString &fileName, const bool pace)
{
    if (m_replay)
    {
        return false;
    }
    m_fileName = fileName;
    m_fraction = 0;
    m_cancelled = false;

    CaptureReplay::Options options;
    options.path = fileName;
    options.pace = pace;
    m_replay = std::make_unique<CaptureReplay>(options, m_queue, m_sources);
    // Both signals come from the reader thread: queued to this object, never blocking it.
    connect(m_replay.get(), &CaptureReplay::progress, this, &ReplayController::onProgress);
    connect(m_replay.get(), &CaptureReplay::finished, this, &ReplayController::onFinished);

    if (m_log != nullptr)
    {
        m_log->append(EventLogEntry::Severity::Info, logSource(),
                      pace ? tr("Replaying %1 at the recorded pace.").arg(nativePath(fileName))
                           : tr("Replaying %1.").arg(nativePath(fileName)));
    }
    qCDebug(lcUi) << "replay of" << fileName << "starts; pace:" << pace;
    m_replay->start(); // a file that cannot be read ends at once with finished(false, ...)
    m_showTimer.start();
    emit runningChanged(true);
    return true;
}

bool ReplayController::isRunning() const
{
    return m_replay != nullptr;
}

void ReplayController::cancel()
{
    if (m_replay)
    {
        m_cancelled = true;
        m_replay->cancel();
    }
}

QProgressDialog *ReplayController::progressDialog() const
{
    return m_progress;
}

QMessageBox *ReplayController::failureBox() const
{
    return m_failureBox;
}

void ReplayController::showProgress()
{
    if (!m_replay || m_progress)
    {
        return;
    }
    // Not modal: the console stays usable (and live) while the file is read.
    m_progress = new QProgressDialog(m_window);
    m_progress->setObjectName(u"replayProgress"_s);
    m_progress->setWindowTitle(tr("Open capture"));
    m_progress->setWindowModality(Qt::NonModal);
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);
    m_progress->setMinimumDuration(0);
    m_progress->setRange(0, 100);
    m_progress->setMinimumWidth(420);
    connect(m_progress, &QProgressDialog::canceled, this, &ReplayController::cancel);
    updateProgress();
    m_progress->show();
    m_labelTimer.start();
}

void ReplayController::onProgress(const double fraction)
{
    if (!m_replay)
    {
        return; // a report that was still queued when the replay ended
    }
    m_fraction = fraction;
    updateProgress();
}

void ReplayController::updateProgress()
{
    if (!m_progress || !m_replay)
    {
        return;
    }
    // The feed's counter moves with every batch handed to the core (the replay's own statistics
    // only with its throttled progress reports): the same number as the Sources panel shows.
    const quint64 messages = m_sources.source(m_replay->sourceId()).packets;
    m_progress->setLabelText(tr("Replaying %1…\n%2 SIP/HEP messages read so far.")
                                 .arg(QFileInfo(m_fileName).fileName(), QLocale().toString(messages)));
    m_progress->setValue(qBound(0, qRound(m_fraction * 100), 100));
}

void ReplayController::onFinished(const bool ok, const QString &error, const CaptureReplay::Stats &stats)
{
    m_showTimer.stop();
    m_labelTimer.stop();
    if (m_progress)
    {
        m_progress->hide();
        m_progress->deleteLater();
    }
    m_replay.reset(); // its thread ends right after this signal
    const QString name = QFileInfo(m_fileName).fileName();
    const QString path = nativePath(m_fileName);
    const QLocale locale;

    if (ok)
    {
        const QString seconds = locale.toString(static_cast<double>(stats.elapsedMs) / 1000.0, 'f', 1);
        QString text =
            tr("Replayed %1: %2 packets, %3 SIP/HEP messages in %4 s.")
                .arg(name, locale.toString(stats.packets), locale.toString(stats.delivered()), seconds);
        if (stats.errors > 0)
        {
            text +=
                u' ' + tr("Damaged or incomplete packets skipped: %1.").arg(locale.toString(stats.errors));
        }
        if (m_log != nullptr)
        {
            m_log->append(stats.errors > 0 ? EventLogEntry::Severity::Warning : EventLogEntry::Severity::Info,
                          logSource(), text);
        }
    }
    else if (m_cancelled)
    {
        if (m_log != nullptr)
        {
            m_log->append(EventLogEntry::Severity::Info, logSource(),
                          tr("Replay of %1 cancelled after %2 packets; the dialogs read so far stay.")
                              .arg(name, locale.toString(stats.packets)));
        }
    }
    else
    {
        // A command the operator gave failed: say so where they look (house style §6.6).
        if (m_log != nullptr)
        {
            m_log->append(EventLogEntry::Severity::Error, logSource(),
                          tr("Replay of %1 failed: %2").arg(path, error));
        }
        if (m_failureBox)
        {
            m_failureBox->close();
        }
        m_failureBox =
            new QMessageBox(QMessageBox::Warning, tr("Open capture"),
                            tr("CallDeck could not replay %1.").arg(path), QMessageBox::Ok, m_window);
        m_failureBox->setObjectName(u"replayFailedMessage"_s);
        m_failureBox->setInformativeText(error);
        m_failureBox->setAttribute(Qt::WA_DeleteOnClose);
        m_failureBox->open();
    }
    qCDebug(lcUi) << "replay of" << m_fileName << "ended; ok:" << ok << "cancelled:" << m_cancelled;
    emit runningChanged(false);
    emit finished(ok, m_fileName);
}

QString ReplayController::logSource() const
{
    return u"replay "_s + QFileInfo(m_fileName).fileName();
}
