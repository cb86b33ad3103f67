// SPDX-License-Identifier: GPL-3.0-or-later
#include "siptrafficgenerator.h"

#include "backend/core/corehash.h"

#include <cstdio>

namespace calldeck::testsupport
{

namespace
{

std::uint64_t mix64(std::uint64_t x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

std::string hex(std::uint64_t v, int digits)
{
    char buf[17];
    std::snprintf(buf, sizeof buf, "%0*llx", digits, static_cast<unsigned long long>(v));
    return std::string(buf, static_cast<std::size_t>(digits));
}

std::string ip(std::uint32_t a)
{
    return std::to_string(a >> 24) + '.' + std::to_string((a >> 16) & 255) + '.' +
           std::to_string((a >> 8) & 255) + '.' + std::to_string(a & 255);
}

std::string sdp(const std::string &address, std::uint64_t n, int port)
{
    const std::string sess = std::to_string(3868431234ull + n);
    return "v=0\r\no=- " + sess + ' ' + sess + " IN IP4 " + address + "\r\ns=-\r\nc=IN IP4 " + address +
           "\r\nt=0 0\r\nm=audio " + std::to_string(port) +
           " RTP/AVP 8 0 101\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:0 PCMU/8000\r\n"
           "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=ptime:20\r\na=sendrecv\r\n";
}

std::string withBody(std::string head, const std::string &body)
{
    if (!body.empty())
    {
        head += "Content-Type: application/sdp\r\n";
    }
    head += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
    head += body;
    return head;
}

} // namespace

SipTrafficGenerator::SipTrafficGenerator(Options options)
    : m_o(options)
{}

std::string SipTrafficGenerator::callId(std::uint64_t n) const
{
    return hex(mix64(n ^ m_o.seed), 12) + '-' + std::to_string(n) + "@ua1.example.net";
}

std::string SipTrafficGenerator::callerTag(std::uint64_t n) const
{
    return "as" + hex(mix64(n * 3 + m_o.seed), 14);
}

std::string SipTrafficGenerator::calleeTag(std::uint64_t n) const
{
    return "bs" + hex(mix64(n * 5 + m_o.seed), 14);
}

core::DialogId SipTrafficGenerator::dialogId(std::uint64_t n) const
{
    return core::DialogId{core::kamailioCoreHash(callId(n), m_o.hashSize), static_cast<std::uint32_t>(n + 1)};
}

std::string SipTrafficGenerator::recordRoute(std::uint64_t n) const
{
    std::string rr = "Record-Route: <sip:" + ip(m_o.proxyIp) + ";lr";
    if (m_o.withDid)
    {
        rr += ";did=" + core::DidCodec::encode(dialogId(n));
    }
    return rr + ">\r\n";
}

void SipTrafficGenerator::pushMessage(std::vector<GeneratedMessage> &out, std::string text, Hop hop,
                                      std::int64_t timeUs) const
{
    GeneratedMessage m;
    m.text = std::move(text);
    m.meta.timeUs = timeUs;
    m.meta.transport = core::Transport::Udp;
    const std::uint32_t caller = m_o.callerIp, proxy = m_o.proxyIp, callee = m_o.calleeIp;
    switch (hop)
    {
    case Hop::CallerToProxy:
        m.meta.src = core::Endpoint::ipv4(caller, 5060);
        m.meta.dst = core::Endpoint::ipv4(proxy, 5060);
        break;
    case Hop::ProxyToCallee:
        m.meta.src = core::Endpoint::ipv4(proxy, 5060);
        m.meta.dst = core::Endpoint::ipv4(callee, 5060);
        break;
    case Hop::CalleeToProxy:
        m.meta.src = core::Endpoint::ipv4(callee, 5060);
        m.meta.dst = core::Endpoint::ipv4(proxy, 5060);
        break;
    case Hop::ProxyToCaller:
        m.meta.src = core::Endpoint::ipv4(proxy, 5060);
        m.meta.dst = core::Endpoint::ipv4(caller, 5060);
        break;
    }
    out.push_back(std::move(m));
}

std::string SipTrafficGenerator::invite(std::uint64_t n, bool forwarded) const
{
    const std::string number = "+49301234" + std::to_string(10000 + n % 90000);
    const std::string caller = "+49405551" + std::to_string(10000 + (n * 7) % 90000);
    std::string s =
        "INVITE sip:" + number + '@' + (forwarded ? ip(m_o.calleeIp) : ip(m_o.proxyIp)) + ":5060 SIP/2.0\r\n";
    if (forwarded)
    {
        s += recordRoute(n);
        s += "Via: SIP/2.0/UDP " + ip(m_o.proxyIp) + ":5060;branch=z9hG4bK" + hex(mix64(n + 11), 10) +
             ".0\r\n";
    }
    s += "Via: SIP/2.0/UDP " + ip(m_o.callerIp) + ":5060;branch=z9hG4bK-" + hex(mix64(n + 7), 12) + ";rport" +
         (forwarded ? "=5060;received=" + ip(m_o.callerIp) : std::string()) + "\r\n";
    s += std::string("Max-Forwards: ") + (forwarded ? "69" : "70") + "\r\n";
    s += "From: \"Caller " + std::to_string(n % 1000) + "\" <sip:" + caller +
         "@ua1.example.net>;tag=" + callerTag(n) + "\r\n";
    s += "To: <sip:" + number + "@example.net>\r\n";
    s += "Call-ID: " + callId(n) + "\r\n";
    s += "CSeq: 1 INVITE\r\n";
    s += "Contact: <sip:" + caller + '@' + ip(m_o.callerIp) + ":5060;transport=udp>\r\n";
    s += "User-Agent: Acme SoftPhone 4.2.1\r\n";
    s += "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, PRACK, UPDATE, REFER, NOTIFY, INFO\r\n";
    s += "Supported: replaces, timer, 100rel\r\n";
    s += "P-Asserted-Identity: <sip:" + caller + "@ua1.example.net>\r\n";
    return withBody(std::move(s), sdp(ip(m_o.callerIp), n, 40000 + static_cast<int>(n % 10000) * 2));
}

std::string SipTrafficGenerator::response(std::uint64_t n, int code, const char *reason, const char *method,
                                          std::uint32_t cseq, bool toCaller, bool withToTag,
                                          bool withSdp) const
{
    // A response to a caller's request travels callee → proxy (two Vias) → caller (one Via).
    std::string s = "SIP/2.0 " + std::to_string(code) + ' ' + reason + "\r\n";
    const bool fromCallee = toCaller;
    if (fromCallee && code != 100)
    {
        s += "Via: SIP/2.0/UDP " + ip(m_o.proxyIp) + ":5060;branch=z9hG4bK" + hex(mix64(n + 11), 10) +
             ".0\r\n";
    }
    s += "Via: SIP/2.0/UDP " + ip(m_o.callerIp) + ":5060;branch=z9hG4bK-" + hex(mix64(n + 7), 12) +
         ";rport=5060;received=" + ip(m_o.callerIp) + "\r\n";
    if (code != 100 && std::string(method) == "INVITE")
    {
        s += recordRoute(n);
    }
    const std::string number = "+49301234" + std::to_string(10000 + n % 90000);
    const std::string caller = "+49405551" + std::to_string(10000 + (n * 7) % 90000);
    s += "From: \"Caller " + std::to_string(n % 1000) + "\" <sip:" + caller +
         "@ua1.example.net>;tag=" + callerTag(n) + "\r\n";
    s += "To: <sip:" + number + "@example.net>" + (withToTag ? ";tag=" + calleeTag(n) : std::string()) +
         "\r\n";
    s += "Call-ID: " + callId(n) + "\r\n";
    s += "CSeq: " + std::to_string(cseq) + ' ' + method + "\r\n";
    if (code > 100 && code < 300 && std::string(method) == "INVITE")
    {
        s += "Contact: <sip:" + number + '@' + ip(m_o.calleeIp) + ":5060;transport=udp>\r\n";
    }
    s += code == 100 ? "Server: kamailio (5.6.3 (x86_64/linux))\r\n" : "Server: Acme PBX 7.1\r\n";
    return withBody(std::move(s), withSdp
                                      ? sdp(ip(m_o.calleeIp), n + 1, 30000 + static_cast<int>(n % 10000) * 2)
                                      : std::string());
}

std::string SipTrafficGenerator::request(std::uint64_t n, const char *method, std::uint32_t cseq,
                                         bool fromCaller, bool forwarded, bool withSdp) const
{
    const std::string number = "+49301234" + std::to_string(10000 + n % 90000);
    const std::string caller = "+49405551" + std::to_string(10000 + (n * 7) % 90000);
    const std::string target = fromCaller ? "sip:" + number + '@' + ip(m_o.calleeIp) + ":5060;transport=udp"
                                          : "sip:" + caller + '@' + ip(m_o.callerIp) + ":5060;transport=udp";
    const std::string senderIp = ip(fromCaller ? m_o.callerIp : m_o.calleeIp);
    std::string s = std::string(method) + ' ' + target + " SIP/2.0\r\n";
    const std::string salt = std::string(method) + std::to_string(cseq);
    if (forwarded)
    {
        s += "Via: SIP/2.0/UDP " + ip(m_o.proxyIp) + ":5060;branch=z9hG4bK" +
             hex(mix64(n * 31 + salt.size()), 10) + ".1\r\n";
    }
    s += "Via: SIP/2.0/UDP " + senderIp + ":5060;branch=z9hG4bK-" + hex(mix64(n * 17 + cseq + salt[0]), 12) +
         ";rport\r\n";
    if (!forwarded)
    {
        s += "Route: <sip:" + ip(m_o.proxyIp) + ";lr" +
             (m_o.withDid ? ";did=" + core::DidCodec::encode(dialogId(n)) : std::string()) + ">\r\n";
    }
    s += std::string("Max-Forwards: ") + (forwarded ? "69" : "70") + "\r\n";
    const std::string callerSide = "\"Caller " + std::to_string(n % 1000) + "\" <sip:" + caller +
                                   "@ua1.example.net>;tag=" + callerTag(n);
    const std::string calleeSide = "<sip:" + number + "@example.net>;tag=" + calleeTag(n);
    s += "From: " + (fromCaller ? callerSide : calleeSide) + "\r\n";
    s += "To: " + (fromCaller ? calleeSide : callerSide) + "\r\n";
    s += "Call-ID: " + callId(n) + "\r\n";
    s += "CSeq: " + std::to_string(cseq) + ' ' + method + "\r\n";
    if (std::string(method) == "INVITE")
    {
        s += "Contact: <sip:" + (fromCaller ? caller : number) + '@' + senderIp + ":5060;transport=udp>\r\n";
    }
    s += fromCaller ? "User-Agent: Acme SoftPhone 4.2.1\r\n" : "User-Agent: Acme PBX 7.1\r\n";
    return withBody(std::move(s), withSdp ? sdp(senderIp, n + 2, 40000) : std::string());
}

void SipTrafficGenerator::setup(std::uint64_t n, CallKind kind, std::int64_t t,
                                std::vector<GeneratedMessage> &out) const
{
    const bool both = m_o.bothCopies;
    pushMessage(out, invite(n, false), Hop::CallerToProxy, t);
    pushMessage(out, response(n, 100, "Trying", "INVITE", 1, false, false, false), Hop::ProxyToCaller,
                t + 200);
    if (both)
    {
        pushMessage(out, invite(n, true), Hop::ProxyToCallee, t + 300);
    }
    auto reply = [&](int code, const char *reason, bool sdpBody, std::int64_t at) {
        pushMessage(out, response(n, code, reason, "INVITE", 1, true, true, sdpBody), Hop::CalleeToProxy, at);
        if (both)
        {
            // The relayed copy has the proxy's Via removed.
            std::string relayed = response(n, code, reason, "INVITE", 1, true, true, sdpBody);
            const auto v = relayed.find("Via: ");
            relayed.erase(v, relayed.find("\r\n", v) + 2 - v);
            pushMessage(out, std::move(relayed), Hop::ProxyToCaller, at + 150);
        }
    };
    auto hopAck = [&](std::int64_t at) {
        // ACK of a negative reply: hop by hop, same CSeq, the callee's To tag.
        std::string ack = request(n, "ACK", 1, true, false, false);
        pushMessage(out, std::move(ack), Hop::CallerToProxy, at);
    };
    switch (kind)
    {
    case CallKind::CallerHangsUp:
    case CallKind::CalleeHangsUp:
        reply(180, "Ringing", false, t + 2000);
        reply(200, "OK", true, t + 500000);
        pushMessage(out, request(n, "ACK", 1, true, false, false), Hop::CallerToProxy, t + 501000);
        if (both)
        {
            pushMessage(out, request(n, "ACK", 1, true, true, false), Hop::ProxyToCallee, t + 501200);
        }
        break;
    case CallKind::Cancelled:
    {
        reply(180, "Ringing", false, t + 2000);
        std::string cancel = invite(n, false);
        cancel.replace(0, 6, "CANCEL");
        cancel.replace(cancel.find("CSeq: 1 INVITE"), 14, "CSeq: 1 CANCEL");
        cancel = cancel.substr(0, cancel.find("Contact: ")) + "Content-Length: 0\r\n\r\n";
        pushMessage(out, std::move(cancel), Hop::CallerToProxy, t + 300000);
        pushMessage(out, response(n, 200, "canceling", "CANCEL", 1, false, false, false), Hop::ProxyToCaller,
                    t + 300100);
        reply(487, "Request Terminated", false, t + 301000);
        hopAck(t + 301500);
        break;
    }
    case CallKind::Rejected:
        reply(486, "Busy Here", false, t + 3000);
        hopAck(t + 3500);
        break;
    }
}

void SipTrafficGenerator::teardown(std::uint64_t n, CallKind kind, std::int64_t t,
                                   std::vector<GeneratedMessage> &out) const
{
    const bool fromCaller = kind != CallKind::CalleeHangsUp;
    const std::uint32_t cseq = fromCaller ? 3 : 1;
    pushMessage(out, request(n, "BYE", cseq, fromCaller, false, false),
                fromCaller ? Hop::CallerToProxy : Hop::CalleeToProxy, t);
    if (m_o.bothCopies)
    {
        pushMessage(out, request(n, "BYE", cseq, fromCaller, true, false),
                    fromCaller ? Hop::ProxyToCallee : Hop::ProxyToCaller, t + 200);
    }
    // 200 for the BYE from the other side: the sender's From/To stay as in the BYE.
    std::string ok = "SIP/2.0 200 OK\r\n";
    const std::string bye = request(n, "BYE", cseq, fromCaller, false, false);
    for (const char *name : {"Via: ", "From: ", "To: ", "Call-ID: ", "CSeq: "})
    {
        const auto p = bye.find(std::string("\r\n") + name);
        ok += bye.substr(p + 2, bye.find("\r\n", p + 2) + 2 - (p + 2));
    }
    ok += "Content-Length: 0\r\n\r\n";
    pushMessage(out, ok, fromCaller ? Hop::CalleeToProxy : Hop::CallerToProxy, t + 1000);
    if (m_o.bothCopies)
    {
        pushMessage(out, ok, fromCaller ? Hop::ProxyToCaller : Hop::ProxyToCallee, t + 1200);
    }
}

void SipTrafficGenerator::reinvite(std::uint64_t n, std::int64_t t, std::vector<GeneratedMessage> &out) const
{
    pushMessage(out, request(n, "INVITE", 2, true, false, true), Hop::CallerToProxy, t);
    if (m_o.bothCopies)
    {
        pushMessage(out, request(n, "INVITE", 2, true, true, true), Hop::ProxyToCallee, t + 200);
    }
    pushMessage(out, response(n, 200, "OK", "INVITE", 2, true, true, true), Hop::CalleeToProxy, t + 5000);
    pushMessage(out, request(n, "ACK", 2, true, false, false), Hop::CallerToProxy, t + 6000);
}

} // namespace calldeck::testsupport
