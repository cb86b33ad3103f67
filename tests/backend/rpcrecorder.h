// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QElapsedTimer>
#include <QJsonValue>
#include <QList>
#include <QObject>

#include "backend/rpcerror.h"

class JsonRpcClient;
class QEventLoop;
class QThread;

/// @brief Records what a JsonRpcClient reports, in arrival order, with the thread it arrived on.
class RpcRecorder final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RpcRecorder)

public:
    struct Event
    {
        int id = 0;
        bool ok = false;
        QJsonValue result;
        RpcError error;
        QThread *thread = nullptr;
        qint64 atMs = 0; ///< since the recorder was made
    };

    explicit RpcRecorder(JsonRpcClient &client, QObject *parent = nullptr);

    const QList<Event> &events() const { return m_events; }
    QList<int> ids() const;
    /// @brief Runs the event loop until @p count events arrived or @p timeoutMs passed.
    bool waitFor(qsizetype count, int timeoutMs = 10000);
    /// @brief Waits for the event of @p id; a default Event (id 0) when it did not come.
    Event waitForId(int id, int timeoutMs = 10000);

private:
    void record(Event event);

    QList<Event> m_events;
    QEventLoop *m_loop = nullptr; // while waiting: quit once m_target events arrived
    qsizetype m_target = 0;
    QElapsedTimer m_clock;
};
