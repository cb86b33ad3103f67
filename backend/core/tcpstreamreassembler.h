// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dialogtypes.h"
#include "payloadsink.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>

namespace calldeck::core
{

/** @brief One TCP segment of a capture: header fields and a view of its data. */
struct TcpSegment
{
    PacketMeta meta; ///< capture time and the sender's/receiver's address and port
    std::uint32_t seq = 0;
    std::uint8_t flags = 0; ///< the TCP flags byte: FIN 0x01, SYN 0x02, RST 0x04
    std::string_view payload;
};

/**
 * @brief Turns the TCP segments of a capture into the SIP and HEP messages they carry.
 *
 * Each direction of a connection (source and destination address and port) is a byte stream
 * rebuilt in order: retransmitted bytes are ignored, out-of-order segments wait in a bounded
 * buffer until the hole before them is filled; a hole that is never filled (a capture that lost
 * packets) is skipped after a capture-time delay or when the buffer is full, and the stream
 * resynchronises at the next plausible message start (a SIP start line or "HEP3"). Messages are
 * framed with SipParser::frameLength (Content-Length) or, when a message starts with "HEP3",
 * HepDecoder::frameLength; CR/LF keep-alives are dropped. A stream that carries neither
 * (TLS, HTTP, ...) is ignored after a bounded search. SYN starts a stream over, RST ends it, FIN
 * ends it once every byte before it was seen; idle streams expire by capture time and the
 * number of streams is bounded (the least recently active go first).
 */
class TcpStreamReassembler
{
public:
    struct Options
    {
        std::size_t maxFlows = 16384;          ///< streams followed at once
        std::size_t maxHeldBytes = 256u << 10; ///< per stream: bytes waiting behind a hole
        std::int64_t gapTimeoutUs = 5'000'000; ///< capture time a hole may stay open
        std::int64_t idleTimeoutUs =
            600'000'000; ///< capture time without a segment before a stream is forgotten
        std::size_t maxJunkBytes = 128u << 10; ///< bytes without a message start before a stream is ignored
    };
    struct Stats
    {
        std::uint64_t segments = 0;        ///< segments given to add()
        std::uint64_t messages = 0;        ///< messages handed to the sink
        std::uint64_t keepAlives = 0;      ///< CR/LF keep-alives dropped
        std::uint64_t retransmissions = 0; ///< segments whose bytes (or some of them) were seen before
        std::uint64_t outOfOrder = 0;      ///< segments held until the bytes before them came
        std::uint64_t gaps = 0;            ///< holes skipped (lost segments)
        std::uint64_t gapBytes = 0;        ///< bytes missing in those holes
        std::uint64_t framingErrors = 0;   ///< bad Content-Length / HEP length, no start line, too large
        std::uint64_t resyncs = 0;         ///< message starts found again after a hole or an error
        std::uint64_t skippedBytes = 0;    ///< bytes discarded while looking for a message start
        std::uint64_t flowsOpened = 0;
        std::uint64_t flowsClosed = 0;  ///< FIN (after all data), RST, or a new SYN
        std::uint64_t flowsExpired = 0; ///< idle for idleTimeoutUs
        std::uint64_t flowsEvicted = 0; ///< dropped to stay within maxFlows
        std::uint64_t flowsIgnored = 0; ///< streams that carried neither SIP nor HEP
    };

    TcpStreamReassembler();
    explicit TcpStreamReassembler(Options options);

    /** @brief Takes one segment; complete messages go to @p sink with the segment's time. */
    void add(const TcpSegment &segment, const PayloadSink &sink);
    /** @brief Skips holes older than the gap timeout and forgets idle streams (at most once a second of
     * capture time). */
    void expire(std::int64_t nowUs, const PayloadSink &sink);
    /** @brief End of the capture: skips every hole, delivers what is complete, forgets all streams. */
    void flush(const PayloadSink &sink);

    std::size_t flows() const { return m_flows.size(); }
    const Stats &stats() const { return m_stats; }

private:
    struct FlowKey
    {
        Endpoint src;
        Endpoint dst;
        friend bool operator==(const FlowKey &, const FlowKey &) = default;
    };
    struct FlowKeyHash
    {
        std::size_t operator()(const FlowKey &k) const;
    };
    struct Flow
    {
        PacketMeta meta;           ///< addresses; time of the latest segment
        std::uint64_t nextAbs = 0; ///< stream position of the next expected byte (64-bit, no wrap)
        std::uint32_t nextSeq = 0; ///< the same position as a TCP sequence number
        std::string buffer;        ///< in-order bytes not framed yet
        std::size_t consumed = 0;  ///< framed prefix of buffer
        std::map<std::uint64_t, std::string> held; ///< out-of-order segments by stream position
        std::size_t heldBytes = 0;
        std::int64_t heldSinceUs = 0;
        std::uint64_t finAbs = 0;
        std::uint64_t junk = 0; ///< bytes skipped since the last message
        bool finSeen = false;
        bool resync = false;   ///< looking for a message start
        bool lineStart = true; ///< during resync: the unframed bytes begin a line (or a segment)
        bool ignored = false;  ///< neither SIP nor HEP: sequence followed, data dropped
    };
    using FlowMap = std::unordered_map<FlowKey, Flow, FlowKeyHash>;

    void start(Flow &f, std::uint32_t seq, bool atMessageStart);
    void accept(Flow &f, std::uint32_t seq, std::string_view data, std::int64_t timeUs);
    void append(Flow &f, std::string_view data);
    void drainHeld(Flow &f, std::int64_t timeUs);
    void skipGap(Flow &f, std::int64_t timeUs, const PayloadSink &sink);
    void frame(Flow &f, const PayloadSink &sink);
    bool frameOne(Flow &f, std::string_view view, const PayloadSink &sink);
    void discard(Flow &f, std::size_t bytes);
    void evictOldest(const FlowKey &keep);

    Options m_options;
    FlowMap m_flows;
    std::int64_t m_nextSweepUs = 0;
    Stats m_stats;
};

} // namespace calldeck::core
