// SPDX-License-Identifier: GPL-3.0-or-later
#include "profileregistry.h"

#include "sipheaders.h"

namespace calldeck::core
{

namespace
{

bool validProfileName(std::string_view name)
{
    if (name.empty())
    {
        return false;
    }
    for (char c : name)
    {
        const bool ok =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        if (!ok)
        {
            return false;
        }
    }
    return true;
}

} // namespace

Status ProfileRegistry::configure(std::string_view noValue, std::string_view withValue)
{
    for (int pass = 0; pass < 2; ++pass)
    {
        std::string_view list = pass == 0 ? noValue : withValue;
        while (!list.empty())
        {
            const auto semi = list.find(';');
            const std::string_view item = trimSipWhitespace(list.substr(0, semi));
            list = semi == std::string_view::npos ? std::string_view() : list.substr(semi + 1);
            if (item.empty())
            {
                continue;
            }
            auto st = declare(item, pass == 1);
            if (!st)
            {
                return st;
            }
        }
    }
    return Done{};
}

Status ProfileRegistry::declare(std::string_view name, bool withValue)
{
    if (!validProfileName(name))
    {
        return makeError(Error::Code::InvalidArgument,
                         "profile name '" + std::string(name) + "' may only hold letters, digits and '_'");
    }
    if (find(name) >= 0)
    {
        return makeError(Error::Code::InvalidArgument, "profile '" + std::string(name) + "' declared twice");
    }
    if (m_profiles.size() >= 0xFFFF)
    {
        return makeError(Error::Code::LimitExceeded, "too many profiles");
    }
    m_profiles.push_back(Profile{std::string(name), withValue, 0});
    return Done{};
}

int ProfileRegistry::find(std::string_view name) const
{
    for (std::size_t i = 0; i < m_profiles.size(); ++i)
    {
        if (m_profiles[i].name == name)
        {
            return static_cast<int>(i);
        }
    }
    return -1;
}

Status ProfileRegistry::add(std::uint32_t &head, int profile, std::string_view value)
{
    if (profile < 0 || static_cast<std::size_t>(profile) >= m_profiles.size())
    {
        return makeError(Error::Code::UnknownProfile, "no such profile");
    }
    Profile &p = m_profiles[static_cast<std::size_t>(profile)];
    if (p.withValue && value.empty())
    {
        return makeError(Error::Code::InvalidArgument, "profile '" + p.name + "' needs a value");
    }
    std::uint32_t i;
    if (!m_freeLinks.empty())
    {
        i = m_freeLinks.back();
        m_freeLinks.pop_back();
    }
    else
    {
        i = static_cast<std::uint32_t>(m_links.size());
        m_links.emplace_back();
    }
    Link &l = m_links[i];
    l.profile = static_cast<std::uint16_t>(profile);
    l.valueId = p.withValue ? m_values.acquire(value) : 0;
    l.next = head;
    head = i;
    ++p.total;
    if (p.withValue)
    {
        ++m_valueCounts[key(profile, l.valueId)];
    }
    return Done{};
}

void ProfileRegistry::unlinkAt(std::uint32_t &head, std::uint32_t prev, std::uint32_t i)
{
    Link &l = m_links[i];
    if (prev)
    {
        m_links[prev].next = l.next;
    }
    else
    {
        head = l.next;
    }
    Profile &p = m_profiles[l.profile];
    --p.total;
    if (p.withValue)
    {
        auto it = m_valueCounts.find(key(l.profile, l.valueId));
        if (it != m_valueCounts.end() && --it->second == 0)
        {
            m_valueCounts.erase(it);
        }
        m_values.release(l.valueId);
    }
    l = Link{};
    m_freeLinks.push_back(i);
}

bool ProfileRegistry::remove(std::uint32_t &head, int profile, std::string_view value)
{
    std::uint32_t prev = 0;
    for (std::uint32_t i = head; i != 0; prev = i, i = m_links[i].next)
    {
        const Link &l = m_links[i];
        if (l.profile != profile)
        {
            continue;
        }
        if (hasValue(profile) && !value.empty() && m_values.text(l.valueId) != value)
        {
            continue;
        }
        unlinkAt(head, prev, i);
        return true;
    }
    return false;
}

void ProfileRegistry::removeAll(std::uint32_t &head)
{
    while (head != 0)
    {
        unlinkAt(head, 0, head);
    }
}

bool ProfileRegistry::isIn(std::uint32_t head, int profile, std::optional<std::string_view> value) const
{
    for (std::uint32_t i = head; i != 0; i = m_links[i].next)
    {
        const Link &l = m_links[i];
        if (l.profile == profile && (!value || !hasValue(profile) || m_values.text(l.valueId) == *value))
        {
            return true;
        }
    }
    return false;
}

std::uint64_t ProfileRegistry::size(int profile, std::string_view value) const
{
    if (!hasValue(profile))
    {
        return size(profile);
    }
    const std::uint32_t id = m_values.find(value);
    if (id == 0)
    {
        return 0;
    }
    auto it = m_valueCounts.find(key(profile, id));
    return it == m_valueCounts.end() ? 0 : it->second;
}

std::size_t ProfileRegistry::memoryBytes() const
{
    return m_links.capacity() * sizeof(Link) + m_valueCounts.size() * 32 + m_values.size() * 64;
}

} // namespace calldeck::core
