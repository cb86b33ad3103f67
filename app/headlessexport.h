// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

class CoreWorker;
class ProfileSampler;
class SourceRegistry;

/// @brief `--export FILE` of headless mode, by the file's suffix (exportFormatOf()): .json as
/// SnapshotExport writes it; .csv (every dialog, dlg.list names and raw values), .pcap (every
/// dialog's messages the core still holds) and the incident pack .tar/.tar.gz (table.csv,
/// dialogs.json, messages.pcap, charts/series.csv, manifest.json) through ExportJob on the
/// calling thread. There is no window and so no chart picture: the pack holds the charts' series
/// as CSV samples instead, and its manifest says so.
class HeadlessExport final
{
    Q_DECLARE_TR_FUNCTIONS(HeadlessExport)

public:
    /// The last hour of samples go into charts/series.csv.
    static constexpr int SeriesSeconds = 3600;

    HeadlessExport() = delete;

    /// @brief True when @p path needs the dialogs' messages (the core must keep its history).
    static bool needsMessages(const QString &path);
    /// @param sampler the charts' samples (may be null: a replay on packet time has none)
    /// @param sources the feeds a snapshot lists (may be null)
    /// @return false with a translated @p error that says what to do next
    static bool write(CoreWorker &worker, const ProfileSampler *sampler, const SourceRegistry *sources,
                      const QString &path, int timeoutMs, QString *error);
    /// @brief The last @p seconds of every series as CSV: `second,<series>...`, one row per Unix
    /// second, empty where a series has no sample.
    static QByteArray seriesCsv(const ProfileSampler &sampler, int seconds);
};
