// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

#include <QString>

namespace calldeck::core
{
class JsonWriter;
}

/// @brief What one served JSON-RPC method produced: a result writer, or an error code and message.
struct RpcMethodOutcome
{
    int code = 0; ///< 0 = success
    QString message;
    std::function<void(calldeck::core::JsonWriter &)> result; ///< writes exactly one value
    bool emptyObject = false; ///< "result": {} (what jsonrpcs sends when nothing was added)
};
