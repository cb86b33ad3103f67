// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>

#include <QString>

/// @brief Why a JSON-RPC request to a proxy failed, as a value (house style §6.4, §6.6).
///
/// - Transport: no HTTP reply at all (refused, timed out, TLS failure, connection closed
///   without a reply, reply over the size limit).
/// - Http: an HTTP reply whose status is not 2xx and whose body holds no usable JSON-RPC error.
/// - Protocol: a 2xx reply that is not a valid JSON-RPC 2.0 answer to the request (bad JSON,
///   wrong "jsonrpc", missing or foreign id, neither result nor error).
/// - Remote: the proxy answered with a JSON-RPC error object; Kamailio mirrors it in the HTTP
///   status (`HTTP/1.1 404 Dialog not found`), which is kept in httpStatus.
///
/// The message is English technical detail for logs and the event log; ui/ translates the kind.
/// It never contains credentials.
struct RpcError
{
    enum class Kind : std::uint8_t
    {
        Transport,
        Http,
        Protocol,
        Remote,
    };

    Kind kind = Kind::Transport;
    int httpStatus = 0; ///< final HTTP status; 0 when no HTTP reply arrived
    int rpcCode = 0;    ///< the JSON-RPC error code (Remote only, else 0)
    QString message;

    /// @brief "transport", "HTTP", "protocol" or "remote".
    static QString kindName(Kind kind);
    /// @brief One line for a log, e.g. "remote error 404 (HTTP 404): Dialog not found".
    QString toString() const;
};
