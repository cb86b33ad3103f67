// SPDX-License-Identifier: GPL-3.0-or-later
// DialogPersistence: restore at start, changes at the db_mode's pace, the dump at stop.
#include "dialogpersistence.h"

#include "backend/core/dialogengine.h"
#include "backend/dialogrestorequeue.h"

using calldeck::core::DialogEngine;
using Mode = DialogStoreWriter::Mode;

DialogPersistence::DialogPersistence(DialogStoreWriter &writer, Options options,
                                     DialogStoreWriter::Loaded loaded,
                                     std::shared_ptr<DialogRestoreQueue> stream)
    : m_writer(writer)
    , m_options(options)
    , m_loaded(std::move(loaded))
    , m_stream(std::move(stream))
{}

DialogPersistence::RestoreReport DialogPersistence::attach(DialogEngine &engine)
{
    RestoreReport report;
    for (const auto &[bucket, last] : m_loaded.counters)
    {
        engine.raiseIdCounter(bucket, last);
    }
    auto restoreAll = [&](const std::vector<calldeck::core::DialogSnapshot> &rows) {
        for (const calldeck::core::DialogSnapshot &row : rows)
        {
            const auto restored = engine.restore(row);
            if (restored)
            {
                ++report.restored;
                continue;
            }
            ++report.failed;
            if (report.errors.size() < 10)
            {
                report.errors.push_back(std::to_string(row.hEntry) + ":" + std::to_string(row.hId) + " (" +
                                        row.callId + "): " + restored.error().detail);
            }
        }
    };
    restoreAll(m_loaded.dialogs);
    m_loaded = {};
    if (m_stream)
    {
        std::vector<calldeck::core::DialogSnapshot> chunk;
        while (m_stream->pop(chunk))
        {
            restoreAll(chunk);
        }
        report.readError = m_stream->error().toStdString();
        for (const QString &s : m_stream->skipped())
        {
            ++report.failed;
            if (report.errors.size() < 10)
            {
                report.errors.push_back(s.toStdString());
            }
        }
        m_stream.reset();
    }
    // Mode 3 writes everything at the end (tracked only for the h_id counters).
    engine.setDbTracking(m_options.mode != Mode::None);
    return report;
}

void DialogPersistence::tick(DialogEngine &engine, qint64 nowMs)
{
    if (!engine.dbTracking() || m_options.mode == Mode::Shutdown || nowMs < m_nextFlushMs)
    {
        return;
    }
    m_nextFlushMs =
        nowMs + (m_options.mode == Mode::Delayed ? m_options.updatePeriodMs : m_options.realtimeBatchMs);
    m_writer.submit(engine.takeDbChanges());
}

void DialogPersistence::detach(DialogEngine &engine)
{
    if (m_options.mode == Mode::Shutdown)
    {
        // The tables were emptied at start: the counters and every confirmed dialog.
        calldeck::core::DialogDbChanges all = engine.takeDbChanges();
        all.deleted.clear();
        all.upserts = engine.dbDump();
        m_writer.submit(std::move(all));
    }
    else if (engine.dbTracking())
    {
        m_writer.submit(engine.takeDbChanges());
    }
    engine.setDbTracking(false);
}
