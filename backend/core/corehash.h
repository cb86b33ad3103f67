// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string_view>

namespace calldeck::core
{

/**
 * @brief Kamailio's core_hash(), bit-identical: the dialog module's `h_entry` for a Call-ID.
 *
 * The string is walked in 4-byte big-endian words (bytes taken as signed char, as Kamailio's
 * `char *` arithmetic does); each word v adds v ^ (v >> 3); the 0–3 remaining bytes form one
 * more word, added the same way (always once); then h = (h + (h >> 11)) + ((h >> 13) + (h >> 23)).
 * @param size hash table size, a power of two (0 returns the full 32-bit value)
 */
std::uint32_t kamailioCoreHash(std::string_view s, std::uint32_t size);

/** @brief Largest power of two ≤ n (n < 1 gives 1), as the dialog module rounds `hash_size`. */
std::uint32_t roundDownToPowerOfTwo(std::uint32_t n);

/** @brief A fast 64-bit hash for the core's own indexes (not a Kamailio value). */
std::uint64_t fastHash64(std::string_view s);

} // namespace calldeck::core
