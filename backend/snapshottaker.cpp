// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/snapshottaker.h"

#include <memory>

#include <QCoreApplication>
#include <QDateTime>

#include "backend/coreworker.h"
#include "backend/proxydialogs.h"
#include "backend/snapshotformat.h"
#include "backend/snapshotwriter.h"
#include "backend/sourceregistry.h"

using namespace Qt::StringLiterals;
using namespace calldeck;

ConsoleSnapshot SnapshotTaker::collect(CoreContext &ctx, const qint64 nowMs)
{
    ConsoleSnapshot s;
    s.takenMs = nowMs;
    s.stats = ctx.engine.stats();
    s.active = ctx.engine.activeStats();
    s.feed = ctx.engine.feedStats();
    s.historyCap = ctx.history.options().perDialogCap;
    std::vector<DialogRow> rows = ctx.proxies.rows(ctx.engine, nowMs);
    s.dialogs.resize(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i)
    {
        DialogDetails &d = s.dialogs[i];
        d.key = rows[i].key;
        d.found = true;
        d.onMirror = (d.key >> 63) == 0;
        d.historyCap = s.historyCap;
        d.row = std::move(rows[i]);
        if (!d.onMirror)
        {
            continue; // none of its messages reached the mirror
        }
        for (const core::StoredMessage &m : ctx.history.messages(d.key))
        {
            core::CallFlowMessage &kept = d.messages.emplace_back();
            kept.timeUs = m.timeUs;
            kept.transport = m.transport;
            kept.src = m.src;
            kept.dst = m.dst;
            kept.captureNode = m.captureNode;
            kept.nodeName.assign(m.nodeName.data(), m.nodeName.size());
            kept.correlationId.assign(m.correlationId.data(), m.correlationId.size());
            kept.raw.assign(m.bytes.data(), m.bytes.size());
        }
    }
    return s;
}

std::optional<ConsoleSnapshot> SnapshotTaker::take(CoreWorker &worker, const SourceRegistry *sources,
                                                   const int timeoutMs, const SnapshotProgress &progress,
                                                   SnapshotError *error, const bool splitMessages)
{
    // Shared with the core thread: a call that times out may still run later.
    auto taken = std::make_shared<ConsoleSnapshot>();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (!worker.call([taken, now](CoreContext &ctx) { *taken = collect(ctx, now); }, timeoutMs))
    {
        *error = {SnapshotError::Kind::CoreTimeout,
                  {},
                  u"the dialog core did not answer within %1 ms"_s.arg(timeoutMs)};
        return std::nullopt;
    }
    ConsoleSnapshot s = std::move(*taken);
    s.calldeckVersion = QCoreApplication::applicationVersion();
    if (sources)
    {
        for (const SourceHealth &h : sources->snapshot())
        {
            s.sources.push_back(
                {h.id, h.kind, h.label, QString::fromLatin1(SourceHealth::stateName(h.state)), h.error});
        }
    }
    const qint64 total = splitMessages ? qint64(s.dialogs.size()) : 0;
    progress.step(0, total);
    for (qint64 i = 0; i < total; ++i)
    {
        if (progress.cancelled())
        {
            *error = {SnapshotError::Kind::Cancelled, {}, u"cancelled; nothing was written"_s};
            return std::nullopt;
        }
        DialogDetails &d = s.dialogs[std::size_t(i)];
        if (!d.messages.empty())
        {
            const core::DialogSnapshot &dialog = d.row.dialog;
            d.messages =
                SnapshotFormat::split(d.messages, dialog.caller.tag ? *dialog.caller.tag : std::string());
        }
        progress.step(i + 1, total);
    }
    *error = {};
    return s;
}

bool SnapshotTaker::save(CoreWorker &worker, const SourceRegistry *sources, const QString &path,
                         const int timeoutMs, SnapshotError *error)
{
    const std::optional<ConsoleSnapshot> s = take(worker, sources, timeoutMs, {}, error, false);
    return s && SnapshotWriter::write(*s, path, {}, error);
}
