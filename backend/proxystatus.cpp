// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/proxystatus.h"

using namespace Qt::StringLiterals;

QString ProxyStatus::stateName(const State state)
{
    switch (state)
    {
    case State::Connecting:
        return u"connecting"_s;
    case State::Up:
        return u"up"_s;
    case State::Degraded:
        return u"degraded"_s;
    case State::Down:
        return u"down"_s;
    }
    return u"unknown"_s;
}
