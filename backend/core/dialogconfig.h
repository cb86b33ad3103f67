// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace calldeck::core
{

/**
 * @brief The dialog module's parameters that the core honours (names as in Kamailio), plus
 * CallDeck's mirror options. Defaults are the module's defaults.
 */
struct DialogConfig
{
    std::uint32_t hashSize = 4096;        ///< `hash_size` (rounded down to a power of two)
    std::uint32_t defaultTimeout = 43200; ///< `default_timeout`, s (0 is rejected → 43200)
    std::uint32_t earlyTimeout = 300;     ///< `early_timeout`, s
    std::uint32_t noackTimeout = 60;      ///< `noack_timeout`, s
    std::uint32_t endTimeout = 300;       ///< `end_timeout`, s
    std::uint32_t cleanupPeriod = 90;     ///< the module's fixed cleanup pass, s
    std::uint8_t matchMode = 0;           ///< `dlg_match_mode`: 0 did only, 1 did + fallback, 2 no did
    bool detectSpirals = true;            ///< `detect_spirals`
    bool sendByeOnTimeout = false;        ///< `send_bye`
    bool timeoutNoReset = false;          ///< `timeout_noreset`
    std::int32_t hIdStart = 0;            ///< `h_id_start`
    std::uint32_t hIdStep = 1;            ///< `h_id_step`
    std::string rrParam = "did";          ///< `rr_param`
    std::string profilesNoValue;          ///< `profiles_no_value`, ';'-separated
    std::string profilesWithValue;        ///< `profiles_with_value`, ';'-separated
    std::string extraHeaders;             ///< `dlg_extra_hdrs`, complete lines ending in CRLF
    std::string calleeHeaders;            ///< `lreq_callee_headers`
    std::string bridgeController = "sip:controller@kamailio.org";   ///< `bridge_controller`
    std::string bridgeContact = "sip:controller@kamailio.org:5060"; ///< `bridge_contact`
    std::uint32_t keepProxyRr = 0;                                  ///< `keep_proxy_rr` bitmask
    /** `ka_timer`, s between scans of the keep-alive queue (0 = keep-alives off). */
    std::uint32_t kaTimer = 0;
    /** `ka_interval`, s between two keep-alives of a dialog (0 = off; a value below 30 is a
     *  configuration error — the module refuses to start — and keep-alives stay off). */
    std::uint32_t kaInterval = 0;
    std::uint32_t kaFailedLimit = 1; ///< `ka_failed_limit`: failures (408/481) that end a dialog

    // CallDeck's own options for a mirror (not module parameters)
    /** Seconds a deleted dialog stays listed before it is destroyed: stands in for the
     *  lifetime of the BYE / failed INVITE transaction that holds the last reference in
     *  Kamailio (tm's wait timer, 5 s). Bounded by end_timeout. */
    std::uint32_t deletedLinger = 5;
    /** Adopt h_id from a did cookie seen on the wire, so ids equal the proxy's. */
    bool adoptWireIds = true;
    /** Seed of the per-bucket h_id counters (the module seeds them randomly). */
    std::uint32_t idSeed = 1;
    /** SIP headers whose values each mirror dialog keeps from its initial INVITE (the console's
     *  header columns); bounded by HeaderColumns (8 names, 256 bytes per value). */
    std::vector<std::string> headerColumns;
};

} // namespace calldeck::core
