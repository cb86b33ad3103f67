// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/alarmevaluator.h"

#include <algorithm>

using namespace Qt::StringLiterals;
using calldeck::core::DialogAgeQuery;
using Kind = AlarmRule::Kind;

namespace
{

bool isAgeKind(Kind kind)
{
    return kind == Kind::DialogAge || kind == Kind::EarlyStuck || kind == Kind::NoAckStuck;
}

QString number(double value)
{
    return QString::number(value, 'g', 6);
}

/// The feeds a silent/proxy-down rule watches: @p target in the label or the proxy's name.
bool matches(const SourceHealth &s, const QString &target)
{
    return s.label.contains(target) || (s.proxy && s.proxy->name == target);
}

} // namespace

std::vector<AlarmEvent> AlarmEvaluator::setRules(const QList<AlarmRule> &rules, const qint64 nowMs)
{
    std::vector<AlarmEvent> events;
    for (auto it = m_states.begin(); it != m_states.end();)
    {
        const auto same = std::find_if(rules.begin(), rules.end(), [&](const AlarmRule &r) {
            const auto old = std::find_if(m_rules.begin(), m_rules.end(),
                                          [&](const AlarmRule &o) { return o.name == it->first; });
            return r.name == it->first && r.enabled && old != m_rules.end() && old->kind == r.kind;
        });
        if (same != rules.end())
        {
            ++it;
            continue;
        }
        if (it->second.alarm)
        {
            events.push_back(clear(it->second, nowMs, u"the rule was removed or disabled"_s));
        }
        it = m_states.erase(it);
    }
    m_rules = rules;
    return events;
}

std::vector<DialogAgeQuery> AlarmEvaluator::ageQueries() const
{
    std::vector<DialogAgeQuery> out;
    for (const AlarmRule &rule : m_rules)
    {
        if (!rule.enabled || !isAgeKind(rule.kind))
        {
            continue;
        }
        const DialogAgeQuery::Kind kind = rule.kind == Kind::DialogAge    ? DialogAgeQuery::Kind::Any
                                          : rule.kind == Kind::EarlyStuck ? DialogAgeQuery::Kind::Early
                                                                          : DialogAgeQuery::Kind::NoAck;
        out.push_back({kind, std::uint32_t(std::max(0, rule.seconds))});
    }
    return out;
}

