// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/coreworker.h"

#include <chrono>
#include <future>

#include <QDateTime>

#include <zlib.h>

#include "backend/core/sipparser.h"
#include "backend/dialoglistpool.h"
#include "backend/dialogpersistence.h"
#include "backend/eventlog.h"
#include "backend/ingestqueue.h"
#include "backend/logging.h"
#include "backend/proxydialogs.h"
#include "backend/rpcoutcome.h"
#include "backend/sourceregistry.h"

using namespace Qt::StringLiterals;
using namespace calldeck;

namespace
{

qint64 wallMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

/// Inflates a gzip/zlib/raw-deflate HEP payload, capped at the largest SIP message.
bool inflatePayload(std::string_view in, std::string &out)
{
    out.assign(core::SipMessage::MaxMessageSize, '\0');
    for (int windowBits : {15 + 32, -15})
    {
        z_stream z{};
        if (inflateInit2(&z, windowBits) != Z_OK)
        {
            return false;
        }
        z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.data()));
        z.avail_in = static_cast<uInt>(in.size());
        z.next_out = reinterpret_cast<Bytef *>(out.data());
        z.avail_out = static_cast<uInt>(out.size());
        const int rc = inflate(&z, Z_FINISH);
        const std::size_t produced = out.size() - z.avail_out;
        inflateEnd(&z);
        if (rc == Z_STREAM_END)
        {
            out.resize(produced);
            return true;
        }
    }
    out.clear();
    return false;
}

} // namespace

