// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <utility>
#include <vector>

#include <QByteArray>
#include <QString>
#include <QStringList>

/// @brief An incident pack as bytes: one POSIX ustar archive (TarWriter), gzip-compressed on
/// request, holding the given files after a `manifest.json` that names each of them with its
/// size and SHA-256, and says when, what and with which CallDeck version it was made.
///
/// manifest.json: `{"format": "calldeck-incident-pack/1", "created": "<UTC ISO 8601>",
/// "calldeck_version": "...", "what": "...", "masked": bool, "dialogs": n, "messages": n,
/// "files": [{"name", "size", "sha256"}...], "notes": [...]}`.
class IncidentPack final
{
public:
    struct Manifest
    {
        QString version;
        QString description;
        bool masked = false;
        int dialogs = 0;
        int messages = 0;
        QStringList notes;
        qint64 createdSecs = 0; ///< Unix seconds; 0: now
    };

    IncidentPack() = delete;

    /// @return the archive, or empty with @p error (English, says what to do) when a file name
    /// cannot go into a tar archive or is given twice
    static QByteArray build(const std::vector<std::pair<QString, QByteArray>> &files,
                            const Manifest &manifest, bool gzip, QString *error);
    /// @brief The manifest text for @p files (what build() puts first).
    static QByteArray manifestJson(const std::vector<std::pair<QString, QByteArray>> &files,
                                   const Manifest &manifest, qint64 createdSecs);
    /// @brief gzip (RFC 1952) of @p data with zlib; empty on a zlib failure.
    static QByteArray gzip(const QByteArray &data);
};
