// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dialogtypes.h"

#include <functional>
#include <string_view>

namespace calldeck::core
{

/**
 * @brief Receives what capture decoding found: a UDP payload or a message framed out of a TCP
 * stream, with its capture metadata. @p payload is valid only during the call.
 */
using PayloadSink = std::function<void(std::string_view payload, const PacketMeta &meta)>;

} // namespace calldeck::core
