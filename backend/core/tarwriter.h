// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace calldeck::core
{

/**
 * @brief Builds a POSIX ustar archive (IEEE 1003.1-1988, what `tar` and every archive tool read)
 * in memory: regular files only, mode 0644, owner 0/0, a 512-byte header per file, the data
 * padded to 512 bytes, two zero blocks at the end and the whole padded to a 10 240-byte record.
 */
class TarWriter
{
public:
    static constexpr std::size_t BlockSize = 512;
    static constexpr std::size_t RecordSize = 20 * BlockSize;

    /**
     * @brief Appends a file. @p name is a relative path with '/' separators, up to 100 bytes (or
     * 255 with a '/' that splits it into a prefix of up to 155 and a name of up to 100).
     * @return false (nothing appended) for an empty, absolute, too long or ".." name, or after finish()
     */
    bool add(std::string_view name, std::string_view data, std::int64_t mtime);
    /** @brief Ends the archive (the end blocks and the record padding); add() refuses afterwards. */
    void finish();

    const std::string &bytes() const { return m_out; }
    std::string take() { return std::move(m_out); }

private:
    std::string m_out;
    bool m_finished = false;
};

} // namespace calldeck::core
