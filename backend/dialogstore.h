// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include <QString>

#include "backend/core/dialogsnapshot.h"

/// @brief Kamailio's `dialog` and `dialog_vars` tables in a SQLite file, written and read as the
/// dialog module does (issue #9, reference §8): a confirmed dialog is INSERTed, then UPDATEd
/// (state, timeout, cseq, contact, flags, variables), and DELETEd with its variable rows.
///
/// The file is opened in WAL journal mode with synchronous=NORMAL under a connection name of its
/// own, and its tables are created or verified by DialogStoreSchema::ensure(), so a table written
/// by Kamailio's db_sqlite loads here and the other way round. Rows are converted by
/// calldeck::core::toDbRow()/toVarRows()/fromDbRow(); only the columns the table keeps survive.
///
/// Not thread-safe: use an object from the thread that opened it. Groundwork: not wired into
/// app/ or the core thread yet.
class DialogStore final
{
public:
    DialogStore();
    ~DialogStore();
    DialogStore(const DialogStore &) = delete;
    DialogStore &operator=(const DialogStore &) = delete;

    /// @brief Opens (creating if needed) the SQLite file @p path and ensures the tables; false
    /// with an English message. A store already open is closed first.
    bool open(const QString &path, QString *error);
    bool isOpen() const;
    /// @brief Closes the file; write() and load() then fail with a message.
    void close();

    /// @brief In ONE transaction: each of @p upserts replaces (UPDATE) or adds (INSERT) the row
    /// keyed by (hash_entry, hash_id) and replaces its `dialog_vars` rows; each of @p deleted
    /// (hash_entry, hash_id) removes the dialog row and its variable rows. On any failure the
    /// transaction is rolled back (nothing half-written) and false is returned with a message.
    /// A missing to_tag is written as '' (the column is NOT NULL; it reads back as absent).
    bool write(const std::vector<calldeck::core::DialogSnapshot> &upserts,
               const std::vector<std::pair<std::uint32_t, std::uint32_t>> &deleted, QString *error);

    /// @brief Every dialog with its variables, ordered by (hash_entry, hash_id); nullopt with a
    /// message if the file cannot be read or a row is malformed (e.g. bad `xdata`).
    std::optional<std::vector<calldeck::core::DialogSnapshot>> load(QString *error);

private:
    struct Statements;
    bool prepare(QString *error);

    QString m_connection;
    QString m_path;
    std::unique_ptr<Statements> m_statements;
};
