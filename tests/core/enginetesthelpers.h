// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "backend/core/dialogengine.h"
#include "tests/support/siptrafficgenerator.h"

#include <string>
#include <vector>

namespace calldeck::testsupport
{

/** @brief Feeds generated messages into an engine and remembers what each one did. */
inline std::vector<core::FeedResult> feedAll(core::DialogEngine &engine,
                                             const std::vector<GeneratedMessage> &msgs)
{
    std::vector<core::FeedResult> out;
    out.reserve(msgs.size());
    for (const GeneratedMessage &m : msgs)
    {
        out.push_back(engine.feed(m.text, m.meta));
    }
    return out;
}

/** @brief Index of the first generated message whose start line begins with `prefix`. */
inline int indexOf(const std::vector<GeneratedMessage> &msgs, const std::string &prefix, int from = 0)
{
    for (int i = from; i < static_cast<int>(msgs.size()); ++i)
    {
        if (msgs[static_cast<std::size_t>(i)].text.compare(0, prefix.size(), prefix) == 0)
        {
            return i;
        }
    }
    return -1;
}

constexpr std::int64_t T0 = 1795747700LL * 1000000; // a fixed Unix time in µs

} // namespace calldeck::testsupport
