// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace calldeck::core
{

/** @brief A DMQ node's status as the `notification_peer` channel writes it (`;status=`). */
enum class DmqNodeStatus : std::uint8_t
{
    Active,
    Disabled,
    Timeout,
    Pending
};

/** @brief "active", "disabled", "timeout" or "pending". */
std::string_view dmqStatusName(DmqNodeStatus s);
/** @brief The status named @p name (ASCII case ignored); nullopt for any other word. */
std::optional<DmqNodeStatus> dmqStatusFromName(std::string_view name);

/** @brief Where a DMQ node listens: the host:port (and transport) of its `server_address`. */
struct DmqNodeAddress
{
    std::string host;          ///< IPv4 literal, IPv6 literal without brackets, or a name
    std::uint16_t port = 5060; ///< 5060 when the URI has none
    std::string transport;     ///< "" = UDP; else lower-case "tcp", "tls", "sctp"

    /** @brief "sip:127.0.0.1:5062", "sip:[::1]:5062;transport=tcp" (the port always written). */
    std::string uri() const;
    /** @brief "127.0.0.1:5062", "[::1]:5062". */
    std::string hostPort() const;

    friend bool operator==(const DmqNodeAddress &, const DmqNodeAddress &) = default;
};

/** @brief One line of a node list: a node and the status its sender gives it. */
struct DmqNodeLine
{
    DmqNodeAddress address;
    DmqNodeStatus status = DmqNodeStatus::Active;

    friend bool operator==(const DmqNodeLine &, const DmqNodeLine &) = default;
};

/**
 * @brief Parses `sip:HOST[:PORT][;params]` with optional `;transport=` and `;status=` (other
 * parameters ignored; a user part, as in "sip:dialog@h:p", is accepted and ignored).
 * @return nullopt and an English reason in @p error (when not null) for anything else
 */
std::optional<DmqNodeLine> parseDmqNodeUri(std::string_view uri, std::string *error);

/** @brief A parsed node-list body: the good lines, and one "line N: why" per bad one. */
struct DmqNodeListParse
{
    std::vector<DmqNodeLine> nodes;
    std::vector<std::string> errors;
};

/** @brief The most node lines parseDmqNodeList() reads from one body. */
inline constexpr std::size_t DmqMaxNodeLines = 256;

/**
 * @brief Parses a notification body: lines separated by CRLF or LF, blank lines skipped, a bad
 * line reported as "line N: why" in errors and skipped (the others still count). At most
 * DmqMaxNodeLines lines are read (one more is an error, the rest ignored). A line without
 * `;status=` is active.
 */
DmqNodeListParse parseDmqNodeList(std::string_view body);

/**
 * @brief Kamailio's format exactly: "sip:H:P[;transport=x];status=S" each followed by "\r\n"
 * (5.6.3's build_notification_body() ends every line, the last one too, with CRLF).
 */
std::string formatDmqNodeList(const std::vector<DmqNodeLine> &nodes);

} // namespace calldeck::core
