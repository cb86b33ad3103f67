// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace calldeck::core
{

/**
 * @brief Size-class allocator for the core's small string blobs.
 *
 * Blocks are carved from 256 KiB pages in 16-byte steps up to MaxClassSize; freed blocks go
 * to a per-class free list (the link lives inside the free block), so a dialog's strings cost
 * their rounded size and nothing else. Larger blocks fall back to operator new. Memory is
 * returned to the pages, not to the system; `bytesInUse()` tracks the live total.
 */
class StringSlab
{
public:
    static constexpr std::size_t Granularity = 16;
    static constexpr std::size_t MaxClassSize = 2048;

    StringSlab() = default;
    StringSlab(const StringSlab &) = delete;
    StringSlab &operator=(const StringSlab &) = delete;
    ~StringSlab();

    /** @brief A block of at least `size` bytes (size > 0). */
    char *allocate(std::size_t size);
    /** @brief Returns a block; `size` must be the size given to allocate(). */
    void release(char *block, std::size_t size);

    std::size_t bytesInUse() const { return m_inUse; }
    std::size_t bytesReserved() const { return m_reserved; }

    static std::size_t roundedSize(std::size_t size)
    {
        return (size + Granularity - 1) / Granularity * Granularity;
    }

private:
    static constexpr std::size_t PageSize = 256 * 1024;
    static constexpr std::size_t ClassCount = MaxClassSize / Granularity;

    std::vector<std::unique_ptr<char[]>> m_pages;
    std::array<char *, ClassCount + 1> m_free{};
    char *m_cursor = nullptr;
    std::size_t m_left = 0;
    std::size_t m_inUse = 0;
    std::size_t m_reserved = 0;
};

} // namespace calldeck::core
