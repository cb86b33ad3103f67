// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include <QString>
#include <QStringList>

#include "backend/core/dialogsnapshot.h"

struct StoreUrl;

/// @brief Kamailio's `dialog` and `dialog_vars` tables in a SQLite file or on a PostgreSQL server
/// (StoreUrl), written and read as the dialog module does (issue #9, reference §8): a confirmed
/// dialog is INSERTed, then UPDATEd (state, timeout, cseq, contact, flags, variables), and
/// DELETEd with its variable rows.
///
/// The store is opened by StoreUrl::open() under a connection name of its own, and its tables
/// are created or verified by DialogStoreSchema::ensure(), so a table written by Kamailio's
/// db_sqlite or db_postgres loads here and the other way round. Rows are converted by
/// calldeck::core::toDbRow()/toVarRows()/fromDbRow(); only the columns the table keeps survive.
/// Unsigned ids, times and flags are bound as Kamailio binds them, as 32-bit signed integers (an
/// h_id of 2^31 or more is stored negative, as in Kamailio's own rows) and read back unsigned.
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

    /// @brief Opens (creating if needed) the store @p url and ensures the tables; false with an
    /// English message. A store already open is closed first.
    bool open(const StoreUrl &url, QString *error);
    /// @brief open() on the SQLite file @p path.
    bool open(const QString &path, QString *error);
    /// @brief True from a successful open() to close(), also while a PostgreSQL connection is lost:
    /// write(), clear() and load() reconnect first (and fail with a message while they cannot).
    bool isOpen() const;
    /// @brief The QtSql connection of the open store (for CallDeck's own tables beside Kamailio's).
    QString connectionName() const { return m_connection; }
    /// @brief Closes the file; write() and load() then fail with a message.
    void close();

    /// @brief In ONE transaction: each of @p upserts replaces (UPDATE) or adds (INSERT) the row
    /// keyed by (hash_entry, hash_id) and replaces its `dialog_vars` rows; each of @p deleted
    /// (hash_entry, hash_id) removes the dialog row and its variable rows. On any failure the
    /// transaction is rolled back (nothing half-written) and false is returned with a message.
    /// A missing to_tag is written as '' (the column is NOT NULL; it reads back as absent).
    bool write(const std::vector<calldeck::core::DialogSnapshot> &upserts,
               const std::vector<std::pair<std::uint32_t, std::uint32_t>> &deleted, QString *error);

    /// @brief Deletes every `dialog` and `dialog_vars` row in ONE transaction (db_mode 3 empties
    /// the tables once they are loaded); on failure nothing is deleted and false comes with a
    /// message.
    bool clear(QString *error);

    /// @brief Every dialog with its variables, ordered by (hash_entry, hash_id); nullopt with a
    /// message if the file cannot be read or a row is malformed (e.g. bad `xdata`).
    std::optional<std::vector<calldeck::core::DialogSnapshot>> load(QString *error);
    /// @brief Every dialog, handed to @p sink in chunks of @p chunk as read (the table's order); a
    /// malformed row is left out and described in @p skipped. False with a message when a table
    /// cannot be read (the chunks handed over before stay valid).
    bool loadChunks(std::size_t chunk,
                    const std::function<void(std::vector<calldeck::core::DialogSnapshot> &&)> &sink,
                    QStringList *skipped, QString *error);

private:
    struct Statements;
    bool connectNow(QString *error);
    void dropConnection();
    bool prepare(QString *error);
    /// Open, and connected again if the connection was lost; otherwise false and "… @p nothingDone".
    bool ready(const QString &nothingDone, QString *error);
    /// After a failure on PostgreSQL: a dead connection is marked for a reconnect, said in @p error.
    void checkConnection(QString *error);

    QString m_connection;
    QString m_path;
    std::unique_ptr<StoreUrl> m_url;
    bool m_lost = false;
    std::unique_ptr<Statements> m_statements;
};
