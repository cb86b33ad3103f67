// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractHttpServer>
#include <QByteArray>

#include "backend/dialogrpc.h"

class QTcpSocket;

/// @brief The HTTP side of the served JSON-RPC: POST /RPC goes to DialogRpc, everything else
/// gets an HTTP error that still carries a JSON-RPC error object. Writes its replies itself so
/// that the reason phrase can be the error message, as Kamailio's xhttp sends it. Lives on the
/// RpcServer thread.
class RpcHttpServer final : public QAbstractHttpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RpcHttpServer)

public:
    /// @param token bearer token every request must carry; empty = no check
    RpcHttpServer(CoreWorker &worker, const DialogRpc::Options &options, const QByteArray &token,
                  QObject *parent = nullptr);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    bool authorized(const QHttpServerRequest &request) const;
    static void send(QTcpSocket *socket, const RpcReply &reply, bool close);

    DialogRpc m_rpc;
    QByteArray m_tokenDigest; ///< SHA-256 of the token; empty = no check
};
