// SPDX-License-Identifier: GPL-3.0-or-later
#include "sipdialogfeed.h"

#include "corehash.h"
#include "dialogengine.h"
#include "didcodec.h"
#include "sipheaders.h"

namespace calldeck::core
{

namespace
{

std::uint32_t hash32(std::string_view s)
{
    if (s.empty())
    {
        return 0;
    }
    const std::uint64_t h = fastHash64(s);
    const auto v = static_cast<std::uint32_t>(h ^ (h >> 32));
    return v ? v : 1;
}

std::uint32_t mix(std::uint32_t a, std::uint32_t b, std::uint32_t c)
{
    std::uint64_t x =
        (static_cast<std::uint64_t>(a) << 32) ^ (static_cast<std::uint64_t>(b) * 0x9E3779B1u) ^ c;
    x ^= x >> 31;
    x *= 0x7fb5d329728ea185ull;
    x ^= x >> 27;
    const auto v = static_cast<std::uint32_t>(x ^ (x >> 32));
    return v ? v : 1;
}

std::uint32_t methodKey(const SipMessage &m)
{
    return m.method() == SipMethod::Other ? hash32(m.methodText()) : static_cast<std::uint32_t>(m.method());
}

/** Branches of the first two Via entries. */
void topBranches(const SipMessage &msg, std::string_view &first, std::string_view &second)
{
    int n = 0;
    msg.forEachHeader(SipHeaderId::Via, [&](const SipHeader &h) {
        if (n >= 2)
        {
            return;
        }
        forEachHeaderEntry(h.value, [&](std::string_view entry) {
            // Only the branch is needed: its parameters start at the first ';' (sent-protocol
            // and sent-by cannot hold one), no need to parse the whole Via.
            const auto semi = entry.find(';');
            if (semi != std::string_view::npos)
            {
                (n == 0 ? first : second) = findParam(entry.substr(semi), "branch");
            }
            return ++n < 2;
        });
    });
}

} // namespace

SipDialogFeed::SipDialogFeed(DialogEngine &engine)
    : m_engine(engine)
{}

void SipDialogFeed::collect(const SipMessage &msg, SipHeaderId id, RouteList &out)
{
    out.count = 0;
    msg.forEachHeader(id, [&](const SipHeader &h) {
        forEachHeaderEntry(h.value, [&](std::string_view entry) {
            if (out.count >= MaxRoutes)
            {
                return false; // the module keeps at most 64 entries too
            }
            out.entries[out.count++] = entry;
            return true;
        });
    });
}

std::string SipDialogFeed::join(const RouteList &list, std::size_t begin, std::size_t end, bool reverse)
{
    std::string out;
    for (std::size_t k = begin; k < end; ++k)
    {
        const std::size_t i = reverse ? (end - 1 - (k - begin)) : k;
        if (!out.empty())
        {
            out += ',';
        }
        out += list.entries[i];
    }
    return out;
}

std::size_t SipDialogFeed::ownEntries(const RouteList &rr, std::size_t begin, std::uint32_t hEntry,
                                      std::uint32_t &hId) const
{
    std::size_t n = begin;
    const std::string &param = m_engine.m_config.rrParam;
    for (; n < rr.count; ++n)
    {
        SipNameAddr na;
        bool found = false;
        if (!parseNameAddr(rr.entries[n], na))
        {
            break;
        }
        const std::string_view did = findParam(uriParams(na.uri), param, &found);
        const auto id = found ? DidCodec::decode(did) : std::nullopt;
        if (!id || id->hEntry != hEntry || (n > begin && id->hId != hId))
        {
            break;
        }
        hId = id->hId;
    }
    return n - begin;
}

void SipDialogFeed::adopt(std::uint32_t index, std::uint32_t hId)
{
    DialogRecord &r = m_engine.m_table.at(index);
    if (hId == 0 || !m_engine.m_config.adoptWireIds || (r.flags & RecordFlag::IdFromWire))
    {
        return;
    }
    m_engine.m_table.rekey(index, hId);
    m_engine.m_table.raiseHId(r.hEntry, hId);
    r.flags |= RecordFlag::IdFromWire;
}

FeedResult SipDialogFeed::process(const SipMessage &msg, const PacketMeta &meta)
{
    if (msg.isResponse())
    {
        return reply(msg, meta);
    }
    if (msg.to().tag.empty())
    {
        if (msg.method() == SipMethod::Invite)
        {
            return initialInvite(msg, meta);
        }
        ++m_engine.m_feed.ignored; // CANCEL, REGISTER, OPTIONS, MESSAGE ... outside dialogs
        return FeedResult{FeedOutcome::Ignored, {}, SipParseError::None};
    }
    return sequential(msg);
}

FeedResult SipDialogFeed::initialInvite(const SipMessage &msg, const PacketMeta &meta)
{
    DialogEngine &e = m_engine;
    const std::string_view callId = msg.callId();
    const std::string_view fromTag = msg.from().tag;
    if (fromTag.empty())
    {
        ++e.m_feed.rejectedCreations;
        return FeedResult{FeedOutcome::Rejected, {}, SipParseError::None};
    }
    const std::uint32_t hEntry = e.m_table.hashEntry(callId);
    RouteList rr;
    collect(msg, SipHeaderId::RecordRoute, rr);
    std::uint32_t wireId = 0;
    const std::size_t own = e.m_config.matchMode == 2 ? 0 : ownEntries(rr, 0, hEntry, wireId);
    std::string_view b1, b2;
    topBranches(msg, b1, b2);
    const std::uint32_t h1 = hash32(b1);
    const std::uint32_t h2 = hash32(b2);

    // Another copy of an INVITE already seen — the retransmission, or the forwarded copy whose
    // second Via is the first copy's top Via — is a twin, even when its dialog has ended (tm
    // absorbs a retransmission that arrives after the failure). Any other INVITE with this
    // Call-ID and From tag while the dialog lives is a spiral; after it ended, a new dialog.
    const auto isTwin = [&](const DialogRecord &r) {
        return (h1 && h1 == r.inviteBranchHash) || (h2 && h2 == r.inviteBranchHash) ||
               (h1 && h1 == r.inviteBranch2Hash);
    };
    std::uint32_t live = 0;
    const std::uint32_t twin = e.m_table.findByCallId(callId, [&](std::uint32_t i) {
        if (e.m_table.str(i, DialogString::CallerTag) != fromTag)
        {
            return false;
        }
        const DialogRecord &r = e.m_table.at(i);
        if (r.dialogState() != DialogState::Deleted && !live)
        {
            live = i;
        }
        return isTwin(r);
    });
    if (twin != 0)
    {
        adopt(twin, wireId);
        ++e.m_feed.mirrorTwins;
        return FeedResult{FeedOutcome::Duplicate, e.handle(twin), SipParseError::None};
    }
    if (live != 0)
    {
        adopt(live, wireId);
        if (e.m_config.detectSpirals)
        {
            ++e.m_feed.spirals;
            e.fire(live, Dlgcb::Spiraled, &msg, nullptr, DialogDirection::Downstream);
            return FeedResult{FeedOutcome::Spiral, e.handle(live), SipParseError::None};
        }
    }

    // The module refuses an INVITE with no Contact or with more than one.
    std::size_t contacts = 0;
    msg.forEachHeader(SipHeaderId::Contact, [&](const SipHeader &h) {
        forEachHeaderEntry(h.value, [&](std::string_view) {
            ++contacts;
            return true;
        });
    });
    if (contacts != 1)
    {
        ++e.m_feed.rejectedCreations;
        return FeedResult{FeedOutcome::Rejected, {}, SipParseError::None};
    }
    // Caller route set: the Record-Route as the proxy received it (the forwarded copy's own
    // entries on top are not part of it). The caller's socket is where the proxy received it.
    const std::string routeSet = join(rr, own, rr.count, false);
    const std::uint16_t socket = e.m_table.internSocket(meta.transport, own ? meta.src : meta.dst);
    const std::uint32_t hId = e.m_config.adoptWireIds ? wireId : 0;
    const std::uint32_t index =
        e.createDialog(msg, meta, hId, routeSet, static_cast<std::uint8_t>(rr.count - own), socket);
    DialogRecord &r = e.m_table.at(index);
    r.inviteBranchHash = h1;
    r.inviteBranch2Hash = h2;
    return FeedResult{FeedOutcome::Created, e.handle(index), SipParseError::None};
}

std::size_t SipDialogFeed::replyOwnEntries(const SipMessage &msg, std::uint32_t index, RouteList &rr,
                                           std::size_t &ownBegin)
{
    collect(msg, SipHeaderId::RecordRoute, rr);
    ownBegin = rr.count;
    if (m_engine.m_config.matchMode == 2)
    {
        return 0;
    }
    // The proxy's own entries are the ones whose did names this dialog's bucket.
    const std::uint32_t hEntry = m_engine.m_table.at(index).hEntry;
    for (std::size_t k = 0; k < rr.count; ++k)
    {
        std::uint32_t wireId = 0;
        const std::size_t n = ownEntries(rr, k, hEntry, wireId);
        if (n)
        {
            ownBegin = k;
            adopt(index, wireId);
            return n;
        }
    }
    return 0;
}

FeedResult SipDialogFeed::reply(const SipMessage &msg, const PacketMeta &meta)
{
    DialogEngine &e = m_engine;
    const SipCSeq &cseq = msg.cseq();
    const std::string_view callId = msg.callId();
    const std::string_view fromTag = msg.from().tag;
    const std::string_view toTag = msg.to().tag;

    if (cseq.method == SipMethod::Invite)
    {
        // The initial INVITE's transaction: From tag is the caller's, CSeq the INVITE's.
        std::uint32_t fallback = 0;
        const std::uint32_t index = e.m_table.findByCallId(callId, [&](std::uint32_t i) {
            const DialogRecord &r = e.m_table.at(i);
            if (e.m_table.str(i, DialogString::CallerTag) != fromTag || r.inviteCseq != cseq.number)
            {
                return false;
            }
            if (r.dialogState() != DialogState::Deleted)
            {
                return true;
            }
            fallback = fallback ? fallback : i;
            return false;
        });
        const std::uint32_t target = index ? index : fallback;
        if (target != 0)
        {
            DialogRecord &r = e.m_table.at(target);
            const std::uint32_t sig =
                mix(static_cast<std::uint32_t>(msg.statusCode()), cseq.number, hash32(toTag));
            if (sig == r.lastReplySig)
            {
                ++e.m_feed.mirrorTwins;
                return FeedResult{FeedOutcome::Duplicate, e.handle(target), SipParseError::None};
            }
            r.lastReplySig = sig;
            const int code = msg.statusCode();
            FeedOutcome outcome = FeedOutcome::Ignored;
            if (code < 101)
            {
                ++e.m_feed.ignored; // 100 Trying never reaches the module
            }
            else if (code < 200)
            {
                if (!(r.flags & RecordFlag::IdFromWire))
                {
                    RouteList rr;
                    std::size_t ownBegin = 0;
                    replyOwnEntries(msg, target, rr, ownBegin); // adopts the proxy's h_id
                }
                outcome = e.onProvisional(target, msg);
            }
            else if (code < 300)
            {
                RouteList rr;
                std::size_t ownBegin = 0;
                const std::size_t ownCount = replyOwnEntries(msg, target, rr, ownBegin);
                std::size_t above;
                if (ownCount)
                {
                    above = (e.m_config.keepProxyRr & 1) ? ownBegin + ownCount : ownBegin;
                }
                else
                {
                    // No cookie: skip the caller-side entries and the proxy's own one.
                    const std::size_t skip = e.m_table.at(target).fromRrCount + 1u;
                    above = rr.count > skip ? rr.count - skip : 0;
                }
                const std::string routeSet = join(rr, 0, above, true);
                // The proxy's socket is the reply's source on the relayed copy (same socket as
                // the caller's), its destination on the copy the callee sent.
                std::uint16_t socket = e.m_table.internSocket(meta.transport, meta.src);
                if (socket != e.m_table.at(target).socket[0])
                {
                    socket = e.m_table.internSocket(meta.transport, meta.dst);
                }
                outcome = e.onAnswer(target, msg, routeSet, socket);
            }
            else
            {
                outcome = e.onFailure(target, msg);
            }
            if (code > 100 && e.valid(e.handle(target)))
            {
                // tm runs RESPONSE_FWDED after RESPONSE_READY: the state change comes first.
                e.fire(target, Dlgcb::ResponseFwded, nullptr, &msg, DialogDirection::Upstream);
            }
            return FeedResult{outcome, e.handle(target), SipParseError::None};
        }
    }
    if (cseq.method == SipMethod::Cancel || toTag.empty())
    {
        ++e.m_feed.ignored;
        return FeedResult{FeedOutcome::Ignored, {}, SipParseError::None};
    }
    // A reply within the dialog (re-INVITE, BYE, UPDATE, ...).
    const std::uint32_t index = findByTags(callId, fromTag, toTag);
    if (index == 0)
    {
        ++e.m_feed.unmatched;
        return FeedResult{FeedOutcome::Unmatched, {}, SipParseError::None};
    }
    DialogRecord &r = e.m_table.at(index);
    const std::uint32_t sig = mix(static_cast<std::uint32_t>(msg.statusCode()), cseq.number,
                                  mix(static_cast<std::uint32_t>(cseq.method), hash32(fromTag), 7));
    if (sig == r.lastReplySig)
    {
        ++e.m_feed.mirrorTwins;
        return FeedResult{FeedOutcome::Duplicate, e.handle(index), SipParseError::None};
    }
    r.lastReplySig = sig;
    if (cseq.method == SipMethod::Bye)
    {
        return FeedResult{e.onByeReply(index, msg), e.handle(index), SipParseError::None};
    }
    const DialogDirection dir = e.m_table.str(index, DialogString::CallerTag) == fromTag
                                    ? DialogDirection::Downstream
                                    : DialogDirection::Upstream;
    e.fire(index, Dlgcb::ResponseWithin, nullptr, &msg, dir);
    return FeedResult{FeedOutcome::Updated, e.handle(index), SipParseError::None};
}

std::uint32_t SipDialogFeed::findByTags(std::string_view callId, std::string_view fromTag,
                                        std::string_view toTag) const
{
    const DialogTable &t = m_engine.m_table;
    std::uint32_t partial = 0;
    const std::uint32_t full = t.findByCallId(callId, [&](std::uint32_t i) {
        const std::string_view t0 = t.str(i, DialogString::CallerTag);
        const std::string_view t1 = t.str(i, DialogString::CalleeTag);
        if (!t1.empty() && ((t0 == fromTag && t1 == toTag) || (t0 == toTag && t1 == fromTag)))
        {
            return true;
        }
        if (t1.empty() && (t0 == fromTag || t0 == toTag) && (!partial || t.at(i).live()))
        {
            partial = i;
        }
        return false;
    });
    return full ? full : partial;
}

bool SipDialogFeed::tightMatch(std::uint32_t index, const SipMessage &msg) const
{
    const DialogTable &t = m_engine.m_table;
    if (t.str(index, DialogString::CallId) != msg.callId())
    {
        return false;
    }
    const std::string_view t0 = t.str(index, DialogString::CallerTag);
    const std::string_view t1 = t.str(index, DialogString::CalleeTag);
    const std::string_view f = msg.from().tag;
    const std::string_view to = msg.to().tag;
    if (t1.empty())
    {
        return t0 == f || t0 == to;
    }
    return (t0 == f && t1 == to) || (t0 == to && t1 == f);
}

std::uint32_t SipDialogFeed::findByDid(const SipMessage &msg, bool &didPresent) const
{
    didPresent = false;
    RouteList routes;
    collect(msg, SipHeaderId::Route, routes);
    const std::string &param = m_engine.m_config.rrParam;
    for (std::size_t k = 0; k < routes.count; ++k)
    {
        SipNameAddr na;
        bool found = false;
        if (!parseNameAddr(routes.entries[k], na))
        {
            continue;
        }
        const std::string_view did = findParam(uriParams(na.uri), param, &found);
        if (!found)
        {
            continue;
        }
        didPresent = true;
        const auto id = DidCodec::decode(did);
        if (!id)
        {
            return 0;
        }
        const std::uint32_t index = m_engine.m_table.findById(*id);
        return (index && tightMatch(index, msg)) ? index : 0;
    }
    return 0;
}

DialogDirection SipDialogFeed::direction(std::uint32_t index, const SipMessage &msg) const
{
    const std::string_view callerTag = m_engine.m_table.str(index, DialogString::CallerTag);
    return (msg.from().tag != callerTag && msg.to().tag == callerTag) ? DialogDirection::Upstream
                                                                      : DialogDirection::Downstream;
}

std::uint32_t SipDialogFeed::requestSig(std::uint32_t index, const SipMessage &msg) const
{
    return mix(methodKey(msg), msg.cseq().number, static_cast<std::uint32_t>(direction(index, msg)));
}

FeedResult SipDialogFeed::sequential(const SipMessage &msg)
{
    DialogEngine &e = m_engine;
    const std::uint8_t mode = e.m_config.matchMode;
    std::uint32_t index = 0;
    bool didPresent = false;
    if (mode != 2)
    {
        index = findByDid(msg, didPresent);
    }
    if (index == 0 && mode != 0)
    {
        index = findByTags(msg.callId(), msg.from().tag, msg.to().tag);
    }
    if (index == 0)
    {
        // With did-only matching the module ignores a request without the cookie. On a mirror
        // that is usually the forwarded twin (its Route was consumed): count it as a twin, not
        // as a stray request, but never apply it.
        const std::uint32_t twin = mode == 0 ? findByTags(msg.callId(), msg.from().tag, msg.to().tag) : 0;
        if (twin && e.m_table.at(twin).lastRequestSig == requestSig(twin, msg))
        {
            ++e.m_feed.mirrorTwins;
            return FeedResult{FeedOutcome::Duplicate, e.handle(twin), SipParseError::None};
        }
        ++e.m_feed.unmatched;
        return FeedResult{FeedOutcome::Unmatched, {}, SipParseError::None};
    }
    DialogRecord &r = e.m_table.at(index);
    const DialogDirection dir = direction(index, msg);
    const std::uint32_t sig = requestSig(index, msg);
    if (sig == r.lastRequestSig)
    {
        ++e.m_feed.mirrorTwins;
        return FeedResult{FeedOutcome::Duplicate, e.handle(index), SipParseError::None};
    }
    r.lastRequestSig = sig;
    return FeedResult{e.onRequest(index, msg, dir), e.handle(index), SipParseError::None};
}

} // namespace calldeck::core
