// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "backend/core/dialogtypes.h"
#include "backend/core/didcodec.h"

#include <cstdint>
#include <string>
#include <vector>

namespace calldeck::testsupport
{

/** @brief One generated packet: SIP text and where/when it was "seen". */
struct GeneratedMessage
{
    std::string text;
    core::PacketMeta meta;
};

/** @brief How a generated call ends. */
enum class CallKind : std::uint8_t
{
    CallerHangsUp, ///< INVITE, 100, 180, 200, ACK, BYE (caller), 200
    CalleeHangsUp, ///< the same, BYE from the callee
    Cancelled,     ///< INVITE, 100, 180, CANCEL, 200 (CANCEL), 487, ACK
    Rejected,      ///< INVITE, 100, 486, ACK
};

/**
 * @brief Generates realistic SIP traffic of a Kamailio proxy with the dialog module, as a
 * mirror sees it: headers of real UAs (~500–900 bytes with SDP), the proxy's Record-Route
 * with a `did` cookie carrying Kamailio's h_entry/h_id, Route with the cookie on sequential
 * requests. With `bothCopies` each message appears as it enters and as it leaves the proxy
 * (Via added/removed, Route consumed), like siptrace's trace_mode=1; otherwise only the copy
 * the proxy receives. Deterministic for a seed. Used by tests and benchmarks, never by the
 * product.
 */
class SipTrafficGenerator
{
public:
    struct Options
    {
        std::uint32_t seed = 1;
        bool bothCopies = false;
        bool withDid = true;
        std::uint32_t hashSize = 4096;
        std::uint32_t callerIp = 0x0A000001; ///< 10.0.0.1
        std::uint32_t proxyIp = 0x0A000002;  ///< 10.0.0.2
        std::uint32_t calleeIp = 0x0A000003; ///< 10.0.0.3
    };

    explicit SipTrafficGenerator(Options options);

    /** @brief The proxy's id for call number n (what its did cookie says). */
    core::DialogId dialogId(std::uint64_t n) const;
    std::string callId(std::uint64_t n) const;
    std::string callerTag(std::uint64_t n) const;
    std::string calleeTag(std::uint64_t n) const;

    /** @brief The setup messages of call n (INVITE … up to the ACK or the failure). */
    void setup(std::uint64_t n, CallKind kind, std::int64_t timeUs, std::vector<GeneratedMessage> &out) const;
    /** @brief The teardown of an answered call (BYE and its 200). */
    void teardown(std::uint64_t n, CallKind kind, std::int64_t timeUs,
                  std::vector<GeneratedMessage> &out) const;
    /** @brief A re-INVITE from the caller with CSeq 2 and its 200 and ACK. */
    void reinvite(std::uint64_t n, std::int64_t timeUs, std::vector<GeneratedMessage> &out) const;

private:
    enum class Hop : std::uint8_t
    {
        CallerToProxy,
        ProxyToCallee,
        CalleeToProxy,
        ProxyToCaller,
    };
    void pushMessage(std::vector<GeneratedMessage> &out, std::string text, Hop hop,
                     std::int64_t timeUs) const;
    std::string invite(std::uint64_t n, bool forwarded) const;
    std::string response(std::uint64_t n, int code, const char *reason, const char *method,
                         std::uint32_t cseq, bool toCaller, bool withToTag, bool withSdp) const;
    std::string request(std::uint64_t n, const char *method, std::uint32_t cseq, bool fromCaller,
                        bool forwarded, bool withSdp) const;
    std::string recordRoute(std::uint64_t n) const;

    Options m_o;
};

} // namespace calldeck::testsupport
