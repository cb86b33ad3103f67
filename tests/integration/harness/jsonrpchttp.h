// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonArray>
#include <QString>
#include <QUrl>

#include "rpcresult.h"

class QNetworkAccessManager;

namespace calldeck::integration
{

/// @brief One blocking JSON-RPC 2.0 request over HTTP POST (tests only: runs a local event
/// loop for at most @p timeoutMs). @p hint is appended to transport errors ("see <log>").
RpcResult postJsonRpc(QNetworkAccessManager &network, const QUrl &url, const QString &method,
                      const QJsonArray &params, int id, int timeoutMs, const QString &hint = {},
                      const QByteArray &bearerToken = {});

} // namespace calldeck::integration
