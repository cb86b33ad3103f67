// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>

namespace calldeck::bench
{

/** @brief Monotonic wall time in seconds. */
double nowSeconds();
/** @brief CPU time of the calling thread in seconds. */
double threadCpuSeconds();
/** @brief Resident set size of this process in bytes (from /proc/self/statm). */
std::size_t residentBytes();

} // namespace calldeck::bench
