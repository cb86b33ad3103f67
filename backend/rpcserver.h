// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QString>

#include "backend/controlrpc.h"

class CoreWorker;
class QThread;
class RpcHttpServer;

/// @brief Serves Kamailio-compatible JSON-RPC (`--serve-rpc`) at http://ADDR:PORT/RPC on a
/// thread of its own, so a slow request never blocks the caller's event loop (house style
/// §6.4). Loopback addresses are served as they are; any other address needs a bearer token,
/// which every request must then carry (`Authorization: Bearer <token>`).
///
/// The dialect, as jsonrpcs over xhttp answers (kamailio-live-notes.md):
/// - POST /RPC (and /RPC/..., like the default `^/RPC` route); the HTTP status mirrors the error
///   (200 on success, the code when above 100, else 500) with the message as reason phrase, and
///   the body always holds the JSON-RPC object; keep-alive works.
/// - A batch (JSON array), or an object without "jsonrpc": "2.0" or a string "method": 200 with
///   `"result": {}` and the id if any (samples/quirk.batch_request_unsupported.json).
/// - A notification (no id) still gets its reply, without id.
/// - Not JSON at all: Kamailio closes the connection without a word; here the reply is HTTP 400
///   with error -32700 "Parse Error" and "id": null, then the connection is closed.
/// - Missing or mistyped mandatory parameters: 500 "Invalid parameters" (the module would answer
///   an empty result there), stats.get_statistics: 400 as kex does.
/// - GET and other methods: 405 with `Allow: POST`; other paths: 404; a missing or wrong token:
///   401 with `WWW-Authenticate: Bearer`; all with a JSON-RPC error body.
class RpcServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RpcServer)

public:
    struct Options
    {
        QHostAddress address = QHostAddress(QHostAddress::LocalHost);
        quint16 port = 0;            ///< 0 = any free port (see port())
        QByteArray token;            ///< required unless address is a loopback address
        bool pretty = true;          ///< tab-indented replies like jsonrpcs' pretty_format=1
        int callTimeoutMs = 5000;    ///< longest wait for the core per request ("core busy" after it)
        QString version;             ///< the calldeck.version result
        ControlRpc::Targets control; ///< the control methods and calldeck.sources
    };

    RpcServer(CoreWorker &worker, Options options, QObject *parent = nullptr);
    ~RpcServer() override;

    /// @brief Starts the thread and listens. On failure returns false and sets @p error to an
    /// English sentence that says what to do next.
    bool start(QString *error);
    /// @brief Closes the listener and every connection, then ends the thread. Idempotent.
    void stop();
    bool running() const;
    /// @brief The port listened on (the real one when Options::port was 0); 0 when not running.
    quint16 port() const;
    /// @brief e.g. "http://127.0.0.1:5080/RPC".
    QString url() const;

private:
    CoreWorker &m_worker;
    Options m_options;
    QThread *m_thread = nullptr;
    RpcHttpServer *m_server = nullptr; // lives on m_thread
    quint16 m_port = 0;
};
