// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/exportrunner.h"

#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
#include <QProgressDialog>
#include <QThread>

#include "backend/exportjob.h"
#include "ui/uilogging.h"

using namespace Qt::StringLiterals;

namespace
{
QString nativePath(const QString &fileName)
{
    return QDir::toNativeSeparators(QFileInfo(fileName).absoluteFilePath());
}
} // namespace

ExportRunner::ExportRunner(CoreWorker *worker, QWidget *window)
    : QObject(window)
    , m_worker(worker)
    , m_window(window)
{
    m_showTimer.setSingleShot(true);
    m_showTimer.setInterval(ProgressDelayMs);
    connect(&m_showTimer, &QTimer::timeout, this, &ExportRunner::showProgress);
}

ExportRunner::~ExportRunner()
{
    if (m_thread)
    {
        m_job->cancel();
        m_thread->quit();
        m_thread->wait();
        delete m_job;
        delete m_thread;
    }
}

bool ExportRunner::start(ExportRequest request)
{
    if (m_thread)
    {
        return false;
    }
    m_kind = request.kind;
    m_path = request.path;
    m_perMille = 0;
    m_job = new ExportJob(m_worker, std::move(request));
    m_thread = new QThread;
    m_thread->setObjectName(u"export"_s);
    m_job->moveToThread(m_thread);
    connect(m_thread, &QThread::started, m_job, &ExportJob::execute);
    connect(m_job, &ExportJob::progress, this, [this](int perMille) {
        m_perMille = perMille;
        if (m_progress)
        {
            m_progress->setValue(perMille);
        }
    });
    connect(m_job, &ExportJob::finished, this, &ExportRunner::onFinished);
    m_thread->start();
    m_showTimer.start();
    emit runningChanged(true);
    return true;
}

QProgressDialog *ExportRunner::progressDialog() const
{
    return m_progress;
}

QMessageBox *ExportRunner::failureBox() const
{
    return m_failureBox;
}

void ExportRunner::cancel()
{
    if (m_job)
    {
        m_job->cancel();
    }
}

void ExportRunner::showProgress()
{
    if (!m_thread || m_progress)
    {
        return;
    }
    // Not modal: the console stays live while the file is written.
    m_progress = new QProgressDialog(m_window);
    m_progress->setObjectName(u"exportProgress"_s);
    m_progress->setWindowTitle(tr("Export"));
    m_progress->setLabelText(tr("Writing %1…").arg(nativePath(m_path)));
    m_progress->setWindowModality(Qt::NonModal);
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);
    m_progress->setMinimumDuration(0);
    m_progress->setRange(0, 1000);
    m_progress->setValue(m_perMille);
    m_progress->setMinimumWidth(420);
    connect(m_progress, &QProgressDialog::canceled, this, &ExportRunner::cancel);
    m_progress->show();
}

QString ExportRunner::failureText(const ExportResult &result, const QString &path)
{
    const QString file = nativePath(path);
    switch (result.status)
    {
    case ExportResult::Status::Done:
        return {};
    case ExportResult::Status::Cancelled:
        return tr("The export to %1 was cancelled; nothing was written.").arg(file);
    case ExportResult::Status::CoreTimeout:
        return tr("The export to %1 stopped: the dialog core did not answer in time, so nothing was "
                  "written. Try again in a moment, or export fewer dialogs.")
            .arg(file);
    case ExportResult::Status::WriteFailed:
        return tr("%1 could not be written (%2). Choose a folder you can write to, or free some space, "
                  "and export again.")
            .arg(file, result.detail);
    case ExportResult::Status::Invalid:
        break;
    }
    return tr("The export to %1 could not be made (%2).").arg(file, result.detail);
}

void ExportRunner::onFinished(const ExportResult &result)
{
    m_showTimer.stop();
    if (m_progress)
    {
        m_progress->close();
        m_progress->deleteLater();
    }
    m_thread->quit();
    m_thread->wait();
    delete m_job;
    m_job = nullptr;
    delete m_thread;
    m_thread = nullptr;

    QString summary;
    const QString file = nativePath(m_path);
    if (result.ok())
    {
        switch (m_kind)
        {
        case ExportRequest::Kind::Csv:
        case ExportRequest::Kind::Json:
            summary = tr("Exported %n dialog(s) to %1", nullptr, result.dialogs).arg(file);
            break;
        case ExportRequest::Kind::Pcap:
            summary = tr("Exported %n message(s) to %1", nullptr, result.messages).arg(file);
            break;
        case ExportRequest::Kind::Pack:
            summary = tr("Incident pack with %n dialog(s) written to %1", nullptr, result.dialogs).arg(file);
            break;
        }
        if (result.skippedMessages > 0)
        {
            summary +=
                tr(" (%n message(s) too large for a UDP frame left out)", nullptr, result.skippedMessages);
        }
    }
    else
    {
        summary = failureText(result, m_path);
        qCInfo(lcUi) << "export to" << m_path << "ended:" << result.detail;
        if (result.status != ExportResult::Status::Cancelled)
        {
            if (m_failureBox)
            {
                m_failureBox->close();
            }
            m_failureBox = new QMessageBox(QMessageBox::Warning, tr("Export failed"), summary,
                                           QMessageBox::Ok, m_window);
            m_failureBox->setObjectName(u"exportFailure"_s);
            m_failureBox->setAttribute(Qt::WA_DeleteOnClose);
            m_failureBox->open();
        }
    }
    emit runningChanged(false);
    emit done(result, summary);
}
