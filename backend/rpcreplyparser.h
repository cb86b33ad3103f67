// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include "backend/rpcoutcome.h"

/// @brief Reads one HTTP reply to a JSON-RPC 2.0 request the way Kamailio's jsonrpcs writes it
/// (kamailio-live-notes.md): the body is parsed whatever the status, because the status mirrors
/// the RPC error (`HTTP/1.1 404 Dialog not found`) and the body still holds the error object.
///
/// - non-2xx with a JSON-RPC error object → Remote (code and message from the body, status kept);
/// - non-2xx without one (empty body, HTML, garbage) → Http;
/// - 2xx with an error object → Remote;
/// - 2xx that is not JSON, not an object, not "jsonrpc": "2.0", without id (Kamailio's answer to a
///   batch request), with another id, or with neither result nor error → Protocol.
class RpcReplyParser final
{
public:
    /// @param requestId the id the request carried (a JSON number)
    /// @param status the final HTTP status
    /// @param reason its reason phrase (Kamailio puts the RPC error message there)
    static RpcOutcome parse(int requestId, int status, const QString &reason, const QByteArray &body);
};
