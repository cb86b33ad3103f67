// SPDX-License-Identifier: GPL-3.0-or-later
// DialogRestoreQueue: chunks of stored dialogs from the store's thread to the core thread.
#include "dialogrestorequeue.h"

void DialogRestoreQueue::push(std::vector<calldeck::core::DialogSnapshot> &&chunk)
{
    {
        QMutexLocker lock(&m_mutex);
        m_chunks.push_back(std::move(chunk));
    }
    m_ready.wakeAll();
}

void DialogRestoreQueue::finish(const QString &error, const QStringList &skipped)
{
    {
        QMutexLocker lock(&m_mutex);
        m_finished = true;
        m_error = error;
        m_skipped = skipped;
    }
    m_ready.wakeAll();
}

bool DialogRestoreQueue::pop(std::vector<calldeck::core::DialogSnapshot> &chunk)
{
    QMutexLocker lock(&m_mutex);
    while (m_chunks.empty() && !m_finished)
    {
        m_ready.wait(&m_mutex);
    }
    if (m_chunks.empty())
    {
        return false;
    }
    chunk = std::move(m_chunks.front());
    m_chunks.pop_front();
    return true;
}

QString DialogRestoreQueue::error() const
{
    QMutexLocker lock(&m_mutex);
    return m_error;
}

QStringList DialogRestoreQueue::skipped() const
{
    QMutexLocker lock(&m_mutex);
    return m_skipped;
}
