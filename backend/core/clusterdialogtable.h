// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "backend/core/dialogsnapshot.h"
#include "backend/core/dmqdialogmessage.h"
#include "backend/core/hidserieslearner.h"

namespace calldeck::core
{

/**
 * @brief The cluster's dialogs as the DMQ `dialog` channel reports them, applied with the
 * receiver rules of Kamailio 5.6.3 (kamailio-dmq-5.6.md §3), each dialog attributed to the node
 * that owns it.
 *
 * Dialogs are keyed by (h_entry, h_id) exactly as received. A dialog that ends (STATE 5, RM, an
 * UPDATE in state 5, its lifetime) leaves the listings at once and stays as a tombstone for
 * Options::tombstoneSeconds, so that late or re-sent UPDATE/STATE messages (a SYNC answer from a
 * node that had not yet heard of the end) cannot bring it back. An UPDATE with another Call-ID
 * for a known id (a node restarted and reused the id) replaces the dialog.
 *
 * Owners: an UPDATE in state 1 and every STATE name the sender as the owner (Confirmed). A copy
 * (an UPDATE in state >= 2: a SYNC answer re-sends replicas too) names its sender only when the
 * dialog had no owner (Provisional), which after a late join is often the wrong node. The h_id
 * series of the confirmed dialogs are learnt (HIdSeriesLearner: h_id mod the cluster's
 * h_id_step names the origin when the nodes have disjoint h_id_start); a provisional dialog whose
 * residue has a trusted owner gets that owner (Inferred), as it arrives and again whenever the
 * mapping changes. An inferred owner is replaced only by a confirmation or by a changed mapping
 * (without a trusted owner any more, the dialog returns to its provisional sender).
 *
 * Single-threaded; apply messages in arrival order.
 */
class ClusterDialogTable
{
public:
    using NodeId = std::uint16_t; ///< small ids the caller assigns to nodes (0 = none/unknown)

    struct Options
    {
        std::size_t maxDialogs = 1'000'000; ///< live dialogs; as many tombstones again at most
        std::uint32_t tombstoneSeconds = 30;
    };

    enum class Outcome : std::uint8_t
    {
        Applied,
        Repeat,        ///< no change: the same state again, an older state, the same values
        UnknownDialog, ///< STATE or RM for an unknown id (500)
        Revival,       ///< UPDATE/STATE for an ended dialog: ignored (200)
        BadState,      ///< no state, a state outside 1..5, an unknown action (500)
        Full,          ///< maxDialogs reached (500)
        Sync           ///< SYNC: nothing to do (200)
    };

    struct Result
    {
        Outcome outcome;
        int sipStatus;      ///< 200 or 500
        std::string reason; ///< for a 500: English, with the dialog's ids
    };

    /** @brief Counters since construction. ended: live dialogs ended by a message; removed: RMs
     *  answered 200; updated: UPDATE/STATE that changed a known live dialog. */
    struct Counters
    {
        std::uint64_t created = 0, updated = 0, stateChanges = 0, ended = 0, removed = 0, repeats = 0,
                      unknown = 0, revivals = 0, badState = 0, full = 0, syncDropped = 0,
                      expiredByLifetime = 0;
        std::uint64_t inferred = 0; ///< times a dialog was given an inferred owner
    };

    /** @brief How the owner of a live dialog is known (see the class comment). */
    enum class Ownership : std::uint8_t
    {
        Provisional, ///< the first node whose copy arrived (or 0: none)
        Inferred,    ///< from the learnt h_id series
        Confirmed    ///< the sender of an UPDATE in state 1 or of a STATE
    };

    /** @brief The learnt h_id series: the chosen step (0: none usable) and its trusted residues. */
    struct OwnerInference
    {
        std::uint32_t step = 0;
        std::size_t trustedResidues = 0;
    };

    ClusterDialogTable();
    explicit ClusterDialogTable(Options o);

    /** @brief Applies one message from @p sender (0: unknown) received at @p nowSeconds. */
    Result apply(const DmqDialogMessage &m, NodeId sender, std::uint32_t nowSeconds);

    /**
     * @brief Drops the tombstones older than tombstoneSeconds, and ends the dialogs in state 4
     * whose lifetime ran out (start_ts + lifetime < @p nowSeconds), as a Kamailio replica's
     * timer would.
     */
    void expire(std::uint32_t nowSeconds);

    /**
     * @brief The nodes whose live dialogs changed (added, ended, moved, or their fields changed)
     * since the last call; when a dialog moved, the old and the new owner.
     *
     * The owner of a dialog: see Ownership and the class comment; an inferred owner moves the
     * dialog from its provisional sender's list to the inferred owner's.
     */
    std::vector<NodeId> takeDirtyNodes();

    /**
     * @brief Appends the live dialogs (state 1..4) owned by @p owner to @p out, in the order they
     * became this owner's, as dlg.list-shaped snapshots: ids as received, timeout = start_ts +
     * lifetime in state 4 (else 0), sockets nullopt, iflags 64 (DMQ_SYNC) | the received iflags.
     */
    void listing(NodeId owner, std::vector<DialogSnapshot> &out) const;

