// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/dialogsearchtexts.h"

#include <algorithm>

#include <QtGlobal>

namespace
{
// Below this much garbage a compaction is not worth its copy.
constexpr std::size_t MinimumGarbage = 1 << 20;
} // namespace

std::size_t DialogSearchTexts::size() const
{
    return m_refs.size();
}

QByteArrayView DialogSearchTexts::at(const std::size_t row) const
{
    Q_ASSERT_X(row < m_refs.size(), "DialogSearchTexts", "row out of range");
    const Ref &ref = m_refs[row];
    return QByteArrayView(m_bytes.data() + ref.offset, qsizetype(ref.size));
}

void DialogSearchTexts::append(const QByteArrayView text)
{
    Ref ref{};
    place(ref, text);
    m_refs.push_back(ref);
}

void DialogSearchTexts::replace(const std::size_t row, const QByteArrayView text)
{
    Q_ASSERT_X(row < m_refs.size(), "DialogSearchTexts", "row out of range");
    Ref &ref = m_refs[row];
    if (std::size_t(text.size()) <= ref.size)
    {
        // In place: the row keeps its spot in the scan order
        std::copy(text.begin(), text.end(), m_bytes.begin() + std::ptrdiff_t(ref.offset));
        m_garbage += ref.size - std::size_t(text.size());
        ref.size = std::uint32_t(text.size());
        return;
    }
    m_garbage += ref.size;
    place(ref, text);
    compactIfWasteful();
}

void DialogSearchTexts::remove(const std::size_t first, const std::size_t last)
{
    Q_ASSERT_X(first <= last && last < m_refs.size(), "DialogSearchTexts", "span out of range");
    for (std::size_t row = first; row <= last; ++row)
    {
        m_garbage += m_refs[row].size;
    }
    m_refs.erase(m_refs.begin() + std::ptrdiff_t(first), m_refs.begin() + std::ptrdiff_t(last) + 1);
    compactIfWasteful();
}

void DialogSearchTexts::clear()
{
    m_bytes.clear();
    m_bytes.shrink_to_fit();
    m_refs.clear();
    m_garbage = 0;
}

std::size_t DialogSearchTexts::garbage() const
{
    return m_garbage;
}

void DialogSearchTexts::place(Ref &ref, const QByteArrayView text)
{
    ref.offset = m_bytes.size();
    ref.size = std::uint32_t(text.size());
    m_bytes.insert(m_bytes.end(), text.begin(), text.end());
}

void DialogSearchTexts::compactIfWasteful()
{
    const std::size_t live = m_bytes.size() - m_garbage;
    if (m_garbage < MinimumGarbage || m_garbage < live)
    {
        return;
    }
    std::vector<char> bytes;
    bytes.reserve(live + live / 4);
    for (Ref &ref : m_refs)
    {
        const auto from = m_bytes.begin() + std::ptrdiff_t(ref.offset);
        ref.offset = bytes.size();
        bytes.insert(bytes.end(), from, from + std::ptrdiff_t(ref.size));
    }
    m_bytes.swap(bytes);
    m_garbage = 0;
}
