// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>

#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

#include "backend/core/samplering.h"
#include "backend/profilecounts.h"
#include "backend/storeurl.h"

class CoreWorker;
class EventLog;
class SampleStore;

/// @brief The charts' data (issue #8): once a second it counts, on the core thread, the live
/// dialogs of every profile (each dialog once across mirror and proxies, ProxyDialogs::
/// profileCounts), of each value of a valued profile, by state, and the calls that began and
/// ended in that second, and records them in one SampleRing per series (24 h by default). Every
/// minute the current hour of each series goes to a SampleStore, and at start the last 24 h come
/// back from it, so a restart keeps the history; the headless collector records it too.
///
/// Series names: `profile:NAME`, `profile:NAME=VALUE` (the first `valuesPerProfile` values seen
/// of each profile; the others together in `profile:NAME=(other)`), `state:1` … `state:4`,
/// `calls:new` and `calls:ended` (calls the mirror saw begin and end). At most `maxSeries`.
///
/// Lives on the main thread.
class ProfileSampler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProfileSampler)

public:
    struct Options
    {
        std::size_t capacitySeconds = 86'400;
        int valuesPerProfile = 10;
        int maxSeries = 300;
        int flushSeconds = 60;
        int retentionHours = 24;
        std::optional<StoreUrl> store; ///< none: no history on disk
        /// @brief history.sqlite of earlier versions: imported into the store once (empty: none).
        QString legacyFile;
    };

    ProfileSampler(CoreWorker &worker, Options options, EventLog *log = nullptr, QObject *parent = nullptr);
    ~ProfileSampler() override;

    /// @brief Opens the store and loads its last `retentionHours` (a store that cannot be used is
    /// reported and sampling goes on in memory), then samples every second.
    void start();
    /// @brief Stops sampling and writes what the store does not have yet.
    void stop();

    /// @brief Takes one sample for the Unix second @p second now (the timer uses the clock).
    void sampleAt(qint64 second);
    /// @brief Writes the current hour of every series to the store. @return false on an error
    bool flush();

    QStringList seriesNames() const;
    /// @brief The ring of @p name, or null.
    const calldeck::core::SampleRing *series(const QString &name) const;
    qint64 lastSecond() const { return m_lastSecond; }
    /// @brief The newest second any series has (history loaded at start included); 0 if none.
    qint64 latestSecond() const;

signals:
    /// @brief A sample was recorded for @p second (the charts redraw).
    void sampled(qint64 second);

private:
    struct Sample
    {
        ProfileCounts profiles;
        std::uint64_t states[5] = {};
        std::uint64_t created = 0;
        std::uint64_t ended = 0;
    };
    void record(qint64 second, const Sample &sample);
    calldeck::core::SampleRing *ring(const QString &name);
    void report(const QString &text);
    void onTimer();

    CoreWorker &m_worker;
    const Options m_options;
    EventLog *m_log;
    std::unique_ptr<SampleStore> m_store;
    std::map<QString, std::unique_ptr<calldeck::core::SampleRing>> m_series;
    std::map<std::string, int> m_valueSeries; ///< per profile: value series made so far
    std::shared_ptr<std::atomic<bool>> m_alive = std::make_shared<std::atomic<bool>>(true);
    QTimer m_timer;
    qint64 m_lastSecond = 0;
    qint64 m_lastFlush = 0;
    std::uint64_t m_lastCreated = 0;
    std::uint64_t m_lastLive = 0;
    bool m_haveCounters = false;
    bool m_storeFailed = false;
    bool m_seriesCapped = false;
};
