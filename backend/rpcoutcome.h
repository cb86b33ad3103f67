// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <vector>

#include <QJsonValue>
#include <QStringList>

#include "backend/core/dialogsnapshot.h"
#include "backend/rpcerror.h"

class DialogListPool;

/// @brief A `dlg.list`-style result decoded on the RPC thread (JsonRpcClient::sendDialogList):
/// the dialogs, and one line per entry that was skipped as malformed.
struct DialogListPayload
{
    std::vector<calldeck::core::DialogSnapshot> dialogs;
    QStringList skipped;
    QStringList profileNames; ///< every profile name the dialogs are in, each once
    qint64 replyBytes = 0;
    qint64 transferMs = 0; ///< request sent → reply read
    qint64 decodeMs = 0;   ///< reply read → dialogs decoded
    /// Where the consumer gives the vector back once it is done with it (may be null).
    std::shared_ptr<DialogListPool> pool;
};

/// @brief What one JSON-RPC request came to: the "result" member, or an error.
struct RpcOutcome
{
    bool ok = false;
    QJsonValue result; ///< valid when ok
    RpcError error;    ///< valid when !ok
    /// Set instead of result for a call sent with JsonRpcClient::sendDialogList().
    std::shared_ptr<DialogListPayload> dialogs;

    static RpcOutcome success(QJsonValue result);
    static RpcOutcome failure(RpcError::Kind kind, QString message, int httpStatus = 0, int rpcCode = 0);
};
