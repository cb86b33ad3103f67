// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dialogsnapshot.h"
#include "requestbuilder.h"
#include "result.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace calldeck::core
{

/**
 * @brief An out-of-dialog INVITE sent by CallDeck itself as the UAC, as `dlg_bridge` does it
 * (reference §6.5): R-URI = To = the party to call, From = the bridge controller with a fresh
 * tag, Contact = the controller's contact, a hold SDP body unless another is given.
 */
struct UacInvite
{
    std::string target;  ///< R-URI and To URI (the `from` party of dlg.bridge_dlg)
    std::string fromUri; ///< the bridge controller, e.g. "sip:controller@127.0.0.1"
    std::string fromTag; ///< the controller's tag
    std::string callId;
    std::uint32_t cseq = 10; ///< the module starts its bridge INVITE at 10
    std::string contact;     ///< Contact URI (without brackets)
    std::string contentType = "application/sdp";
    std::string body;      ///< empty = no body
    std::string userAgent; ///< optional User-Agent value
};

/** @brief The module's built-in hold offer: origin user kamailio-bridge, c=0.0.0.0, port 9, PCMA/PCMU. */
std::string bridgeHoldSdp();

/**
 * @brief The INVITE text (one placeholder Via the sender replaces) and its next hop (the R-URI).
 * @return InvalidArgument for a target that is not a sip:/sips: URI, or missing tag/Call-ID/contact
 */
Result<BuiltRequest> buildUacInvite(const UacInvite &invite);

/**
 * @brief The dialog a 2xx answer to @p invite establishes, seen from CallDeck as the caller:
 * caller = the controller (its tag, its contact, CSeq = the INVITE's), callee = the answering
 * party (the To tag, the answer's Contact, the route set = the answer's Record-Route reversed,
 * RFC 3261 §12.1.2). Build its ACK, REFER and BYE with buildInDialogRequest() towards the callee.
 * @return Malformed for an answer that does not parse, WrongState for one that is not a 2xx to
 *         this INVITE (Call-ID, From tag or CSeq differ) or lacks a To tag or Contact
 */
Result<DialogSnapshot> uacDialogFromAnswer(const UacInvite &invite, std::string_view answer);

/**
 * @brief The CANCEL for an INVITE as it went on the wire (RFC 3261 §9.1): same Request-URI,
 * top Via (branch included), From, To, Call-ID and Route; CSeq number with method CANCEL.
 */
Result<std::string> buildCancel(std::string_view sentInvite);

/**
 * @brief The hop-by-hop ACK for a non-2xx final @p response to @p sentInvite (RFC 3261
 * §17.1.1.3): the INVITE's Request-URI, top Via, From, Call-ID and Route, the response's To
 * (with its tag), CSeq number with method ACK.
 */
Result<std::string> buildFailureAck(std::string_view sentInvite, std::string_view response);

} // namespace calldeck::core
