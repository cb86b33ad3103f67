// SPDX-License-Identifier: GPL-3.0-or-later
// DialogEngine: the module's reactions to SIP events (creation, replies to the initial
// INVITE, sequential requests), each applying the transition table with its side effects.
#include "dialogengine.h"

#include "sipheaders.h"

namespace calldeck::core
{

namespace
{

/** The URI of the first Contact entry (the module keeps one Contact per leg). */
std::string_view firstContactUri(const SipMessage &msg)
{
    std::string_view contact;
    msg.forEachHeader(SipHeaderId::Contact, [&](const SipHeader &h) {
        if (contact.empty())
        {
            forEachHeaderEntry(h.value, [&](std::string_view entry) {
                SipNameAddr na;
                if (parseNameAddr(entry, na))
                {
                    contact = na.uri;
                }
                return false;
            });
        }
    });
    return contact;
}

} // namespace

std::uint32_t DialogEngine::createDialog(const SipMessage &invite, const PacketMeta &meta, std::uint32_t hId,
                                         std::string_view callerRouteSet, std::uint8_t fromRrCount,
                                         std::uint16_t callerSocket)
{
    (void)meta;
    const std::uint32_t index = m_table.allocate();
    DialogRecord &r = m_table.at(index);
    r.hEntry = m_table.hashEntry(invite.callId());
    if (hId != 0)
    {
        r.flags |= RecordFlag::IdFromWire;
        const std::uint32_t holder = m_table.findById(DialogId{r.hEntry, hId});
        if (holder != 0)
        {
            m_table.rekey(holder, m_table.nextHId(r.hEntry));
        }
        m_table.raiseHId(r.hEntry, hId);
        r.hId = hId;
    }
    else
    {
        do
        {
            r.hId = m_table.nextHId(r.hEntry);
        } while (m_table.findById(DialogId{r.hEntry, r.hId}) != 0);
    }
    const std::string_view contact = firstContactUri(invite);
    std::string headerValues; // stays empty (no allocation) unless header columns are configured
    m_headerColumns.capture(invite, headerValues);
    r.blob = DialogBlob::create(m_table.slab(), {{DialogString::CallId, invite.callId()},
                                                 {DialogString::FromUri, invite.from().uri},
                                                 {DialogString::ToUri, invite.to().uri},
                                                 {DialogString::ReqUri, invite.requestUri()},
                                                 {DialogString::CallerTag, invite.from().tag},
                                                 {DialogString::CallerContact, contact},
                                                 {DialogString::CallerRouteSet, callerRouteSet},
                                                 {DialogString::HeaderValues, headerValues}});
    r.cseq[0] = invite.cseq().number;
    r.inviteCseq = invite.cseq().number;
    r.lifetime = m_config.defaultTimeout;
    r.iflags = m_config.sendByeOnTimeout ? IFlag::TimeoutBye : 0;
    r.initTs = nowSeconds();
    r.lastModified = r.initTs;
    r.dflags = DFlag::Tm;
    r.flags |= RecordFlag::Linked;
    r.fromRrCount = fromRrCount;
    r.socket[0] = callerSocket;
    r.state = static_cast<std::uint8_t>(DialogState::Unconfirmed);
    ++m_stateCount[r.state];
    m_table.link(index);
    ++m_stats.processedDialogs;
    fire(index, Dlgcb::Created, &invite, nullptr, DialogDirection::Downstream);
    return index;
}

FeedOutcome DialogEngine::onProvisional(std::uint32_t index, const SipMessage &reply)
{
    const DialogState from = m_table.at(index).dialogState();
    const DialogTransition t = nextDialogState(from, DialogEvent::Rpl1xx);
    if (t.kind == DialogTransition::Kind::Bogus)
    {
        ++m_feed.bogusEvents; // e.g. a 180 relayed after the 200: seen on real Kamailio
        return FeedOutcome::Bogus;
    }
    if (from == DialogState::Unconfirmed)
    {
        ++m_stats.earlyDialogs;
        setStateRaw(index, DialogState::Early);
    }
    fire(index, Dlgcb::Early, nullptr, &reply, DialogDirection::Upstream);
    return FeedOutcome::Updated;
}

FeedOutcome DialogEngine::onAnswer(std::uint32_t index, const SipMessage &reply,
                                   std::string_view calleeRouteSet, std::uint16_t calleeSocket)
{
    DialogRecord &r = m_table.at(index);
    const DialogState from = r.dialogState();
    const DialogTransition t =
        nextDialogState(from, DialogEvent::Rpl2xx, r.dflags & DFlag::HasBye, r.dflags & DFlag::DmqDeleted);
    if (!t.changes(from))
    {
        return FeedOutcome::Duplicate; // retransmission, forked 2xx, or a 2xx after the BYE
    }
    if (t.revive)
    {
        // A late 2xx after a failure/CANCEL race: the table takes its reference back.
        m_timers.disarm(index);
        r.endTs = 0;
        r.flags |= RecordFlag::Linked;
        log(LogLevel::Warning, "dialog revived by a late 2xx: " + std::string(reply.callId()));
    }
    if (!(r.flags & RecordFlag::CalleeLegSet))
    {
        const std::string_view contact = firstContactUri(reply);
        r.blob = DialogBlob::update(m_table.slab(), r.blob,
                                    {{DialogString::CalleeTag, reply.to().tag},
                                     {DialogString::CalleeContact, contact},
                                     {DialogString::CalleeRouteSet, calleeRouteSet}});
        r.cseq[1] = 0;
        r.socket[1] = calleeSocket;
        r.flags |= RecordFlag::CalleeLegSet;
    }
    r.startTs = nowSeconds();
    markDb(index, DFlag::New);
    if (from == DialogState::Early)
    {
        --m_stats.earlyDialogs;
    }
    ++m_stats.activeDialogs;
    ++m_stats.answeredDialogs;
    setStateRaw(index, DialogState::ConfirmedNa);
    armLifetime(index, r.lifetime);
    fire(index, Dlgcb::ConfirmedNa, nullptr, &reply, DialogDirection::Upstream);
    return FeedOutcome::Updated;
}

FeedOutcome DialogEngine::onFailure(std::uint32_t index, const SipMessage &reply)
{
    const DialogState from = m_table.at(index).dialogState();
    const DialogTransition t = nextDialogState(from, DialogEvent::Rpl3xx);
    if (t.kind == DialogTransition::Kind::Bogus)
    {
        ++m_feed.bogusEvents;
        return FeedOutcome::Bogus;
    }
    if (from == DialogState::Early)
    {
        --m_stats.earlyDialogs;
    }
    ++m_stats.failedDialogs;
    enterDeleted(index);
    fire(index, Dlgcb::Failed, nullptr, &reply, DialogDirection::Upstream);
    return FeedOutcome::Updated;
}

FeedOutcome DialogEngine::onRequest(std::uint32_t index, const SipMessage &req, DialogDirection dir)
{
    DialogRecord &r = m_table.at(index);
    const DialogState from = r.dialogState();
    DialogEvent event = DialogEvent::Req;
    switch (req.method())
    {
    case SipMethod::Ack:
        event = DialogEvent::ReqAck;
        break;
    case SipMethod::Bye:
        event = DialogEvent::ReqBye;
        break;
    case SipMethod::Prack:
        event = DialogEvent::ReqPrack;
        break;
    default:
        break;
    }
    const bool replica = (r.iflags & IFlag::DmqSync) && !(r.dflags & DFlag::Tm);
    const DialogTransition t =
        nextDialogState(from, event, r.dflags & DFlag::HasBye, r.dflags & DFlag::DmqDeleted, replica);
    if (t.kind == DialogTransition::Kind::Bogus)
    {
        ++m_feed.bogusEvents;
        return FeedOutcome::Bogus;
    }
    if (t.setPrack)
    {
        r.iflags |= IFlag::Prack;
    }
    r.lastModified = nowSeconds();

    if (event == DialogEvent::ReqBye)
    {
        if (!t.changes(from))
        {
            return from == DialogState::Early ? FeedOutcome::Ignored : FeedOutcome::Duplicate;
        }
        r.dflags |= DFlag::HasBye;
        m_timers.disarm(index);
        --m_stats.activeDialogs;
        enterDeleted(index);
        r.flags |= RecordFlag::TerminatedFired;
        fire(index, Dlgcb::Terminated, &req, nullptr, dir);
        return FeedOutcome::Updated;
    }
    if (event == DialogEvent::ReqAck && t.changes(from))
    {
        setStateRaw(index, DialogState::Confirmed);
        markDb(index, DFlag::Changed);
        armLifetime(index, r.lifetime);
        keepAliveEnqueue(index);
        fire(index, Dlgcb::Confirmed, &req, nullptr, dir);
        return FeedOutcome::Updated;
    }
    // Any other sequential request (or an ACK/PRACK that keeps the state): timer reset,
    // CSeq/Contact refresh and REQ_WITHIN, only while early or confirmed.
    const DialogState s = r.dialogState();
    if (s != DialogState::Early && s != DialogState::Confirmed)
    {
        return FeedOutcome::Duplicate;
    }
    if (s == DialogState::Confirmed && !m_config.timeoutNoReset && !(r.iflags & IFlag::TimerNoReset))
    {
        armLifetime(index, r.lifetime);
    }
    const int leg = dir == DialogDirection::Upstream ? 1 : 0;
    if (req.method() != SipMethod::Ack)
    {
        r.cseq[leg] = req.cseq().number;
    }
    if (req.method() == SipMethod::Invite)
    {
        const std::string_view contact = firstContactUri(req);
        const DialogString field = leg ? DialogString::CalleeContact : DialogString::CallerContact;
        if (!contact.empty() && contact != DialogBlob::get(r.blob, field))
        {
            r.blob = DialogBlob::update(m_table.slab(), r.blob, {{field, contact}});
        }
    }
    markDb(index, DFlag::Changed);
    fire(index, Dlgcb::ReqWithin, &req, nullptr, dir);
    return FeedOutcome::Updated;
}

FeedOutcome DialogEngine::onByeReply(std::uint32_t index, const SipMessage &reply)
{
    DialogRecord &r = m_table.at(index);
    if (reply.statusCode() < 200 || r.dialogState() != DialogState::Deleted || r.byeReplies != 0)
    {
        return FeedOutcome::Duplicate;
    }
    r.byeReplies = 1;
    fire(index, Dlgcb::TerminatedConfirmed, nullptr, &reply, DialogDirection::None);
    return FeedOutcome::Updated;
}

} // namespace calldeck::core
