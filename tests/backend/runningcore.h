// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <QString>

#include "backend/coreworker.h"
#include "backend/ingestqueue.h"
#include "backend/sourceregistry.h"
#include "tests/support/siptrafficgenerator.h"

namespace calldeck::testsupport
{

/// @brief Test fixture: a running CoreWorker with its IngestQueue and SourceRegistry, deltas on
/// (so row keys can be read), fed by the test with generated SIP through one "hep-udp" source.
class RunningCore final
{
public:
    struct Options
    {
        /// The wall clock (calls generated around nowUs()) or the packet clock (fixed past times).
        CoreWorker::Clock clock = CoreWorker::Clock::Live;
        /// Headers whose INVITE values the dialogs keep as columns.
        std::vector<std::string> headerColumns;
        int tickMs = 20;
        std::size_t queuePackets = 1u << 20;
        /// Messages per pushed batch; 0 pushes all of them as one batch.
        std::size_t batchSize = 0;
    };
    /// The bytes fed for a message (HEP, say) instead of its SIP text.
    using Encode = std::function<std::string(const GeneratedMessage &)>;

    RunningCore();
    explicit RunningCore(const Options &options);
    ~RunningCore();
    RunningCore(const RunningCore &) = delete;
    RunningCore &operator=(const RunningCore &) = delete;

    /// Now on the wall clock, in µs since the epoch.
    static std::int64_t nowUs();
    /// A dialog as a proxy lists it (h_entry 10, h_id 20, confirmed, profile trunk=gw-01), no SIP seen.
    static core::DialogSnapshot proxyOnlyDialog();

    CoreWorker &worker() { return m_worker; }
    SourceRegistry &sources() { return m_sources; }
    quint16 feed() const { return m_feed; }
    /// The row keys by Call-ID that the deltas read so far carried.
    const std::map<std::string, quint64> &keys() const { return m_keys; }

    /// Feeds @p messages from the feed source (as @p encode makes them, else as SIP text).
    bool push(const std::vector<GeneratedMessage> &messages, const Encode &encode = {});
    /// The row key of the dialog with @p callId once a delta carries it (0 after @p tries reads).
    quint64 keyOf(const std::string &callId, int tries = 150);
    /// Reads deltas until the keys of @p count dialogs are known (false after @p tries reads).
    bool waitForDialogs(std::size_t count, int tries = 500);
    /// Adds the proxy source @p name and gives the core its listing of @p dialog; the source's id.
    quint16 listOnProxy(const core::DialogSnapshot &dialog,
                        const QString &name = QStringLiteral("kam-edge-1"));
    /// The engine's dlg.list JSON (with a final newline, as the export writes it).
    std::string listJson();
    /// The engine's dialogs, in list order.
    std::vector<core::DialogSnapshot> snapshots();

private:
    static CoreWorker::Options workerOptions(const Options &options);
    /// Reads deltas (20 ms apart) until @p done, at most @p tries times.
    bool readDeltasUntil(const std::function<bool()> &done, int tries);

    const std::size_t m_batchSize;
    IngestQueue m_queue;
    SourceRegistry m_sources;
    CoreWorker m_worker;
    quint16 m_feed = 0;
    std::map<std::string, quint64> m_keys;
};

} // namespace calldeck::testsupport
