// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/alarmmonitor.h"

#include <QDateTime>

#include "backend/alarmrules.h"
#include "backend/coreworker.h"
#include "backend/eventlog.h"
#include "backend/logging.h"
#include "backend/profilesampler.h"
#include "backend/proxydialogs.h"

using namespace Qt::StringLiterals;

AlarmMonitor::AlarmMonitor(CoreWorker &worker, SourceRegistry &sources, ProfileSampler *sampler,
                           EventLog *log, QObject *parent)
    : QObject(parent)
    , m_worker(worker)
    , m_sources(sources)
    , m_sampler(sampler)
    , m_log(log)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(250); // a new second is caught within a quarter of it
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (QDateTime::currentSecsSinceEpoch() != m_lastSecond)
        {
            tick(0);
        }
    });
}

AlarmMonitor::~AlarmMonitor()
{
    m_timer.stop();
    // A count the core is taking must not reach a deleted monitor: after this call the core has
    // run every post made before it.
    m_alive->store(false);
    m_worker.call([](CoreContext &) {}, 5000);
}

QString AlarmMonitor::logSource()
{
    return u"alarm"_s;
}

QStringList AlarmMonitor::knownProfiles() const
{
    QStringList out;
    if (!m_sampler)
    {
        return out;
    }
    for (const QString &name : m_sampler->seriesNames())
    {
        if (name.startsWith(u"profile:"_s) && !name.contains(u'='))
        {
            out << name.mid(8);
        }
    }
    return out;
}

void AlarmMonitor::start()
{
    reload();
    if (m_sampler)
    {
        // Right after each sample: the profile sizes are fresh, and the raise is at most about a
        // second behind the crossing.
        connect(m_sampler, &ProfileSampler::sampled, this, [this](qint64 second) { tick(second); });
    }
    else
    {
        m_timer.start();
    }
}

void AlarmMonitor::reload()
{
    QStringList errors;
    const QList<AlarmRule> rules = AlarmRules::load(&errors);
    QStringList badLimits;
    m_limits = ProfileLimits::fromSettings(&badLimits);
    for (const QString &error : std::as_const(errors))
    {
        qCWarning(lcBackend).noquote() << error;
        if (m_log)
        {
            m_log->append(EventLogEntry::Severity::Warning, logSource(), error);
        }
    }
    if (!badLimits.isEmpty() && m_log)
    {
        m_log->append(
            EventLogEntry::Severity::Warning, logSource(),
            u"%1 lines that are not \"SERIES NUMBER\" are ignored: %2; %-rules on them do not raise"_s.arg(
                ProfileLimits::settingKey(), badLimits.join(u"; "_s)));
    }
    setRules(rules);
}

void AlarmMonitor::setRules(const QList<AlarmRule> &rules)
{
    publish(m_evaluator.setRules(rules, QDateTime::currentMSecsSinceEpoch()));
    emit alarmsChanged();
}

void AlarmMonitor::acknowledge(const quint64 id)
{
    publish(m_evaluator.acknowledge(id, QDateTime::currentMSecsSinceEpoch()));
}

void AlarmMonitor::shelve(const quint64 id, const qint64 untilMs)
{
    publish(m_evaluator.shelve(id, untilMs, QDateTime::currentMSecsSinceEpoch()));
}

void AlarmMonitor::tick(const qint64 sampledSecond)
{
    m_lastSecond = QDateTime::currentSecsSinceEpoch();
    if (m_pending || m_evaluator.rules().isEmpty())
    {
        return;
    }
    AlarmEvaluator::Inputs inputs;
    if (m_sampler && sampledSecond > 0)
    {
        const qint64 second = sampledSecond;
        for (const QString &name : m_sampler->seriesNames())
        {
            if (!name.startsWith(u"profile:"_s))
            {
                continue;
            }
            const std::optional<std::uint32_t> v = m_sampler->series(name)->at(second);
            if (v && *v != calldeck::core::SampleRing::Gap)
            {
                inputs.profiles.insert(name.mid(8), *v);
            }
        }
    }
    m_pending = true;
    m_worker.post([this, alive = m_alive, queries = m_evaluator.ageQueries(),
                   inputs = std::move(inputs)](CoreContext &ctx) mutable {
        if (!*alive)
        {
            return;
        }
        inputs.ages = ctx.proxies.countAged(ctx.engine, queries); // each dialog once
        inputs.answered = ctx.engine.stats().answeredDialogs;
        inputs.failed = ctx.engine.stats().failedDialogs;
        // The destructor waits for this post; the queued call dies with the monitor.
        QMetaObject::invokeMethod(
            this, [this, inputs = std::move(inputs)]() mutable { evaluate(std::move(inputs)); },
            Qt::QueuedConnection);
    });
}

void AlarmMonitor::evaluate(AlarmEvaluator::Inputs inputs)
{
    m_pending = false;
    inputs.nowMs = QDateTime::currentMSecsSinceEpoch();
    inputs.limits = m_limits;
    inputs.sources = m_sources.snapshot();
    publish(m_evaluator.evaluate(inputs));
}

void AlarmMonitor::publish(const std::vector<AlarmEvent> &events)
{
    for (const AlarmEvent &e : events)
    {
        const Alarm &a = e.alarm;
        const QString head = u"[%1] %2"_s.arg(AlarmRule::severityKey(a.severity), a.rule);
        QString text;
        auto severity = EventLogEntry::Severity::Info;
        switch (e.type)
        {
        case AlarmEvent::Type::Raised:
            text = u"raised %1: %2"_s.arg(head, a.what);
            if (a.shelvedUntilMs)
            {
                text += u" (shelved until %1)"_s.arg(
                    QDateTime::fromMSecsSinceEpoch(a.shelvedUntilMs).toString(Qt::ISODate));
            }
            severity = a.severity == AlarmRule::Severity::Critical || a.severity == AlarmRule::Severity::Major
                           ? EventLogEntry::Severity::Error
                           : EventLogEntry::Severity::Warning;
            break;
        case AlarmEvent::Type::Cleared:
            text = u"cleared %1 after %2 s: %3"_s.arg(head).arg((a.clearedMs - a.raisedMs) / 1000).arg(a.now);
            break;
        case AlarmEvent::Type::Acknowledged:
            text = u"acknowledged %1: %2"_s.arg(head, a.what);
            break;
        case AlarmEvent::Type::Shelved:
            text = u"shelved %1 until %2"_s.arg(
                head, QDateTime::fromMSecsSinceEpoch(a.shelvedUntilMs).toString(Qt::ISODate));
            break;
        case AlarmEvent::Type::ShelveExpired:
            text = u"shelf ended, still raised %1: %2"_s.arg(head, a.now);
            severity = EventLogEntry::Severity::Warning;
            break;
        }
        qCInfo(lcBackend).noquote() << "alarm" << text;
        if (m_log)
        {
            m_log->append(severity, logSource(), text);
        }
        emit happened(e);
        if ((e.type == AlarmEvent::Type::Raised || e.type == AlarmEvent::Type::ShelveExpired) &&
            a.needsAttention())
        {
            emit raised(a);
        }
    }
    if (!events.empty())
    {
        emit alarmsChanged();
    }
}
