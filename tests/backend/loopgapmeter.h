// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>

#include <QElapsedTimer>
#include <QObject>
#include <QThread>
#include <QTimer>

/// @brief Test helper: proves that the thread's event loop is never blocked. A timer ticks every
/// @p tickMs while the meter runs; maxGapMs() is the longest time between two ticks, so a blocking
/// call of N ms shows up as a gap of about N ms. Two more readings tell a blocked loop from a box
/// too busy to run it (other builds on shared cores): maxBusyMs() is the most CPU time the thread
/// used between two ticks, and referenceMaxGapMs() the longest gap of the same timer on an idle
/// thread of its own.
class LoopGapMeter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoopGapMeter)

public:
    explicit LoopGapMeter(int tickMs = 20, QObject *parent = nullptr);
    ~LoopGapMeter() override;

    void start();
    void stop();
    qint64 maxGapMs() const;
    /// @brief When the longest gap ended, in ms since start().
    qint64 maxGapEndMs() const { return m_maxGapEnd; }
    /// @brief The most CPU time this thread used between two ticks.
    qint64 maxBusyMs() const { return m_maxBusy; }
    /// @brief The longest gap of the idle reference thread's timer.
    qint64 referenceMaxGapMs() const { return m_referenceMaxGap.load(); }
    /// @brief Now, in ms since start().
    qint64 elapsedMs() const { return m_clock.elapsed(); }
    int ticks() const { return m_ticks; }
    /// @brief One line with every reading, for failure messages.
    QString summary() const;

private:
    void tick();
    static qint64 threadCpuMs();

    int m_tickMs;
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_lastCpu = 0;
    qint64 m_maxGap = 0;
    qint64 m_maxGapEnd = 0;
    qint64 m_maxBusy = 0;
    int m_ticks = 0;
    QThread m_reference;
    QTimer *m_referenceTimer = nullptr; // lives on m_reference
    std::atomic<qint64> m_referenceMaxGap{0};
};
