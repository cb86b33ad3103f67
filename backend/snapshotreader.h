// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QByteArray>
#include <QString>

#include "backend/consolesnapshot.h"

/// @brief Reads a `.cdsnap` file (format in backend/snapshotwriter.h): gzip or plain JSON, every
/// member checked. A bad file gives a SnapshotError that says what is wrong and where (a byte
/// offset for broken JSON or gzip, a JSON path such as "dialogs[3].dialog.state" for a missing or
/// mistyped member, the version for a newer format) and nothing else: no partial snapshot.
/// Each dialog's messages are split again with the live details pane's code, so the details
/// read back equal what DialogDetailsSource collected when the snapshot was taken.
class SnapshotReader final
{
public:
    SnapshotReader() = delete;

    /// Larger files are refused (the JSON is held in memory twice while it is parsed).
    static constexpr qint64 MaxJsonBytes = qint64(1) << 30;

    static std::optional<ConsoleSnapshot> read(const QString &path, const SnapshotProgress &progress,
                                               SnapshotError *error);
    /// @brief The same from the file's bytes (gzip or plain JSON).
    static std::optional<ConsoleSnapshot> parse(const QByteArray &data, const SnapshotProgress &progress,
                                                SnapshotError *error);

private:
    static bool inflate(const QByteArray &gzip, QByteArray &json, SnapshotError *error);
};