CoreWorker::CoreWorker(Options options, IngestQueue &queue, SourceRegistry &sources, EventLog *log,
                       QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_queue(queue)
    , m_sources(sources)
    , m_log(log)
    , m_engine(std::make_unique<core::DialogEngine>(m_options.dialog))
    , m_history(std::make_unique<core::MessageHistory>(m_options.history))
    , m_proxies(std::make_unique<ProxyDialogs>(ProxyDialogs::Options{m_options.ghostSeconds, 5}))
    , m_decoder(m_options.hepKey)
    , m_parsed(std::make_unique<core::SipMessage>())
{
    m_context = std::make_unique<CoreContext>(CoreContext{
        *m_engine, *m_history, *m_proxies, [this](core::DialogHandle h) { m_dirty.insert(keyOf(h)); }});
    m_engine->setLogSink([](core::LogLevel level, std::string_view text) {
        const QString message = QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
        if (level >= core::LogLevel::Warning)
        {
            qCWarning(lcCore) << message;
        }
        else
        {
            qCDebug(lcCore) << message;
        }
    });
    m_engine->callbacks().registerObserver(core::Dlgcb::All & ~core::Dlgcb::RpcContext,
                                           [this](core::DialogHandle h, const core::DialogCallbackParams &p) {
                                               if (!m_deltasWanted.load(std::memory_order_relaxed))
                                               {
                                                   return; // nobody takes deltas (headless)
                                               }
                                               const quint64 key = keyOf(h);
                                               if (p.type == core::Dlgcb::Destroy)
                                               {
                                                   m_dirty.erase(key);
                                                   m_removed.push_back(key);
                                               }
                                               else
                                               {
                                                   m_dirty.insert(key);
                                               }
                                           });
    if (const auto &err = m_engine->configError())
    {
        const QString text = u"dialog configuration: %1"_s.arg(QString::fromStdString(err->detail));
        qCWarning(lcCore) << text;
        if (m_log)
        {
            m_log->append(EventLogEntry::Severity::Warning, u"core"_s, text);
        }
    }
}

CoreWorker::~CoreWorker()
{
    stop();
}

void CoreWorker::start()
{
    if (m_thread)
    {
        return;
    }
    m_stop = false;
    m_thread = QThread::create([this] { run(); });
    m_thread->setObjectName(u"calldeck-core"_s);
    m_thread->start();
}

bool CoreWorker::running() const
{
    return m_thread && m_thread->isRunning();
}

void CoreWorker::stop(int timeoutMs)
{
    if (!m_thread)
    {
        return;
    }
    m_stop = true;
    m_queue.wake();
    if (!m_thread->wait(QDeadlineTimer(timeoutMs)))
    {
        qCWarning(lcCore) << "core thread did not stop within" << timeoutMs << "ms; closing the queue";
        m_queue.close();
        m_thread->wait();
    }
    delete m_thread;
    m_thread = nullptr;
}

void CoreWorker::post(std::function<void(CoreContext &)> fn)
{
    {
        QMutexLocker lock(&m_mutex);
        m_calls.push_back(std::move(fn));
    }
    m_queue.wake();
}

bool CoreWorker::call(const std::function<void(CoreContext &)> &fn, int timeoutMs)
{
    if (!running())
    {
        return false;
    }
    auto done = std::make_shared<std::promise<void>>();
    std::future<void> finished = done->get_future();
    post([fn, done](CoreContext &ctx) {
        fn(ctx);
        done->set_value();
    });
    return finished.wait_for(std::chrono::milliseconds(timeoutMs)) == std::future_status::ready;
}

void CoreWorker::applyProxyListing(const quint16 proxy, const QString &name,
                                   std::shared_ptr<const DialogListPayload> listing)
{
    post([this, proxy, name, listing = std::move(listing)](CoreContext &ctx) mutable {
        ctx.proxies.setProxyName(proxy, name);
        const auto now = static_cast<std::uint32_t>(wallMs() / 1000);
        if (listing.use_count() == 1)
        {
            // Nobody else can reach the payload any more: take the dialogs over and hand the
            // recycled snapshots to the poller's pool. (It was created non-const by the decoder.)
            auto &owned = const_cast<DialogListPayload &>(*listing);
            ctx.proxies.applyListing(proxy, std::move(owned.dialogs), now);
            if (owned.pool)
            {
                owned.pool->give(std::move(owned.dialogs));
            }
        }
        else
        {
            std::vector<core::DialogSnapshot> copy = listing->dialogs; // another receiver still reads it
            ctx.proxies.applyListing(proxy, std::move(copy), now);
        }
        m_lastSweepMs = 0; // re-check "unknown to the proxies" against this listing at the next tick
    });
}

void CoreWorker::markProxyStale(const quint16 proxy)
{
    post([proxy](CoreContext &ctx) { ctx.proxies.markStale(proxy); });
}

void CoreWorker::removeProxy(const quint16 proxy)
{
    post([proxy](CoreContext &ctx) { ctx.proxies.removeProxy(proxy); });
}

void CoreWorker::setDeltasEnabled(bool enabled)
{
    QMutexLocker lock(&m_mutex);
    m_deltasEnabled = enabled;
    m_deltasWanted = enabled;
}

DialogDelta CoreWorker::takeDelta()
{
    QMutexLocker lock(&m_mutex);
    DialogDelta out;
    std::swap(out, m_pending);
    m_pendingIndex.clear();
    m_signalled = false;
    return out;
}

CoreStats CoreWorker::stats() const
{
    QMutexLocker lock(&m_mutex);
    return m_stats;
}

void CoreWorker::run()
{
    std::vector<PacketBatch> batches;
    m_nextTickMs = wallMs();
    if (m_options.persistence)
    {
        attachStore();
    }
    for (;;)
    {
        batches.clear();
        const bool open = m_queue.popAll(batches, m_options.tickMs);
        for (const PacketBatch &b : batches)
        {
            process(b);
        }
        runCalls();
        if (wallMs() >= m_nextTickMs)
        {
            tick();
        }
        if (!open || (m_stop && batches.empty()))
        {
            break;
        }
    }
    runCalls();
    tick();
    if (m_options.persistence)
    {
        m_options.persistence->detach(*m_engine);
    }
}

void CoreWorker::attachStore()
{
    if (m_options.clock == Clock::Live)
    {
        m_engine->advanceTo(wallMs() * 1000); // restored timers count from now
    }
    const DialogPersistence::RestoreReport r = m_options.persistence->attach(*m_engine);
    const QString store = m_options.persistence->writer().url().display();
    if (r.restored || r.failed)
    {
        qCInfo(lcCore).noquote() << "restored" << r.restored << "dialog(s) from" << store << "," << r.failed
                                 << "refused";
    }
    if (m_log && (r.restored || r.failed))
    {
        m_log->append(EventLogEntry::Severity::Info, u"store"_s,
                      tr("Restored %n dialog(s) from %1 (db_mode %2).", nullptr, static_cast<int>(r.restored))
                          .arg(store, DialogStoreWriter::modeName(m_options.persistence->options().mode)));
    }
    if (!r.readError.empty())
    {
        const QString what = QString::fromStdString(r.readError);
        qCWarning(lcCore).noquote() << "store not read to the end:" << what;
        if (m_log)
        {
            m_log->append(EventLogEntry::Severity::Warning, u"store"_s,
                          tr("Not every stored dialog could be read: %1 The dialogs read were restored; "
                             "restart CallDeck once the store is readable to restore the others.")
                              .arg(what));
        }
    }
    for (const std::string &e : r.errors)
    {
        const QString what = QString::fromStdString(e);
        qCWarning(lcCore) << "store row not restored:" << what;
        if (m_log)
        {
            m_log->append(EventLogEntry::Severity::Warning, u"store"_s,
                          tr("A stored dialog was not restored: %1. Delete its row, or fix hash_size to the "
                             "value the table was written with.")
                              .arg(what));
        }
    }
}

void CoreWorker::process(const PacketBatch &batch)
{
    const qint64 now = wallMs();
    const bool deltas = m_deltasWanted.load(std::memory_order_relaxed);
    core::SipMessage &msg = *m_parsed;
    if (m_options.clock == Clock::Live)
    {
        // The wall clock leads: a packet stamped in the past (a capture replayed into a live
        // console) must not set the clock back before the next tick jumps it forward, which
        // would sweep its dialogs as stale.
        m_engine->advanceTo(now * 1000);
    }
    for (const PacketBatch::Entry &e : batch.entries)
    {
        ++m_counters.packets;
        core::MirrorMessage m = m_decoder.decode(batch.payload(e), e.meta);
        if (m.drop == core::MirrorDrop::Compressed)
        {
            m.drop =
                inflatePayload(m.sip, m_inflated) ? core::MirrorDrop::None : core::MirrorDrop::HepMalformed;
            m.sip = m_inflated;
        }
        if (m.drop != core::MirrorDrop::None)
        {
            ++m_counters.dropped;
            SourceRegistry::tally(m_tallies, e.source, e.meta.src, e.length, m.drop, false);
            continue;
        }
        if (m_options.clock == Clock::Live)
        {
            // A sender's clock may run ahead: never let a packet move the timers into the future.
            m.meta.timeUs = std::min<std::int64_t>(m.meta.timeUs, (now + 1000) * 1000);
        }
        const core::SipParseError err = core::SipParser::parse(m.sip, msg);
        SourceRegistry::tally(m_tallies, e.source, e.meta.src, e.length, core::MirrorDrop::None,
                              err != core::SipParseError::None && err != core::SipParseError::Empty);
        if (err != core::SipParseError::None)
        {
            if (err != core::SipParseError::Empty) // CRLF keep-alives on a stream are not errors
            {
                m_engine->feed(m.sip, m.meta); // counted by the engine as a parse error
            }
            continue;
        }
        ++m_counters.sipMessages;
        const core::FeedResult r = m_engine->process(msg, m.meta);
        if (!r.dialog.valid())
        {
            continue;
        }
        if (r.outcome == core::FeedOutcome::Created && m_options.onCreated)
        {
            m_options.onCreated(*m_context, r.dialog, msg, m.meta);
        }
        if (m_options.keepHistory)
        {
            m_history->append(keyOf(r.dialog), m.sip, m.meta, m.nodeName, m.correlationId);
        }
        if (deltas)
        {
            m_dirty.insert(keyOf(r.dialog));
        }
    }
    m_sources.countDecoded(m_tallies, now);
}

void CoreWorker::runCalls()
{
    std::vector<std::function<void(CoreContext &)>> calls;
    {
        QMutexLocker lock(&m_mutex);
        calls.swap(m_calls);
    }
    if (calls.empty())
    {
        return;
    }
    // Whatever was queued before a call was posted is processed before the call runs, so a
    // caller that pushes packets and then calls sees their effect (replay end, tests, RPC).
    std::vector<PacketBatch> batches;
    while (m_queue.tryPopAll(batches))
    {
        for (const PacketBatch &b : batches)
        {
            process(b);
        }
        batches.clear();
    }
    for (auto &fn : calls)
    {
        fn(*m_context);
    }
}

void CoreWorker::tick()
{
    const qint64 now = wallMs();
    m_nextTickMs = now + m_options.tickMs;
    if (m_options.clock == Clock::Live)
    {
        m_engine->advanceTo(now * 1000);
    }
    if (now - m_lastRateMs >= 1000)
    {
        m_sources.updateRates(now);
        m_lastRateMs = now;
    }
    if (now - m_lastPruneMs >= 10000)
    {
        m_history->prune();
        m_lastPruneMs = now;
    }
    if (now - m_lastSweepMs >= 5000 && m_deltasWanted.load(std::memory_order_relaxed))
    {
        m_proxies->sweep(*m_engine, static_cast<std::uint32_t>(now / 1000), m_dirty);
        m_lastSweepMs = now;
    }
    if (m_options.persistence)
    {
        m_options.persistence->tick(*m_engine, now);
    }
    publish();
}

void CoreWorker::publish()
{
    const IngestQueue::Stats q = m_queue.stats();
    CoreStats s = m_counters;
    s.queueDrops = q.droppedPackets;
    s.dialogs = m_engine->dialogCount();
    s.history = m_history->stats();

    // Core-thread state only: done before taking the lock the views' takeDelta() waits on. Runs
    // without views too, so the links to the proxies' dialogs stay current for actions.
    const qint64 now = wallMs();
    std::vector<DialogRow> proxyRows;
    std::vector<quint64> gone;
    m_proxies->reconcile(*m_engine, m_dirty, m_removed, proxyRows, gone, now);

    QMutexLocker lock(&m_mutex);
    m_stats = s;
    if (!m_deltasEnabled)
    {
        m_dirty.clear();
        m_removed.clear();
        return;
    }
    if (m_dirty.empty() && m_removed.empty() && proxyRows.empty() && gone.empty())
    {
        return;
    }
    for (const quint64 key : m_removed)
    {
        retire(key);
    }
    for (const quint64 key : m_dirty)
    {
        const core::DialogHandle h = handleOf(key);
        if (!m_engine->valid(h))
        {
            continue;
        }
        DialogRow row;
        row.key = key;
        row.dialog = m_engine->snapshot(h);
        row.updatedMs = now;
        m_proxies->annotate(row, gone);
        upsert(std::move(row));
    }
    for (DialogRow &row : proxyRows)
    {
        upsert(std::move(row));
    }
    for (const quint64 key : gone)
    {
        retire(key);
    }
    m_dirty.clear();
    m_removed.clear();
    m_pending.stats = m_engine->stats();
    m_pending.active = m_engine->activeStats();
    m_pending.feed = m_engine->feedStats();
    const bool signal = !m_signalled && !m_pending.empty();
    m_signalled = m_signalled || signal;
    lock.unlock();
    if (signal)
    {
        emit deltaReady();
    }
}

void CoreWorker::upsert(DialogRow &&row)
{
    if (const auto it = m_pendingIndex.find(row.key); it != m_pendingIndex.end())
    {
        m_pending.upserts[it->second] = std::move(row);
    }
    else
    {
        m_pendingIndex.emplace(row.key, m_pending.upserts.size());
        m_pending.upserts.push_back(std::move(row));
    }
}

void CoreWorker::retire(const quint64 key)
{
    if (const auto it = m_pendingIndex.find(key); it != m_pendingIndex.end())
    {
        // Added and gone within one take: drop the row, keep the removal.
        const std::size_t i = it->second;
        m_pendingIndex.erase(it);
        if (i + 1 != m_pending.upserts.size())
        {
            m_pending.upserts[i] = std::move(m_pending.upserts.back());
            m_pendingIndex[m_pending.upserts[i].key] = i;
        }
        m_pending.upserts.pop_back();
    }
    m_pending.removed.push_back(key);
}
