// SPDX-License-Identifier: GPL-3.0-or-later
#include "stringinterner.h"

namespace calldeck::core
{

std::uint32_t StringInterner::acquire(std::string_view s)
{
    if (auto it = m_index.find(s); it != m_index.end())
    {
        ++m_entries[it->second].refs;
        return it->second;
    }
    std::uint32_t id;
    if (!m_free.empty())
    {
        id = m_free.back();
        m_free.pop_back();
    }
    else
    {
        id = static_cast<std::uint32_t>(m_entries.size());
        m_entries.emplace_back();
    }
    m_entries[id].text.assign(s);
    m_entries[id].refs = 1;
    m_index.emplace(m_entries[id].text, id);
    return id;
}

std::uint32_t StringInterner::find(std::string_view s) const
{
    auto it = m_index.find(s);
    return it == m_index.end() ? 0 : it->second;
}

void StringInterner::release(std::uint32_t id)
{
    if (id == 0 || id >= m_entries.size() || m_entries[id].refs == 0)
    {
        return;
    }
    if (--m_entries[id].refs == 0)
    {
        m_index.erase(m_entries[id].text);
        std::string().swap(m_entries[id].text);
        m_free.push_back(id);
    }
}

std::string_view StringInterner::text(std::uint32_t id) const
{
    return id < m_entries.size() ? std::string_view(m_entries[id].text) : std::string_view();
}

} // namespace calldeck::core
