// SPDX-License-Identifier: GPL-3.0-or-later
#include "eventtimingapplication.h"

namespace calldeck::bench
{

EventTimingApplication::EventTimingApplication(int &argc, char **argv)
    : QApplication(argc, argv)
{
    m_clock.start();
}

void EventTimingApplication::startMeasuring()
{
    m_ticks.clear();
    m_longestMs = 0;
    m_events = 0;
    m_measuring = true;
}

bool EventTimingApplication::notify(QObject *receiver, QEvent *event)
{
    if (m_depth > 0 || !m_measuring)
    {
        ++m_depth;
        const bool handled = QApplication::notify(receiver, event);
        --m_depth;
        return handled;
    }
    m_inTick = false;
    const qint64 start = m_clock.nsecsElapsed();
    ++m_depth;
    const bool handled = QApplication::notify(receiver, event);
    --m_depth;
    const double ms = double(m_clock.nsecsElapsed() - start) / 1e6;
    ++m_events;
    m_longestMs = std::max(m_longestMs, ms);
    if (m_inTick)
    {
        m_ticks.push_back(ms);
        m_inTick = false;
    }
    return handled;
}

} // namespace calldeck::bench
