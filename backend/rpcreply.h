// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

/// @brief One HTTP answer of the served JSON-RPC: the status line, extra headers and the JSON
/// body. The HTTP status mirrors the JSON-RPC error as jsonrpcs over xhttp does (200 on
/// success; the error code when it is above 100, else 500) and the reason phrase is the error
/// message, like Kamailio's "HTTP/1.1 404 Dialog not found".
struct RpcReply
{
    int status = 200;
    QByteArray reason = QByteArrayLiteral("OK");
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers; ///< besides Content-Type and Content-Length
    bool closeConnection = false;                 ///< close the connection after the reply
};