AlarmEvaluator::Measure AlarmEvaluator::measure(const AlarmRule &rule, const qsizetype ageIndex,
                                                const Inputs &in) const
{
    Measure m;
    switch (rule.kind)
    {
    case Kind::ProfileSize:
    {
        const QString key = rule.target.startsWith(u"profile:"_s) ? rule.target.mid(8) : rule.target;
        const double value = in.profiles.value(key, 0);
        double threshold = rule.threshold;
        double hysteresis = rule.hysteresis;
        QString of;
        if (rule.percent)
        {
            const std::optional<double> limit = in.limits.limit(key);
            if (!limit)
            {
                return m;
            }
            threshold = *limit * rule.threshold / 100;
            hysteresis = *limit * rule.hysteresis / 100;
            of = u" (%1% of the limit %2)"_s.arg(number(rule.threshold), number(*limit));
        }
        m.valid = true;
        m.over = value >= threshold;
        m.under = value < threshold - hysteresis;
        m.what = u"%1 %2 %3 %4%5"_s.arg(key, number(value), m.over ? u"≥"_s : u"<"_s, number(threshold), of);
        return m;
    }
    case Kind::DialogAge:
    case Kind::EarlyStuck:
    case Kind::NoAckStuck:
    {
        if (ageIndex < 0 || std::size_t(ageIndex) >= in.ages.size())
        {
            return m;
        }
        const calldeck::core::DialogAgeCount &c = in.ages[std::size_t(ageIndex)];
        m.valid = true;
        m.over = c.count >= quint64(std::max(1, rule.count));
        m.under = !m.over;
        const QString how = rule.kind == Kind::DialogAge    ? u"older than"_s
                            : rule.kind == Kind::EarlyStuck ? u"unconfirmed or early for"_s
                                                            : u"confirmed without ACK for"_s;
        m.what = u"%1 dialog(s) %2 %3 s"_s.arg(c.count).arg(how).arg(rule.seconds);
        if (c.count)
        {
            m.what += u" (oldest %1 s)"_s.arg(c.oldest);
        }
        return m;
    }
    case Kind::FeedSilent:
    {
        qint64 newest = -1;
        QStringList labels;
        for (const SourceHealth &s : in.sources)
        {
            const bool wanted = rule.target.isEmpty() ? s.kind.startsWith(u"hep"_s) : matches(s, rule.target);
            if (!wanted || s.state != SourceHealth::State::Running)
            {
                continue;
            }
            labels << s.label;
            const qint64 last = s.proxy ? s.proxy->lastSuccessMs : s.lastSeenMs;
            newest = std::max(newest, last);
        }
        if (labels.isEmpty())
        {
            return m; // nothing running to watch
        }
        // Nothing received yet: silent since the rule is watched.
        const auto it = m_states.find(rule.name);
        const qint64 since =
            newest > 0 ? newest : (it != m_states.end() ? it->second.watchedSinceMs : in.nowMs);
        const qint64 silentMs = std::max<qint64>(0, in.nowMs - since);
        m.valid = true;
        m.over = silentMs >= qint64(rule.seconds) * 1000;
        m.under = !m.over;
        m.what = newest > 0
                     ? u"%1 silent for %2 s"_s.arg(labels.join(u", "_s)).arg(silentMs / 1000)
                     : u"%1: nothing received in %2 s"_s.arg(labels.join(u", "_s)).arg(silentMs / 1000);
        return m;
    }
    case Kind::ProxyDown:
    {
        QStringList down;
        bool any = false;
        for (const SourceHealth &s : in.sources)
        {
            if (!s.proxy || (!rule.target.isEmpty() && !matches(s, rule.target)) ||
                s.state == SourceHealth::State::Finished)
            {
                continue;
            }
            any = true;
            if (s.proxy->state == ProxyStatus::State::Down)
            {
                down << (s.proxy->lastError.isEmpty() ? s.proxy->name
                                                      : u"%1 (%2)"_s.arg(s.proxy->name, s.proxy->lastError));
            }
        }
        m.valid = any;
        m.over = !down.isEmpty();
        m.under = !m.over;
        m.what = m.over ? u"proxy down: %1"_s.arg(down.join(u", "_s)) : u"proxies up"_s;
        return m;
    }
    case Kind::FailureRate:
    {
        if (m_counters.empty())
        {
            return m;
        }
        const Counters &now = m_counters.back();
        const qint64 from = in.nowMs - qint64(rule.seconds) * 1000;
        auto base = std::find_if(m_counters.begin(), m_counters.end(),
                                 [from](const Counters &c) { return c.ms >= from; });
        if (base == m_counters.end())
        {
            base = m_counters.begin();
        }
        const quint64 answered = now.answered - base->answered;
        const quint64 failed = now.failed - base->failed;
        const quint64 total = answered + failed;
        m.valid = true;
        if (total < quint64(std::max(1, rule.count)))
        {
            m.what =
                u"%1 final answer(s) in %2 s, fewer than %3"_s.arg(total).arg(rule.seconds).arg(rule.count);
            return m;
        }
        const double rate = 100.0 * double(failed) / double(total);
        m.over = rate >= rule.threshold;
        m.under = rate < rule.threshold - rule.hysteresis;
        m.what = u"%1% failed (%2 of %3 in %4 s) %5 %6%"_s.arg(number(rate))
                     .arg(failed)
                     .arg(total)
                     .arg(rule.seconds)
                     .arg(m.over ? u"≥"_s : u"<"_s, number(rule.threshold));
        return m;
    }
    }
    return m;
}

