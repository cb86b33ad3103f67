// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include <QString>

/// @brief The charts' history on disk (issue #8): once-a-second samples of named series
/// ("inbound", "trunk=gw1", "calls.new", ...) in an SQLite file, one row per series and hour
/// holding that hour's 3 600 values (SampleRing::Gap where none), so that a day of 50 series is
/// 1 200 rows to read, not 4.3 million. Until the persistence issue unifies the stores it lives in
/// its own file in the user data directory.
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

    explicit SampleStore(QString path);
    ~SampleStore();

    /// @brief Opens (creates) the file and its tables.
    bool open(QString *error);
    bool isOpen() const;
    QString path() const { return m_path; }

    /// @brief Writes (replaces) the chunk of @p series that starts at @p hourStart.
    bool write(const QString &series, std::int64_t hourStart, std::span<const std::uint32_t> values,
               QString *error);
    /// @brief Every chunk that covers a second at or after @p sinceSecond, oldest first.
    bool load(std::int64_t sinceSecond, std::vector<Chunk> &out, QString *error);
    /// @brief Deletes the chunks that end before @p beforeSecond (the retention).
    bool prune(std::int64_t beforeSecond, QString *error);

private:
    qint64 seriesId(const QString &series, QString *error);

    const QString m_path;
    const QString m_connection;
};
