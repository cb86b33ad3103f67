// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include <QMutex>
#include <QObject>
#include <QThread>

#include "backend/core/dialogengine.h"
#include "backend/core/messagehistory.h"
#include "backend/core/mirrordecoder.h"
#include "backend/dialogdelta.h"
#include "backend/sourceregistry.h"

class DialogPersistence;
class EventLog;
class IngestQueue;
class ProxyDialogs;
struct DialogListPayload;
struct PacketBatch;

/// @brief What a call on the core thread gets: the engine and the message history.
struct CoreContext
{
    calldeck::core::DialogEngine &engine;
    calldeck::core::MessageHistory &history;
    /// @brief The proxies' dialogs and their links to the engine's (proxy feeds).
    ProxyDialogs &proxies;
    /// @brief Marks a dialog changed by a management call so the next delta carries it.
    std::function<void(calldeck::core::DialogHandle)> markDirty;
};

/// @brief Counters of the ingest path at one moment.
struct CoreStats
{
    quint64 packets = 0;     ///< datagrams taken from the queue
    quint64 sipMessages = 0; ///< SIP messages given to the engine
    quint64 dropped = 0;     ///< decode drops (unknown, malformed HEP, auth, not SIP)
    quint64 queueDrops = 0;  ///< dropped before the core (queue full)
    std::size_t dialogs = 0;
    calldeck::core::MessageHistory::Stats history;
};

/// @brief Owns the dialog core on its own thread (house style §6.4): takes packet batches from
/// the IngestQueue, decodes mirror packets, feeds the engine, keeps each dialog's messages,
/// runs the timers on the wall clock (live) or on packet time (replay), and publishes batched
/// deltas for the views. Other threads reach the engine only through call().
class CoreWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CoreWorker)

public:
    enum class Clock : std::uint8_t
    {
        Live,   ///< wall clock (packet times never move it back)
        Packet, ///< capture time only: a replayed file keeps its state when it ends
    };
    struct Options
    {
        calldeck::core::DialogConfig dialog;
        std::string hepKey;
        calldeck::core::MessageHistory::Options history;
        Clock clock = Clock::Live;
        /// Keep each dialog's messages (call flows, pcap export); a headless collector that
        /// needs neither saves the memory and the copying.
        bool keepHistory = true;
        int tickMs = 100;
        /// A confirmed dialog without in-dialog traffic for this long is a ghost candidate.
        std::uint32_t ghostSeconds = 30 * 60;
        /// Called on the core thread for each new dialog (profile rules, header columns).
        std::function<void(CoreContext &, calldeck::core::DialogHandle, const calldeck::core::SipMessage &,
                           const calldeck::core::PacketMeta &)>
            onCreated;
        /// The store (issue #9): restores at start, takes the changes every tick, dumps at stop.
        std::shared_ptr<DialogPersistence> persistence;
    };

    CoreWorker(Options options, IngestQueue &queue, SourceRegistry &sources, EventLog *log = nullptr,
               QObject *parent = nullptr);
    ~CoreWorker() override;

    void start();
    /// @brief Stops after the queued packets are processed (bounded by @p timeoutMs).
    void stop(int timeoutMs = 5000);
    bool running() const;

    /// @brief Runs @p fn on the core thread and waits for it. False when stopped or timed out.
    bool call(const std::function<void(CoreContext &)> &fn, int timeoutMs = 5000);
    /// @brief Like call(), without waiting.
    void post(std::function<void(CoreContext &)> fn);

    /// @brief A complete `dlg.list` of proxy feed @p proxy (its SourceRegistry id), named @p name
    /// in the origin column; diffed into the proxies' dialogs on the core thread.
    /// The dialogs are taken over when the core holds the last reference to @p listing (no copy),
    /// copied otherwise.
    void applyProxyListing(quint16 proxy, const QString &name,
                           std::shared_ptr<const DialogListPayload> listing);
    /// @brief The proxy did not answer: its dialogs stay, flagged stale.
    void markProxyStale(quint16 proxy);
    /// @brief The feed is gone: its dialogs go.
    void removeProxy(quint16 proxy);

    /// @brief Turns delta collection on (the console) or off (headless without views).
    void setDeltasEnabled(bool enabled);
    /// @brief The changes since the previous take (mutex swap; cheap when nothing changed).
    DialogDelta takeDelta();
    CoreStats stats() const;
    static quint64 keyOf(calldeck::core::DialogHandle h) { return (quint64(h.seq) << 32) | h.index; }
    /// @brief The handle of an engine row key (keyOf() reversed).
    static calldeck::core::DialogHandle handleOf(quint64 key)
    {
        return {static_cast<std::uint32_t>(key & 0xFFFFFFFFu), static_cast<std::uint32_t>(key >> 32)};
    }

signals:
    /// @brief Emitted on the core thread when the first change after a take is ready.
    void deltaReady();

private:
    void run();
    void attachStore();
    void process(const PacketBatch &batch);
    void tick();
    void runCalls();
    void publish();
    void upsert(DialogRow &&row);
    void retire(quint64 key);

    Options m_options;
    IngestQueue &m_queue;
    SourceRegistry &m_sources;
    EventLog *m_log;
    std::unique_ptr<calldeck::core::DialogEngine> m_engine;
    std::unique_ptr<calldeck::core::MessageHistory> m_history;
    std::unique_ptr<ProxyDialogs> m_proxies;
    calldeck::core::MirrorDecoder m_decoder;
    std::unique_ptr<CoreContext> m_context;
    QThread *m_thread = nullptr;
    std::atomic<bool> m_stop{false};

    // core-thread state
    std::unique_ptr<calldeck::core::SipMessage> m_parsed;
    std::unordered_set<quint64> m_dirty;
    std::vector<SourceRegistry::Tally> m_tallies;
    std::atomic<bool> m_deltasWanted{false};
    std::vector<quint64> m_removed;
    std::string m_inflated;
    CoreStats m_counters;
    qint64 m_nextTickMs = 0;
    qint64 m_lastRateMs = 0;
    qint64 m_lastPruneMs = 0;
    qint64 m_lastSweepMs = 0;

    mutable QMutex m_mutex; // guards everything below
    std::vector<std::function<void(CoreContext &)>> m_calls;
    DialogDelta m_pending;
    std::unordered_map<quint64, std::size_t> m_pendingIndex; // key → position in m_pending.upserts
    bool m_deltasEnabled = false;
    bool m_signalled = false;
    CoreStats m_stats;
};
