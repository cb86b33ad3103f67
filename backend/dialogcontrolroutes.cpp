// SPDX-License-Identifier: GPL-3.0-or-later
// DialogControl's routes: which way an action would go and why it cannot (synchronous, what the
// console shows before the operator confirms), and the way of a bridge, which names no dialog.
// The routing of actions on dialogs is in dialogcontrol.cpp.
#include "backend/dialogcontrol.h"

#include <memory>

#include <QJsonArray>

#include "backend/proxyfeed.h"
#include "backend/sipua/embeddedactions.h"
#include "backend/sipua/embeddedbridge.h"

using namespace Qt::StringLiterals;

namespace
{
constexpr int Unavailable = 501;
constexpr int ProxyFailed = 502;
constexpr int Confirmed = 4;
constexpr int Deleted = 5;
constexpr int ConfirmedNoAck = 3;
} // namespace

QString DialogControl::withoutEmbeddedText(const DialogAction action)
{
    if (action == DialogAction::Bridge)
    {
        return u"dlg.bridge_dlg needs a proxy whose JSON-RPC can bridge (--rpc) or CallDeck's embedded SIP "
               u"user agent (--sip), which is not running; check the event log for why it did not start"_s;
    }
    return u"%1 on a dialog that only the mirror sees needs CallDeck's embedded SIP user agent (--sip), "
           u"which is not running; check the event log for why it did not start, or add the proxy's "
           u"JSON-RPC with --rpc to act through it"_s.arg(DialogActionInfo::methodName(action));
}

QString DialogControl::readOnlyText()
{
    return u"read-only mode: control actions are disabled (start CallDeck without --read-only, or turn "
           u"read-only off in the settings)"_s;
}

QString DialogControl::oneSideText(const QString &proxy)
{
    return u"proxy %1 can only end both legs (dlg.end_dlg); a BYE to one side needs the call on the "
           u"mirror (HEP) and CallDeck's embedded SIP user agent (--sip)"_s.arg(proxy);
}

QString DialogControl::noFeedText(const quint16 proxy) const
{
    return m_readOnlyFeeds.value(
        proxy, u"the feed of the dialog's proxy was removed; add it again in Settings → Proxies"_s);
}

QString DialogControl::whyNot(const DialogAction action, const DialogRow &row, const QString &side) const
{
    return route(action, row, side).whyNot;
}

DialogControl::Route DialogControl::route(const DialogAction action, const DialogRow &row,
                                          const QString &side) const
{
    Route r;
    const QString method = DialogActionInfo::methodName(action);
    if (m_readOnly)
    {
        r.whyNot = readOnlyText();
        return r;
    }
    if (action == DialogAction::Bridge)
    {
        // Click-to-dial: not tied to a dialog. The first proxy that can, else CallDeck's own UA.
        QString why = withoutEmbeddedText(action);
        for (const auto &p : m_proxies)
        {
            if (p && p->can(action, &why))
            {
                r.path = u"proxy %1 (%2)"_s.arg(p->name(), method);
                return r;
            }
        }
        if (m_bridge)
        {
            r.path = m_bridge->path();
            return r;
        }
        r.whyNot = why;
        return r;
    }
    const bool terminate = action == DialogAction::EndDialog || action == DialogAction::TerminateDialog;
    const int state = row.dialog.state;
    if (row.key == 0)
    {
        r.whyNot = u"no dialog is selected"_s;
        return r;
    }
    if (state == Deleted)
    {
        r.whyNot = u"the dialog has ended (state 5)"_s;
        return r;
    }
    if (terminate && state < ConfirmedNoAck)
    {
        r.whyNot = u"the call is not answered yet (state %1): only an answered call can be ended with a BYE; "
                   u"cancel it at the caller or on the proxy"_s.arg(state);
        return r;
    }
    if (action == DialogAction::Refer && state != Confirmed)
    {
        r.whyNot = u"REFER needs a confirmed dialog (state 4); this one is in state %1"_s.arg(state);
        return r;
    }
    const bool embeddable = terminate || action == DialogAction::Refer || action == DialogAction::SetTimeout;
    const bool onMirror = (row.key >> 63) == 0;
    if (row.proxy != 0)
    {
        const ProxyFeed *feed = m_proxies.value(row.proxy);
        QString why;
        bool can = false;
        if (!feed)
        {
            why = noFeedText(row.proxy);
        }
        else
        {
            can = feed->can(action, &why);
            if (can && terminate && (side == "caller"_L1 || side == "callee"_L1))
            {
                can = false;
                why = oneSideText(feed->name());
            }
        }
        if (can)
        {
            r.path = u"proxy %1 (%2)"_s.arg(feed->name(), method);
        }
        else if (embeddable && onMirror && m_embedded)
        {
            r.path = m_embedded->path(); // the way execute() falls back
        }
        else
        {
            r.whyNot = why;
        }
        return r;
    }
    switch (action)
    {
    case DialogAction::IsAlive:
    case DialogAction::SetProfile:
    case DialogAction::UnsetProfile:
    case DialogAction::SetVariable:
        r.path = u"CallDeck core"_s;
        return r;
    default:
        break;
    }
    if (embeddable && m_embedded)
    {
        r.path = m_embedded->path();
        return r;
    }
    r.whyNot = withoutEmbeddedText(action);
    return r;
}

