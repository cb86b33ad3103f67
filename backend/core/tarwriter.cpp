// SPDX-License-Identifier: GPL-3.0-or-later
#include "tarwriter.h"

#include <array>
#include <cstring>

namespace calldeck::core
{

namespace
{
/// Writes @p value as @p width - 1 octal digits and a NUL into @p field.
void octal(char *field, std::size_t width, std::uint64_t value)
{
    field[width - 1] = '\0';
    for (std::size_t i = width - 1; i-- > 0;)
    {
        field[i] = static_cast<char>('0' + (value & 7));
        value >>= 3;
    }
}

bool validName(std::string_view name)
{
    if (name.empty() || name.front() == '/' || name.size() > 255)
    {
        return false;
    }
    std::size_t start = 0;
    while (start <= name.size())
    {
        const std::size_t end = std::min(name.find('/', start), name.size());
        const std::string_view part = name.substr(start, end - start);
        if (part.empty() || part == "..")
        {
            return false;
        }
        start = end + 1;
    }
    return true;
}
} // namespace

bool TarWriter::add(std::string_view name, std::string_view data, std::int64_t mtime)
{
    if (m_finished || !validName(name))
    {
        return false;
    }
    std::string_view prefix;
    std::string_view base = name;
    if (name.size() > 100)
    {
        // Split at a '/' so that the prefix has at most 155 bytes and the rest at most 100.
        // The last '/' that leaves a prefix of at most 155 bytes; an earlier one only makes the
        // rest longer, so if the rest is still over 100 bytes the name cannot be stored.
        const std::size_t cut = name.rfind('/', 155);
        if (cut == std::string_view::npos || cut == 0 || name.size() - cut - 1 > 100)
        {
            return false;
        }
        prefix = name.substr(0, cut);
        base = name.substr(cut + 1);
    }
    std::array<char, BlockSize> h{};
    std::memcpy(h.data(), base.data(), base.size());
    octal(h.data() + 100, 8, 0644);
    octal(h.data() + 108, 8, 0);
    octal(h.data() + 116, 8, 0);
    octal(h.data() + 124, 12, data.size());
    octal(h.data() + 136, 12, static_cast<std::uint64_t>(mtime < 0 ? 0 : mtime));
    std::memset(h.data() + 148, ' ', 8);
    h[156] = '0';
    std::memcpy(h.data() + 257, "ustar", 6);
    std::memcpy(h.data() + 263, "00", 2);
    std::memcpy(h.data() + 265, "root", 4);
    std::memcpy(h.data() + 297, "root", 4);
    octal(h.data() + 329, 8, 0);
    octal(h.data() + 337, 8, 0);
    std::memcpy(h.data() + 345, prefix.data(), prefix.size());
    std::uint32_t sum = 0;
    for (const char c : h)
    {
        sum += static_cast<unsigned char>(c);
    }
    octal(h.data() + 148, 7, sum); // six digits and a NUL, then the space already there
    m_out.append(h.data(), h.size());
    m_out += data;
    m_out.append((BlockSize - data.size() % BlockSize) % BlockSize, '\0');
    return true;
}

void TarWriter::finish()
{
    if (m_finished)
    {
        return;
    }
    m_finished = true;
    m_out.append(2 * BlockSize, '\0');
    m_out.append((RecordSize - m_out.size() % RecordSize) % RecordSize, '\0');
}

} // namespace calldeck::core
