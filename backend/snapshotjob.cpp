// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/snapshotjob.h"

#include <QDeadlineTimer>
#include <QThread>

#include "backend/coreworker.h"
#include "backend/snapshotreader.h"
#include "backend/snapshottaker.h"
#include "backend/snapshotwriter.h"

using namespace Qt::StringLiterals;

SnapshotJob::SnapshotJob(const Kind kind, const QString &path, QObject *parent)
    : QObject(parent)
    , m_kind(kind)
    , m_path(path)
{}

SnapshotJob::~SnapshotJob()
{
    if (m_thread)
    {
        m_cancel = true;
        m_thread->wait();
        delete m_thread;
    }
}

SnapshotJob *SnapshotJob::save(CoreWorker &worker, const SourceRegistry *sources, const QString &path,
                               QObject *parent)
{
    auto *job = new SnapshotJob(Kind::Save, path, parent);
    job->start([&worker, sources](SnapshotJob &self, const SnapshotProgress &progress) {
        std::optional<ConsoleSnapshot> s =
            SnapshotTaker::take(worker, sources, CoreTimeoutMs, progress, &self.m_error, false);
        if (!s || !SnapshotWriter::write(*s, self.m_path, progress, &self.m_error))
        {
            return false;
        }
        self.m_snapshot = std::move(*s);
        return true;
    });
    return job;
}

SnapshotJob *SnapshotJob::open(const QString &path, QObject *parent)
{
    auto *job = new SnapshotJob(Kind::Open, path, parent);
    job->start([](SnapshotJob &self, const SnapshotProgress &progress) {
        std::optional<ConsoleSnapshot> s = SnapshotReader::read(self.m_path, progress, &self.m_error);
        if (!s)
        {
            return false;
        }
        self.m_snapshot = std::move(*s);
        return true;
    });
    return job;
}

void SnapshotJob::start(Work work)
{
    SnapshotProgress progress;
    progress.cancel = &m_cancel;
    progress.report = [this](qint64 done, qint64 total) { report(done, total); };
    // The thread touches m_error and m_snapshot only until it ends; finished() is queued after.
    m_thread = QThread::create([this, work = std::move(work), progress] {
        const bool ok = work(*this, progress);
        QMetaObject::invokeMethod(
            this,
            [this, ok] {
                m_thread->wait();
                m_finished = true;
                emit finished(ok);
            },
            Qt::QueuedConnection);
    });
    m_thread->setObjectName(u"calldeck-snapshot"_s);
    m_thread->start();
}

void SnapshotJob::report(const qint64 done, const qint64 total)
{
    const int permille = total > 0 ? int(done * 1000 / total) : 0;
    if (permille / 10 == m_lastPermille / 10 && done != total)
    {
        return;
    }
    m_lastPermille = permille;
    emit progress(done, total);
}

void SnapshotJob::cancel()
{
    m_cancel = true;
}

bool SnapshotJob::isRunning() const
{
    return m_thread && !m_finished;
}

bool SnapshotJob::wait(const int timeoutMs)
{
    return !m_thread || m_thread->wait(QDeadlineTimer(timeoutMs));
}
