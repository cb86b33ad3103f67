// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <deque>
#include <vector>

#include <QMutex>
#include <QString>
#include <QStringList>
#include <QWaitCondition>

#include "backend/core/dialogsnapshot.h"

/// @brief The stored dialogs on their way from the store's thread (reading) to the core thread
/// (restoring), in chunks, so that a restart reads and restores at the same time (issue #9).
/// One producer calls push() and then finish() once; one consumer pops until pop() says the end.
class DialogRestoreQueue final
{
public:
    void push(std::vector<calldeck::core::DialogSnapshot> &&chunk);
    /// @brief The end: @p error empty when every row was read; @p skipped the rows left out.
    void finish(const QString &error, const QStringList &skipped);
    /// @brief Waits for the next chunk; false once finished and empty.
    bool pop(std::vector<calldeck::core::DialogSnapshot> &chunk);
    /// @brief After pop() returned false.
    QString error() const;
    QStringList skipped() const;

private:
    mutable QMutex m_mutex;
    QWaitCondition m_ready;
    std::deque<std::vector<calldeck::core::DialogSnapshot>> m_chunks;
    bool m_finished = false;
    QString m_error;
    QStringList m_skipped;
};
