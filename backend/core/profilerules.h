// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dialogtypes.h"
#include "result.h"

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace calldeck::core
{

class SipMessage;

/**
 * @brief Operator rules that put mirrored dialogs into profiles, evaluated on the initial
 * INVITE (the proxy's script sets profiles the wire does not show).
 *
 * One rule per line; `#` starts a comment; blank lines are ignored:
 *
 *     PROFILE [= VALUE] [if CONDITION [and CONDITION]...]
 *
 * VALUE is one or more terms written next to each other and joined: a variable or a quoted
 * literal, e.g. `trunk = "gw-" $dst_ip`. A rule with a value declares a profile with values;
 * one without declares a profile without values.
 *
 * Variables: `$src_ip $src_port $dst_ip $dst_port $transport $from_user $from_domain
 * $from_uri $to_user $to_domain $to_uri $ruri $ruri_user $ruri_domain $callid $node` and
 * `$hdr(Name)` (first header of that name, compact forms understood).
 *
 * Conditions: `src in CIDR`, `dst in CIDR` (IPv4 or IPv6, e.g. 10.0.0.0/8), `TERM ~ "REGEX"`
 * (ECMAScript, case-insensitive, searched anywhere), `TERM !~ "REGEX"`, `TERM == "TEXT"`,
 * `TERM != "TEXT"`, `has Name` (the header exists).
 *
 * Examples:
 *
 *     inbound if src in 10.0.0.0/8
 *     trunk = $dst_ip
 *     caller = $from_user
 *     vip if $hdr(P-Asserted-Identity) ~ "^<sip:\+4930"
 *
 * A rule whose value comes out empty adds nothing (a valued profile needs a value).
 */
class ProfileRuleSet
{
public:
    ProfileRuleSet();
    ~ProfileRuleSet();
    ProfileRuleSet(ProfileRuleSet &&) noexcept;
    ProfileRuleSet &operator=(ProfileRuleSet &&) noexcept;

    /** @brief Parses rules; the error names the line and what is wrong with it. */
    static Result<ProfileRuleSet> parse(std::string_view text);

    bool empty() const;
    std::size_t size() const;
    /** @brief Profiles the rules use, ';'-separated, for the module's profile parameters. */
    std::string profilesNoValue() const;
    std::string profilesWithValue() const;

    /** @brief Calls add(profile, value) for each rule that matches the initial INVITE. */
    void evaluate(const SipMessage &invite, const PacketMeta &meta,
                  const std::function<void(std::string_view profile, std::string_view value)> &add) const;

private:
    struct Rules;
    std::unique_ptr<Rules> m_rules;
};

} // namespace calldeck::core
