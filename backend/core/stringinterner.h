// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace calldeck::core
{

/**
 * @brief Reference-counted string pool: profile values and variable names shared by many
 * dialogs are stored once. Ids are ≥ 1; an id is reused after its last reference goes.
 */
class StringInterner
{
public:
    /** @brief Id of the string, adding one reference (creating it if needed). */
    std::uint32_t acquire(std::string_view s);
    /** @brief Id without adding a reference; 0 if unknown. */
    std::uint32_t find(std::string_view s) const;
    void release(std::uint32_t id);
    std::string_view text(std::uint32_t id) const;
    std::size_t size() const { return m_index.size(); }

private:
    struct Hash
    {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    struct Entry
    {
        std::string text;
        std::uint32_t refs = 0;
    };
    std::vector<Entry> m_entries{Entry{}};
    std::vector<std::uint32_t> m_free;
    std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> m_index;
};

} // namespace calldeck::core
