// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "backend/core/dialogtypes.h"

/// @brief Packets moved from a receive thread (or a capture reader) to the core thread in one
/// go: the payloads back to back in one buffer, plus where each one came from. One batch per
/// recvmmsg() call or per block of a capture keeps allocations and lock traffic per batch, not
/// per packet.
struct PacketBatch
{
    struct Entry
    {
        std::uint32_t offset = 0;
        std::uint32_t length = 0;
        calldeck::core::PacketMeta meta; ///< arrival (for raw SIP) or capture metadata
        std::uint16_t source = 0;        ///< SourceRegistry id of the feed that received it
    };

    std::string bytes;
    std::vector<Entry> entries;

    void add(std::string_view payload, const calldeck::core::PacketMeta &meta, std::uint16_t source)
    {
        entries.push_back(Entry{static_cast<std::uint32_t>(bytes.size()),
                                static_cast<std::uint32_t>(payload.size()), meta, source});
        bytes.append(payload);
    }
    std::string_view payload(const Entry &e) const
    {
        return std::string_view(bytes).substr(e.offset, e.length);
    }
    std::size_t size() const { return entries.size(); }
    bool empty() const { return entries.empty(); }
    void clear()
    {
        bytes.clear();
        entries.clear();
    }
};
