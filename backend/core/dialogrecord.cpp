// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogrecord.h"

#include "stringslab.h"

#include <algorithm>
#include <cstring>

namespace calldeck::core
{

namespace
{

inline std::uint16_t readU16(const char *p)
{
    std::uint16_t v;
    std::memcpy(&v, p, 2);
    return v;
}

inline void writeU16(char *p, std::uint16_t v)
{
    std::memcpy(p, &v, 2);
}

// Longest string kept per field; longer values are cut (the blob uses 16-bit offsets).
constexpr std::size_t MaxFieldLength = 4096;

char *build(StringSlab &slab, const std::string_view (&values)[DialogBlob::Count], std::uint16_t mask)
{
    std::size_t total = DialogBlob::HeaderSize;
    for (const auto &v : values)
    {
        total += std::min(v.size(), MaxFieldLength);
    }
    char *blob = slab.allocate(total);
    std::size_t pos = DialogBlob::HeaderSize;
    for (std::size_t i = 0; i < DialogBlob::Count; ++i)
    {
        const std::size_t n = std::min(values[i].size(), MaxFieldLength);
        if (n)
        {
            std::memcpy(blob + pos, values[i].data(), n);
        }
        pos += n;
        writeU16(blob + 2 * i, static_cast<std::uint16_t>(pos));
    }
    writeU16(blob + 2 * DialogBlob::Count, mask);
    return blob;
}

} // namespace

std::size_t DialogBlob::size(const char *blob)
{
    return blob ? readU16(blob + 2 * (Count - 1)) : 0;
}

char *DialogBlob::create(StringSlab &slab,
                         std::initializer_list<std::pair<DialogString, std::string_view>> values)
{
    std::string_view all[Count];
    std::uint16_t mask = 0;
    for (const auto &[field, value] : values)
    {
        all[static_cast<std::size_t>(field)] = value;
        mask = static_cast<std::uint16_t>(mask | (1u << static_cast<unsigned>(field)));
    }
    return build(slab, all, mask);
}

char *DialogBlob::update(StringSlab &slab, char *blob,
                         std::initializer_list<std::pair<DialogString, std::string_view>> values)
{
    std::string_view all[Count];
    for (std::size_t i = 0; i < Count; ++i)
    {
        all[i] = get(blob, static_cast<DialogString>(i));
    }
    std::uint16_t mask = blob ? readU16(blob + 2 * Count) : 0;
    for (const auto &[field, value] : values)
    {
        all[static_cast<std::size_t>(field)] = value;
        mask = static_cast<std::uint16_t>(mask | (1u << static_cast<unsigned>(field)));
    }
    // The new values may point into the old blob: build first, release after.
    char *fresh = build(slab, all, mask);
    release(slab, blob);
    return fresh;
}

void DialogBlob::release(StringSlab &slab, char *blob)
{
    if (blob)
    {
        slab.release(blob, size(blob));
    }
}

} // namespace calldeck::core
