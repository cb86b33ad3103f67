// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace calldeck::integration
{

/// @brief The outcome of one JSON-RPC call to Kamailio's jsonrpcs over HTTP.
///
/// Kamailio mirrors an RPC error in the HTTP status (404 "Dialog not found", 500 "Method Not
/// Found") and still sends the JSON-RPC error object, so the body is kept whatever the status.
struct RpcResult
{
    /// @brief HTTP status, 0 when no HTTP reply arrived.
    int httpStatus = 0;
    /// @brief The parsed reply body (null when it was empty or not JSON).
    QJsonDocument body;
    /// @brief Transport or parse problem (timeout, connection refused, malformed JSON); empty
    /// when a JSON reply arrived, even if that reply is a JSON-RPC error.
    QString error;

    /// @brief HTTP 200 and a body with "result" and no "error".
    bool ok() const;
    /// @brief The "result" member (undefined when absent).
    QJsonValue result() const;
    /// @brief The JSON-RPC "error" object (empty when absent).
    QJsonObject rpcError() const;
    /// @brief One line for test failure messages: status, error, a body excerpt.
    QString describe() const;
};

} // namespace calldeck::integration
