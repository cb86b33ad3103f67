// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "backend/core/dialogsnapshot.h"
#include "backend/core/hashindex.h"
#include "backend/core/remotedialog.h"

namespace calldeck::core
{

/**
 * @brief The dialogs that proxies report, per origin (a small integer per proxy), each poll's
 * listing diffed against the previous one.
 *
 * Within an origin a dialog is identified by (h_entry, h_id, Call-ID): a restarted proxy may
 * reuse h_id values, so the same (h_entry, h_id) with another Call-ID is a removal and an
 * addition. Each dialog gets a row key `(1 << 63) | counter` when first listed; keys are never
 * reused and never collide with the engine's own row keys (bit 63 clear). "Changed" ignores
 * `duration` and `ref`, which move on every poll, but the stored snapshot takes their new values.
 *
 * Pointers from find() and the visitors stay valid until the next apply(), setStale() or
 * removeOrigin().
 */
class RemoteDialogSet
{
public:
    static constexpr std::uint64_t KeyBit = 1ull << 63;

    /** @brief Row keys, each list in listing order. */
    struct Diff
    {
        std::vector<std::uint64_t> added;
        std::vector<std::uint64_t> changed;
        std::vector<std::uint64_t> removed;
    };

    RemoteDialogSet();

    /**
     * @brief Replaces what @p origin lists with @p listing (one successful poll): the origin is
     * no longer stale, and a dialog that was stale counts as changed.
     *
     * The elements of @p listing are consumed: on return the vector holds the same number of
     * recycled snapshots with unspecified values (their strings keep their capacity), ready for
     * DlgListReader to parse the next poll into. A second entry with the identity of an earlier
     * one in the same listing is ignored.
     */
    Diff apply(std::uint16_t origin, std::vector<DialogSnapshot> &&listing, std::uint32_t nowSeconds);
    /** @brief apply() into the caller's Diff, whose buffers are reused. */
    void apply(std::uint16_t origin, std::vector<DialogSnapshot> &&listing, std::uint32_t nowSeconds,
               Diff &diff);

    /** @brief Marks every dialog of @p origin stale (its poll failed) or fresh again.
     *  @return the keys whose flag changed */
    std::vector<std::uint64_t> setStale(std::uint16_t origin, bool stale);
    /** @brief Forgets @p origin (a proxy removed from the settings). @return the removed keys */
    std::vector<std::uint64_t> removeOrigin(std::uint16_t origin);

    const RemoteDialog *find(std::uint64_t key) const;
    /** @brief The dialog @p origin lists with these ids (the first one, if a listing repeats them
     *  with different Call-IDs); null if none. */
    const RemoteDialog *find(std::uint16_t origin, std::uint32_t hEntry, std::uint32_t hId) const;
    /** @brief The dialogs of every origin with this Call-ID and from-tag (the caller's tag) and
     *  to-tag (the callee's; an empty @p toTag matches any). */
    std::vector<const RemoteDialog *> findByCallId(std::string_view callId, std::string_view fromTag,
                                                   std::string_view toTag) const;

    std::size_t size() const { return m_live; }
    std::size_t size(std::uint16_t origin) const;
    bool isStale(std::uint16_t origin) const;

    /** @brief Calls @p visit(const RemoteDialog &) for each dialog of @p origin in listing order. */
    template<typename Visit>
    void forEach(std::uint16_t origin, Visit &&visit) const
    {
        if (const Origin *o = findOrigin(origin))
        {
            for (const std::uint32_t index : o->order)
            {
                visit(static_cast<const RemoteDialog &>(m_records[index]));
            }
        }
    }

private:
    struct Origin
    {
        std::uint16_t id = 0;
        bool stale = false;
        std::vector<std::uint32_t> order; ///< record indices in listing order
        std::vector<std::uint32_t> next;  ///< the next order, built by apply()
    };

    const Origin *findOrigin(std::uint16_t origin) const;
    Origin &originFor(std::uint16_t origin);
    std::uint32_t findIdentity(std::uint16_t origin, const DialogSnapshot &d) const;
    std::uint32_t allocate();
    void erase(std::uint32_t index);

    std::vector<RemoteDialog> m_records; ///< index 0 unused (HashIndex's empty value)
    std::vector<std::uint32_t> m_seen;   ///< per record: the apply() generation that listed it
    std::vector<std::uint32_t> m_free;
    HashIndex m_byKey;
    HashIndex m_byId;     ///< hash of (origin, h_entry, h_id); Call-ID compared on match
    HashIndex m_byCallId; ///< fastHash64 of the Call-ID, all origins
    std::vector<Origin> m_origins;
    std::uint64_t m_nextKey = 0;
    std::uint32_t m_generation = 0;
    std::size_t m_live = 0;
};

} // namespace calldeck::core
