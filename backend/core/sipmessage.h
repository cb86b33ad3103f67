// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace calldeck::core
{

/** @brief Why a packet is not a SIP message we can use. Values are stable (counted per code). */
enum class SipParseError : std::uint8_t
{
    None = 0,
    Empty,              ///< no bytes, or only whitespace
    BadStartLine,       ///< neither "METHOD uri SIP/2.0" nor "SIP/2.0 code reason"
    BadStatusCode,      ///< status code not 3 digits in 100..699
    BadHeader,          ///< a header line without a colon, an empty name or a control character
    TooManyHeaders,     ///< more than SipMessage::MaxHeaders header lines
    HeaderTooLong,      ///< one header line (with folding) longer than SipMessage::MaxHeaderLength
    MissingEndOfHeaders,///< no empty line before the end of the packet (one exception: SipParser::parse)
    BadContentLength,   ///< Content-Length not a number, or several that differ
    Truncated,          ///< Content-Length says more body than the packet holds
    MissingCallId,      ///< no Call-ID header (or an empty one)
    MissingFrom,        ///< no From header, or one that does not parse
    MissingTo,          ///< no To header, or one that does not parse
    BadCSeq,            ///< no CSeq, or not "number method"
    TooLarge,           ///< packet larger than SipMessage::MaxMessageSize
};

/** @brief Short English name of a parse error code ("bad-start-line", ...), for counters and logs. */
std::string_view sipParseErrorName(SipParseError error);

/** @brief Request methods the dialog core distinguishes; everything else is Other. */
enum class SipMethod : std::uint8_t
{
    Other = 0,
    Invite,
    Ack,
    Bye,
    Cancel,
    Prack,
    Update,
    Info,
    Options,
    Notify,
    Refer,
    Message,
    Subscribe,
    Register,
    Publish,
};

/** @brief Method from its token (case-sensitive as RFC 3261 says); Other for unknown tokens. */
SipMethod sipMethodFromToken(std::string_view token);
/** @brief Canonical token of a method ("INVITE"); empty for Other. */
std::string_view sipMethodToken(SipMethod method);

/** @brief Headers the core knows by name (long and compact forms map to the same id). */
enum class SipHeaderId : std::uint8_t
{
    Other = 0,
    Via,           // v
    From,          // f
    To,            // t
    CallId,        // i
    CSeq,
    Contact,       // m
    RecordRoute,
    Route,
    MaxForwards,
    ContentLength, // l
    ContentType,   // c
    Reason,
    Supported,     // k
    Require,
    Allow,
    Expires,
    UserAgent,
    Server,
    ReferTo,       // r
    ReferredBy,    // b
    Event,         // o
    SubscriptionState,
    PAssertedIdentity,
    Diversion,
    SessionExpires, // x
};

/**
 * @brief Header id from a header name: case-insensitive, compact forms understood ("i" → CallId).
 * @param name the name as it appears before the colon (no surrounding whitespace)
 * @return the id, or SipHeaderId::Other for names the core does not distinguish
 */
SipHeaderId sipHeaderIdFromName(std::string_view name);
/** @brief Canonical long name of a header id ("Call-ID"); empty for Other. */
std::string_view sipHeaderName(SipHeaderId id);

/**
 * @brief One header line as views into the packet.
 *
 * `value` is trimmed of surrounding whitespace. A folded header (continuation lines starting
 * with SP/HT) keeps its CRLF+WSP inside `value`; use unfoldHeaderValue() where that matters.
 */
struct SipHeader
{
    SipHeaderId id = SipHeaderId::Other;
    std::string_view name;
    std::string_view value;
};

/** @brief name-addr / addr-spec of From, To, Contact, Refer-To (views into the packet). */
struct SipNameAddr
{
    std::string_view display; ///< display name without quotes (may be empty)
    std::string_view uri;     ///< the URI without angle brackets
    std::string_view params;  ///< header parameters after the URI, starting at the first ';' (may be empty)
    std::string_view tag;     ///< value of the tag parameter (empty if none)
};

/** @brief CSeq header: number and method. */
struct SipCSeq
{
    std::uint32_t number = 0;
    std::string_view numberText; ///< the digits as they appear
    SipMethod method = SipMethod::Other;
    std::string_view methodText;
};

/** @brief One Via entry. */
struct SipVia
{
    std::string_view protocol;  ///< "SIP/2.0/UDP"
    std::string_view transport; ///< "UDP", "TCP", "TLS", "WS", ...
    std::string_view host;      ///< sent-by host (IPv6 with brackets)
    std::uint16_t port = 0;     ///< sent-by port, 0 if absent
    std::string_view branch;
    std::string_view received;
    std::string_view rport;     ///< value of rport, empty if absent or valueless
    std::string_view params;    ///< all parameters, starting at the first ';'
};

/**
 * @brief A parsed SIP message: views into the caller's buffer, which must outlive it.
 *
 * Parsing never allocates: the header index is a fixed array. From, To, Call-ID and CSeq are
 * parsed eagerly because every message needs them; everything else on demand through the
 * helpers in sipheaders.h.
 */
class SipMessage
{
public:
    static constexpr std::size_t MaxHeaders = 128;
    static constexpr std::size_t MaxHeaderLength = 8192;
    static constexpr std::size_t MaxMessageSize = 65535;

    bool isRequest() const { return m_isRequest; }
    bool isResponse() const { return !m_isRequest; }

    // Requests
    SipMethod method() const { return m_method; }
    std::string_view methodText() const { return m_methodText; }
    std::string_view requestUri() const { return m_requestUri; }
    // Responses
    int statusCode() const { return m_statusCode; }
    std::string_view reasonPhrase() const { return m_reason; }

    std::string_view startLine() const { return m_startLine; }
    std::string_view callId() const { return m_callId; }
    const SipNameAddr &from() const { return m_from; }
    const SipNameAddr &to() const { return m_to; }
    const SipCSeq &cseq() const { return m_cseq; }
    /** @brief Max-Forwards value, or -1 when absent or not a number. */
    int maxForwards() const { return m_maxForwards; }
    /** @brief Content-Length value when present. */
    std::optional<std::uint32_t> contentLength() const { return m_contentLength; }
    std::string_view body() const { return m_body; }
    /** @brief The whole message as framed (start line to end of body). */
    std::string_view raw() const { return m_raw; }

    std::size_t headerCount() const { return m_headerCount; }
    const SipHeader &headerAt(std::size_t i) const { return m_headers[i]; }
    /** @brief First header with this id; empty view if none. */
    std::string_view header(SipHeaderId id) const;
    /** @brief First header with this name (case-insensitive, compact forms understood); empty if none. */
    std::string_view header(std::string_view name) const;
    /** @brief Number of header lines with this id. */
    std::size_t headerLineCount(SipHeaderId id) const;
    /** @brief Calls fn(const SipHeader&) for each header line with this id, in order. */
    template<typename Fn>
    void forEachHeader(SipHeaderId id, Fn &&fn) const
    {
        for (std::size_t i = 0; i < m_headerCount; ++i)
        {
            if (m_headers[i].id == id)
            {
                fn(m_headers[i]);
            }
        }
    }

private:
    friend class SipParser;

    bool m_isRequest = false;
    SipMethod m_method = SipMethod::Other;
    int m_statusCode = 0;
    int m_maxForwards = -1;
    std::optional<std::uint32_t> m_contentLength;
    std::string_view m_methodText;
    std::string_view m_requestUri;
    std::string_view m_reason;
    std::string_view m_startLine;
    std::string_view m_callId;
    SipNameAddr m_from;
    SipNameAddr m_to;
    SipCSeq m_cseq;
    std::string_view m_body;
    std::string_view m_raw;
    std::size_t m_headerCount = 0;
    std::array<SipHeader, MaxHeaders> m_headers{};
};

} // namespace calldeck::core