void DialogControl::bridge(const ControlRequest &request, const Done &done)
{
    ProxyFeed *feed = nullptr;
    QString why = withoutEmbeddedText(DialogAction::Bridge);
    for (const auto &p : std::as_const(m_proxies))
    {
        if (p && (request.proxy == 0 || p->origin() == request.proxy))
        {
            if (p->can(DialogAction::Bridge, &why))
            {
                feed = p;
                break;
            }
        }
    }
    if (!feed && m_bridge)
    {
        EmbeddedBridge::Request b;
        b.from = request.bridgeFrom;
        b.to = request.bridgeTo;
        b.outboundProxy = request.bridgeOp;
        b.body = request.bridgeBody;
        auto answered = std::make_shared<bool>(false);
        QPointer<DialogControl> self(this);
        const QString path = m_bridge->path();
        m_bridge->start(
            b,
            [request, done, answered, path] {
                if (request.answerWhenSent && done)
                {
                    *answered = true;
                    ControlResult r;
                    r.ok = true;
                    r.path = path;
                    r.message = u"INVITE sent; the outcome goes to the event log"_s;
                    done(r);
                }
            },
            [self, request, done, answered](const ControlResult &result) {
                if (self)
                {
                    self->finish(request, result, *answered ? Done() : done);
                }
            });
        return;
    }
    if (!feed)
    {
        finish(request, ControlResult::failure(Unavailable, why), done);
        return;
    }
    QJsonArray params{request.bridgeFrom, request.bridgeTo};
    if (!request.bridgeOp.isEmpty() || request.bridgeBody != "."_L1)
    {
        params.append(request.bridgeOp.isEmpty() ? u"."_s : request.bridgeOp);
    }
    if (request.bridgeBody != "."_L1)
    {
        params.append(request.bridgeBody);
    }
    const QString path = u"proxy %1 (dlg.bridge_dlg)"_s.arg(feed->name());
    QPointer<DialogControl> self(this);
    feed->run(DialogAction::Bridge, params, [self, request, path, done](const RpcOutcome &outcome) {
        if (self)
        {
            ControlResult r;
            r.ok = outcome.ok;
            r.path = path;
            r.result = outcome.result;
            const bool remote = outcome.error.kind == RpcError::Kind::Remote && outcome.error.rpcCode > 0;
            r.code = outcome.ok ? 0 : (remote ? outcome.error.rpcCode : ProxyFailed);
            r.message = outcome.ok ? QString() : (remote ? outcome.error.message : outcome.error.toString());
            self->finish(request, r, done);
        }
    });
}
