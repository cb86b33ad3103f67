// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogvariables.h"

#include <cstring>

namespace calldeck::core
{

DialogVariables::DialogVariables(StringSlab &slab)
    : m_slab(slab)
{}

DialogVariables::~DialogVariables()
{
    for (Var &v : m_vars)
    {
        if (v.value)
        {
            m_slab.release(v.value, v.length);
        }
    }
}

void DialogVariables::assign(Var &v, std::string_view value)
{
    if (v.value)
    {
        m_slab.release(v.value, v.length);
    }
    v.value = m_slab.allocate(value.size());
    std::memcpy(v.value, value.data(), value.size());
    v.length = static_cast<std::uint32_t>(value.size());
}

void DialogVariables::set(std::uint32_t &head, std::string_view key, std::string_view value)
{
    if (value.empty())
    {
        unset(head, key);
        return;
    }
    const std::uint32_t keyId = m_keys.find(key);
    if (keyId != 0)
    {
        for (std::uint32_t i = head; i != 0; i = m_vars[i].next)
        {
            Var &v = m_vars[i];
            if (v.keyId == keyId)
            {
                if (std::string_view(v.value, v.length) != value)
                {
                    assign(v, value);
                    v.flags |= VarFlag::Changed;
                }
                return;
            }
        }
    }
    std::uint32_t i;
    if (!m_free.empty())
    {
        i = m_free.back();
        m_free.pop_back();
    }
    else
    {
        i = static_cast<std::uint32_t>(m_vars.size());
        m_vars.emplace_back();
    }
    Var &v = m_vars[i];
    v.keyId = m_keys.acquire(key);
    assign(v, value);
    v.flags = VarFlag::New;
    v.next = head;
    head = i;
}

std::optional<std::string_view> DialogVariables::get(std::uint32_t head, std::string_view key) const
{
    const std::uint32_t keyId = m_keys.find(key);
    if (keyId == 0)
    {
        return std::nullopt;
    }
    for (std::uint32_t i = head; i != 0; i = m_vars[i].next)
    {
        if (m_vars[i].keyId == keyId)
        {
            return std::string_view(m_vars[i].value, m_vars[i].length);
        }
    }
    return std::nullopt;
}

std::uint16_t DialogVariables::flags(std::uint32_t head, std::string_view key) const
{
    const std::uint32_t keyId = m_keys.find(key);
    for (std::uint32_t i = head; keyId != 0 && i != 0; i = m_vars[i].next)
    {
        if (m_vars[i].keyId == keyId)
        {
            return m_vars[i].flags;
        }
    }
    return 0;
}

void DialogVariables::unlinkAt(std::uint32_t &head, std::uint32_t prev, std::uint32_t i)
{
    Var &v = m_vars[i];
    if (prev)
    {
        m_vars[prev].next = v.next;
    }
    else
    {
        head = v.next;
    }
    m_slab.release(v.value, v.length);
    m_keys.release(v.keyId);
    v = Var{};
    m_free.push_back(i);
}

bool DialogVariables::unset(std::uint32_t &head, std::string_view key)
{
    const std::uint32_t keyId = m_keys.find(key);
    if (keyId == 0)
    {
        return false;
    }
    std::uint32_t prev = 0;
    for (std::uint32_t i = head; i != 0; prev = i, i = m_vars[i].next)
    {
        if (m_vars[i].keyId == keyId)
        {
            unlinkAt(head, prev, i);
            return true;
        }
    }
    return false;
}

void DialogVariables::clear(std::uint32_t &head)
{
    while (head != 0)
    {
        unlinkAt(head, 0, head);
    }
}

void DialogVariables::markClean(std::uint32_t head)
{
    for (std::uint32_t i = head; i != 0; i = m_vars[i].next)
    {
        m_vars[i].flags = static_cast<std::uint16_t>(m_vars[i].flags & ~(VarFlag::New | VarFlag::Changed));
    }
}

} // namespace calldeck::core
