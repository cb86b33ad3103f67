// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"
#include "stringinterner.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace calldeck::core
{

/**
 * @brief Dialog profiles (`profiles_no_value`, `profiles_with_value`) and memberships.
 *
 * A dialog's memberships are a linked list of small links (head index kept in its record);
 * sizes are counters updated on every add/remove, so get_profile_size is O(1). As in the
 * module: no duplicate check (adding twice counts twice), unset removes the first match,
 * a with-value profile needs a non-empty value and a no-value profile ignores it.
 */
class ProfileRegistry
{
public:
    /** @brief Declares profiles from the module's `;`-separated parameter strings. */
    Status configure(std::string_view noValue, std::string_view withValue);
    Status declare(std::string_view name, bool withValue);

    /** @brief Profile id, or -1 if no such profile. */
    int find(std::string_view name) const;
    std::size_t count() const { return m_profiles.size(); }
    std::string_view name(int id) const { return m_profiles[static_cast<std::size_t>(id)].name; }
    bool hasValue(int id) const { return m_profiles[static_cast<std::size_t>(id)].withValue; }

    Status add(std::uint32_t &head, int profile, std::string_view value);
    /** @brief Removes the first matching membership (any value if `value` is empty on a valued profile). */
    bool remove(std::uint32_t &head, int profile, std::string_view value);
    void removeAll(std::uint32_t &head);
    bool isIn(std::uint32_t head, int profile, std::optional<std::string_view> value) const;

    /** @brief Total members of a profile. */
    std::uint64_t size(int profile) const { return m_profiles[static_cast<std::size_t>(profile)].total; }
    /** @brief Members with this value (a no-value profile gives its total). */
    std::uint64_t size(int profile, std::string_view value) const;
    /** @brief Calls fn(value, count) for each value of a valued profile that has members. */
    template<typename Fn>
    void forEachValue(int profile, Fn &&fn) const
    {
        for (const auto &[key, n] : m_valueCounts)
        {
            if (static_cast<int>(key >> 32) == profile && n > 0)
            {
                fn(m_values.text(static_cast<std::uint32_t>(key)), n);
            }
        }
    }

    /** @brief Calls fn(profileId, value) for each link of a dialog, in insertion order reversed. */
    template<typename Fn>
    void forEachLink(std::uint32_t head, Fn &&fn) const
    {
        for (std::uint32_t i = head; i != 0; i = m_links[i].next)
        {
            fn(static_cast<int>(m_links[i].profile), m_values.text(m_links[i].valueId));
        }
    }

    std::size_t linkCount() const { return m_links.size() - 1 - m_freeLinks.size(); }
    std::size_t memoryBytes() const;

private:
    struct Profile
    {
        std::string name;
        bool withValue = false;
        std::uint64_t total = 0;
    };
    struct Link
    {
        std::uint32_t next = 0;
        std::uint32_t valueId = 0;
        std::uint16_t profile = 0;
    };

    static std::uint64_t key(int profile, std::uint32_t valueId)
    {
        return (static_cast<std::uint64_t>(profile) << 32) | valueId;
    }
    void unlinkAt(std::uint32_t &head, std::uint32_t prev, std::uint32_t i);

    std::vector<Profile> m_profiles;
    std::vector<Link> m_links{Link{}};
    std::vector<std::uint32_t> m_freeLinks;
    StringInterner m_values;
    std::unordered_map<std::uint64_t, std::uint64_t> m_valueCounts;
};

} // namespace calldeck::core
