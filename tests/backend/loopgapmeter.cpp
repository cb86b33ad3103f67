// SPDX-License-Identifier: GPL-3.0-or-later
#include "loopgapmeter.h"

#include <algorithm>
#include <ctime>
#include <memory>

LoopGapMeter::LoopGapMeter(const int tickMs, QObject *parent)
    : QObject(parent)
    , m_tickMs(tickMs)
{
    m_timer.setInterval(tickMs);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &LoopGapMeter::tick);
}

LoopGapMeter::~LoopGapMeter()
{
    stop();
}

qint64 LoopGapMeter::threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
}

void LoopGapMeter::start()
{
    stop();
    m_clock.start();
    m_last = 0;
    m_lastCpu = threadCpuMs();
    m_maxGap = 0;
    m_maxGapEnd = 0;
    m_maxBusy = 0;
    m_ticks = 0;
    m_referenceMaxGap = 0;
    m_timer.start();

    m_reference.start();
    m_referenceTimer = new QTimer;
    m_referenceTimer->setTimerType(Qt::PreciseTimer);
    m_referenceTimer->setInterval(m_tickMs);
    m_referenceTimer->moveToThread(&m_reference);
    auto clock = std::make_shared<QElapsedTimer>();
    auto last = std::make_shared<qint64>(0);
    connect(m_referenceTimer, &QTimer::timeout, m_referenceTimer, [this, clock, last]() {
        const qint64 now = clock->elapsed();
        if (now - *last > m_referenceMaxGap.load())
        {
            m_referenceMaxGap = now - *last;
        }
        *last = now;
    });
    QMetaObject::invokeMethod(m_referenceTimer, [timer = m_referenceTimer, clock]() {
        clock->start();
        timer->start();
    });
}

void LoopGapMeter::stop()
{
    if (m_timer.isActive())
    {
        tick();
        m_timer.stop();
    }
    if (m_referenceTimer)
    {
        QMetaObject::invokeMethod(
            m_referenceTimer, [timer = m_referenceTimer]() { delete timer; }, Qt::BlockingQueuedConnection);
        m_referenceTimer = nullptr;
        m_reference.quit();
        m_reference.wait();
    }
}

qint64 LoopGapMeter::maxGapMs() const
{
    return m_timer.isActive() ? std::max(m_maxGap, m_clock.elapsed() - m_last) : m_maxGap;
}

QString LoopGapMeter::summary() const
{
    return QStringLiteral("largest event-loop gap %1 ms (ending %2 ms after the start), most CPU between two "
                          "ticks %3 ms, largest gap of an idle reference thread %4 ms, %5 ticks")
        .arg(maxGapMs())
        .arg(m_maxGapEnd)
        .arg(m_maxBusy)
        .arg(referenceMaxGapMs())
        .arg(m_ticks);
}

void LoopGapMeter::tick()
{
    const qint64 now = m_clock.elapsed();
    const qint64 cpu = threadCpuMs();
    if (now - m_last > m_maxGap)
    {
        m_maxGap = now - m_last;
        m_maxGapEnd = now;
    }
    m_maxBusy = std::max(m_maxBusy, cpu - m_lastCpu);
    m_last = now;
    m_lastCpu = cpu;
    ++m_ticks;
}
