// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <vector>

#include <QApplication>
#include <QElapsedTimer>

namespace calldeck::bench
{

/**
 * @brief A QApplication that times every event the main thread handles at the top level (nested
 * sendEvent() calls belong to the event that caused them). An event during which markTick() was
 * called is a refresh tick: its duration is kept apart. The longest of all is the longest time
 * the event loop could not react.
 */
class EventTimingApplication final : public QApplication
{
public:
    EventTimingApplication(int &argc, char **argv);

    bool notify(QObject *receiver, QEvent *event) override;

    /// @brief Call from inside the tick's handler (e.g. a slot on dialogDeltaTaken).
    void markTick() { m_inTick = true; }
    /// @brief Starts (or restarts) the measurement: clears what was recorded so far.
    void startMeasuring();
    void stopMeasuring() { m_measuring = false; }

    const std::vector<double> &tickMs() const { return m_ticks; }
    double longestEventMs() const { return m_longestMs; }
    quint64 events() const { return m_events; }

private:
    std::vector<double> m_ticks;
    QElapsedTimer m_clock;
    double m_longestMs = 0;
    quint64 m_events = 0;
    int m_depth = 0;
    bool m_inTick = false;
    bool m_measuring = false;
};

} // namespace calldeck::bench
