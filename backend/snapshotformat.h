// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string_view>
#include <vector>

#include <QLatin1StringView>

#include "backend/core/callflowmessage.h"

/// @brief What the snapshot writer and reader share: the format's name, version and file suffix
/// (the format itself is described in backend/snapshotwriter.h and docs/snapshot-format.md).
namespace SnapshotFormat
{
/// The "format" member of every snapshot.
inline constexpr QLatin1StringView Name("calldeck-snapshot");
/// The newest format version this CallDeck writes and reads.
inline constexpr int Version = 1;
/// The file suffix (without the dot).
inline constexpr QLatin1StringView Suffix("cdsnap");

/// @brief Splits messages that carry only what a snapshot keeps of them (time, transport,
/// addresses, capture node, node name, correlation id, raw bytes) into call-flow messages, as the
/// live details pane shows them: the same calldeck::core::buildCallFlow over the same bytes.
/// @param callerTag the dialog's caller tag (From tag of its initial request)
std::vector<calldeck::core::CallFlowMessage> split(const std::vector<calldeck::core::CallFlowMessage> &kept,
                                                   std::string_view callerTag);
} // namespace SnapshotFormat
