// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include <QString>

/// @brief CallDeck's table `calldeck_dialog_ids` beside Kamailio's `dialog` (issue #9): for each
/// hash bucket, the last h_id the engine handed out. The module continues its counters only past
/// the ids of the rows it reloads, so a dialog that ended before a restart could see its id
/// handed out again; CallDeck keeps the counters so that new dialogs never reuse an id.
///
/// Works on an open QtSql connection (SQLite or PostgreSQL), from that connection's thread.
class DialogIdCounters final
{
public:
    using Counter = std::pair<std::uint32_t, std::uint32_t>; ///< bucket, last h_id

    /// @brief Creates the table when missing; false with an English message.
    static bool ensure(const QString &connection, QString *error);
    /// @brief Raises the stored counters to @p counters (never lowers one), in one transaction.
    static bool write(const QString &connection, const std::vector<Counter> &counters, QString *error);
    /// @brief Every stored counter; nullopt with a message.
    static std::optional<std::vector<Counter>> load(const QString &connection, QString *error);
};
