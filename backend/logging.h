// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

// Logging categories of the backend layer (house style §6.6). Debug messages are off unless
// switched on at run time, e.g. QT_LOGGING_RULES="calldeck.rpc.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcCore)    // calldeck.core: messages the pure core hands to its log sink
Q_DECLARE_LOGGING_CATEGORY(lcRpc)     // calldeck.rpc: JSON-RPC clients and the served RPC
Q_DECLARE_LOGGING_CATEGORY(lcBackend) // calldeck.backend: settings, event log, sources, store

/// @brief Whether the @p count-th problem of one kind is logged: the first 20, then every 1000th,
/// so that a misbehaving peer cannot flood the log.
inline bool shouldLogProblem(quint64 count)
{
    return count <= 20 || count % 1000 == 0;
}
