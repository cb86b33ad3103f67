// SPDX-License-Identifier: GPL-3.0-or-later
// DialogEngine: loading a dialog from a stored row (the module's DB reload, §8.4), and the
// hooks for RPC context listings.
#include "dialogengine.h"

#include <charconv>

namespace calldeck::core
{

namespace
{

std::uint32_t toNumber(const std::optional<std::string> &s)
{
    std::uint32_t v = 0;
    if (s)
    {
        std::from_chars(s->data(), s->data() + s->size(), v);
    }
    return v;
}

} // namespace

Result<DialogHandle> DialogEngine::restore(const DialogSnapshot &row)
{
    if (row.state < 1 || row.state > 5)
    {
        return makeError(Error::Code::InvalidArgument, "stored dialog has no valid state");
    }
    if (row.callId.empty() || !row.caller.tag)
    {
        return makeError(Error::Code::InvalidArgument, "stored dialog lacks Call-ID or caller tag");
    }
    if (m_table.hashEntry(row.callId) != row.hEntry)
    {
        return makeError(Error::Code::InvalidArgument,
                         "stored h_entry does not match the Call-ID's hash: the row was written with a "
                         "different hash_size");
    }
    if (row.hId == 0 || m_table.findById(DialogId{row.hEntry, row.hId}) != 0)
    {
        return makeError(Error::Code::InvalidArgument, "stored h_id is 0 or already in use");
    }
    const std::uint32_t now = nowSeconds();
    const std::uint32_t index = m_table.allocate();
    DialogRecord &r = m_table.at(index);
    r.hEntry = row.hEntry;
    r.hId = row.hId;
    m_table.raiseHId(r.hEntry, r.hId);
    const bool answered = row.state >= 3 && row.state <= 5;
    std::string headerValues;
    m_headerColumns.encode(row.headers, headerValues);
    r.blob = DialogBlob::create(m_table.slab(),
                                {{DialogString::CallId, row.callId},
                                 {DialogString::FromUri, row.fromUri},
                                 {DialogString::ToUri, row.toUri},
                                 {DialogString::ReqUri, row.reqUri},
                                 {DialogString::CallerTag, *row.caller.tag},
                                 {DialogString::CallerContact, row.caller.contact.value_or(std::string())},
                                 {DialogString::CallerRouteSet, row.caller.routeSet.value_or(std::string())},
                                 {DialogString::TimeoutRoute, row.timeoutRoute},
                                 {DialogString::HeaderValues, headerValues}});
    if (answered && row.callee.tag)
    {
        r.blob =
            DialogBlob::update(m_table.slab(), r.blob,
                               {{DialogString::CalleeTag, *row.callee.tag},
                                {DialogString::CalleeContact, row.callee.contact.value_or(std::string())},
                                {DialogString::CalleeRouteSet, row.callee.routeSet.value_or(std::string())}});
        r.flags |= RecordFlag::CalleeLegSet;
        r.cseq[1] = toNumber(row.callee.cseq);
        r.socket[1] = m_table.internSocket(row.callee.socket.value_or(std::string()));
    }
    r.cseq[0] = toNumber(row.caller.cseq);
    r.inviteCseq = r.cseq[0];
    r.socket[0] = m_table.internSocket(row.caller.socket.value_or(std::string()));
    r.initTs = row.initTs ? row.initTs : now;
    r.startTs = row.startTs;
    r.sflags = row.sflags;
    r.iflags = static_cast<std::uint8_t>(row.iflags);
    r.dflags = static_cast<std::uint16_t>(row.dflags & ~(DFlag::New | DFlag::Changed));
    r.lastModified = row.lastModified ? row.lastModified : now;
    r.flags |= RecordFlag::IdFromWire;
    r.dbFlags |= DbFlag::Stored; // its row is in the store it came from
    // lifetime = timeout − start_time; the timer fires at the stored absolute time (at once if past).
    r.lifetime = row.lifetime
                     ? row.lifetime
                     : (row.timeout > row.startTs ? row.timeout - row.startTs : m_config.defaultTimeout);
    r.state = row.state;
    ++m_stateCount[r.state];
    m_table.link(index);
    if (row.state == 5)
    {
        // Deleted rows get end_ts = now so that the cleanup pass removes them.
        r.endTs = now;
        scheduleDestroy(index);
    }
    else
    {
        r.flags |= RecordFlag::Linked;
        if (row.state == 2)
        {
            ++m_stats.earlyDialogs;
        }
        if (row.state == 3 || row.state == 4)
        {
            ++m_stats.activeDialogs;
            m_timers.arm(index, row.timeout ? row.timeout : now + r.lifetime, TimerLifetime);
        }
        for (const auto &[name, value] : row.profiles)
        {
            const int p = m_profiles.find(name);
            if (p >= 0)
            {
                (void)m_profiles.add(r.profileHead, p, value.value_or(std::string()));
            }
        }
    }
    for (const auto &[key, value] : row.variables)
    {
        m_vars.set(r.varHead, key, value);
    }
    m_vars.markClean(r.varHead);
    if (row.state == 4)
    {
        keepAliveEnqueue(index); // keep-alive re-queued for state 4 (§8.4)
    }
    fire(index, Dlgcb::Loaded);
    return handle(index);
}

void DialogEngine::fireRpcContext(DialogHandle h, void *context)
{
    const std::uint32_t i = indexOf(h);
    if (i)
    {
        DialogCallbackParams p;
        p.type = Dlgcb::RpcContext;
        p.rpcContext = context;
        if (m_callbacks.wants(Dlgcb::RpcContext))
        {
            m_callbacks.run(handle(i), p);
        }
    }
}

} // namespace calldeck::core
