// SPDX-License-Identifier: GPL-3.0-or-later
// DialogEngine: the module's keep-alive OPTIONS (§6.6 of the reference) — the queue of
// confirmed dialogs with ka-src/ka-dst, the OPTIONS requests handed to the request sink, and
// the failure counting on their replies.
#include "dialogengine.h"

#include <algorithm>

namespace calldeck::core
{

void DialogEngine::keepAliveEnqueue(std::uint32_t index)
{
    if (!keepAliveOn())
    {
        return;
    }
    DialogRecord &r = m_table.at(index);
    if (!(r.iflags & (IFlag::KaSrc | IFlag::KaDst)) || (r.flags & RecordFlag::KaQueued))
    {
        return;
    }
    r.flags |= RecordFlag::KaQueued;
    m_kaQueue.push_back(KeepAliveItem{index, r.createdSeq, nowSeconds() + m_config.kaInterval});
}

void DialogEngine::keepAliveScan()
{
    const std::uint32_t now = nowSeconds();
    // Entries are re-queued for now + ka_interval (≥ 30 s), so this loop ends with the queue's
    // first entry in the future, as dlg_ka_run does.
    while (!m_kaQueue.empty() && m_kaQueue.front().due <= now)
    {
        KeepAliveItem item = m_kaQueue.front();
        m_kaQueue.pop_front();
        std::uint32_t i = indexOf(DialogHandle{item.index, item.seq});
        if (!i)
        {
            continue; // the dialog is gone
        }
        if (m_table.at(i).dialogState() == DialogState::Confirmed && m_requestSink)
        {
            // One snapshot for both legs; the sink may call back into the engine between them.
            const DialogSnapshot snap = makeSnapshot(i);
            for (const DialogLeg leg : {DialogLeg::Caller, DialogLeg::Callee})
            {
                i = indexOf(DialogHandle{item.index, item.seq});
                const std::uint8_t want = leg == DialogLeg::Caller ? IFlag::KaSrc : IFlag::KaDst;
                if (i && (m_table.at(i).iflags & want) &&
                    m_table.at(i).dialogState() == DialogState::Confirmed)
                {
                    sendKeepAlive(i, leg, snap);
                }
            }
            i = indexOf(DialogHandle{item.index, item.seq});
            if (!i)
            {
                continue;
            }
        }
        DialogRecord &r = m_table.at(i);
        if (r.dialogState() == DialogState::Deleted || !(r.iflags & (IFlag::KaSrc | IFlag::KaDst)))
        {
            // Dropped; a later ka-src/ka-dst on a confirmed dialog queues it again.
            r.flags = static_cast<std::uint8_t>(r.flags & ~RecordFlag::KaQueued);
            continue;
        }
        item.due = now + m_config.kaInterval;
        m_kaQueue.push_back(item);
    }
}

void DialogEngine::sendKeepAlive(std::uint32_t index, DialogLeg leg, const DialogSnapshot &snap)
{
    const DialogRecord &r = m_table.at(index);
    LocalRequest lr;
    lr.dialog = handle(index);
    lr.id = DialogId{r.hEntry, r.hId};
    lr.leg = leg;
    lr.method = "OPTIONS";
    lr.spec.method = "OPTIONS";
    lr.spec.target = leg;
    lr.spec.cseqRule = CSeqRule::KeepAlive;
    lr.spec.viaBranch = "z9hG4bKcdka";
    // Only lreq_callee_headers (towards the callee); dlg_extra_hdrs is not added to keep-alives.
    if (leg == DialogLeg::Callee && !m_config.calleeHeaders.empty())
    {
        lr.spec.extraHeaders = m_config.calleeHeaders;
        if (lr.spec.extraHeaders.back() != '\n')
        {
            lr.spec.extraHeaders += "\r\n";
        }
    }
    auto built = buildInDialogRequest(snap, lr.spec);
    if (!built)
    {
        log(LogLevel::Warning,
            "keep-alive OPTIONS not built for " + std::string(snap.callId) + ": " + built.error().detail);
        return;
    }
    lr.request = std::move(built).value();
    lr.cseq = lr.request.cseq;
    m_requestSink(lr);
}

void DialogEngine::keepAliveReply(DialogHandle h, DialogLeg leg, int statusCode)
{
    const std::uint32_t i = indexOf(h);
    if (!i || statusCode < 200)
    {
        return;
    }
    DialogRecord &r = m_table.at(i);
    if (r.dialogState() != DialogState::Confirmed)
    {
        return; // the module only updates confirmed dialogs
    }
    const int side = leg == DialogLeg::Caller ? 0 : 1;
    if (statusCode != 408 && statusCode != 481)
    {
        r.kaFailures[side] = 0; // any other final reply, even 4xx/5xx
        return;
    }
    if (statusCode == 408 && side == 1 && !(r.flags & RecordFlag::CalleeLegSet))
    {
        // The module ignores a 408 while that side's CSeq *text* is empty. The callee's is "0"
        // from the 2xx on, so only a leg never filled counts as empty (a numeric 0 does not).
        return;
    }
    if (r.kaFailures[side] < 255)
    {
        ++r.kaFailures[side];
    }
    const std::uint32_t limit = std::min<std::uint32_t>(m_config.kaFailedLimit, 255);
    if (r.kaFailures[side] >= limit)
    {
        // The dialog expires 10 s later (with BYEs only if timeout-BYE is on).
        r.lifetime = 10;
        markDb(i, DFlag::Changed);
        armLifetime(i, 10);
        log(LogLevel::Info, "keep-alive failed " + std::to_string(r.kaFailures[side]) +
                                " time(s) towards the " + (side ? "callee" : "caller") +
                                ": lifetime 10 s for " + std::string(m_table.str(i, DialogString::CallId)));
    }
}

} // namespace calldeck::core