std::vector<AlarmEvent> AlarmEvaluator::evaluate(const Inputs &in)
{
    std::vector<AlarmEvent> events;
    const qint64 now = in.nowMs;

    // Failure-rate windows: one entry a second, as long as the longest window.
    if (!m_counters.empty() &&
        (in.answered < m_counters.back().answered || in.failed < m_counters.back().failed))
    {
        m_counters.clear(); // the core's counters restarted
    }
    m_counters.push_back({now, in.answered, in.failed});
    int window = 0;
    for (const AlarmRule &rule : m_rules)
    {
        window = rule.kind == Kind::FailureRate && rule.enabled ? std::max(window, rule.seconds) : window;
    }
    while (m_counters.size() > 1 && m_counters[1].ms <= now - qint64(window) * 1000)
    {
        m_counters.pop_front();
    }

    // Shelves that ran out.
    for (auto it = m_shelf.begin(); it != m_shelf.end();)
    {
        if (now < it->second)
        {
            ++it;
            continue;
        }
        for (Alarm &a : m_alarms)
        {
            if (a.rule == it->first && a.shelvedUntilMs)
            {
                a.shelvedUntilMs = 0;
                if (!a.clearedMs)
                {
                    events.push_back({AlarmEvent::Type::ShelveExpired, a});
                }
            }
        }
        it = m_shelf.erase(it);
    }

    qsizetype ageIndex = 0;
    for (const AlarmRule &rule : std::as_const(m_rules))
    {
        if (!rule.enabled)
        {
            continue;
        }
        RuleState &state = m_states[rule.name];
        state.watchedSinceMs = state.watchedSinceMs ? state.watchedSinceMs : now;
        const Measure m = measure(rule, isAgeKind(rule.kind) ? ageIndex++ : -1, in);
        const bool over = m.valid && m.over;
        const bool under = !m.valid || m.under;
        if (Alarm *a = find(state.alarm))
        {
            a->now = m.what;
        }
        if (over)
        {
            state.underSinceMs = 0;
            state.overSinceMs = state.overSinceMs ? state.overSinceMs : now;
            if (!state.alarm && now - state.overSinceMs >= qint64(rule.raiseAfter) * 1000)
            {
                Alarm a;
                a.id = m_nextId++;
                a.rule = rule.name;
                a.kind = rule.kind;
                a.severity = rule.severity;
                a.raisedMs = now;
                a.what = m.what;
                a.now = m.what;
                const auto shelf = m_shelf.find(rule.name);
                a.shelvedUntilMs = shelf != m_shelf.end() ? shelf->second : 0;
                m_alarms.push_back(a);
                state.alarm = a.id;
                state.underSinceMs = 0;
                events.push_back({AlarmEvent::Type::Raised, a});
            }
            continue;
        }
        state.overSinceMs = 0;
        if (!under || !state.alarm)
        {
            state.underSinceMs = 0;
            continue;
        }
        state.underSinceMs = state.underSinceMs ? state.underSinceMs : now;
        if (now - state.underSinceMs >= qint64(rule.clearAfter) * 1000)
        {
            events.push_back(clear(state, now, m.what));
        }
    }
    trim();
    return events;
}

AlarmEvent AlarmEvaluator::clear(RuleState &state, const qint64 nowMs, const QString &why)
{
    Alarm *a = find(state.alarm);
    state.alarm = 0;
    state.underSinceMs = 0;
    state.overSinceMs = 0;
    if (!a)
    {
        return {};
    }
    a->clearedMs = nowMs;
    a->shelvedUntilMs = 0;
    a->now = why;
    return {AlarmEvent::Type::Cleared, *a};
}

std::vector<AlarmEvent> AlarmEvaluator::acknowledge(const quint64 id, const qint64 nowMs)
{
    Q_UNUSED(nowMs)
    Alarm *a = find(id);
    if (!a || a->clearedMs || a->acknowledged)
    {
        return {};
    }
    a->acknowledged = true;
    return {{AlarmEvent::Type::Acknowledged, *a}};
}

std::vector<AlarmEvent> AlarmEvaluator::shelve(const quint64 id, const qint64 untilMs, const qint64 nowMs)
{
    const Alarm *target = find(id);
    if (!target || untilMs <= nowMs)
    {
        return {};
    }
    const QString rule = target->rule;
    m_shelf[rule] = untilMs;
    std::vector<AlarmEvent> events;
    for (Alarm &a : m_alarms)
    {
        if (a.rule == rule && !a.clearedMs)
        {
            a.shelvedUntilMs = untilMs;
            events.push_back({AlarmEvent::Type::Shelved, a});
        }
    }
    if (events.empty())
    {
        Alarm copy = *target;
        copy.shelvedUntilMs = untilMs;
        events.push_back({AlarmEvent::Type::Shelved, copy}); // a cleared alarm: the rule is shelved
    }
    return events;
}

int AlarmEvaluator::attentionCount() const
{
    return int(
        std::count_if(m_alarms.begin(), m_alarms.end(), [](const Alarm &a) { return a.needsAttention(); }));
}

Alarm *AlarmEvaluator::find(const quint64 id)
{
    if (!id)
    {
        return nullptr;
    }
    const auto it =
        std::find_if(m_alarms.begin(), m_alarms.end(), [id](const Alarm &a) { return a.id == id; });
    return it == m_alarms.end() ? nullptr : &*it;
}

void AlarmEvaluator::trim()
{
    while (qsizetype(m_alarms.size()) > MaxAlarms)
    {
        const auto cleared =
            std::find_if(m_alarms.begin(), m_alarms.end(), [](const Alarm &a) { return a.clearedMs != 0; });
        if (cleared == m_alarms.end())
        {
            return; // every one is raised: keep them all
        }
        m_alarms.erase(cleared);
    }
}
