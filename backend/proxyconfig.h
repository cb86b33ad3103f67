// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include "backend/proxyfeed.h"
#include "backend/rpcendpoint.h"

/// @brief One proxy to watch: its name in the console, where its JSON-RPC is, how to poll it.
struct ProxyConfig
{
    QString name; ///< shown in the origin column; "host:port" unless set
    RpcEndpoint endpoint;
    ProxyFeed::Options options;
};
