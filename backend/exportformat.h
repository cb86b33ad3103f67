// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

/// @brief The export formats a file name asks for (`--export FILE`, the export dialogs), by its
/// suffix, case-insensitively. One place for the list, so that the option check and the writer
/// agree.
enum class ExportFormat : quint8
{
    Unknown,
    Json,     ///< .json: dlg.list shape
    Csv,      ///< .csv
    Pcap,     ///< .pcap (classic libpcap)
    Tar,      ///< .tar: incident pack
    TarGz,    ///< .tar.gz or .tgz: incident pack, gzip-compressed
    Snapshot, ///< .cdsnap: a snapshot file (SnapshotWriter) that File → Open snapshot browses
};

/// @brief The format of @p path from its suffix; Unknown for anything else.
ExportFormat exportFormatOf(const QString &path);
/// @brief The suffixes exportFormatOf() knows, for messages: ".json, .csv, .pcap, .tar, .tar.gz or .cdsnap".
QString exportSuffixList();
