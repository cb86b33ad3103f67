// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include <QString>
#include <QStringList>

#include "backend/core/dialogsnapshot.h"

class QSqlDatabase;

/// @brief Reads Kamailio's `dialog` and `dialog_vars` tables (version 7 and 1, reference §8.2) on
/// an open QtSql connection, SELECTs only: what DialogStore::load() restores and what a proxy DB
/// feed (ProxyDbFeed) polls. Rows become snapshots through calldeck::core::fromDbRow(), so the
/// fields the table does not keep stay absent, never invented.
///
/// Two SELECTs, no transaction of its own: a caller that needs one consistent picture wraps the
/// call in a read transaction.
class DialogTableReader final
{
public:
    /// @brief What to do with a row fromDbRow() refuses (e.g. `xdata` that is not profiles JSON).
    enum class Malformed
    {
        Fail, ///< the whole read fails with a message that names the row (a restore)
        Skip, ///< the row is left out and described in @p skipped (a listing, like dlg.list)
    };

    /// @brief Every dialog with its variables, ordered by (hash_entry, hash_id).
    /// @param where names the database in messages (e.g. StoreUrl::display())
    /// @param skipped with Malformed::Skip, one English line per row left out
    /// @return nullopt with an English @p error when a table cannot be read (or, with
    /// Malformed::Fail, a row is malformed)
    static std::optional<std::vector<calldeck::core::DialogSnapshot>>
    read(const QSqlDatabase &db, const QString &where, Malformed malformed, QStringList *skipped,
         QString *error);
    /// @brief Like read(), handing the dialogs to @p sink in chunks of @p chunk as they are read, in
    /// the table's order (a restore overlaps the reading with the engine's work).
    /// @return false with @p error; the chunks handed over before stay valid
    static bool readChunks(const QSqlDatabase &db, const QString &where, Malformed malformed,
                           QStringList *skipped, std::size_t chunk,
                           const std::function<void(std::vector<calldeck::core::DialogSnapshot> &&)> &sink,
                           QString *error);
};
