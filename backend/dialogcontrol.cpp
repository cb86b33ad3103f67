// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/dialogcontrol.h"

#include <future>

#include <QJsonArray>
#include <QThread>

#include "backend/core/dialogengine.h"
#include "backend/coreworker.h"
#include "backend/eventlog.h"
#include "backend/logging.h"
#include "backend/proxyfeed.h"
#include "backend/sipua/embeddedactions.h"
#include "backend/sipua/embeddedbridge.h"

using namespace Qt::StringLiterals;
using calldeck::core::DialogHandle;

namespace
{

constexpr int NotFound = 404;
constexpr int ReadOnly = 403;
constexpr int Unavailable = 501;
constexpr int ProxyFailed = 502;
constexpr int TimedOut = 504;
constexpr int Busy = 409;

QString fromStd(const std::string &s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

QString tagOf(const std::optional<std::string> &tag)
{
    return tag ? fromStd(*tag) : QString();
}

bool isTerminate(const DialogAction action)
{
    return action == DialogAction::EndDialog || action == DialogAction::TerminateDialog;
}

/// EndDialog/TerminateDialog to one leg only ("caller" or "callee").
bool oneSide(const ControlRequest &request)
{
    return isTerminate(request.action) && (request.side == "caller"_L1 || request.side == "callee"_L1);
}

} // namespace

DialogControl::DialogControl(CoreWorker &worker, EventLog *log, QObject *parent)
    : QObject(parent)
    , m_worker(worker)
    , m_log(log)
{}

DialogControl::~DialogControl() = default;

void DialogControl::addProxy(ProxyFeed *feed)
{
    m_proxies.insert(feed->origin(), feed);
}

void DialogControl::removeProxy(const quint16 proxy)
{
    m_proxies.remove(proxy);
    m_readOnlyFeeds.remove(proxy);
}

void DialogControl::addReadOnlyFeed(const quint16 origin, const QString &why)
{
    m_readOnlyFeeds.insert(origin, why);
}

void DialogControl::routeThrough(const quint16 origin, ProxyFeed *feed)
{
    m_readOnlyFeeds.remove(origin);
    m_proxies.insert(origin, feed);
}

void DialogControl::execute(const ControlRequest &request, Done done)
{
    if (m_readOnly)
    {
        finish(request, ControlResult::failure(ReadOnly, readOnlyText()), done);
        return;
    }
    if (isTerminate(request.action) && !request.side.isEmpty() && request.side != "both"_L1 &&
        !oneSide(request))
    {
        finish(request,
               ControlResult::failure(400,
                                      u"side '%1' is not one of caller, callee or both"_s.arg(request.side)),
               done);
        return;
    }
    if (request.action == DialogAction::Bridge)
    {
        bridge(request, done);
        return;
    }
    if (request.action == DialogAction::SetState && !request.confirmedDangerous)
    {
        finish(request,
               ControlResult::failure(400, u"dlg.set_state writes the state without signalling; it must be "
                                           "confirmed as a dangerous action"_s),
               done);
        return;
    }
    // Find the dialog and its owner on the core thread, then continue here.
    QPointer<DialogControl> self(this);
    const QList<quint16> proxies = m_proxies.keys() + m_readOnlyFeeds.keys();
    m_worker.post([self, request, done, proxies](CoreContext &ctx) {
        Resolved r;
        quint64 key = request.rowKey;
        if (request.engineId)
        {
            const auto [hEntry, hId] = *request.engineId;
            const DialogHandle h = ctx.engine.find(calldeck::core::DialogId{hEntry, hId});
            key = h.valid() ? CoreWorker::keyOf(h) : 0;
            // Not one of CallDeck's own ids: a dialog only a proxy lists, named by that proxy's
            // ids (what its dlg.list and CallDeck's calldeck.dialogs show). Only when unambiguous.
            int matches = 0;
            for (const quint16 proxy : proxies)
            {
                if (const auto *rd = key ? nullptr : ctx.proxies.remote().find(proxy, hEntry, hId))
                {
                    r.proxyKey = rd->key;
                    ++matches;
                }
            }
            if (!key && matches == 1)
            {
                key = r.proxyKey;
            }
            r.ambiguous = !key && matches > 1;
        }
        else if (key == 0 && !request.callId.empty())
        {
            const DialogHandle h = ctx.engine.find(request.callId, request.fromTag, request.toTag);
            key = h.valid() ? CoreWorker::keyOf(h) : 0;
            if (!key)
            {
                const auto remote =
                    ctx.proxies.remote().findByCallId(request.callId, request.fromTag, request.toTag);
                key = remote.empty() ? 0 : remote.front()->key;
            }
        }
        if (key && (key >> 63) == 0 && ctx.engine.valid(CoreWorker::handleOf(key)))
        {
            r.engineKey = key;
            r.dialog = ctx.engine.snapshot(CoreWorker::handleOf(key));
        }
        if (key && (r.engineKey || (key >> 63) != 0))
        {
            if (const auto owner = ctx.proxies.owner(key))
            {
                r.owner = *owner;
                r.found = true;
                if (!r.engineKey)
                {
                    r.dialog = owner->dialog;
                }
            }
        }
        QMetaObject::invokeMethod(
            self.data(),
            [self, request, r, done]() {
                if (self)
                {
                    self->resolved(request, r, done);
                }
            },
            Qt::QueuedConnection);
    });
}

void DialogControl::resolved(const ControlRequest &request, const Resolved &target, const Done &done)
{
    if (target.ambiguous)
    {
        finish(request,
               ControlResult::failure(409,
                                      u"%1 names a dialog on several proxies; end it with dlg.terminate_dlg "
                                      "(Call-ID and tags) instead"_s.arg(request.targetText())),
               done);
        return;
    }
    if (!target.found)
    {
        finish(request,
               ControlResult::failure(
                   NotFound, u"Dialog not found: %1 has ended or was never seen"_s.arg(request.targetText())),
               done);
        return;
    }
    // From here on the request names its dialog fully (Call-ID, tags, row), for the audit trail
    // and the messages, however it was asked for.
    ControlRequest named = request;
    if (named.callId.empty())
    {
        named.callId = target.dialog.callId;
        named.fromTag = target.dialog.caller.tag.value_or(std::string());
        named.toTag = target.dialog.callee.tag.value_or(std::string());
    }
    if (named.rowKey == 0)
    {
        named.rowKey = target.engineKey ? target.engineKey : target.proxyKey;
    }
    Done finished = done;
    if (!admit(named, target, finished))
    {
        return;
    }
    if (target.owner.proxy != 0)
    {
        viaProxy(named, target, finished);
    }
    else
    {
        viaCore(named, target, finished);
    }
}

bool DialogControl::admit(const ControlRequest &request, const Resolved &target, Done &done)
{
    if (request.action == DialogAction::IsAlive)
    {
        return true; // a question, not a change
    }
    const quint64 key = target.engineKey  ? target.engineKey
                        : target.proxyKey ? target.proxyKey
                                          : request.rowKey;
    if (key == 0)
    {
        return true;
    }
    // Every path answers within Timer F or the RPC timeout; a mark older than that is a lost answer.
    constexpr qint64 StaleMs = 120000;
    const auto it = m_inFlight.constFind(key);
    if (it != m_inFlight.constEnd() && it->since.elapsed() < StaleMs)
    {
        finish(
            request,
            ControlResult::failure(
                Busy, u"%1 is still running on %2 (started %3 s ago); wait for its result, then try again"_s
                          .arg(DialogActionInfo::methodName(it->action), request.targetText())
                          .arg(it->since.elapsed() / 1000)),
            done);
        return false;
    }
    InFlight mark{request.action, {}};
    mark.since.start();
    m_inFlight.insert(key, mark);
    QPointer<DialogControl> self(this);
    done = [self, key, done](const ControlResult &result) {
        if (self)
        {
            self->m_inFlight.remove(key);
        }
        if (done)
        {
            done(result);
        }
    };
    return true;
}

void DialogControl::viaProxy(const ControlRequest &request, const Resolved &target, const Done &done)
{
    ProxyFeed *feed = m_proxies.value(target.owner.proxy);
    const QString method = DialogActionInfo::methodName(request.action);
    // No feed: a proxy read from its dialog database (no RPC), or a feed removed meanwhile.
    const QString path = feed ? u"proxy %1 (%2)"_s.arg(feed->name(), method) : QString();
    QString why = noFeedText(target.owner.proxy);
    bool can = feed && feed->can(request.action, &why);
    if (can && oneSide(request))
    {
        can = false;
        why = oneSideText(feed->name());
    }
    if (!can)
    {
        // The proxy cannot (down, no helper include, no such RPC): when the mirror sees the dialog
        // too, CallDeck's own user agent can, through the dialog's route set.
        const bool embeddable = isTerminate(request.action) || request.action == DialogAction::Refer ||
                                request.action == DialogAction::SetTimeout;
        if (embeddable && target.engineKey != 0 && m_embedded)
        {
            qCInfo(lcRpc).noquote() << "action" << method << "falls back to the embedded UA:" << why;
            viaEmbedded(request, target, done);
            return;
        }
        finish(request, ControlResult::failure(Unavailable, why, path), done);
        return;
    }
    // The proxy's own names for the dialog: its ids and its tags.
    const calldeck::core::DialogSnapshot &d = target.owner.dialog;
    const QJsonArray byTags{fromStd(d.callId), tagOf(d.caller.tag), tagOf(d.callee.tag)};
    QJsonArray params;
    switch (request.action)
    {
    case DialogAction::EndDialog:
        params = {static_cast<qint64>(d.hEntry), static_cast<qint64>(d.hId)};
        if (!request.extraHeaders.isEmpty())
        {
            params.append(request.extraHeaders);
        }
        break;
    case DialogAction::TerminateDialog:
    case DialogAction::IsAlive:
        params = byTags;
        break;
    case DialogAction::SetState:
        params = byTags;
        params.append(request.state);
        break;
    case DialogAction::Refer:
        params = byTags;
        params.append(request.side);
        params.append(request.uri);
        break;
    case DialogAction::SetTimeout:
        params = byTags;
        params.append(static_cast<qint64>(request.seconds));
        break;
    case DialogAction::SetProfile:
    case DialogAction::UnsetProfile:
    case DialogAction::SetVariable:
        params = byTags;
        params.append(request.name);
        params.append(request.value);
        break;
    case DialogAction::Bridge:
        break;
    }
    QPointer<DialogControl> self(this);
    feed->run(request.action, params, [self, request, path, done](const RpcOutcome &outcome) {
        if (!self)
        {
            return;
        }
        ControlResult r;
        r.path = path;
        r.ok = outcome.ok;
        r.result = outcome.result;
        if (!outcome.ok)
        {
            // The proxy's own error passes through as it said it (code and message); a failure to
            // reach it is a 502 with the whole story.
            const bool remote = outcome.error.kind == RpcError::Kind::Remote && outcome.error.rpcCode > 0;
            r.code = remote ? outcome.error.rpcCode : ProxyFailed;
            r.message = remote ? outcome.error.message : outcome.error.toString();
        }
        self->finish(request, r, done);
    });
}

void DialogControl::viaCore(const ControlRequest &request, const Resolved &target, const Done &done)
{
    const QString path = u"CallDeck core"_s;
    switch (request.action)
    {
    case DialogAction::IsAlive:
    {
        ControlResult r;
        r.path = path;
        r.ok = target.dialog.state == 4;
        r.code = r.ok ? 0 : 500;
        r.message = r.ok ? QString() : u"Dialog not in confirmed state"_s;
        r.result = r.ok ? QJsonValue(u"Alive"_s) : QJsonValue();
        finish(request, r, done);
        return;
    }
    case DialogAction::SetProfile:
    case DialogAction::UnsetProfile:
    case DialogAction::SetVariable:
        break;
    case DialogAction::EndDialog:
    case DialogAction::TerminateDialog:
    case DialogAction::Refer:
    case DialogAction::SetTimeout:
        if (m_embedded)
        {
            viaEmbedded(request, target, done);
            return;
        }
        [[fallthrough]];
    default:
        finish(request, ControlResult::failure(Unavailable, withoutEmbeddedText(request.action), path), done);
        return;
    }
    QPointer<DialogControl> self(this);
    const quint64 key = target.engineKey;
    m_worker.post([self, request, key, path, done](CoreContext &ctx) {
        const DialogHandle h = CoreWorker::handleOf(key);
        const std::string name = request.name.toStdString();
        const std::string value = request.value.toStdString();
        calldeck::core::Status status =
            request.action == DialogAction::SetProfile     ? ctx.engine.setProfile(h, name, value)
            : request.action == DialogAction::UnsetProfile ? ctx.engine.unsetProfile(h, name, value)
                                                           : ctx.engine.setVariable(h, name, value);
        ControlResult r;
        r.path = path;
        r.ok = status.ok();
        if (!r.ok)
        {
            r.code = 500;
            r.message = QString::fromStdString(status.error().detail);
        }
        else
        {
            ctx.markDirty(h);
        }
        QMetaObject::invokeMethod(
            self.data(),
            [self, request, r, done]() {
                if (self)
                {
                    self->finish(request, r, done);
                }
            },
            Qt::QueuedConnection);
    });
}

void DialogControl::viaEmbedded(const ControlRequest &request, const Resolved &target, const Done &done)
{
    QPointer<DialogControl> self(this);
    auto finished = [self, request, done](const ControlResult &r) {
        if (self)
        {
            self->finish(request, r, done);
        }
    };
    using calldeck::core::ByeTarget;
    using calldeck::core::DialogLeg;
    switch (request.action)
    {
    case DialogAction::EndDialog:
    case DialogAction::TerminateDialog:
    {
        const ByeTarget side = request.side == "caller"_L1   ? ByeTarget::Caller
                               : request.side == "callee"_L1 ? ByeTarget::Callee
                                                             : ByeTarget::All;
        m_embedded->end(target.engineKey, side, request.extraHeaders, finished);
        return;
    }
    case DialogAction::Refer:
        m_embedded->refer(target.engineKey,
                          request.side == "caller"_L1 ? DialogLeg::Caller : DialogLeg::Callee, request.uri,
                          finished);
        return;
    case DialogAction::SetTimeout:
        m_embedded->setTimeout(target.engineKey, request.seconds, true, finished);
        return;
    default:
        finish(request, ControlResult::failure(Unavailable, withoutEmbeddedText(request.action)), done);
        return;
    }
}

void DialogControl::finish(const ControlRequest &request, const ControlResult &result, const Done &done)
{
    const QString what = u"%1 on %2%3: %4"_s.arg(
        DialogActionInfo::methodName(request.action), request.targetText(),
        result.path.isEmpty() ? QString() : u" via "_s + result.path, result.ok ? u"ok"_s : result.message);
    qCInfo(lcRpc).noquote() << "action" << what;
    if (m_log)
    {
        m_log->append(result.ok ? EventLogEntry::Severity::Info : EventLogEntry::Severity::Warning,
                      request.requestedBy.isEmpty() ? u"control"_s : request.requestedBy, what);
    }
    emit executed(request, result);
    if (done)
    {
        done(result);
    }
}

ControlResult DialogControl::executeAndWait(const ControlRequest &request, const int timeoutMs)
{
    Q_ASSERT(QThread::currentThread() != thread());
    auto promise = std::make_shared<std::promise<ControlResult>>();
    std::future<ControlResult> future = promise->get_future();
    QMetaObject::invokeMethod(
        this,
        [this, request, promise]() {
            execute(request, [promise](const ControlResult &r) { promise->set_value(r); });
        },
        Qt::QueuedConnection);
    if (future.wait_for(std::chrono::milliseconds(timeoutMs)) != std::future_status::ready)
    {
        return ControlResult::failure(
            TimedOut, u"no result within %1 ms; the action may still complete"_s.arg(timeoutMs));
    }
    return future.get();
}
