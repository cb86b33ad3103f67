// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace calldeck::core
{

class SipMessage;

/**
 * @brief The operator's header columns: which SIP headers of a mirror dialog's initial INVITE
 * the core keeps (P-Asserted-Identity, Diversion, X-*), and how their values are laid out in the
 * dialog's string blob (DialogString::HeaderValues).
 *
 * Memory is bounded: at most MaxColumns names, each value cut at MaxValueBytes (on a UTF-8
 * boundary). A dialog stores only the values, each followed by a NUL, in names() order; a
 * dialog whose INVITE carried none of the headers stores nothing.
 */
class HeaderColumns
{
public:
    static constexpr std::size_t MaxColumns = 8;
    static constexpr std::size_t MaxValueBytes = 256;
    static constexpr std::size_t MaxNameBytes = 64;

    using Pairs = std::vector<std::pair<std::string, std::string>>;

    HeaderColumns() = default;
    explicit HeaderColumns(const std::vector<std::string> &names) { assign(names); }

    /**
     * @brief Keeps the usable names in order: trimmed, SIP tokens (RFC 3261) of at most
     * MaxNameBytes, no duplicates (case-insensitive), at most MaxColumns.
     * @return how many names were dropped
     */
    std::size_t assign(const std::vector<std::string> &names);
    const std::vector<std::string> &names() const { return m_names; }
    bool empty() const { return m_names.empty(); }
    /** @brief Whether @p name (any case) is one of names(). */
    bool contains(std::string_view name) const;

    /**
     * @brief The configured headers' values in @p msg, encoded for the blob into @p out (cleared
     * first; empty when none is present). Several lines of one header are joined with ", ",
     * folded lines unfolded.
     */
    void capture(const SipMessage &msg, std::string &out) const;
    /** @brief Encodes name/value pairs (a restored row) the same way; other names are dropped. */
    void encode(const Pairs &pairs, std::string &out) const;
    /** @brief Appends the non-empty values of @p encoded to @p out as (name, value), in names() order. */
    void decode(std::string_view encoded, Pairs &out) const;
    /** @brief Re-encodes values that @p previous encoded for these names (values of names still
     * configured keep their value, the others go). */
    void translate(const HeaderColumns &previous, std::string_view encoded, std::string &out) const;

private:
    /** @brief Index of @p name in names(), or -1. */
    int indexOf(std::string_view name) const;
    /** @brief Lays @p values (one per name) out as the blob holds them. */
    static void join(const std::vector<std::string_view> &values, std::string &out);
    /** @brief @p value cut at MaxValueBytes (and at a NUL) without splitting a UTF-8 sequence. */
    static std::string_view bounded(std::string_view value);

    std::vector<std::string> m_names;
};

} // namespace calldeck::core
