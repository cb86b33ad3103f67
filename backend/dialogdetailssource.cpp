// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/dialogdetailssource.h"

#include <QDateTime>
#include <QMetaObject>
#include <QMutex>
#include <QMutexLocker>

#include "backend/coreworker.h"
#include "backend/proxydialogs.h"
#include "backend/sourceregistry.h"

using namespace Qt::StringLiterals;

/// Where the core thread leaves an answer. The source clears the target when it goes, under
/// the mutex, so an answer never reaches a deleted object.
struct DialogDetailsSource::Mailbox
{
    QMutex mutex;
    DialogDetailsSource *target = nullptr;
    std::optional<DialogDetails> answer;
};

DialogDetailsSource::DialogDetailsSource(CoreWorker &worker, const SourceRegistry *sources, QObject *parent)
    : QObject(parent)
    , m_worker(worker)
    , m_sources(sources)
    , m_mailbox(std::make_shared<Mailbox>())
{
    m_mailbox->target = this;
}

DialogDetailsSource::~DialogDetailsSource()
{
    QMutexLocker lock(&m_mailbox->mutex);
    m_mailbox->target = nullptr;
}

void DialogDetailsSource::request(const quint64 rowKey)
{
    if (m_inFlight || !m_worker.running())
    {
        m_queued = rowKey; // sent when the read under way is back (or the core runs)
        return;
    }
    send(rowKey);
}

void DialogDetailsSource::send(const quint64 rowKey)
{
    m_inFlight = true;
    m_worker.post([box = m_mailbox, rowKey](CoreContext &ctx) {
        DialogDetails details = collect(ctx, rowKey);
        QMutexLocker lock(&box->mutex);
        if (!box->target)
        {
            return;
        }
        box->answer = std::move(details);
        DialogDetailsSource *target = box->target;
        QMetaObject::invokeMethod(
            target, [target] { target->deliver(); }, Qt::QueuedConnection);
    });
}

void DialogDetailsSource::deliver()
{
    std::optional<DialogDetails> answer;
    {
        QMutexLocker lock(&m_mailbox->mutex);
        answer.swap(m_mailbox->answer);
    }
    m_inFlight = false;
    if (m_queued)
    {
        const quint64 next = *m_queued;
        m_queued.reset();
        request(next);
    }
    if (answer)
    {
        nameOrigin(*answer);
        emit detailsReady(*answer);
    }
}

std::optional<DialogDetails> DialogDetailsSource::fetch(const quint64 rowKey, const int timeoutMs)
{
    // Shared, not on this stack: after a timeout the read may still run on the core thread.
    auto out = std::make_shared<DialogDetails>();
    if (!m_worker.call([out, rowKey](CoreContext &ctx) { *out = collect(ctx, rowKey); }, timeoutMs))
    {
        return std::nullopt;
    }
    nameOrigin(*out);
    return std::move(*out);
}

void DialogDetailsSource::nameOrigin(DialogDetails &details) const
{
    if (!details.found || !details.row.origin.isEmpty())
    {
        return;
    }
    // A proxy-only row: named as its feed is (ProxyDialogs names it the same way).
    const QString label = m_sources ? m_sources->source(details.row.proxy).label : QString();
    details.row.origin = label.isEmpty() ? u"proxy %1"_s.arg(details.row.proxy) : label;
}

DialogDetails DialogDetailsSource::collect(CoreContext &ctx, const quint64 rowKey)
{
    DialogDetails details;
    details.key = rowKey;
    details.historyCap = ctx.history.options().perDialogCap;
    details.row.key = rowKey;
    details.row.updatedMs = QDateTime::currentMSecsSinceEpoch();
    if ((rowKey >> 63) != 0)
    {
        // Listed by a proxy only: its data, and no messages (none reached the mirror).
        const calldeck::core::RemoteDialog *remote = ctx.proxies.remote().find(rowKey);
        if (!remote)
        {
            return details;
        }
        details.found = true;
        details.row.dialog = remote->dialog;
        details.row.proxy = remote->origin;
        details.row.proxyHEntry = remote->dialog.hEntry;
        details.row.proxyHId = remote->dialog.hId;
        details.row.flags = remote->stale ? DialogRowFlag::Stale : 0;
        return details;
    }
    const calldeck::core::DialogHandle handle = CoreWorker::handleOf(rowKey);
    if (!ctx.engine.valid(handle))
    {
        return details;
    }
    details.found = true;
    details.onMirror = true;
    details.row.dialog = ctx.engine.snapshot(handle);
    ctx.proxies.describe(details.row);
    const std::string &callerTag =
        details.row.dialog.caller.tag ? *details.row.dialog.caller.tag : std::string();
    details.messages = calldeck::core::buildCallFlow(ctx.history.messages(rowKey), callerTag);
    return details;
}
