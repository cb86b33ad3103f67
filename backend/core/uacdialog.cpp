// SPDX-License-Identifier: GPL-3.0-or-later
#include "uacdialog.h"

#include "sipheaders.h"
#include "sipparser.h"

#include <vector>

namespace calldeck::core
{

namespace
{

bool isSipUri(std::string_view uri)
{
    return (uri.starts_with("sip:") && uri.size() > 4) || (uri.starts_with("sips:") && uri.size() > 5);
}

bool hasLineBreak(std::string_view s)
{
    return s.find_first_of("\r\n") != std::string_view::npos;
}

std::string text(std::string_view v)
{
    return std::string(v);
}

/// The first entry of the first Via header line.
std::string_view topVia(const SipMessage &m)
{
    std::string_view top;
    forEachHeaderEntry(m.header(SipHeaderId::Via), [&](std::string_view entry) {
        top = entry;
        return false;
    });
    return top;
}

/// Every Route header line of @p m, as "Route: value\r\n" lines.
std::string routeLines(const SipMessage &m)
{
    std::string out;
    m.forEachHeader(SipHeaderId::Route, [&](const SipHeader &h) {
        out += "Route: ";
        out += h.value;
        out += "\r\n";
    });
    return out;
}

Result<std::string> hopByHop(std::string_view sentInvite, std::string_view method, std::string_view toValue)
{
    SipMessage invite;
    if (SipParser::parse(sentInvite, invite) != SipParseError::None || !invite.isRequest() ||
        invite.method() != SipMethod::Invite)
    {
        return makeError(Error::Code::Malformed, "not an INVITE request");
    }
    const std::string_view via = topVia(invite);
    if (via.empty())
    {
        return makeError(Error::Code::Malformed, "the INVITE has no Via");
    }
    std::string m;
    m.reserve(512);
    m += text(method) + ' ' + text(invite.requestUri()) + " SIP/2.0\r\n";
    m += "Via: " + text(via) + "\r\n";
    m += "Max-Forwards: 70\r\n";
    m += "From: " + text(invite.header(SipHeaderId::From)) + "\r\n";
    m += "To: " + text(toValue.empty() ? invite.header(SipHeaderId::To) : toValue) + "\r\n";
    m += "Call-ID: " + text(invite.callId()) + "\r\n";
    m += "CSeq: " + std::to_string(invite.cseq().number) + ' ' + text(method) + "\r\n";
    m += routeLines(invite);
    m += "Content-Length: 0\r\n\r\n";
    return m;
}

} // namespace

std::string bridgeHoldSdp()
{
    return "v=0\r\n"
           "o=kamailio-bridge 0 0 IN IP4 0.0.0.0\r\n"
           "s=kamailio\r\n"
           "c=IN IP4 0.0.0.0\r\n"
           "t=0 0\r\n"
           "m=audio 9 RTP/AVP 8 0\r\n"
           "a=rtpmap:8 PCMA/8000\r\n"
           "a=rtpmap:0 PCMU/8000\r\n";
}

Result<BuiltRequest> buildUacInvite(const UacInvite &in)
{
    if (!isSipUri(in.target) || hasLineBreak(in.target) ||
        in.target.find_first_of(" <>") != std::string::npos)
    {
        return makeError(Error::Code::InvalidArgument, "the party to call must be a sip: or sips: URI");
    }
    if (!isSipUri(in.fromUri) || hasLineBreak(in.fromUri) || !isSipUri(in.contact) ||
        hasLineBreak(in.contact))
    {
        return makeError(Error::Code::InvalidArgument, "the controller and its contact must be sip: URIs");
    }
    if (in.fromTag.empty() || in.callId.empty() || hasLineBreak(in.fromTag) || hasLineBreak(in.callId) ||
        hasLineBreak(in.userAgent) || hasLineBreak(in.contentType))
    {
        return makeError(Error::Code::InvalidArgument,
                         "a From tag and a Call-ID are needed, on one line each");
    }
    BuiltRequest out;
    out.requestUri = in.target;
    out.nextHop = in.target;
    out.cseq = in.cseq;
    std::string &m = out.message;
    m.reserve(640 + in.body.size());
    m += "INVITE " + in.target + " SIP/2.0\r\n";
    m += "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-placeholder\r\n";
    m += "Max-Forwards: 70\r\n";
    m += "From: <" + in.fromUri + ">;tag=" + in.fromTag + "\r\n";
    m += "To: <" + in.target + ">\r\n";
    m += "Call-ID: " + in.callId + "\r\n";
    m += "CSeq: " + std::to_string(in.cseq) + " INVITE\r\n";
    m += "Contact: <" + in.contact + ">\r\n";
    if (!in.userAgent.empty())
    {
        m += "User-Agent: " + in.userAgent + "\r\n";
    }
    if (!in.body.empty())
    {
        m += "Content-Type: " + (in.contentType.empty() ? std::string("application/sdp") : in.contentType) +
             "\r\n";
    }
    m += "Content-Length: " + std::to_string(in.body.size()) + "\r\n\r\n";
    m += in.body;
    return out;
}

Result<DialogSnapshot> uacDialogFromAnswer(const UacInvite &invite, std::string_view answer)
{
    SipMessage r;
    if (SipParser::parse(answer, r) != SipParseError::None || !r.isResponse())
    {
        return makeError(Error::Code::Malformed, "the answer is not a SIP response");
    }
    if (r.statusCode() < 200 || r.statusCode() >= 300)
    {
        return makeError(Error::Code::WrongState, "not a 2xx answer");
    }
    if (r.callId() != invite.callId || r.from().tag != invite.fromTag || r.cseq().number != invite.cseq ||
        r.cseq().methodText != "INVITE")
    {
        return makeError(Error::Code::WrongState, "the answer does not belong to this INVITE");
    }
    if (r.to().tag.empty())
    {
        return makeError(Error::Code::WrongState, "the 2xx has no To tag");
    }
    SipNameAddr contact;
    std::string_view contactEntry;
    forEachHeaderEntry(r.header(SipHeaderId::Contact), [&](std::string_view entry) {
        contactEntry = entry;
        return false;
    });
    if (contactEntry.empty() || !parseNameAddr(contactEntry, contact))
    {
        return makeError(Error::Code::WrongState, "the 2xx has no Contact");
    }
    // Record-Route in the answer lists the proxies from the callee towards us: the UAC's route
    // set is that list reversed.
    std::vector<std::string_view> rr;
    r.forEachHeader(SipHeaderId::RecordRoute, [&](const SipHeader &h) {
        forEachHeaderEntry(h.value, [&](std::string_view entry) {
            rr.push_back(entry);
            return true;
        });
    });
    std::string routeSet;
    for (auto it = rr.rbegin(); it != rr.rend(); ++it)
    {
        routeSet += (routeSet.empty() ? "" : ",") + text(*it);
    }

    DialogSnapshot d;
    d.callId = invite.callId;
    d.fromUri = invite.fromUri;
    d.toUri = invite.target;
    d.reqUri = invite.target;
    d.state = 4;
    d.caller.tag = invite.fromTag;
    d.caller.contact = invite.contact;
    d.caller.cseq = std::to_string(invite.cseq);
    d.caller.routeSet = std::string();
    d.callee.tag = text(r.to().tag);
    d.callee.contact = text(contact.uri);
    d.callee.cseq = std::string("0");
    d.callee.routeSet = routeSet;
    return d;
}

Result<std::string> buildCancel(std::string_view sentInvite)
{
    return hopByHop(sentInvite, "CANCEL", {});
}

Result<std::string> buildFailureAck(std::string_view sentInvite, std::string_view response)
{
    SipMessage r;
    if (SipParser::parse(response, r) != SipParseError::None || !r.isResponse() || r.statusCode() < 300)
    {
        return makeError(Error::Code::Malformed, "not a final failure response");
    }
    return hopByHop(sentInvite, "ACK", r.header(SipHeaderId::To));
}

} // namespace calldeck::core
