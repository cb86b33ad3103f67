// SPDX-License-Identifier: GPL-3.0-or-later
#include "rpcrecorder.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QThread>
#include <QTimer>

#include "backend/jsonrpcclient.h"

RpcRecorder::RpcRecorder(JsonRpcClient &client, QObject *parent)
    : QObject(parent)
{
    m_clock.start();
    connect(&client, &JsonRpcClient::finished, this, [this](const int id, const QJsonValue &result) {
        record(Event{id, true, result, {}, QThread::currentThread(), m_clock.elapsed()});
    });
    connect(&client, &JsonRpcClient::failed, this, [this](const int id, const RpcError &error) {
        record(Event{id, false, {}, error, QThread::currentThread(), m_clock.elapsed()});
    });
}

QList<int> RpcRecorder::ids() const
{
    QList<int> ids;
    for (const Event &e : m_events)
    {
        ids.append(e.id);
    }
    return ids;
}

void RpcRecorder::record(Event event)
{
    m_events.append(std::move(event));
    if (m_loop && m_events.size() >= m_target)
    {
        m_loop->quit();
    }
}

bool RpcRecorder::waitFor(const qsizetype count, const int timeoutMs)
{
    // An event loop rather than QTest::qWaitFor's 10 ms naps: the fake server shares this thread,
    // so every nap would add to each request's round trip.
    if (m_events.size() < count)
    {
        QEventLoop loop;
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        m_loop = &loop;
        m_target = count;
        loop.exec();
        m_loop = nullptr;
    }
    return m_events.size() >= count;
}

RpcRecorder::Event RpcRecorder::waitForId(const int id, const int timeoutMs)
{
    const auto find = [&]() -> const Event * {
        for (const Event &e : m_events)
        {
            if (e.id == id)
            {
                return &e;
            }
        }
        return nullptr;
    };
    QDeadlineTimer deadline(timeoutMs);
    while (!find() && !deadline.hasExpired())
    {
        waitFor(m_events.size() + 1, static_cast<int>(deadline.remainingTime()));
    }
    const Event *e = find();
    return e ? *e : Event{};
}
