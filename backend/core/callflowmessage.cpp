// SPDX-License-Identifier: GPL-3.0-or-later
#include "callflowmessage.h"

#include "sipheaders.h"
#include "sipparser.h"

#include <algorithm>
#include <memory>
#include <unordered_set>

namespace calldeck::core
{

namespace
{

TextSpan spanOf(std::string_view whole, std::string_view part)
{
    if (part.empty() || part.data() < whole.data() || part.data() + part.size() > whole.data() + whole.size())
    {
        return {};
    }
    return {static_cast<std::uint32_t>(part.data() - whole.data()), static_cast<std::uint32_t>(part.size())};
}

bool isSdp(std::string_view contentType)
{
    const std::size_t semicolon = contentType.find(';');
    return equalsNoCase(trimSipWhitespace(contentType.substr(0, semicolon)), "application/sdp");
}

void appendEndpoint(std::string &key, const Endpoint &e)
{
    key.append(reinterpret_cast<const char *>(e.addr.data()), e.addr.size());
    key += static_cast<char>(e.family);
    key += static_cast<char>(e.port >> 8);
    key += static_cast<char>(e.port & 0xFF);
}

/// What makes two copies the same message on the same hop: endpoints, start line, CSeq, branch.
std::string retransmissionKey(const CallFlowMessage &m)
{
    std::string key;
    appendEndpoint(key, m.src);
    appendEndpoint(key, m.dst);
    key += static_cast<char>(m.transport);
    key += m.text(m.startLine);
    key += '\n';
    key += std::to_string(m.cseq);
    key += ' ';
    key += m.text(m.method);
    for (const CallFlowHeader &h : m.headers)
    {
        if (sipHeaderIdFromName(m.text(h.name)) == SipHeaderId::Via)
        {
            SipVia via;
            if (parseVia(m.text(h.value), via))
            {
                key += '\n';
                key += via.branch;
            }
            break;
        }
    }
    return key;
}

} // namespace

CallFlowMessage splitCallFlowMessage(const StoredMessage &stored, std::string_view callerTag)
{
    CallFlowMessage out;
    out.timeUs = stored.timeUs;
    out.transport = stored.transport;
    out.src = stored.src;
    out.dst = stored.dst;
    out.captureNode = stored.captureNode;
    out.nodeName.assign(stored.nodeName.data(), stored.nodeName.size());
    out.correlationId.assign(stored.correlationId.data(), stored.correlationId.size());
    out.raw.assign(stored.bytes.data(), stored.bytes.size());
    const std::string_view raw(out.raw);

    // SipMessage holds a fixed header array: too large for the stack of every caller.
    auto msg = std::make_unique<SipMessage>();
    if (SipParser::parse(raw, *msg) != SipParseError::None)
    {
        const std::string_view text = trimSipWhitespace(raw);
        out.startLine = spanOf(raw, text.substr(0, std::min(text.find_first_of("\r\n"), text.size())));
        return out;
    }
    out.parsed = true;
    out.request = msg->isRequest();
    out.statusCode = msg->statusCode();
    out.startLine = spanOf(raw, msg->startLine());
    out.method = spanOf(raw, out.request ? msg->methodText() : msg->cseq().methodText);
    out.reason = spanOf(raw, msg->reasonPhrase());
    out.cseq = msg->cseq().number;
    out.body = spanOf(raw, msg->body());
    out.sdp = !msg->body().empty() && isSdp(msg->header(SipHeaderId::ContentType));

    out.headers.reserve(msg->headerCount());
    std::size_t scanned = 0;
    std::uint32_t line = 0;
    for (std::size_t i = 0; i < msg->headerCount(); ++i)
    {
        const SipHeader &h = msg->headerAt(i);
        CallFlowHeader header;
        header.name = spanOf(raw, h.name);
        header.value = spanOf(raw, h.value);
        const std::size_t at = header.name.offset;
        if (at >= scanned)
        {
            line += static_cast<std::uint32_t>(std::count(raw.begin() + scanned, raw.begin() + at, '\n'));
            scanned = at;
        }
        header.line = line;
        out.headers.push_back(header);
    }

    if (!callerTag.empty())
    {
        const bool fromCallerTag = msg->from().tag == callerTag;
        out.direction =
            (fromCallerTag == out.request) ? FlowDirection::FromCaller : FlowDirection::FromCallee;
    }
    return out;
}

std::vector<CallFlowMessage> buildCallFlow(const std::vector<StoredMessage> &stored,
                                           std::string_view callerTag)
{
    std::vector<CallFlowMessage> out;
    out.reserve(stored.size());
    std::unordered_set<std::string> seen;
    for (const StoredMessage &s : stored)
    {
        CallFlowMessage m = splitCallFlowMessage(s, callerTag);
        if (m.parsed)
        {
            m.retransmission = !seen.insert(retransmissionKey(m)).second;
        }
        out.push_back(std::move(m));
    }
    return out;
}

} // namespace calldeck::core
