// SPDX-License-Identifier: GPL-3.0-or-later
// DialogStoreWriter: the store's writer thread; batches merged under a mutex, written in one
// transaction each, retried with a growing pause when the store fails.
#include "dialogstorewriter.h"

#include <algorithm>

#include <QDateTime>
#include <QDeadlineTimer>
#include <QElapsedTimer>

#include "backend/dialogidcounters.h"
#include "backend/dialogrestorequeue.h"
#include "backend/dialogstore.h"
#include "backend/eventlog.h"

using namespace Qt::StringLiterals;
using calldeck::core::DialogDbChanges;
using calldeck::core::DialogSnapshot;

namespace
{

constexpr qint64 FirstRetryMs = 500;
constexpr std::size_t RestoreChunk = 4096; // dialogs per chunk from the reading to the core
constexpr qint64 MaxRetryMs = 10000;

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

DialogStoreWriter::DialogStoreWriter(StoreUrl url, Mode mode, EventLog *log, QObject *parent)
    : QObject(parent)
    , m_url(std::move(url))
    , m_mode(mode)
    , m_log(log)
{}

DialogStoreWriter::~DialogStoreWriter()
{
    stop();
}

QString DialogStoreWriter::modeName(Mode mode)
{
    switch (mode)
    {
    case Mode::None:
        return u"none"_s;
    case Mode::Realtime:
        return u"real-time"_s;
    case Mode::Delayed:
        return u"delayed"_s;
    case Mode::Shutdown:
        return u"on shutdown"_s;
    }
    return {};
}

void DialogStoreWriter::report(const QString &message, bool warning)
{
    if (m_log)
    {
        m_log->append(warning ? EventLogEntry::Severity::Warning : EventLogEntry::Severity::Info, u"store"_s,
                      message);
    }
}

bool DialogStoreWriter::start(Loaded *loaded, QString *error, int timeoutMs)
{
    auto stream = std::make_shared<DialogRestoreQueue>();
    if (!startStreaming(loaded, stream, error, timeoutMs))
    {
        return false;
    }
    std::vector<DialogSnapshot> chunk;
    while (stream->pop(chunk))
    {
        loaded->dialogs.insert(loaded->dialogs.end(), std::make_move_iterator(chunk.begin()),
                               std::make_move_iterator(chunk.end()));
    }
    QString problem = stream->error();
    if (problem.isEmpty() && !stream->skipped().isEmpty())
    {
        problem = stream->skipped().front(); // start() keeps its all-or-nothing promise
    }
    if (!problem.isEmpty())
    {
        *error = problem;
        loaded->dialogs.clear();
        stop(0);
        return false;
    }
    return true;
}

bool DialogStoreWriter::startStreaming(Loaded *loaded, std::shared_ptr<DialogRestoreQueue> stream,
                                       QString *error, int timeoutMs)
{
    QMutexLocker lock(&m_mutex);
    if (m_started)
    {
        *error = u"The store writer is already started."_s;
        return false;
    }
    m_started = true;
    m_loaded = loaded;
    m_stream = std::move(stream);
    m_thread = std::thread([this] { run(); });
    const QDeadlineTimer deadline(timeoutMs);
    while (!m_startDone && !deadline.hasExpired())
    {
        m_idle.wait(&m_mutex, deadline);
    }
    if (!m_startDone)
    {
        *error = u"The store %1 did not answer within %2 s; check that it is reachable."_s.arg(
            m_url.display(), QString::number(timeoutMs / 1000));
        m_loaded = nullptr;
        lock.unlock();
        stop(0);
        return false;
    }
    m_loaded = nullptr;
    if (!m_startOk)
    {
        *error = m_startError;
        lock.unlock();
        stop(0);
        return false;
    }
    return true;
}

void DialogStoreWriter::submit(DialogDbChanges &&changes)
{
    if (changes.empty())
    {
        return;
    }
    {
        QMutexLocker lock(&m_mutex);
        for (DialogSnapshot &d : changes.upserts)
        {
            m_pending.rows[{d.hEntry, d.hId}] = std::move(d);
        }
        for (const auto &id : changes.deleted)
        {
            m_pending.rows[{id.hEntry, id.hId}] = std::nullopt;
        }
        for (const auto &[bucket, last] : changes.counters)
        {
            std::uint32_t &c = m_pending.counters[bucket];
            c = std::max(c, last);
        }
        m_stats.backlog = m_pending.rows.size();
    }
    m_wake.wakeOne();
}

bool DialogStoreWriter::flush(int timeoutMs)
{
    QMutexLocker lock(&m_mutex);
    const QDeadlineTimer deadline(timeoutMs);
    while ((!m_pending.empty() || m_writing) && m_thread.joinable() && !deadline.hasExpired())
    {
        m_wake.wakeOne();
        m_idle.wait(&m_mutex, deadline);
    }
    return m_pending.empty() && !m_writing;
}

void DialogStoreWriter::stop(int timeoutMs)
{
    {
        QMutexLocker lock(&m_mutex);
        if (!m_thread.joinable())
        {
            return;
        }
        m_stop = true;
        m_stopDeadline = nowMs() + timeoutMs;
    }
    m_wake.wakeAll();
    m_thread.join();
}

DialogStoreWriter::Stats DialogStoreWriter::stats() const
{
    QMutexLocker lock(&m_mutex);
    return m_stats;
}

void DialogStoreWriter::run()
{
    DialogStore store;
    QString error;
    Loaded loaded;
    bool ok = store.open(m_url, &error) && DialogIdCounters::ensure(store.connectionName(), &error);
    if (ok)
    {
        auto counters = DialogIdCounters::load(store.connectionName(), &error);
        ok = counters.has_value();
        if (ok)
        {
            loaded.counters = std::move(*counters);
        }
    }
    std::shared_ptr<DialogRestoreQueue> stream;
    {
        QMutexLocker lock(&m_mutex);
        m_startDone = true;
        m_startOk = ok;
        m_startError = error;
        if (ok && m_loaded)
        {
            *m_loaded = std::move(loaded);
        }
        stream = m_stream ? m_stream : std::make_shared<DialogRestoreQueue>();
        m_idle.wakeAll();
        if (!ok)
        {
            if (stream)
            {
                stream->finish(error, {});
            }
            return;
        }
    }
    // The dialogs, in chunks: the core restores one while the next is read.
    QStringList skipped;
    QString readError;
    const bool read = store.loadChunks(
        RestoreChunk, [&](std::vector<DialogSnapshot> &&chunk) { stream->push(std::move(chunk)); }, &skipped,
        &readError);
    if (read && m_mode == Mode::Shutdown && !store.clear(&readError))
    {
        readError = u"%1 The tables were not emptied (db_mode 3)."_s.arg(readError);
    }
    else if (!read && m_mode == Mode::Shutdown)
    {
        readError += u" The tables were not emptied (db_mode 3): nothing stored is lost."_s;
    }
    stream->finish(readError, skipped);
    stream.reset();

    auto write = [&](const Batch &batch, QString *why) {
        std::vector<DialogSnapshot> upserts;
        std::vector<std::pair<std::uint32_t, std::uint32_t>> deleted;
        for (const auto &[key, row] : batch.rows)
        {
            if (row)
            {
                upserts.push_back(*row);
            }
            else
            {
                deleted.push_back(key);
            }
        }
        const std::vector<DialogIdCounters::Counter> counters(batch.counters.begin(), batch.counters.end());
        // The counters first: they may run ahead of the dialogs, never behind.
        return DialogIdCounters::write(store.connectionName(), counters, why) &&
               store.write(upserts, deleted, why);
    };

    // One row the store keeps refusing (a value longer than its column) must not block every
    // other dialog: after a few failed attempts on a reachable store, the batch is written one
    // dialog per transaction and the refused ones are set aside (reported, kept in memory).
    auto writeOneByOne = [&](const Batch &batch, QString *why, std::vector<QString> *refused) {
        const std::vector<DialogIdCounters::Counter> counters(batch.counters.begin(), batch.counters.end());
        if (!DialogIdCounters::write(store.connectionName(), counters, why))
        {
            return false;
        }
        for (const auto &[key, row] : batch.rows)
        {
            QString rowError;
            const bool ok = row ? store.write({*row}, {}, &rowError) : store.write({}, {key}, &rowError);
            if (!ok)
            {
                refused->push_back(rowError);
            }
        }
        return true;
    };

    int streak = 0;
    bool failing = false;
    bool reopen = false;
    qint64 pause = 0;
    qint64 retryAt = 0;
    QMutexLocker lock(&m_mutex);
    for (;;)
    {
        const qint64 now = nowMs();
        if (m_pending.empty() || now < retryAt)
        {
            if (m_stop && (m_pending.empty() || now >= m_stopDeadline))
            {
                break;
            }
            qint64 wait = m_pending.empty() ? -1 : retryAt - now;
            if (m_stop)
            {
                wait = wait < 0 ? m_stopDeadline - now : std::min(wait, m_stopDeadline - now);
            }
            m_wake.wait(&m_mutex, wait < 0 ? QDeadlineTimer(QDeadlineTimer::Forever)
                                           : QDeadlineTimer(std::max<qint64>(wait, 1)));
            continue;
        }
        Batch batch;
        std::swap(batch, m_pending);
        m_writing = true;
        lock.unlock();

        QElapsedTimer timer;
        timer.start();
        QString why;
        bool written = true;
        if (reopen)
        {
            written = store.open(m_url, &why) && DialogIdCounters::ensure(store.connectionName(), &why);
        }
        std::vector<QString> refused;
        written = written && (streak >= 3 ? writeOneByOne(batch, &why, &refused) : write(batch, &why));
        const qint64 took = timer.elapsed();

        lock.relock();
        m_writing = false;
        const bool wasFailing = failing;
        if (written)
        {
            ++m_stats.transactions;
            for (const auto &[key, row] : batch.rows)
            {
                ++(row ? m_stats.upserts : m_stats.deletes);
            }
            m_stats.lastBatchMs = took;
            m_stats.maxBatchMs = std::max(m_stats.maxBatchMs, took);
            m_stats.lastCommitAt = nowMs();
            m_stats.lastError.clear();
            m_stats.refused += refused.size();
            streak = 0;
            failing = false;
            reopen = false;
            pause = 0;
        }
        else
        {
            // Back under what arrived meanwhile: a newer change of the same dialog wins.
            for (auto &[key, row] : batch.rows)
            {
                m_pending.rows.try_emplace(key, std::move(row));
            }
            for (const auto &[bucket, last] : batch.counters)
            {
                std::uint32_t &c = m_pending.counters[bucket];
                c = std::max(c, last);
            }
            ++m_stats.failures;
            ++streak;
            m_stats.lastError = why;
            failing = true;
            reopen = true;
            pause = pause ? std::min(pause * 2, MaxRetryMs) : FirstRetryMs;
            retryAt = nowMs() + pause;
        }
        m_stats.backlog = m_pending.rows.size();
        m_idle.wakeAll();
        if (!refused.empty())
        {
            lock.unlock();
            for (const QString &e : refused)
            {
                report(u"A dialog could not be stored and was set aside (it stays in the console; its next "
                       "change is tried again): %1"_s.arg(e),
                       true);
            }
            lock.relock();
        }
        if (written == wasFailing) // a change: recovered, or the first failure
        {
            lock.unlock();
            if (written)
            {
                report(u"The store %1 accepts writes again; nothing was lost."_s.arg(m_url.display()), false);
                emit recovered();
            }
            else
            {
                report(u"%1 CallDeck keeps every dialog in memory and retries; fix the store and the "
                       "backlog is written."_s.arg(why),
                       true);
                emit failed(why);
            }
            lock.relock();
        }
    }
    if (!m_pending.rows.empty())
    {
        const auto lost = m_pending.rows.size();
        const QString last = m_stats.lastError;
        lock.unlock();
        report(u"%1 dialog change(s) could not be written to %2 before shutdown: %3"_s.arg(lost).arg(
                   m_url.display(), last),
               true);
    }
}
