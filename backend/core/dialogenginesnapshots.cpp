// SPDX-License-Identifier: GPL-3.0-or-later
// DialogEngine: snapshots and listings (what dlg.list, dlg.stats_active and the console see).
#include "dialogengine.h"

#include "dialogjson.h"

#include <algorithm>

namespace calldeck::core
{

DialogSnapshot DialogEngine::makeSnapshot(std::uint32_t index) const
{
    const DialogRecord &r = m_table.at(index);
    const char *b = r.blob;
    DialogSnapshot s;
    s.hEntry = r.hEntry;
    s.hId = r.hId;
    const bool lifetimeArmed = r.timerExpiry != 0 && r.timerKind == TimerLifetime;
    s.ref = ((r.flags & RecordFlag::Linked) ? 1u : 0u) + (lifetimeArmed ? 1u : 0u) +
            (r.dialogState() == DialogState::Deleted ? 1u : 0u);
    s.callId = DialogBlob::get(b, DialogString::CallId);
    s.fromUri = DialogBlob::get(b, DialogString::FromUri);
    s.toUri = DialogBlob::get(b, DialogString::ToUri);
    s.reqUri = DialogBlob::get(b, DialogString::ReqUri);
    s.timeoutRoute = DialogBlob::get(b, DialogString::TimeoutRoute);
    s.state = r.state;
    s.startTs = r.startTs;
    s.initTs = r.initTs;
    s.endTs = r.endTs;
    if (r.endTs)
    {
        s.duration =
            static_cast<std::int64_t>(r.endTs) - r.startTs; // a failed call gives end_ts, as the module
    }
    else if (r.startTs)
    {
        s.duration = static_cast<std::int64_t>(nowSeconds()) - r.startTs;
    }
    s.timeout = lifetimeArmed ? r.timerExpiry : 0;
    s.lifetime = r.lifetime;
    s.dflags = r.dflags;
    s.sflags = r.sflags;
    s.iflags = r.iflags;
    s.lastModified = r.lastModified;
    auto leg = [&](DialogLegSnapshot &out, DialogString tag, DialogString contact, DialogString rs,
                   int legIndex) {
        if (DialogBlob::present(b, tag))
        {
            out.tag = std::string(DialogBlob::get(b, tag));
        }
        if (DialogBlob::present(b, contact))
        {
            out.contact = std::string(DialogBlob::get(b, contact));
        }
        if (DialogBlob::present(b, rs))
        {
            out.routeSet = std::string(DialogBlob::get(b, rs));
        }
        if (legIndex == 0 || (r.flags & RecordFlag::CalleeLegSet))
        {
            out.cseq = std::to_string(r.cseq[legIndex]);
        }
        if (r.socket[legIndex])
        {
            out.socket = std::string(m_table.socketText(r.socket[legIndex]));
        }
    };
    leg(s.caller, DialogString::CallerTag, DialogString::CallerContact, DialogString::CallerRouteSet, 0);
    leg(s.callee, DialogString::CalleeTag, DialogString::CalleeContact, DialogString::CalleeRouteSet, 1);
    m_profiles.forEachLink(r.profileHead, [&](int profile, std::string_view value) {
        if (m_profiles.hasValue(profile))
        {
            s.profiles.emplace_back(std::string(m_profiles.name(profile)), std::string(value));
        }
        else
        {
            s.profiles.emplace_back(std::string(m_profiles.name(profile)), std::nullopt);
        }
    });
    m_headerColumns.decode(DialogBlob::get(b, DialogString::HeaderValues), s.headers);
    m_vars.forEach(r.varHead, [&](std::string_view k, std::string_view v, std::uint16_t) {
        s.variables.emplace_back(std::string(k), std::string(v));
    });
    return s;
}

void DialogEngine::forEachProfileOf(
    DialogHandle h, const std::function<void(std::string_view, std::optional<std::string_view>)> &fn) const
{
    const std::uint32_t i = indexOf(h);
    if (!i)
    {
        return;
    }
    m_profiles.forEachLink(m_table.at(i).profileHead, [&](int profile, std::string_view value) {
        fn(m_profiles.name(profile),
           m_profiles.hasValue(profile) ? std::optional<std::string_view>(value) : std::nullopt);
    });
}

DialogSnapshot DialogEngine::snapshot(DialogHandle h) const
{
    const std::uint32_t i = indexOf(h);
    return i ? makeSnapshot(i) : DialogSnapshot{};
}

std::vector<DialogHandle> DialogEngine::list() const
{
    std::vector<std::uint32_t> indexes;
    indexes.reserve(m_table.liveCount());
    m_table.forEach([&](std::uint32_t i) { indexes.push_back(i); });
    std::sort(indexes.begin(), indexes.end(), [this](std::uint32_t a, std::uint32_t b) {
        const DialogRecord &x = m_table.at(a);
        const DialogRecord &y = m_table.at(b);
        return x.hEntry != y.hEntry ? x.hEntry < y.hEntry : x.createdSeq < y.createdSeq;
    });
    std::vector<DialogHandle> out;
    out.reserve(indexes.size());
    for (std::uint32_t i : indexes)
    {
        out.push_back(handle(i));
    }
    return out;
}

std::string DialogEngine::listJson(bool pretty) const
{
    std::string out;
    JsonWriter w(out, pretty);
    w.beginArray();
    for (DialogHandle h : list())
    {
        writeDialogJson(w, snapshot(h));
    }
    w.endArray();
    return out;
}

DialogActiveStats DialogEngine::activeStats(bool localOnly) const
{
    DialogActiveStats s;
    if (!localOnly)
    {
        s.starting = m_stateCount[1];
        s.connecting = m_stateCount[2];
        s.answering = m_stateCount[3];
        s.ongoing = m_stateCount[4];
        return s;
    }
    m_table.forEach([&](std::uint32_t i) {
        const DialogRecord &r = m_table.at(i);
        if (r.socket[0] == 0)
        {
            return; // no local caller socket: a replica or a foreign row
        }
        switch (r.dialogState())
        {
        case DialogState::Unconfirmed:
            ++s.starting;
            break;
        case DialogState::Early:
            ++s.connecting;
            break;
        case DialogState::ConfirmedNa:
            ++s.answering;
            break;
        case DialogState::Confirmed:
            ++s.ongoing;
            break;
        default:
            break;
        }
    });
    return s;
}

std::vector<DialogAgeCount> DialogEngine::countAged(const std::vector<DialogAgeQuery> &queries) const
{
    std::vector<DialogAgeCount> out(queries.size());
    if (queries.empty())
    {
        return out;
    }
    const std::uint32_t now = nowSeconds();
    m_table.forEach([&](std::uint32_t i) {
        const DialogRecord &r = m_table.at(i);
        countAgedDialog(queries, static_cast<std::uint8_t>(r.dialogState()), r.initTs, r.startTs, now, out);
    });
    return out;
}

} // namespace calldeck::core
