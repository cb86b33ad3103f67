// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/sipua/embeddedactions.h"

#include <QPointer>

#include "backend/coreworker.h"

using namespace Qt::StringLiterals;
using calldeck::core::DialogHandle;
using calldeck::core::DialogLeg;

namespace
{

QString legName(const DialogLeg leg)
{
    return leg == DialogLeg::Caller ? u"caller"_s : u"callee"_s;
}

bool ended(const int status)
{
    return (status >= 200 && status < 300) || status == 481;
}

} // namespace

EmbeddedActions::EmbeddedActions(CoreWorker &worker, LocalRequestSender &sender, QObject *parent)
    : QObject(parent)
    , m_worker(worker)
    , m_sender(sender)
{
    connect(&m_sender, &LocalRequestSender::requestDone, this, &EmbeddedActions::onRequestDone,
            Qt::QueuedConnection);
}

EmbeddedActions::~EmbeddedActions() = default;

QString EmbeddedActions::path() const
{
    return u"embedded UA (%1)"_s.arg(m_sender.contactUri());
}

void EmbeddedActions::reply(const Done &done, const ControlResult &result)
{
    QPointer<EmbeddedActions> self(this);
    QMetaObject::invokeMethod(
        this,
        [self, done, result]() {
            if (self && done)
            {
                done(result);
            }
        },
        Qt::QueuedConnection);
}

void EmbeddedActions::end(const quint64 dialogKey, const calldeck::core::ByeTarget target,
                          const QString &extraHeaders, Done done)
{
    QString hdrs = extraHeaders;
    if (!hdrs.isEmpty() && !hdrs.endsWith(u"\r\n"_s))
    {
        hdrs += u"\r\n"_s;
    }
    m_worker.post([this, dialogKey, target, hdrs = hdrs.toStdString(), done](CoreContext &ctx) {
        const DialogHandle h = CoreWorker::handleOf(dialogKey);
        {
            QMutexLocker lock(&m_mutex);
            m_byes[dialogKey] = Pending{-1, {}, done};
        }
        if (ctx.engine.valid(h))
        {
            m_sender.rememberProxy(dialogKey, ctx.engine.snapshot(h));
        }
        m_sender.countSent(dialogKey);
        const calldeck::core::Status status = ctx.engine.bye(h, target, hdrs);
        const int sent = m_sender.takeSent();
        ctx.markDirty(h);
        QMutexLocker lock(&m_mutex);
        if (!status.ok() || sent == 0)
        {
            m_byes.erase(dialogKey);
            lock.unlock();
            reply(done, ControlResult::failure(
                            status.ok()
                                ? 500
                                : (status.error().code == calldeck::core::Error::Code::NotFound ? 404 : 500),
                            status.ok() ? u"no BYE was sent: both legs have ended already"_s
                                        : QString::fromStdString(status.error().detail),
                            path()));
            return;
        }
        m_byes[dialogKey].expected = sent;
        if (static_cast<int>(m_byes[dialogKey].results.size()) >= sent)
        {
            QMetaObject::invokeMethod(
                this, [this, dialogKey]() { complete(dialogKey); }, Qt::QueuedConnection);
        }
    });
}

void EmbeddedActions::onRequestDone(const LocalRequestSender::Result &result)
{
    if (result.method != "BYE"_L1)
    {
        return;
    }
    {
        QMutexLocker lock(&m_mutex);
        const auto it = m_byes.find(result.dialogKey);
        if (it == m_byes.end())
        {
            return; // a BYE on timeout, not an action
        }
        it->second.results.push_back(result);
        if (it->second.expected < 0 || static_cast<int>(it->second.results.size()) < it->second.expected)
        {
            return;
        }
    }
    complete(result.dialogKey);
}

