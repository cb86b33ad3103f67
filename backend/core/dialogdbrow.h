// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "backend/core/dialogsnapshot.h"
#include "backend/core/result.h"

namespace calldeck::core
{

/**
 * @brief One row of Kamailio's `dialog` table, version 7 (reference §8.2), with the module's
 * types: INT UNSIGNED → std::uint32_t, VARCHAR NOT NULL → std::string, nullable VARCHAR →
 * std::optional<std::string> (nullopt = SQL NULL). Pure value: no SQL here (issue #9 groundwork).
 */
struct DialogDbRow
{
    std::uint32_t id = 0; ///< auto-increment key; not used by the module, never set by toDbRow()
    std::uint32_t hashEntry = 0;
    std::uint32_t hashId = 0;
    std::string callid;
    std::string fromUri;
    std::string fromTag;
    std::string toUri;
    /** the module writes NULL for an empty tag although the column is NOT NULL (§8.2); rows are
     *  only written from the 2xx on, so it is set in practice */
    std::optional<std::string> toTag;
    std::string callerCseq;
    std::string calleeCseq;
    std::optional<std::string> callerRouteSet;
    std::optional<std::string> calleeRouteSet;
    std::string callerContact;
    std::string calleeContact;
    std::string callerSock; ///< `proto:ip:port` or ""
    std::string calleeSock;
    std::uint32_t state = 0;     ///< 1..5
    std::uint32_t startTime = 0; ///< start_ts, Unix s
    std::uint32_t timeout = 0;   ///< absolute Unix second of expiry
    std::uint32_t sflags = 0;
    std::uint32_t iflags = 0;
    std::optional<std::string> torouteName;
    std::string reqUri;
    /** the profiles as JSON: {"profiles":[{"name":..,"value":..,"puid":..,"expires":..,"flags":..}]} */
    std::optional<std::string> xdata;

    friend bool operator==(const DialogDbRow &, const DialogDbRow &) = default;
};

/** @brief One row of Kamailio's `dialog_vars` table, version 1 (`id` is not used by the module). */
struct DialogVarRow
{
    std::uint32_t hashEntry = 0;
    std::uint32_t hashId = 0;
    std::string dialogKey;
    std::string dialogValue;

    friend bool operator==(const DialogVarRow &, const DialogVarRow &) = default;
};

/**
 * @brief The row the module INSERTs for a dialog (all 23 columns but `id`, §8.3).
 *
 * DialogSnapshot has no place for the profiles' puid, expires and flags that Kamailio also puts
 * in `xdata`: only "name" and, for a with-value profile, "value" are written (xdata is NULL when
 * the dialog has no profile). Not stored by the table, hence lost: ref, init_ts, end_ts,
 * duration, dflags, lastModified and the operator's header columns; lifetime is rebuilt as
 * timeout − start_time (§8.4).
 */
DialogDbRow toDbRow(const DialogSnapshot &dialog);

/** @brief The `dialog_vars` rows of a dialog, in its variables' order. */
std::vector<DialogVarRow> toVarRows(const DialogSnapshot &dialog);

/**
 * @brief The snapshot a reload builds from a row and its variable rows (§8.4), for
 * DialogEngine::restore(): variable rows of other dialogs are ignored; an empty NOT NULL leg
 * column (contact, cseq, socket) and an empty to_tag give an absent field; profiles come from
 * `xdata`. A NULL or empty route set gives "" on both legs, as Kamailio 5.6 lists a reloaded
 * dialog (and toDbRow() writes an empty one as NULL, as the module does). Kamailio itself loads an
 * empty cseq as "0" and an empty contact or unknown socket as "" (checked against a real
 * Kamailio by tests/integration/tst_dialogstorekamailio.cpp); here they stay absent, so that
 * CallDeck's own rows round-trip. Error (Malformed) if `xdata` is not the module's JSON.
 */
Result<DialogSnapshot> fromDbRow(DialogDbRow row, std::span<const DialogVarRow> vars);

} // namespace calldeck::core
