// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dialogtypes.h"
#include "messagehistory.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace calldeck::core
{

/** @brief A part of CallFlowMessage::raw: byte offset and length (empty when length is 0). */
struct TextSpan
{
    std::uint32_t offset = 0;
    std::uint32_t length = 0;
    friend bool operator==(const TextSpan &, const TextSpan &) = default;
};

/** @brief One header line of a call-flow message: where its name and value sit in the raw text. */
struct CallFlowHeader
{
    TextSpan name;
    TextSpan value;         ///< trimmed; a folded value keeps its line breaks
    std::uint32_t line = 0; ///< line of the header name in the raw text (0 is the start line), counting LF
    friend bool operator==(const CallFlowHeader &, const CallFlowHeader &) = default;
};

/** @brief Which side of the dialog sent a message (by its From tag against the caller's tag). */
enum class FlowDirection : std::uint8_t
{
    Unknown,    ///< no caller tag to compare, or the message did not parse
    FromCaller, ///< a request of the caller, or a response to the callee's request
    FromCallee, ///< a request of the callee, or a response to the caller's request
};

/**
 * @brief A message of a dialog as a call-flow (ladder) view shows it: the raw text with its
 * start line, headers and body already located (plain data, no views into the core), where
 * and when it was seen, and what it is.
 */
struct CallFlowMessage
{
    std::int64_t timeUs = 0; ///< capture time, Unix microseconds
    Transport transport = Transport::Udp;
    Endpoint src;
    Endpoint dst;
    std::uint32_t captureNode = 0; ///< HEP capture agent id, 0 if unknown
    std::string nodeName;          ///< HEP capture agent name, if any
    std::string correlationId;     ///< HEP correlation id, if any
    std::string raw;               ///< the message as captured
    bool parsed = false;           ///< false: raw did not parse as SIP; only raw and startLine are set
    bool request = false;          ///< a request (else a response)
    int statusCode = 0;            ///< responses only
    TextSpan startLine;            ///< without its line end
    TextSpan method;               ///< the request's method, or the CSeq method of a response
    TextSpan reason;               ///< responses only
    std::uint32_t cseq = 0;
    std::vector<CallFlowHeader> headers; ///< in the order of the message
    TextSpan body;
    bool sdp = false;            ///< a body with Content-Type application/sdp
    bool retransmission = false; ///< the same request or response was seen before on the same hop
    FlowDirection direction = FlowDirection::Unknown;

    friend bool operator==(const CallFlowMessage &, const CallFlowMessage &) = default;

    /** @brief The text of a span of raw. */
    std::string_view text(TextSpan span) const
    {
        return std::string_view(raw).substr(span.offset, span.length);
    }
};

/**
 * @brief Splits one stored message into a call-flow message (copies the bytes).
 * @param stored a message of the history (its views must be valid during the call)
 * @param callerTag the dialog's caller tag (From tag of the initial request), for the direction
 */
CallFlowMessage splitCallFlowMessage(const StoredMessage &stored, std::string_view callerTag);

/**
 * @brief The call flow of a dialog: its stored messages split, in order, with retransmissions
 * marked (the same start line, CSeq and top Via branch seen before from the same source to
 * the same destination).
 */
std::vector<CallFlowMessage> buildCallFlow(const std::vector<StoredMessage> &stored,
                                           std::string_view callerTag);

} // namespace calldeck::core
