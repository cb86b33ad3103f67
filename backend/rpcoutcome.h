// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonValue>

#include "backend/rpcerror.h"

/// @brief What one JSON-RPC request came to: the "result" member, or an error.
struct RpcOutcome
{
    bool ok = false;
    QJsonValue result; ///< valid when ok
    RpcError error;    ///< valid when !ok

    static RpcOutcome success(QJsonValue result);
    static RpcOutcome failure(RpcError::Kind kind, QString message, int httpStatus = 0, int rpcCode = 0);
};
