// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Dialog rows for the model tests: a plausible dlg.list entry per key, and deltas built from them.

#include <cstdint>
#include <string>
#include <vector>

#include "backend/dialogdelta.h"

namespace DialogRows
{
/// Unix second the tests treat as "now" (2023-11-14 22:13:20 UTC).
inline constexpr qint64 BaseSec = 1'700'000'000;

/// @brief A dialog in @p state: INVITE 60 s before BaseSec, answered 50 s before (states 3..5),
/// ended at BaseSec (state 5), lifetime timer an hour after BaseSec (states 3, 4).
inline DialogRow make(const quint64 key, const std::uint8_t state = 4)
{
    const std::string n = std::to_string(key);
    DialogRow row;
    row.key = key;
    row.origin = QStringLiteral("mirror");
    row.updatedMs = BaseSec * 1000;
    calldeck::core::DialogSnapshot &d = row.dialog;
    d.hEntry = std::uint32_t(key % 4096);
    d.hId = std::uint32_t(key + 1);
    d.callId = "Call-" + n + "@Test.Invalid";
    d.fromUri = "sip:alice" + n + "@example.com";
    d.toUri = "sip:bob" + n + "@example.net";
    d.state = state;
    d.initTs = std::uint32_t(BaseSec - 60);
    d.startTs = state >= 3 ? std::uint32_t(BaseSec - 50) : 0;
    d.endTs = state == 5 ? std::uint32_t(BaseSec) : 0;
    d.timeout = (state == 3 || state == 4) ? std::uint32_t(BaseSec + 3600) : 0;
    d.lifetime = 3600;
    d.caller.tag = "ft" + n;
    d.caller.contact = "sip:alice@10.0.0.1:5060";
    d.caller.cseq = "1";
    d.caller.socket = "udp:192.0.2.10:5060";
    if (state >= 2)
    {
        d.callee.tag = "tt" + n;
        d.callee.contact = "sip:bob@10.0.0.2:5060";
        d.callee.cseq = "0";
        d.callee.socket = "udp:192.0.2.10:5060";
    }
    return row;
}

inline DialogDelta upserts(std::vector<DialogRow> rows)
{
    DialogDelta delta;
    delta.upserts = std::move(rows);
    return delta;
}

inline std::vector<DialogRow> range(const quint64 firstKey, const int count, const std::uint8_t state = 4)
{
    std::vector<DialogRow> rows;
    rows.reserve(std::size_t(count));
    for (int i = 0; i < count; ++i)
    {
        rows.push_back(make(firstKey + quint64(i), state));
    }
    return rows;
}
} // namespace DialogRows
