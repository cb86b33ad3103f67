// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/profilesampler.h"

#include <algorithm>
#include <vector>

#include <QDateTime>

#include "backend/core/dialogengine.h"
#include "backend/coreworker.h"
#include "backend/eventlog.h"
#include "backend/logging.h"
#include "backend/proxydialogs.h"
#include "backend/samplestore.h"

using namespace Qt::StringLiterals;
using calldeck::core::SampleRing;

namespace
{

const QString Other = u"(other)"_s;

QString profileSeries(const std::string &profile)
{
    return u"profile:"_s + QString::fromStdString(profile);
}

QString valueSeries(const std::string &profile, const QString &value)
{
    return profileSeries(profile) + u'=' + value;
}

} // namespace

ProfileSampler::ProfileSampler(CoreWorker &worker, Options options, EventLog *log, QObject *parent)
    : QObject(parent)
    , m_worker(worker)
    , m_options(std::move(options))
    , m_log(log)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(250); // catches each new second within a quarter of it
    connect(&m_timer, &QTimer::timeout, this, &ProfileSampler::onTimer);
}

ProfileSampler::~ProfileSampler()
{
    stop();
    // A sample the core thread is taking must not reach a deleted sampler: after this call the
    // core has run every post made before it.
    m_alive->store(false);
    m_worker.call([](CoreContext &) {}, 5000);
}

void ProfileSampler::report(const QString &text)
{
    qCWarning(lcBackend).noquote() << text;
    if (m_log)
    {
        m_log->append(EventLogEntry::Severity::Warning, u"charts"_s, text);
    }
}

void ProfileSampler::start()
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const qint64 since = now - qint64(m_options.retentionHours) * 3600;
    if (m_options.store && !m_store)
    {
        m_store = std::make_unique<SampleStore>(*m_options.store);
        m_store->setLegacyFile(m_options.legacyFile);
        QString error;
        std::vector<SampleStore::Chunk> chunks;
        if (!m_store->open(&error) || !m_store->load(since, chunks, &error) || !m_store->prune(since, &error))
        {
            report(error + u"; the charts keep their history in memory only until then"_s);
            m_store.reset();
        }
        else if (m_store->importedChunks() > 0 && m_log)
        {
            m_log->append(
                EventLogEntry::Severity::Info, u"charts"_s,
                u"Imported %1 hour chunks of chart history of an earlier version from %2 into the store %3."_s
                    .arg(QString::number(m_store->importedChunks()), m_options.legacyFile, m_store->where()));
        }
        for (const SampleStore::Chunk &c : chunks)
        {
            if (SampleRing *r = ring(c.series))
            {
                r->load(c.hourStart, c.values);
            }
            const qsizetype eq = c.series.indexOf(u'=');
            if (c.series.startsWith(u"profile:"_s) && eq > 0 && !c.series.endsWith(Other))
            {
                ++m_valueSeries[c.series.mid(8, eq - 8).toStdString()];
            }
        }
    }
    m_lastFlush = now;
    m_timer.start();
}

void ProfileSampler::stop()
{
    if (m_timer.isActive())
    {
        m_timer.stop();
        flush();
    }
}

void ProfileSampler::onTimer()
{
    const qint64 second = QDateTime::currentSecsSinceEpoch();
    if (second != m_lastSecond)
    {
        sampleAt(second);
    }
    if (m_store && second - m_lastFlush >= m_options.flushSeconds)
    {
        flush();
    }
}

void ProfileSampler::sampleAt(const qint64 second)
{
    m_lastSecond = second;
    m_worker.post([this, alive = m_alive, second](CoreContext &ctx) {
        if (!*alive)
        {
            return;
        }
        auto sample = std::make_shared<Sample>();
        sample->profiles = ctx.proxies.profileCounts(ctx.engine);
        const calldeck::core::DialogActiveStats a = ctx.engine.activeStats();
        sample->states[1] = a.starting;
        sample->states[2] = a.connecting;
        sample->states[3] = a.answering;
        sample->states[4] = a.ongoing;
        sample->created = ctx.engine.stats().processedDialogs;
        // The destructor waits for this post; the queued call dies with the sampler.
        QMetaObject::invokeMethod(
            this, [this, second, sample] { record(second, *sample); }, Qt::QueuedConnection);
    });
}

SampleRing *ProfileSampler::ring(const QString &name)
{
    const auto it = m_series.find(name);
    if (it != m_series.end())
    {
        return it->second.get();
    }
    if (int(m_series.size()) >= m_options.maxSeries)
    {
        if (!m_seriesCapped)
        {
            m_seriesCapped = true;
            report(
                u"the charts keep at most %1 series; '%2' and later ones are not recorded (fewer values per "
                u"profile, or fewer profiles, keep them in)"_s.arg(m_options.maxSeries)
                    .arg(name));
        }
        return nullptr;
    }
    return m_series.emplace(name, std::make_unique<SampleRing>(m_options.capacitySeconds))
        .first->second.get();
}

