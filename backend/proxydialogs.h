// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <QHash>
#include <QString>

#include "backend/core/remotedialogset.h"
#include "backend/dialogdelta.h"
#include "backend/profilecounts.h"

namespace calldeck::core
{
class DialogEngine;
}

/// @brief The proxies' dialogs beside the mirror's, on the core thread: "one dialog, one row".
///
/// Each proxy's `dlg.list` is diffed into a RemoteDialogSet. A proxy dialog that the mirror also
/// sees is linked to the engine's dialog — by the did cookie (the engine adopted the proxy's
/// h_entry/h_id from the wire and the Call-ID agrees), else by Call-ID + From tag + To tag — and
/// shown as the engine's row with the proxy named in its origin, taking from the proxy what only
/// its script knows (profiles, variables, flags, lifetime timer); the others get rows of their
/// own (keys with bit 63 set). Disagreements are flagged (DialogRowFlag): stale proxy data, a
/// dialog the proxy lists but the wire saw end, a confirmed mirror dialog no polled proxy lists,
/// a mirror dialog without in-dialog traffic for the ghost time.
///
/// Not thread-safe: CoreWorker calls it on the core thread only.
class ProxyDialogs final
{
public:
    struct Options
    {
        std::uint32_t ghostSeconds = 30 * 60;  ///< no in-dialog traffic for this long → Ghost
        std::uint32_t unknownGraceSeconds = 5; ///< a new mirror dialog may be missing from a poll this long
    };
    /// @brief What the owner of a row is, for routing an action.
    struct Owner
    {
        quint16 proxy = 0;                     ///< 0: only the mirror knows it
        calldeck::core::DialogSnapshot dialog; ///< as the proxy lists it (h_entry/h_id of the proxy)
        bool stale = false;
    };

    ProxyDialogs() = default;
    explicit ProxyDialogs(Options options)
        : m_options(options)
    {}

    void setProxyName(quint16 proxy, const QString &name) { m_names.insert(proxy, name); }
    /// @brief A complete listing of @p proxy at @p nowSeconds (its dialogs are no longer stale).
    void applyListing(quint16 proxy, std::vector<calldeck::core::DialogSnapshot> &&dialogs,
                      std::uint32_t nowSeconds);
    /// @brief The proxy did not answer: its dialogs are kept and flagged stale.
    void markStale(quint16 proxy);
    /// @brief The feed was removed: its dialogs go.
    void removeProxy(quint16 proxy);

    /// @brief Brings the rows up to date before a delta is published. @p dirty and @p removed are
    /// the engine's changed and destroyed row keys; they may gain engine keys whose annotation
    /// changed. Proxy rows to publish are appended to @p upserts and @p gone.
    void reconcile(const calldeck::core::DialogEngine &engine, std::unordered_set<quint64> &dirty,
                   std::vector<quint64> &removed, std::vector<DialogRow> &upserts, std::vector<quint64> &gone,
                   qint64 nowMs);
    /// @brief Fills the proxy fields, origin and flags of an engine row (after reconcile()),
    /// linking it to the proxy dialog it is when it was not linked yet; a proxy row that this
    /// replaces is appended to @p gone.
    void annotate(DialogRow &row, std::vector<quint64> &gone);
    /// @brief Fills what annotate() fills from the links as they are (no new link).
    void describe(DialogRow &row) const;
    /// @brief Every row as the console shows it: the engine's dialogs (annotated), then the
    /// dialogs only a proxy lists. As of the last reconcile().
    std::vector<DialogRow> rows(const calldeck::core::DialogEngine &engine, qint64 nowMs) const;
    /// @brief Re-checks the time-based flags (unknown to proxy, ghost) of every engine dialog;
    /// the rows whose flags changed are added to @p dirty.
    void sweep(const calldeck::core::DialogEngine &engine, std::uint32_t nowSeconds,
               std::unordered_set<quint64> &dirty);

    /// @brief The owner of a row: for an engine key the proxy that lists it, or an Owner with
    /// proxy 0 (mirror only); for a proxy key its proxy, nullopt when that dialog is gone.
    std::optional<Owner> owner(quint64 rowKey) const;
    /// @brief The row keys of the live dialogs (states 2–4) in @p profile (with @p value when
    /// given), one per dialog: what a proxy lists goes by the proxy's profiles (its script set
    /// them), a mirror dialog no proxy lists by the engine's. `dlg_set_timeout_by_profile`'s set.
    std::vector<quint64> profileMembers(const calldeck::core::DialogEngine &engine, std::string_view profile,
                                        std::optional<std::string_view> value = std::nullopt) const;
    /// @brief Every profile's size now, each dialog counted once: a dialog a proxy lists by the
    /// proxy's profiles (states 1–4), a mirror dialog no proxy lists by the engine's. Declared
    /// profiles of the engine appear even when empty.
    ProfileCounts profileCounts(const calldeck::core::DialogEngine &engine) const;
    /// @brief The engine's countAged() with the dialogs only a proxy lists added (by their
    /// listed state, init_ts and start_ts): each dialog once, wherever it is known.
    std::vector<calldeck::core::DialogAgeCount>
    countAged(const calldeck::core::DialogEngine &engine,
              const std::vector<calldeck::core::DialogAgeQuery> &queries) const;
    /// @brief The proxy rows (for lookups by served RPC): key and snapshot.
    const calldeck::core::RemoteDialogSet &remote() const { return m_remote; }
    std::size_t proxyOnlyCount() const { return m_shown.size(); }
    bool hasProxies() const { return !m_lastListing.empty(); }

private:
    static bool isProxyKey(quint64 key) { return (key >> 63) != 0; }
    /// The engine key of the mirror dialog that is @p d, or 0.
    static quint64 findOnMirror(const calldeck::core::DialogEngine &engine,
                                const calldeck::core::DialogSnapshot &d);
    void link(quint64 remoteKey, quint64 engineKey, std::vector<quint64> &gone);
    DialogRow proxyRow(const calldeck::core::RemoteDialog &r, qint64 nowMs) const;

    Options m_options;
    calldeck::core::RemoteDialogSet m_remote;
    QHash<quint16, QString> m_names;
    std::unordered_map<quint16, std::uint32_t> m_lastListing; // proxy → time of its last listing
    std::unordered_set<quint16> m_stale;
    std::unordered_set<quint64> m_remoteDirty;
    std::vector<quint64> m_remoteRemoved;
    std::unordered_map<quint64, quint64> m_toEngine; // remote key → engine key
    std::unordered_map<quint64, quint64> m_toRemote; // engine key → remote key
    std::unordered_set<quint64> m_shown;             // remote keys shown as rows of their own
    std::unordered_set<quint64> m_endedOnWire;       // remote keys whose mirror dialog ended
    std::unordered_map<quint64, quint8> m_timeFlags; // engine key → UnknownToProxy | Ghost
};
