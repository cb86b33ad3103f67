// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>

#include <QByteArray>
#include <QObject>
#include <QString>

#include "backend/dialoglistdecoder.h"
#include "backend/rpcendpoint.h"
#include "backend/rpcoutcome.h"

struct curl_slist;

/// @brief The RPC thread's side of JsonRpcClient (house style §6.4): runs JSON-RPC requests one
/// at a time, in the order they were queued, on one libcurl easy handle that is reused so the
/// HTTP connection stays open between requests (keep-alive).
///
/// The transfer is driven through a private multi handle only so that another thread can wake it
/// (curl_multi_wakeup): cancelBefore() and stop() abort a transfer at once instead of at libcurl's next
/// progress tick. Everything else happens on the worker's thread. Requires curl_global_init()
/// to have run before the thread started (app/main.cpp does it).
class RpcWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RpcWorker)

public:
    struct Call
    {
        int id = 0;
        quint64 generation = 0;  ///< calls of an older generation than the current one are dropped
        QString method;          ///< for the log only
        QByteArray body;         ///< the JSON-RPC request
        bool dialogList = false; ///< decode the result into dialogs (DialogListDecoder)
        std::shared_ptr<DialogListPool> pool; ///< recycled snapshot vectors for dialogList calls
    };

    static constexpr qint64 DefaultMaxReplyBytes = qint64(64) * 1024 * 1024;

    explicit RpcWorker(const RpcEndpoint &endpoint, QObject *parent = nullptr);
    ~RpcWorker() override;

    /// @brief Runs one call (on the worker's thread) and emits completed() unless it was
    /// cancelled or the worker stopped.
    void execute(const Call &call);

    // Thread-safe:
    /// @brief Drops every call of a generation below @p generation, aborting the running one.
    void cancelBefore(quint64 generation);
    /// @brief Aborts the running call and drops all others; for shutdown.
    void stop();
    void setMaxReplyBytes(qint64 bytes);
    qint64 maxReplyBytes() const;

signals:
    void completed(int id, const RpcOutcome &outcome);

private:
    struct Transfer;
    static std::size_t onBody(char *data, std::size_t size, std::size_t count, void *transfer);
    static std::size_t onHeader(char *data, std::size_t size, std::size_t count, void *transfer);

    bool setUp(QString *error);
    bool cancelled(quint64 generation) const;
    /// Runs the easy handle to completion; false when it was cancelled first.
    bool perform(Transfer &transfer, quint64 generation);
    RpcOutcome transportFailure(const Transfer &transfer) const;
    QString scrub(QString text) const;

    RpcEndpoint m_endpoint;
    QString m_display;
    void *m_easy = nullptr;  // CURL *
    void *m_multi = nullptr; // CURLM *
    curl_slist *m_headers = nullptr;
    QString m_setUpError;
    std::atomic<quint64> m_generation{0};
    std::atomic<bool> m_stopped{false};
    std::atomic<qint64> m_maxReplyBytes{DefaultMaxReplyBytes};
    DialogListDecoder m_decoder; // worker thread only
};
