// SPDX-License-Identifier: GPL-3.0-or-later
#include "boundedwait.h"

#include <QDeadlineTimer>
#include <QThread>

namespace calldeck::integration
{

bool BoundedWait::until(const int timeoutMs, const std::function<bool()> &condition, const int stepMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!condition())
    {
        if (deadline.hasExpired())
        {
            return condition();
        }
        QThread::msleep(static_cast<unsigned long>(qMax(1, stepMs)));
    }
    return true;
}

} // namespace calldeck::integration
