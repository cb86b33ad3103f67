// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dialogtypes.h"
#include "sipmessage.h"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace calldeck::core
{

class DialogEngine;
struct FeedResult;

/**
 * @brief Maps SIP messages seen on a mirror onto the dialog module's hooks.
 *
 * The module sees each message once, as the proxy receives it; a mirror (siptrace
 * `trace_mode=1`, a tap) shows most messages twice: into the proxy and out of it. This class
 * decides what each copy means:
 * - an initial INVITE (no To tag) creates a dialog (`dlg_manage`); another copy of it —
 *   the retransmission, or the forwarded copy whose second Via is the first copy's top Via —
 *   is a mirror twin; any other INVITE with the same Call-ID and From tag is a spiral;
 * - the forwarded copy's own Record-Route (the top entries carrying `did` for this h_entry)
 *   gives the proxy's h_id, which the dialog adopts, and tells caller-side from own entries;
 * - replies to the initial INVITE (matched by Call-ID, From tag and the INVITE's CSeq) are
 *   the module's RPL1xx/RPL2xx/RPL3xx; the second copy of each reply is a twin;
 * - requests with a To tag are sequential: matched by `did` in Route (dlg_match_mode 0/1)
 *   and/or by Call-ID and tags (1/2), with the module's tight check; twins are skipped;
 * - CANCEL and other requests without a To tag are not dialog events (the 487 is).
 */
class SipDialogFeed
{
public:
    explicit SipDialogFeed(DialogEngine &engine);
    FeedResult process(const SipMessage &msg, const PacketMeta &meta);

private:
    static constexpr std::size_t MaxRoutes = 64;
    struct RouteList
    {
        std::array<std::string_view, MaxRoutes> entries;
        std::size_t count = 0;
    };

    FeedResult initialInvite(const SipMessage &msg, const PacketMeta &meta);
    FeedResult reply(const SipMessage &msg, const PacketMeta &meta);
    FeedResult sequential(const SipMessage &msg);

    std::uint32_t findByDid(const SipMessage &msg, bool &didPresent) const;
    std::uint32_t findByTags(std::string_view callId, std::string_view fromTag, std::string_view toTag) const;
    DialogDirection direction(std::uint32_t index, const SipMessage &msg) const;
    /** @brief Identity of a sequential request for twin/retransmission detection. */
    std::uint32_t requestSig(std::uint32_t index, const SipMessage &msg) const;
    bool tightMatch(std::uint32_t index, const SipMessage &msg) const;
    /** @brief Number of consecutive entries from `begin` that are this proxy's (did naming this h_entry);
     * their h_id. */
    std::size_t ownEntries(const RouteList &rr, std::size_t begin, std::uint32_t hEntry,
                           std::uint32_t &hId) const;
    void adopt(std::uint32_t index, std::uint32_t hId);
    /** @brief Collects a reply's Record-Route, finds this proxy's entries, adopts their h_id. */
    std::size_t replyOwnEntries(const SipMessage &msg, std::uint32_t index, RouteList &rr,
                                std::size_t &ownBegin);
    static void collect(const SipMessage &msg, SipHeaderId id, RouteList &out);
    static std::string join(const RouteList &list, std::size_t begin, std::size_t end, bool reverse);

    DialogEngine &m_engine;
    std::string m_scratch;
};

} // namespace calldeck::core
