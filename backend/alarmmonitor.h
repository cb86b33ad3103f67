// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <memory>
#include <vector>

#include <QObject>
#include <QTimer>

#include "backend/alarmevaluator.h"

class CoreWorker;
class EventLog;
class ProfileSampler;
class SourceRegistry;

/// @brief The alarms (issue #8) of both modes, console and headless: once a second — right after
/// each ProfileSampler sample when there is one, else on its own timer — it takes the profile
/// sizes from the sampler, counts old and stuck dialogs and the answered/failed INVITEs on the
/// core thread (one post, one walk of the table), reads the feeds' health, and runs the
/// AlarmEvaluator. Every raise, clear, acknowledgement and shelving goes to the event log (source
/// "alarm"). Rules come from the settings (AlarmRules), limits from ProfileLimits.
///
/// Lives on the main thread.
class AlarmMonitor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlarmMonitor)

public:
    /// @param sampler profile sizes (null: profile rules never raise)
    AlarmMonitor(CoreWorker &worker, SourceRegistry &sources, ProfileSampler *sampler, EventLog *log,
                 QObject *parent = nullptr);
    ~AlarmMonitor() override;

    /// @brief Reads the rules and limits from the settings and starts evaluating.
    void start();
    /// @brief Reads the rules and limits again (Settings → Alarm rules… saved).
    void reload();
    /// @brief Evaluates these rules from now on (tests; reload() takes the stored ones).
    void setRules(const QList<AlarmRule> &rules);

    void acknowledge(quint64 id);
    void shelve(quint64 id, qint64 untilMs);

    const std::vector<Alarm> &alarms() const { return m_evaluator.alarms(); }
    const QList<AlarmRule> &rules() const { return m_evaluator.rules(); }
    /// @brief Raised alarms nobody acknowledged and no shelf hides (the badge).
    int attentionCount() const { return m_evaluator.attentionCount(); }
    /// @brief The profiles the sampler has seen ("inbound", "trunk"): what rules may name.
    QStringList knownProfiles() const;
    /// @brief The limits the rules use (read with the rules).
    const ProfileLimits &limits() const { return m_limits; }
    /// @brief The source name of the alarms' event log entries.
    static QString logSource();

signals:
    /// @brief An alarm asks for attention (raised, or its shelf ended): the console notifies.
    void raised(const Alarm &alarm);
    /// @brief The list or a state changed.
    void alarmsChanged();
    /// @brief One raise, clear, acknowledgement, shelving or end of a shelf (AlarmHistory stores it).
    void happened(const AlarmEvent &event);

private:
    /// @brief Starts one evaluation; @p sampledSecond: the sampler's second to read (0: none).
    void tick(qint64 sampledSecond);
    void evaluate(AlarmEvaluator::Inputs inputs);
    void publish(const std::vector<AlarmEvent> &events);

    CoreWorker &m_worker;
    SourceRegistry &m_sources;
    ProfileSampler *m_sampler;
    EventLog *m_log;
    AlarmEvaluator m_evaluator;
    ProfileLimits m_limits;
    QTimer m_timer;
    std::shared_ptr<std::atomic<bool>> m_alive = std::make_shared<std::atomic<bool>>(true);
    bool m_pending = false; ///< a core count is on its way
    qint64 m_lastSecond = 0;
};