    std::size_t size() const { return m_live; } ///< live dialogs
    std::size_t size(NodeId owner) const;
    bool ownerConfirmed(std::uint32_t hEntry, std::uint32_t hId) const;
    /** @brief How the owner of a live dialog is known; nullopt for an unknown or ended one. */
    std::optional<Ownership> ownership(std::uint32_t hEntry, std::uint32_t hId) const;
    /** @brief Live dialogs whose owner is known as @p o. */
    std::size_t count(Ownership o) const { return m_ownershipCounts[static_cast<std::size_t>(o)]; }
    OwnerInference ownerInference() const;
    /** @brief The owner of a live dialog; nullopt for an unknown or ended one. */
    std::optional<NodeId> owner(std::uint32_t hEntry, std::uint32_t hId) const;

    /**
     * @brief Full-sync bookkeeping: beginSync() starts a generation; every UPDATE stamps its
     * dialog; endSync() ends the live dialogs not stamped since beginSync() (a dialog that left
     * the cluster while its RM was missed) and returns how many (0 without a beginSync()).
     */
    void beginSync();
    std::size_t endSync();

    /** @brief Forgets the dialogs owned by @p node, tombstones left alone (never done
     *  automatically). @return how many */
    std::size_t removeOwner(NodeId node);

    const Counters &counters() const { return m_counters; }

private:
    static constexpr std::uint32_t None = 0;

    struct Record
    {
        DialogSnapshot d;          ///< hEntry, hId, fields as received; iflags as received
        std::uint32_t endedAt = 0; ///< tombstones: when the dialog ended
        std::uint32_t syncGeneration = 0;
        std::uint32_t prev = None; ///< the owner's list
        std::uint32_t next = None;
        NodeId owner = 0;
        NodeId provisional = 0; ///< the sender of the first copy (0: none); the owner if not inferred
        Ownership ownership = Ownership::Provisional;
        bool live = false; ///< false: a tombstone (or a free record)
    };
    struct OwnerList
    {
        std::uint32_t head = None;
        std::uint32_t tail = None;
        std::size_t count = 0;
    };

    static std::uint64_t keyOf(std::uint32_t hEntry, std::uint32_t hId)
    {
        return (std::uint64_t(hEntry) << 32) | hId;
    }
    std::uint32_t indexOf(std::uint64_t key) const;
    const Record *liveRecord(std::uint32_t hEntry, std::uint32_t hId) const;
    std::uint32_t allocate(std::uint64_t key);
    void erase(std::uint64_t key);
    void link(std::uint32_t index, NodeId owner);
    void unlink(std::uint32_t index);
    void markDirty(NodeId node);
    void setOwner(std::uint32_t index, NodeId owner, Ownership ownership);
    /** @p sender confirmed as the owner; learns its h_id series (the record was not confirmed
     *  for @p sender before) */
    void confirmOwner(std::uint32_t index, NodeId sender);
    /** the owner a copy from @p sender gets: the inferred one, else @p sender */
    void takeProvisional(std::uint32_t index, NodeId sender);
    /** after the learnt mapping changed: re-infers every live dialog not confirmed */
    void reinfer();
    /** live → tombstone: out of its owner's list, into the expiry queue */
    void end(std::uint32_t index, std::uint32_t now);
    void armLifetime(std::uint32_t index);
    void dropOldTombstones();
    bool isTombstone(std::uint64_t key, std::uint32_t endedAt) const;
    void compactDeadlines();

    Result update(const DmqDialogMessage &m, NodeId sender, std::uint32_t now);
    Result state(const DmqDialogMessage &m, NodeId sender, std::uint32_t now);
    Result remove(const DmqDialogMessage &m, std::uint32_t now);
    /** an UPDATE/STATE for a tombstone: Repeat when it ends it again, else Revival (ignored) */
    Result toTombstone(const DmqDialogMessage &m);
    Result create(const DmqDialogMessage &m, NodeId sender, std::uint32_t now);
    /** the STATE part (also an UPDATE whose state differs); @p changed: fields already changed */
    Result changeState(std::uint32_t index, const DmqDialogMessage &m, std::uint32_t now, bool changed);

    Options m_options;
    std::vector<Record> m_records; ///< index 0 unused
    std::vector<std::uint32_t> m_free;
    std::unordered_map<std::uint64_t, std::uint32_t> m_byKey;
    std::vector<OwnerList> m_owners; ///< by NodeId, grown on demand
    std::vector<NodeId> m_dirty;
    std::vector<bool> m_dirtyFlag;
    std::deque<std::pair<std::uint64_t, std::uint32_t>> m_tombstoneQueue; ///< key, endedAt
    /** min-heap of (start_ts + lifetime, key) for state-4 dialogs; stale entries skipped */
    std::vector<std::pair<std::uint64_t, std::uint64_t>> m_deadlines;
    std::uint32_t m_now = 0; ///< the latest time apply() or expire() was given
    std::size_t m_live = 0;
    std::size_t m_tombstones = 0;
    std::uint32_t m_syncGeneration = 0;
    bool m_syncing = false;
    Counters m_counters;
    HIdSeriesLearner m_series;
    std::array<std::size_t, 3> m_ownershipCounts{}; ///< live dialogs by Ownership
};

} // namespace calldeck::core
