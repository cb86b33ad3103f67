// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include "backend/consolesnapshot.h"

/// @file
/// @brief The `.cdsnap` snapshot file (format "calldeck-snapshot", version 1).
///
/// A snapshot file is one JSON object (RFC 8259, UTF-8), gzip-compressed (RFC 1952) when
/// written by CallDeck: `zcat x.cdsnap | jq .` reads it. The reader also takes the same JSON
/// uncompressed. SIP text compresses about 5:1, which is why CallDeck compresses.
///
/// ```
/// { "format": "calldeck-snapshot", "version": 1,
///   "taken_ms": 1795000000123, "taken_at": "2026-11-17T10:13:20.123Z",   (taken_at: informative)
///   "calldeck_version": "0.9.0",
///   "sources": [ {"id": 1, "kind": "hep-udp", "label": "udp 127.0.0.1:9060",
///                 "state": "running", "error": ""} ],
///   "stats": { "dialog": {active, early, processed, expired, failed, answered},
///              "active": {starting, connecting, answering, ongoing},
///              "feed":   {messages, parse_errors, unmatched, ignored, bogus_events, spirals,
///                         mirror_twins, rejected_creations} },
///   "history_cap": 500,
///   "dialog_count": 2,
///   "dialogs": [ ROW, ... ] }                       (one row per line)
///
/// ROW = { "key": "4294967297",            DialogRow::key as a decimal string (64 bits)
///         "origin": "mirror + kam1", "updated_ms": 1795000000000, "flags": 16,
///         "proxy": 2, "proxy_h_entry": 1234, "proxy_h_id": 5678, "on_mirror": true,
///         "dialog": { "h_entry", "h_id", "ref", "call-id", "from_uri", "to_uri", "req_uri",
///                     "state", "start_ts", "init_ts", "end_ts", "duration", "timeout",
///                     "lifetime", "dflags", "sflags", "iflags", "last_modified",
///                     "timeout_route",
///                     "caller": LEG, "callee": LEG,
///                     "profiles":  [ {"name": S, "value": S or null} ],
///                     "variables": [ {"name": S, "value": S} ],
///                     "headers":   [ {"name": S, "value": S} ] },
///         "messages": [ MESSAGE, ... ] }       oldest first; [] for a proxy-only row
/// LEG = { "tag", "contact", "cseq", "route_set", "socket": S or null }
/// MESSAGE = { "time_us": 1795000000123456, "transport": "udp" (tcp tls sctp ws wss),
///             "src": {"address": "10.0.0.1", "port": 5060}, "dst": {...},   ("" for none)
///             "capture_node": 2001, "node_name": S, "correlation_id": S, "raw": S }
/// ```
/// Every S (Kamailio's names where they exist) is the bytes as CallDeck saw them: a JSON string
/// when they are valid UTF-8, else `{"base64": "..."}` (RFC 4648), so a message's bytes come
/// back exactly. Numbers are integers within ±2^53. Members may come in any order; members a
/// reader does not know are ignored, so a later minor addition keeps version 1. A snapshot does
/// not store what the details pane derives from the bytes (start line, headers, direction,
/// retransmissions): the reader splits each message again with the same code as the live pane.
///
/// Writing replaces the file atomically (QSaveFile): a failed or cancelled write leaves the old
/// file, or none, never half of one.
class SnapshotWriter final
{
public:
    SnapshotWriter() = delete;

    /// @brief Writes @p snapshot to @p path (gzip). Reports one step per dialog through
    /// @p progress and stops when it is cancelled (error kind Cancelled, no file).
    static bool write(const ConsoleSnapshot &snapshot, const QString &path, const SnapshotProgress &progress,
                      SnapshotError *error);
    /// @brief The uncompressed JSON (tests, small snapshots).
    static QByteArray toJson(const ConsoleSnapshot &snapshot);
};