void ProfileSampler::record(const qint64 second, const Sample &sample)
{
    for (const auto &[profile, count] : sample.profiles)
    {
        if (SampleRing *r = ring(profileSeries(profile)))
        {
            r->record(second, count.total);
        }
        if (count.values.empty() && !m_valueSeries.count(profile))
        {
            continue;
        }
        // Values with a series of their own; the first new ones (largest first) get one while
        // the profile has room, the rest go to "(other)".
        std::vector<std::pair<std::uint32_t, const std::string *>> byCount;
        for (const auto &[value, n] : count.values)
        {
            byCount.emplace_back(n, &value);
        }
        std::sort(byCount.begin(), byCount.end(),
                  [](const auto &a, const auto &b) { return a.first > b.first; });
        std::uint32_t other = 0;
        int &made = m_valueSeries[profile];
        for (const auto &[n, value] : byCount)
        {
            const QString name = valueSeries(profile, QString::fromStdString(*value));
            SampleRing *r = nullptr;
            if (m_series.count(name) || made < m_options.valuesPerProfile)
            {
                const bool fresh = !m_series.count(name);
                r = ring(name);
                made += (r && fresh) ? 1 : 0;
            }
            if (r)
            {
                r->record(second, n);
            }
            else
            {
                other += n;
            }
        }
        // A value series whose value has no dialog now reads 0, not a gap.
        const QString prefix = profileSeries(profile) + u'=';
        for (auto it = m_series.lower_bound(prefix); it != m_series.end() && it->first.startsWith(prefix);
             ++it)
        {
            if (it->second->lastSecond() != second || it->second->empty())
            {
                it->second->record(second, it->first.endsWith(Other) ? other : 0);
            }
        }
        if (other && !m_series.count(prefix + Other))
        {
            if (SampleRing *r = ring(prefix + Other))
            {
                r->record(second, other);
            }
        }
    }
    // A profile with no live dialog now (the proxy lists none) reads 0, as do its values: a gap
    // would claim CallDeck was not sampling.
    for (const auto &[name, r] : m_series)
    {
        if (!name.startsWith(u"profile:"_s) || r->empty() || r->lastSecond() == second)
        {
            continue;
        }
        const qsizetype eq = name.indexOf(u'=');
        if (!sample.profiles.count(name.mid(8, eq < 0 ? -1 : eq - 8).toStdString()))
        {
            r->record(second, 0);
        }
    }
    std::uint64_t live = 0;
    for (int state = 1; state <= 4; ++state)
    {
        live += sample.states[state];
        if (SampleRing *r = ring(u"state:%1"_s.arg(state)))
        {
            r->record(second, std::uint32_t(sample.states[state]));
        }
    }
    if (m_haveCounters && sample.created >= m_lastCreated)
    {
        const std::uint64_t created = sample.created - m_lastCreated;
        // What began and is no longer live ended: created − (live now − live before).
        const auto ended = std::int64_t(created) - (std::int64_t(live) - std::int64_t(m_lastLive));
        if (SampleRing *r = ring(u"calls:new"_s))
        {
            r->record(second, std::uint32_t(created));
        }
        if (SampleRing *r = ring(u"calls:ended"_s))
        {
            r->record(second, std::uint32_t(std::max<std::int64_t>(0, ended)));
        }
    }
    m_lastCreated = sample.created;
    m_lastLive = live;
    m_haveCounters = true;
    emit sampled(second);
}

bool ProfileSampler::flush()
{
    if (!m_store)
    {
        return false;
    }
    const qint64 now = m_lastSecond ? m_lastSecond : QDateTime::currentSecsSinceEpoch();
    std::vector<std::uint32_t> values(SampleStore::SecondsPerChunk);
    bool ok = true;
    const bool grouped = m_store->begin(); // one commit for every series
    // The hours since the last flush (the previous one is completed when an hour turned).
    for (qint64 hour = m_lastFlush - m_lastFlush % 3600; hour <= now; hour += 3600)
    {
        for (const auto &[name, r] : m_series)
        {
            r->copy(hour, values);
            if (std::all_of(values.begin(), values.end(),
                            [](std::uint32_t v) { return v == SampleRing::Gap; }))
            {
                continue;
            }
            QString error;
            if (!m_store->write(name, hour, values, &error))
            {
                if (!m_storeFailed)
                {
                    report(error);
                }
                m_storeFailed = true;
                ok = false;
                break;
            }
        }
    }
    if (grouped)
    {
        QString error;
        if (!m_store->end(ok, &error) && ok)
        {
            if (!m_storeFailed)
            {
                report(error);
            }
            m_storeFailed = true;
            ok = false;
        }
    }
    if (ok)
    {
        m_storeFailed = false;
        m_lastFlush = now;
    }
    return ok;
}

qint64 ProfileSampler::latestSecond() const
{
    qint64 latest = 0;
    for (const auto &[name, r] : m_series)
    {
        latest = r->empty() ? latest : std::max<qint64>(latest, r->lastSecond());
    }
    return latest;
}

QStringList ProfileSampler::seriesNames() const
{
    QStringList out;
    for (const auto &entry : m_series)
    {
        out << entry.first;
    }
    return out;
}

const SampleRing *ProfileSampler::series(const QString &name) const
{
    const auto it = m_series.find(name);
    return it == m_series.end() ? nullptr : it->second.get();
}
