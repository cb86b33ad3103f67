// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/dmq/dmqfeed.h"

#include <QEventLoop>
#include <QMetaObject>
#include <QTimer>

#include "backend/dmq/dmqworker.h"
#include "backend/rpcoutcome.h"

using namespace Qt::StringLiterals;

DmqFeed::DmqFeed(DmqConfig config, SourceRegistry &sources, EventLog *log, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_sources(sources)
    , m_log(log)
{
    m_thread.setObjectName(u"dmq"_s);
}

DmqFeed::~DmqFeed()
{
    stop();
}

bool DmqFeed::start(QString *error)
{
    if (m_worker)
    {
        return true;
    }
    DmqWorker::Sinks sinks;
    sinks.listing = [this](quint16 node, const QString &name,
                           std::shared_ptr<const DialogListPayload> listing) {
        emit listingReady(node, name, listing);
    };
    sinks.stale = [this](quint16 node) { emit nodeStale(node); };
    sinks.nodeAdded = [this](quint16 node, const QString &uri) { emit nodeAdded(node, uri); };
    auto *worker = new DmqWorker(m_config, m_sources, m_log, std::move(sinks));
    worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, worker, &QObject::deleteLater);
    m_thread.start();
    bool bound = false;
    QMetaObject::invokeMethod(
        worker,
        [worker, error, &bound] {
            bound = worker->bind(error);
            if (bound)
            {
                worker->join();
            }
        },
        Qt::BlockingQueuedConnection);
    if (!bound)
    {
        m_thread.quit();
        m_thread.wait();
        return false;
    }
    m_worker = worker;
    return true;
}

void DmqFeed::stop(int timeoutMs)
{
    if (!m_worker)
    {
        return;
    }
    DmqWorker *worker = m_worker;
    m_worker = nullptr;
    // The goodbye runs on the DMQ thread; wait here (bounded) until it is answered or timed out.
    QEventLoop loop;
    QTimer guard;
    guard.setSingleShot(true);
    connect(&guard, &QTimer::timeout, &loop, &QEventLoop::quit);
    connect(worker, &DmqWorker::left, &loop, &QEventLoop::quit, Qt::QueuedConnection);
    QMetaObject::invokeMethod(
        worker, [worker, timeoutMs] { worker->leave(timeoutMs); }, Qt::QueuedConnection);
    guard.start(timeoutMs + 500);
    loop.exec();
    QMetaObject::invokeMethod(
        worker, [worker] { worker->shutdown(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}
