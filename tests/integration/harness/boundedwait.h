// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

namespace calldeck::integration
{

/// @brief Bounded polling for integration tests: every loop that waits for a proxy, a sipp or
/// CallDeck has a deadline.
class BoundedWait final
{
public:
    BoundedWait() = delete;

    /// @brief Calls @p condition every @p stepMs until it is true (returns true); once
    /// @p timeoutMs have passed, returns what one last look says.
    static bool until(int timeoutMs, const std::function<bool()> &condition, int stepMs = 100);
};

} // namespace calldeck::integration
