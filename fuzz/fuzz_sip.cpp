// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: SipParser::parse and frameLength on arbitrary bytes, then every helper of
// sipheaders.h on what was parsed. A broken invariant traps, which libFuzzer reports as a crash.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "backend/core/sipheaders.h"
#include "backend/core/sipparser.h"

using namespace calldeck::core;

namespace
{

void check(bool condition)
{
    if (!condition)
    {
        __builtin_trap();
    }
}

bool inside(std::string_view outer, std::string_view inner)
{
    if (inner.empty())
    {
        return true;
    }
    const std::less_equal<const char *> le;
    return le(outer.data(), inner.data()) && le(inner.data() + inner.size(), outer.data() + outer.size());
}

void exerciseUri(std::string_view uri)
{
    const std::string_view params = uriParams(uri);
    check(inside(uri, params));
    check(inside(uri, uriUser(uri)));
    check(inside(uri, uriHost(uri)));
    bool found = false;
    check(inside(params, findParam(params, "lr", &found)));
    check(inside(params, findParam(params, "did")));
    check(inside(uri, findParam(uri, "transport")));
}

void exerciseEntry(SipHeaderId id, std::string_view entry)
{
    SipNameAddr addr;
    if (parseNameAddr(entry, addr))
    {
        check(!addr.uri.empty());
        check(inside(entry, addr.display) && inside(entry, addr.uri) && inside(entry, addr.params));
        check(inside(addr.params, addr.tag));
        check(addr.params.empty() || addr.params[0] == ';');
        exerciseUri(addr.uri);
        findParam(addr.params, "expires");
    }
    if (id == SipHeaderId::Via || id == SipHeaderId::Other)
    {
        SipVia via;
        if (parseVia(entry, via))
        {
            check(!via.host.empty() && !via.transport.empty());
            check(inside(entry, via.protocol) && inside(entry, via.host) && inside(entry, via.params));
            check(inside(via.params, via.branch) && inside(via.params, via.received) &&
                  inside(via.params, via.rport));
        }
    }
    SipCSeq cseq;
    if (parseCSeq(entry, cseq))
    {
        check(!cseq.numberText.empty() && !cseq.methodText.empty());
    }
}

void exerciseMessage(std::string_view input, const SipMessage &m)
{
    check(inside(input, m.raw()));
    check(inside(m.raw(), m.startLine()) && inside(m.raw(), m.body()) && inside(m.raw(), m.callId()));
    check(!m.callId().empty());
    check(m.raw().data() + m.raw().size() == m.body().data() + m.body().size() || m.body().empty());
    check(!m.contentLength() || *m.contentLength() == m.body().size());
    check(m.headerCount() <= SipMessage::MaxHeaders);
    check(m.isResponse() ? (m.statusCode() >= 100 && m.statusCode() <= 699) : !m.requestUri().empty());
    sipMethodToken(m.method());
    sipMethodToken(m.cseq().method);

    std::string unfolded;
    for (std::size_t i = 0; i < m.headerCount(); ++i)
    {
        const SipHeader &h = m.headerAt(i);
        check(!h.name.empty() && inside(m.raw(), h.name) && inside(m.raw(), h.value));
        check(sipHeaderIdFromName(h.name) == h.id);
        check(m.headerLineCount(h.id) >= 1);
        check(inside(m.raw(), m.header(h.name)));
        unfoldHeaderValue(h.value, unfolded);
        check(unfolded.size() <= h.value.size());
        forEachHeaderEntry(h.value, [&h](std::string_view entry) {
            check(!entry.empty() && inside(h.value, entry));
            exerciseEntry(h.id, entry);
        });
    }
    SipVia top;
    parseVia(m.header(SipHeaderId::Via), top);
    exerciseUri(m.requestUri());
    exerciseUri(m.from().uri);
    exerciseUri(m.to().uri);

    // The framed message parses again to itself.
    SipMessage again;
    check(SipParser::parse(m.raw(), again) == SipParseError::None);
    check(again.raw() == m.raw() && again.callId() == m.callId() && again.headerCount() == m.headerCount());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view input(reinterpret_cast<const char *>(data), size);

    SipParseError frameError = SipParseError::None;
    const std::size_t frame = SipParser::frameLength(input, frameError);
    check(frame <= size);
    check(frame == 0 || frameError == SipParseError::None);
    check(!sipParseErrorName(frameError).empty());

    static SipMessage message; // 5 KB: kept out of the stack frame of every run
    const SipParseError error = SipParser::parse(input, message);
    check(!sipParseErrorName(error).empty());
    if (error == SipParseError::None)
    {
        exerciseMessage(input, message);
    }
    if (frame > 0)
    {
        const std::string_view framed = input.substr(0, frame);
        if (SipParser::parse(framed, message) == SipParseError::None)
        {
            exerciseMessage(framed, message);
        }
    }
    return 0;
}
