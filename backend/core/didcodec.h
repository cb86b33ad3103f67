// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace calldeck::core
{

/** @brief A dialog's internal id in Kamailio: bucket and id inside the bucket. */
struct DialogId
{
    std::uint32_t hEntry = 0;
    std::uint32_t hId = 0;
    friend bool operator==(const DialogId &, const DialogId &) = default;
};

/**
 * @brief The `did` Record-Route cookie, encoded and decoded as the dialog module does it.
 *
 * Each number is written in lowercase hexadecimal, least-significant nibble first
 * ("digit-reversed"), 0 as "0"; the two are joined by '.'. `did=db9.0c7` is h_entry 2493,
 * h_id 1984. Decoding accepts both letter cases.
 */
class DidCodec
{
public:
    static std::string encode(DialogId id);
    /** @brief Writes the cookie into buf (at least 17 bytes); returns its length. */
    static std::size_t encode(DialogId id, char *buf);
    static std::optional<DialogId> decode(std::string_view cookie);
};

} // namespace calldeck::core