void EmbeddedActions::complete(const quint64 dialogKey)
{
    Pending pending;
    {
        QMutexLocker lock(&m_mutex);
        const auto it = m_byes.find(dialogKey);
        if (it == m_byes.end() || it->second.expected < 0 ||
            static_cast<int>(it->second.results.size()) < it->second.expected)
        {
            return;
        }
        pending = std::move(it->second);
        m_byes.erase(it);
    }
    ControlResult r;
    r.path = path();
    r.ok = true;
    QStringList legs;
    for (const auto &res : pending.results)
    {
        legs << u"BYE to the %1: %2"_s.arg(legName(res.leg), res.outcome.summary());
        r.ok = r.ok && ended(res.outcome.status);
    }
    r.message = legs.join(u"; "_s);
    if (!r.ok)
    {
        r.code = 502;
        r.message += u". CallDeck keeps the dialog until the mirror sees it end; retry, or check the leg "
                     "that did not answer"_s;
    }
    if (pending.done)
    {
        pending.done(r);
    }
}

void EmbeddedActions::refer(const quint64 dialogKey, const DialogLeg leg, const QString &referTo, Done done)
{
    const QString contact = m_sender.contactUri();
    m_worker.post([this, dialogKey, leg, referTo, contact, done](CoreContext &ctx) {
        const DialogHandle h = CoreWorker::handleOf(dialogKey);
        if (!ctx.engine.valid(h))
        {
            reply(done, ControlResult::failure(404, u"Dialog not found"_s, path()));
            return;
        }
        if (ctx.engine.state(h) != calldeck::core::DialogState::Confirmed)
        {
            reply(done, ControlResult::failure(400, u"REFER needs a confirmed dialog (state 4)"_s, path()));
            return;
        }
        calldeck::core::InDialogRequest spec;
        spec.method = "REFER";
        spec.target = leg;
        spec.cseqRule = calldeck::core::CSeqRule::Within;
        spec.contact = contact.toStdString();
        spec.extraHeaders =
            "Refer-To: <" + referTo.toStdString() + ">\r\nReferred-By: <" + contact.toStdString() + ">\r\n";
        const auto built = ctx.engine.buildRequest(h, spec);
        if (!built.ok())
        {
            reply(done, ControlResult::failure(500, QString::fromStdString(built.error().detail), path()));
            return;
        }
        QPointer<EmbeddedActions> self(this);
        m_sender.sendBuilt(dialogKey, leg, u"REFER"_s,
                           LocalRequestSender::throughProxy(built.value(), ctx.engine.snapshot(h), leg),
                           [self, done, path = path()](const LocalRequestSender::Result &res) {
                               ControlResult r;
                               r.path = path;
                               r.ok = res.outcome.status >= 200 && res.outcome.status < 300;
                               r.code = r.ok ? 0 : 502;
                               r.message =
                                   u"REFER to the %1: %2"_s.arg(legName(res.leg), res.outcome.summary());
                               if (self)
                               {
                                   self->reply(done, r);
                               }
                           });
    });
}

void EmbeddedActions::setTimeout(const quint64 dialogKey, const quint32 seconds, const bool byeAtExpiry,
                                 Done done)
{
    m_worker.post([this, dialogKey, seconds, byeAtExpiry, done](CoreContext &ctx) {
        const DialogHandle h = CoreWorker::handleOf(dialogKey);
        if (ctx.engine.valid(h))
        {
            m_sender.rememberProxy(dialogKey, ctx.engine.snapshot(h)); // the BYE at expiry
        }
        calldeck::core::Status status = ctx.engine.setTimeout(h, seconds);
        if (status.ok() && byeAtExpiry)
        {
            status = ctx.engine.setProperty(h, "timeout-bye");
        }
        ctx.markDirty(h);
        ControlResult r;
        r.path = byeAtExpiry ? path() : u"CallDeck core"_s;
        r.ok = status.ok();
        if (!r.ok)
        {
            r.code = status.error().code == calldeck::core::Error::Code::NotFound ? 404 : 500;
            r.message = QString::fromStdString(status.error().detail);
        }
        else
        {
            r.message = byeAtExpiry
                            ? u"the core's timer ends the call in %1 s with a BYE to both legs"_s.arg(seconds)
                            : u"the core's timer ends the dialog in %1 s (no BYE)"_s.arg(seconds);
        }
        reply(done, r);
    });
}
