// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace calldeck::core
{

/** @brief The `action` of a message on the DMQ `dialog` channel. */
enum class DmqAction : std::uint8_t
{
    None = 0,
    Update = 1,
    State = 2,
    Remove = 3,
    Sync = 4
};

/**
 * @brief One message of the DMQ `dialog` channel, as Kamailio 5.6.3 (and newer: last_modified,
 * iflags) sends it. Absent keys stay nullopt.
 */
struct DmqDialogMessage
{
    DmqAction action = DmqAction::None;
    std::uint32_t hEntry = 0; ///< absent only in SYNC
    std::uint32_t hId = 0;    ///< absent only in SYNC
    std::optional<std::uint32_t> state, initTs, startTs, lifetime, lastModified, iflags;
    std::optional<std::string> callId, fromUri, toUri, reqUri, tag1, tag2, cseq1, cseq2, routeSet1, routeSet2,
        contact1, contact2;
    bool hasVars = false; ///< a "vars" key was present (possibly an empty object)
    std::vector<std::pair<std::string, std::string>> vars;
    bool hasProfiles = false; ///< a "profiles" key was present
    /** name and value; nullopt for a no-value profile */
    std::vector<std::pair<std::string, std::optional<std::string>>> profiles;

    friend bool operator==(const DmqDialogMessage &, const DmqDialogMessage &) = default;
};

/** @brief Why a dialog-channel body was refused. */
enum class DmqBodyError : std::uint8_t
{
    None,
    Empty,
    Malformed, ///< not JSON
    NotObject,
    MissingAction,
    UnknownAction,
    WrongType, ///< a known key with the wrong JSON type or out of range
    MissingId,
    BadProfiles
};

/** @brief Stable snake_case keys: "none", "empty", "malformed", "not_object", "missing_action",
 *  "unknown_action", "wrong_type", "missing_id", "bad_profiles". */
std::string_view dmqBodyErrorName(DmqBodyError e);

/** @brief What parseDmqDialogBody() made of a body. On an error, message holds what was read
 *  before it (its action, when known, lets the caller count refusals per action). */
struct DmqParseResult
{
    DmqDialogMessage message;
    DmqBodyError error = DmqBodyError::None;
    std::string detail; ///< English: the key, the expected type, the byte offset
};

/**
 * @brief Parses one dialog-channel body.
 *
 * Duplicate keys are accepted (the last wins: 5.6.3 repeats tag1/cseq1/route_set1/contact1 in an
 * UPDATE). Unknown keys are ignored whatever their type. Numbers (h_entry, h_id, state, *_ts,
 * lifetime, iflags, last_modified) must be whole numbers in 0..2^32-1; a "state" outside 1..5 is
 * WrongType. h_entry and h_id are required unless the action is SYNC. "vars" is an object of
 * strings (a repeated variable: the last value, in the place of the first); "profiles" a string
 * holding `{"profiles":[{"name":..,"value":..,"puid":..}]}` (no value: a no-value profile; puid and
 * other keys ignored), anything else in that string is BadProfiles.
 */
DmqParseResult parseDmqDialogBody(std::string_view body);

/**
 * @brief The body Kamailio 5.6.3 would send for @p m: keys in its order, an UPDATE repeating the
 * caller-leg keys in its STATE part for states 2 and 4, profiles re-encoded as the string form
 * (without puid), absent optionals omitted; a field present where 5.6.3 would not send it is
 * written after the others. Round-trips through parseDmqDialogBody().
 */
std::string formatDmqDialogBody(const DmqDialogMessage &m);

} // namespace calldeck::core
