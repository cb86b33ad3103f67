// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dialogsnapshot.h"
#include "dialogtypes.h"
#include "result.h"

#include <cstdint>
#include <string>

namespace calldeck::core
{

/** @brief How the CSeq of a generated request is derived from the leg's base (§6 of the reference). */
enum class CSeqRule : std::uint8_t
{
    Within,    ///< base + 1 (`dlg_req_within`, REFER)
    Bye,       ///< base + 100 + 1 (the module's safety bump for BYE)
    KeepAlive, ///< base − 1, at least 1 (keep-alive OPTIONS, not consuming CSeq space)
    Same,      ///< base itself (the ACK of a 2xx carries its INVITE's number)
};

/** @brief What to build: an in-dialog request towards one leg. */
struct InDialogRequest
{
    std::string method = "BYE";
    DialogLeg target = DialogLeg::Callee;
    CSeqRule cseqRule = CSeqRule::Within;
    std::string extraHeaders; ///< complete header lines, each ending in CRLF
    std::string contentType;  ///< with a body: its Content-Type
    std::string body;
    std::string contact; ///< optional Contact URI (REFER, re-INVITE)
    // Via of the sender (the layer that sends fills these in)
    std::string viaTransport = "UDP";
    std::string viaHost = "127.0.0.1";
    std::uint16_t viaPort = 5060;
    std::string viaBranch; ///< must start with z9hG4bK
};

/** @brief The request text and where to send it. */
struct BuiltRequest
{
    std::string message;
    std::string requestUri;
    std::string nextHop; ///< URI of the first hop: the first Route entry, else the Request-URI
    std::uint32_t cseq = 0;
};

/**
 * @brief Builds an in-dialog request as the module's `build_dlg_t` + tm do (pure function).
 *
 * Towards the caller: R-URI = caller contact, Route = caller route set, From = to_uri;callee
 * tag, To = from_uri;caller tag, CSeq base = what the callee last used. Towards the callee:
 * the mirror image. A strict-routing first hop (no `lr`) puts that route in the R-URI and the
 * contact last in Route (RFC 3261 §12.2.1.1). Headers: Via, Max-Forwards: 70, From, To,
 * Call-ID, CSeq, Route, Contact (if given), the extra headers, Content-Type/Length.
 */
Result<BuiltRequest> buildInDialogRequest(const DialogSnapshot &dialog, const InDialogRequest &request);

/** @brief Splits a printed route set ("<a>,<b>") into its entries without brackets. */
std::vector<std::string> splitRouteSet(std::string_view routeSet);

} // namespace calldeck::core
