// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/rpcoutcome.h"

RpcOutcome RpcOutcome::success(QJsonValue result)
{
    RpcOutcome o;
    o.ok = true;
    o.result = std::move(result);
    return o;
}

RpcOutcome RpcOutcome::failure(const RpcError::Kind kind, QString message, const int httpStatus,
                               const int rpcCode)
{
    RpcOutcome o;
    o.error.kind = kind;
    o.error.message = std::move(message);
    o.error.httpStatus = httpStatus;
    o.error.rpcCode = rpcCode;
    return o;
}
