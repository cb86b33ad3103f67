// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/jsonrpcclient.h"

#include <algorithm>
#include <limits>

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QJsonObject>

#include "backend/logging.h"
#include "backend/rpcoutcome.h"
#include "backend/rpcworker.h"

using namespace Qt::StringLiterals;

namespace
{

/// Longest wait for the RPC thread to end; it is woken at once, so this only guards against a
/// libcurl call that does not return (then the wait goes on, with a warning, rather than crash).
constexpr int StopWaitMs = 5000;

} // namespace

JsonRpcClient::JsonRpcClient(const RpcEndpoint &endpoint, QObject *parent)
    : QObject(parent)
    , m_endpoint(endpoint)
    , m_worker(new RpcWorker(endpoint))
{
    m_thread.setObjectName(u"calldeck-rpc"_s);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &RpcWorker::completed, this, &JsonRpcClient::onCompleted, Qt::QueuedConnection);
    m_thread.start();
}

JsonRpcClient::~JsonRpcClient()
{
    m_pending.clear();
    m_worker->stop();
    m_thread.quit();
    if (!m_thread.wait(QDeadlineTimer(StopWaitMs)))
    {
        qCWarning(lcRpc) << "the RPC thread for" << m_endpoint.toDisplayString() << "did not stop within"
                         << StopWaitMs << "ms; waiting on";
        m_thread.wait();
    }
}

void JsonRpcClient::setMaxReplyBytes(const qint64 bytes)
{
    m_worker->setMaxReplyBytes(bytes);
}

qint64 JsonRpcClient::maxReplyBytes() const
{
    return m_worker->maxReplyBytes();
}

int JsonRpcClient::send(const QString &method, const QJsonArray &params)
{
    return queue(method, params, false);
}

int JsonRpcClient::sendDialogList(const QString &method, const QJsonArray &params,
                                  const std::shared_ptr<DialogListPool> &pool)
{
    return queue(method, params, true, pool);
}

int JsonRpcClient::queue(const QString &method, const QJsonArray &params, const bool dialogList,
                         const std::shared_ptr<DialogListPool> &pool)
{
    m_lastId = m_lastId == std::numeric_limits<int>::max() ? 1 : m_lastId + 1;
    const int id = m_lastId;
    const QJsonObject request{
        {u"jsonrpc"_s, u"2.0"_s},
        {u"method"_s, method},
        {u"params"_s, params},
        {u"id"_s, id},
    };
    RpcWorker::Call call;
    call.id = id;
    call.generation = m_generation;
    call.method = method;
    call.dialogList = dialogList;
    call.pool = pool;
    call.body = QJsonDocument(request).toJson(QJsonDocument::Compact);
    m_pending.insert(id);
    RpcWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker, call]() { worker->execute(call); }, Qt::QueuedConnection);
    return id;
}

QList<int> JsonRpcClient::cancelAll()
{
    QList<int> ids(m_pending.cbegin(), m_pending.cend());
    // Ids only wrap after 2^31 requests; sorting by value is send() order until then.
    std::sort(ids.begin(), ids.end());
    m_pending.clear();
    ++m_generation;
    m_worker->cancelBefore(m_generation);
    if (!ids.isEmpty())
    {
        qCDebug(lcRpc) << "cancelled" << ids.size() << "request(s) to" << m_endpoint.toDisplayString();
    }
    return ids;
}

void JsonRpcClient::onCompleted(const int id, const RpcOutcome &outcome)
{
    if (!m_pending.remove(id))
    {
        return; // cancelled while the reply was on its way
    }
    if (outcome.ok && outcome.dialogs)
    {
        emit dialogListReady(id, outcome.dialogs);
    }
    else if (outcome.ok)
    {
        emit finished(id, outcome.result);
    }
    else
    {
        emit failed(id, outcome.error);
    }
}
