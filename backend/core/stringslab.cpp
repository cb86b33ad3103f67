// SPDX-License-Identifier: GPL-3.0-or-later
#include "stringslab.h"

#include <cstring>

namespace calldeck::core
{

StringSlab::~StringSlab() = default;

char *StringSlab::allocate(std::size_t size)
{
    const std::size_t rounded = roundedSize(size == 0 ? 1 : size);
    m_inUse += rounded;
    if (rounded > MaxClassSize)
    {
        m_reserved += rounded;
        return new char[rounded];
    }
    const std::size_t cls = rounded / Granularity;
    if (char *block = m_free[cls])
    {
        std::memcpy(&m_free[cls], block, sizeof(char *));
        return block;
    }
    if (m_left < rounded)
    {
        // The tail of the old page is kept on the free list of its class, not lost.
        if (m_left >= Granularity)
        {
            const std::size_t tailClass = m_left / Granularity;
            std::memcpy(m_cursor, &m_free[tailClass], sizeof(char *));
            m_free[tailClass] = m_cursor;
        }
        m_pages.emplace_back(new char[PageSize]);
        m_reserved += PageSize;
        m_cursor = m_pages.back().get();
        m_left = PageSize;
    }
    char *block = m_cursor;
    m_cursor += rounded;
    m_left -= rounded;
    return block;
}

void StringSlab::release(char *block, std::size_t size)
{
    if (!block)
    {
        return;
    }
    const std::size_t rounded = roundedSize(size == 0 ? 1 : size);
    m_inUse -= rounded;
    if (rounded > MaxClassSize)
    {
        m_reserved -= rounded;
        delete[] block;
        return;
    }
    const std::size_t cls = rounded / Granularity;
    std::memcpy(block, &m_free[cls], sizeof(char *));
    m_free[cls] = block;
}

} // namespace calldeck::core
