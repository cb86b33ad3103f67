// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dialogtypes.h"

#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace calldeck::core
{

/** @brief One stored message as the call-flow view reads it (views into the history). */
struct StoredMessage
{
    std::int64_t timeUs = 0;
    Transport transport = Transport::Udp;
    Endpoint src;
    Endpoint dst;
    std::uint32_t captureNode = 0;  ///< HEP capture agent id
    std::string_view nodeName;      ///< HEP capture agent name
    std::string_view correlationId; ///< HEP correlation id
    std::string_view bytes;
};

/**
 * @brief The messages of each dialog, for call-flow (ladder) views and pcap export.
 *
 * All messages live in one circular byte log with a global capacity (the memory cap); each
 * stored message links back to the previous message of its dialog, and a small map keeps
 * the newest message and the count per dialog. When the log wraps, the oldest messages are
 * overwritten (evicted by the global cap); a dialog shows at most `perDialogCap` messages
 * (the older ones count as evicted by the per-dialog cap). Memory is bounded by the capacity
 * plus ~40 bytes per dialog in the map.
 */
class MessageHistory
{
public:
    struct Options
    {
        std::size_t capacityBytes = 256u << 20; ///< global memory cap of the log
        std::uint32_t perDialogCap = 500;       ///< messages kept per dialog
    };
    struct Stats
    {
        std::uint64_t stored = 0;
        std::uint64_t evictedByGlobalCap = 0; ///< messages overwritten by the log wrapping
        std::uint64_t evictedByDialogCap = 0; ///< messages beyond a dialog's cap
        std::uint64_t tooLarge = 0;           ///< messages larger than the whole log (not stored)
        std::size_t dialogs = 0;
        std::size_t bytesUsed = 0;
    };

    explicit MessageHistory(Options options);
    MessageHistory()
        : MessageHistory(Options{})
    {}

    void append(std::uint64_t dialogKey, std::string_view bytes, const PacketMeta &meta,
                std::string_view nodeName = {}, std::string_view correlationId = {});
    /** @brief The dialog's messages still held, oldest first (at most perDialogCap). */
    std::vector<StoredMessage> messages(std::uint64_t dialogKey) const;
    std::size_t messageCount(std::uint64_t dialogKey) const;
    /** @brief The keys of every dialog with messages still listed, ascending (pcap of all). */
    std::vector<std::uint64_t> dialogKeys() const;
    /** @brief Forgets a dialog (its bytes are reclaimed when the log wraps). */
    void forget(std::uint64_t dialogKey);
    /** @brief Drops the map entries of dialogs whose newest message was overwritten. */
    std::size_t prune();
    Stats stats() const;
    const Options &options() const { return m_o; }

private:
    struct Header
    {
        std::uint64_t prev; // position + 1 of the dialog's previous message, 0 = none
        std::int64_t timeUs;
        Endpoint src;
        Endpoint dst;
        std::uint32_t length; // message bytes; the node name and correlation id follow them
        std::uint32_t captureNode;
        std::uint16_t nodeLength;
        std::uint16_t correlationLength;
        std::uint8_t transport;
    };
    struct Chain
    {
        std::uint64_t last = 0; // position + 1 of the newest message
        std::uint32_t count = 0;
    };

    bool alive(std::uint64_t position) const;
    std::uint64_t recordSize(std::size_t length) const;
    static std::uint64_t recordSize(const Header &h);
    void noteEvictions(std::uint64_t fromPos, std::uint64_t toPos);

    Options m_o;
    std::vector<char> m_log;
    std::uint64_t m_write = 0;  // monotonic position of the next record
    std::uint64_t m_oldest = 0; // monotonic position of the oldest live byte
    std::unordered_map<std::uint64_t, Chain> m_chains;
    Stats m_stats;
};

} // namespace calldeck::core
