// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include <QByteArrayView>

/// @brief The search texts of the live table's rows, kept in one buffer in row order so that a
/// filter pass over 1 000 000 rows reads memory front to back instead of one heap block per row.
/// Rows are appended, replaced or removed in spans like the table's; what they leave behind is
/// garbage until a compaction (when garbage outweighs the live text) lays the rows out afresh.
class DialogSearchTexts final
{
public:
    std::size_t size() const;
    /// @brief Valid until the next change.
    QByteArrayView at(std::size_t row) const;

    void append(QByteArrayView text);
    void replace(std::size_t row, QByteArrayView text);
    /// @brief Removes rows @p first to @p last (inclusive).
    void remove(std::size_t first, std::size_t last);
    void clear();
    /// @brief Bytes held for removed or replaced texts (tests and measurements).
    std::size_t garbage() const;

private:
    struct Ref
    {
        std::size_t offset;
        std::uint32_t size;
    };

    void place(Ref &ref, QByteArrayView text);
    void compactIfWasteful();

    std::vector<char> m_bytes;
    std::vector<Ref> m_refs;
    std::size_t m_garbage = 0;
};
