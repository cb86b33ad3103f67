// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "backend/core/dialogsnapshot.h"
#include "backend/core/jsonscanner.h"

namespace calldeck::core
{

/**
 * @brief Reads one Kamailio dialog object (kamailio-dialog.md §7.2) from a JsonScanner into a
 * DialogSnapshot, with the semantics of the Qt DlgListParser::parseDialog.
 *
 * `call-id` (or `call_id`, dlg.dump_file), numbers as whole numbers in the field's range, leg
 * fields null → std::nullopt, `profiles` as the mixed array (bare string = no-value profile,
 * one-key object = valued) or as an object (dlg.dump_file: an empty value is no value, the order
 * is the key order), `variables` as one-key objects or as an object. Missing keys keep the
 * defaults except `h_entry`, `h_id` and the Call-ID. Unknown keys are skipped; of duplicate keys
 * the last wins. The first problem, in the fixed key order DlgListParser checks, is the error.
 *
 * The values are written into the given snapshot, reusing its strings' capacity, so a reader that
 * recycles snapshots avoids most allocations.
 */
class DialogObjectReader
{
public:
    enum class Outcome : std::uint8_t
    {
        Ok,
        Malformed, ///< valid JSON, not a dialog: error() says why, callIdLabel() names it
        JsonError  ///< the scanner failed; the text is not JSON
    };

    /** @brief Reads the object whose BeginObject @p scanner just returned, up to its EndObject.
     *  @p out is overwritten (also on Malformed, with unspecified values). */
    Outcome read(JsonScanner &scanner, DialogSnapshot &out);

    /** @brief Why the last object was Malformed, e.g. "'state' is a string, expected a number". */
    const std::string &error() const { return m_error; }
    /** @brief " (call-id 'x')" when the last object named its Call-ID as a string, else empty. */
    const std::string &callIdLabel() const { return m_label; }

private:
    enum Field : std::uint8_t
    {
        HEntry,
        HId,
        Ref,
        CallIdDash,
        CallIdUnderscore,
        FromUri,
        ToUri,
        State,
        StartTs,
        InitTs,
        EndTs,
        Duration,
        Timeout,
        Lifetime,
        Dflags,
        Sflags,
        Iflags,
        Caller,
        Callee,
        Profiles,
        Variables,
        FieldCount,
        Unknown = FieldCount
    };
    static constexpr std::size_t LegFieldCount = 5;
    using Token = JsonScanner::Token;

    struct Member
    {
        std::string key;
        std::string value;
        Token type = Token::End;
    };

    static Field classify(std::string_view key);
    static int classifyLeg(std::string_view key);

    bool readValue(JsonScanner &s, Field field, DialogSnapshot &out);
    bool readLeg(JsonScanner &s, int leg, DialogLegSnapshot &out);
    bool readProfilesArray(JsonScanner &s, DialogSnapshot &out);
    bool readVariablesArray(JsonScanner &s, DialogSnapshot &out);
    bool readMembers(JsonScanner &s);
    /** @brief Reads `profiles` or `variables` given as an object (dlg.dump_file), after its BeginObject:
     *  every value must be a string (for a profile, empty = no value); the first that is not sets
     *  the field's error. False only when the JSON itself fails. */
    bool readStringObject(JsonScanner &s, Field field, DialogSnapshot &out);
    bool readOneKeyObject(JsonScanner &s, bool &valid);
    void sortMembers();
    void setProfile(DialogSnapshot &out, std::string_view name, const std::string_view *value);
    void setVariable(DialogSnapshot &out, std::string_view name, std::string_view value);
    bool finish(DialogSnapshot &out);
    template<typename T>
    bool number(Field field, T &out, bool required);
    bool stringField(Field field, std::string &out);
    bool leg(Field field, int index, DialogLegSnapshot &out);
    bool fail(std::string why);

    Token m_type[FieldCount] = {};
    double m_number[FieldCount] = {};
    Token m_legType[2][LegFieldCount] = {};
    std::string m_altCallId;
    std::size_t m_profileCount = 0;
    std::size_t m_variableCount = 0;
    std::string m_profilesError;
    std::string m_variablesError;
    std::string m_oneKey;
    std::string m_oneValue;
    std::vector<Member> m_members;
    std::size_t m_memberCount = 0;
    std::vector<std::uint32_t> m_order;
    std::string m_label;
    std::string m_error;
};

} // namespace calldeck::core
