// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include <QJsonArray>
#include <QJsonValue>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QThread>

#include "backend/rpcendpoint.h"
#include "backend/rpcerror.h"

class RpcWorker;
class DialogListPool;
struct DialogListPayload;
struct RpcOutcome;

/// @brief A JSON-RPC 2.0 client for one proxy (Kamailio jsonrpcs over HTTP/HTTPS, libcurl).
///
/// Lives on the caller's thread; the requests run on an RPC thread of its own, one at a time and
/// in the order of send(), over one kept-alive connection (house style §6.4). send() never
/// blocks. finished() or failed() reports each request on the caller's thread, in send() order,
/// exactly once, unless cancelAll() dropped it or the client was destroyed first.
///
/// Requests are `{"jsonrpc":"2.0","method":...,"params":[...],"id":N}` (Kamailio takes params
/// by position and typed: numbers for h_entry/h_id). Credentials are sent with HTTP basic or
/// digest authentication and never appear in logs or error messages.
///
/// Call it from the thread it lives on only (it is not thread-safe); that thread needs a running
/// event loop for the signals. Needs curl_global_init() before the first client (app/main.cpp).
class JsonRpcClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonRpcClient)

public:
    explicit JsonRpcClient(const RpcEndpoint &endpoint, QObject *parent = nullptr);
    /// @brief Aborts the running request, drops the queued ones and ends the RPC thread; returns
    /// within a few milliseconds (the transfer is woken, not waited for).
    ~JsonRpcClient() override;

    const RpcEndpoint &endpoint() const { return m_endpoint; }

    /// @brief Largest reply body accepted (default 64 MiB); a larger one fails with a Transport
    /// error "reply larger than N MB". Applies to requests that start afterwards.
    void setMaxReplyBytes(qint64 bytes);
    qint64 maxReplyBytes() const;

    /// @brief Queues a call and returns its id (positive, increasing), the JSON-RPC "id" too.
    int send(const QString &method, const QJsonArray &params = {});
    /// @brief Like send() for `dlg.list`-style methods: the reply is decoded into dialogs on the
    /// RPC thread and reported by dialogListReady() (errors by failed(), as for send()).
    /// @p pool, when given, recycles the snapshot vectors (see DialogListPool).
    int sendDialogList(const QString &method, const QJsonArray &params = {},
                       const std::shared_ptr<DialogListPool> &pool = {});
    /// @brief Drops every request not yet reported, aborting the one on the wire (its connection
    /// is closed). No signal is emitted for them afterwards, even if a reply was already on its
    /// way. Requests sent later run normally.
    /// @return the ids dropped, in send() order
    QList<int> cancelAll();
    /// @brief Requests sent and not yet reported or cancelled.
    qsizetype pendingCount() const { return m_pending.size(); }

signals:
    void finished(int id, const QJsonValue &result);
    void failed(int id, const RpcError &error);
    void dialogListReady(int id, const std::shared_ptr<DialogListPayload> &dialogs);

private:
    void onCompleted(int id, const RpcOutcome &outcome);
    int queue(const QString &method, const QJsonArray &params, bool dialogList,
              const std::shared_ptr<DialogListPool> &pool = {});

    RpcEndpoint m_endpoint;
    QThread m_thread;
    RpcWorker *m_worker = nullptr; // lives on m_thread; deleted when it finishes
    QSet<int> m_pending;
    int m_lastId = 0;
    quint64 m_generation = 0;
};
