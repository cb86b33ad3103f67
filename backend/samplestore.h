// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include <QString>

#include "backend/storeurl.h"

class QSqlDatabase;

/// @brief The charts' history in CallDeck's store (issues #8, #9): once-a-second samples of
/// named series ("inbound", "trunk=gw1", "calls.new", ...), one row of `calldeck_chunk` per
/// series and hour holding that hour's 3 600 values (SampleRing::Gap where none), so that a day
/// of 50 series is 1 200 rows to read, not 4.3 million. The tables (CallDeckSchema) live beside
/// Kamailio's dialog tables, SQLite or PostgreSQL. At open, the history.sqlite file of earlier
/// versions (setLegacyFile) is imported once (LegacyImport).
///
/// Used from one thread (the one that opened it); every failure returns false with an English
/// message that says what to do.
class SampleStore final
{
    Q_DISABLE_COPY_MOVE(SampleStore)

public:
    static constexpr int SecondsPerChunk = 3600;

    struct Chunk
    {
        QString series;
        std::int64_t hourStart = 0;        ///< Unix second, a multiple of 3 600
        std::vector<std::uint32_t> values; ///< SecondsPerChunk values
    };

    explicit SampleStore(StoreUrl store);
    ~SampleStore();

    /// @brief The history file of earlier versions to import at open (empty: none).
    void setLegacyFile(const QString &file) { m_legacyFile = file; }
    /// @brief Opens the store, creates or migrates its tables and imports the legacy file.
    bool open(QString *error);
    bool isOpen() const;
    /// @brief The store, for messages (no password).
    QString where() const { return m_store.display(); }
    /// @brief Chunks imported from the legacy file by open() (0 when there was none).
    int importedChunks() const { return m_imported; }

    /// @brief Writes (replaces) the chunk of @p series that starts at @p hourStart.
    bool write(const QString &series, std::int64_t hourStart, std::span<const std::uint32_t> values,
               QString *error);
    /// @brief Groups the writes that follow into one transaction (a flush of every series: one
    /// commit, not one per chunk). @return false when none could be started (writes then commit alone)
    bool begin();
    /// @brief Ends the transaction of begin(): commits when @p ok, else rolls back.
    bool end(bool ok, QString *error);
    /// @brief Every chunk that covers a second at or after @p sinceSecond, oldest first.
    bool load(std::int64_t sinceSecond, std::vector<Chunk> &out, QString *error);
    /// @brief Deletes the chunks that end before @p beforeSecond (the retention).
    bool prune(std::int64_t beforeSecond, QString *error);

    /// @brief Writes (replaces) one chunk as its raw blob on @p db (write(); the legacy import).
    static bool writeChunk(QSqlDatabase &db, const QString &series, qint64 hourStart, const QByteArray &blob,
                           QString *error);

private:
    const StoreUrl m_store;
    const QString m_connection;
    QString m_legacyFile;
    int m_imported = 0;
};
