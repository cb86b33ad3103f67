// SPDX-License-Identifier: GPL-3.0-or-later
#include "requestbuilder.h"

#include "sipheaders.h"

#include <charconv>

namespace calldeck::core
{

std::vector<std::string> splitRouteSet(std::string_view routeSet)
{
    std::vector<std::string> out;
    forEachHeaderEntry(routeSet, [&](std::string_view entry) {
        SipNameAddr na;
        if (parseNameAddr(entry, na) && !na.uri.empty())
        {
            out.emplace_back(na.uri);
        }
        return true;
    });
    return out;
}

namespace
{

std::uint32_t parseCseq(const std::optional<std::string> &text)
{
    if (!text)
    {
        return 0;
    }
    std::uint32_t v = 0;
    std::from_chars(text->data(), text->data() + text->size(), v);
    return v;
}

bool looseRoute(std::string_view uri)
{
    bool found = false;
    findParam(uriParams(uri), "lr", &found);
    return found;
}

bool validHeaderBlock(std::string_view headers)
{
    if (headers.empty())
    {
        return true;
    }
    if (headers.size() < 2 || headers.substr(headers.size() - 2) != "\r\n")
    {
        return false;
    }
    return headers.find("\r\n\r\n") == std::string_view::npos;
}

} // namespace

Result<BuiltRequest> buildInDialogRequest(const DialogSnapshot &d, const InDialogRequest &req)
{
    const bool toCaller = req.target == DialogLeg::Caller;
    const DialogLegSnapshot &target = toCaller ? d.caller : d.callee;
    const DialogLegSnapshot &other = toCaller ? d.callee : d.caller;
    if (!target.contact || target.contact->empty())
    {
        return makeError(Error::Code::WrongState, std::string("the ") + (toCaller ? "caller" : "callee") +
                                                      " leg has no contact yet (dialog not answered)");
    }
    if (!target.tag || !other.tag || target.tag->empty() || other.tag->empty())
    {
        return makeError(Error::Code::WrongState, "both tags are needed for an in-dialog request");
    }
    if (req.method.empty() || req.method.find_first_of(" \r\n") != std::string::npos)
    {
        return makeError(Error::Code::InvalidArgument, "invalid method");
    }
    if (!validHeaderBlock(req.extraHeaders))
    {
        return makeError(Error::Code::InvalidArgument,
                         "extra headers must be complete lines, each ending in CRLF, without an empty line");
    }

    // CSeq base is what the opposite party last used: the proxy impersonates it.
    const std::uint32_t base = parseCseq(other.cseq);
    std::uint32_t cseq = 0;
    switch (req.cseqRule)
    {
    case CSeqRule::Within:
        cseq = base + 1;
        break;
    case CSeqRule::Bye:
        cseq = base + 100 + 1;
        break;
    case CSeqRule::KeepAlive:
        cseq = base <= 1 ? 1 : base - 1;
        break;
    case CSeqRule::Same:
        cseq = base;
        break;
    }

    std::vector<std::string> routes = splitRouteSet(target.routeSet.value_or(std::string()));
    std::string ruri = *target.contact;
    if (!routes.empty() && !looseRoute(routes.front()))
    {
        ruri = routes.front();
        routes.erase(routes.begin());
        routes.push_back(*target.contact);
    }

    BuiltRequest out;
    out.cseq = cseq;
    out.requestUri = ruri;
    out.nextHop = (!routes.empty() && looseRoute(routes.front())) ? routes.front() : ruri;

    const std::string &localUri = toCaller ? d.toUri : d.fromUri;
    const std::string &remoteUri = toCaller ? d.fromUri : d.toUri;
    std::string &m = out.message;
    m.reserve(512 + req.body.size() + req.extraHeaders.size());
    m += req.method + ' ' + ruri + " SIP/2.0\r\n";
    m += "Via: SIP/2.0/" + req.viaTransport + ' ' + req.viaHost + ':' + std::to_string(req.viaPort) +
         ";branch=" + req.viaBranch + "\r\n";
    m += "Max-Forwards: 70\r\n";
    m += "From: <" + localUri + ">;tag=" + *other.tag + "\r\n";
    m += "To: <" + remoteUri + ">;tag=" + *target.tag + "\r\n";
    m += "Call-ID: " + d.callId + "\r\n";
    m += "CSeq: " + std::to_string(cseq) + ' ' + req.method + "\r\n";
    if (!routes.empty())
    {
        m += "Route: ";
        for (std::size_t i = 0; i < routes.size(); ++i)
        {
            m += (i ? ",<" : "<") + routes[i] + '>';
        }
        m += "\r\n";
    }
    if (!req.contact.empty())
    {
        m += "Contact: <" + req.contact + ">\r\n";
    }
    m += req.extraHeaders;
    if (!req.body.empty())
    {
        m += "Content-Type: " + (req.contentType.empty() ? std::string("application/sdp") : req.contentType) +
             "\r\n";
    }
    m += "Content-Length: " + std::to_string(req.body.size()) + "\r\n\r\n";
    m += req.body;
    return out;
}

} // namespace calldeck::core
