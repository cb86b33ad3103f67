// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/headlessexport.h"

#include <QFileInfo>

#include "app/snapshotexport.h"
#include "backend/core/csvwriter.h"
#include "backend/core/samplering.h"
#include "backend/exportformat.h"
#include "backend/exportjob.h"
#include "backend/profilesampler.h"
#include "backend/snapshottaker.h"

using namespace Qt::StringLiterals;

bool HeadlessExport::needsMessages(const QString &path)
{
    const ExportFormat format = exportFormatOf(path);
    return format == ExportFormat::Pcap || format == ExportFormat::Tar || format == ExportFormat::TarGz ||
           format == ExportFormat::Snapshot;
}

QByteArray HeadlessExport::seriesCsv(const ProfileSampler &sampler, const int seconds)
{
    const QStringList names = sampler.seriesNames();
    calldeck::core::CsvWriter csv;
    std::vector<std::string> row{"second"};
    for (const QString &name : names)
    {
        row.push_back(name.toStdString());
    }
    csv.addRow(row);
    const qint64 last = sampler.latestSecond();
    if (last > 0)
    {
        for (qint64 second = last - seconds + 1; second <= last; ++second)
        {
            row.assign(1, std::to_string(second));
            bool any = false;
            for (const QString &name : names)
            {
                const calldeck::core::SampleRing *ring = sampler.series(name);
                const std::optional<std::uint32_t> value = ring ? ring->at(second) : std::nullopt;
                row.push_back(value ? std::to_string(*value) : std::string());
                any = any || value.has_value();
            }
            if (any)
            {
                csv.addRow(row);
            }
        }
    }
    const std::string text = csv.take();
    return QByteArray(text.data(), qsizetype(text.size()));
}

bool HeadlessExport::write(CoreWorker &worker, const ProfileSampler *sampler, const SourceRegistry *sources,
                           const QString &path, const int timeoutMs, QString *error)
{
    ExportRequest request;
    request.path = path;
    request.wholeCore = true;
    switch (exportFormatOf(path))
    {
    case ExportFormat::Json:
        return SnapshotExport::writeJson(worker, path, timeoutMs, error);
    case ExportFormat::Csv:
        request.kind = ExportRequest::Kind::Csv;
        break;
    case ExportFormat::Pcap:
        request.kind = ExportRequest::Kind::Pcap;
        break;
    case ExportFormat::Tar:
    case ExportFormat::TarGz:
        request.kind = ExportRequest::Kind::Pack;
        request.gzip = exportFormatOf(path) == ExportFormat::TarGz;
        request.version = QCoreApplication::applicationVersion();
        request.description = u"calldeck --headless --export: every dialog the core holds at exit"_s;
        if (sampler)
        {
            request.extraFiles.emplace_back(u"charts/series.csv"_s, seriesCsv(*sampler, SeriesSeconds));
            request.notes
                << u"headless mode has no window: the charts are given as their series' samples "
                   "(charts/series.csv, the last hour, one row per second) instead of PNG pictures"_s;
        }
        else
        {
            request.notes << u"no chart samples: a replay runs on the capture's time, which the charts do "
                             "not record"_s;
        }
        break;
    case ExportFormat::Snapshot:
    {
        SnapshotError snapshotError;
        if (SnapshotTaker::save(worker, sources, path, timeoutMs, &snapshotError))
        {
            return true;
        }
        *error = tr("calldeck: --export %1: %2; nothing was written.").arg(path, snapshotError.text());
        return false;
    }
    case ExportFormat::Unknown:
        *error = tr("calldeck: --export %1: unknown format; the file name must end in %2.")
                     .arg(path, exportSuffixList());
        return false;
    }
    ExportJob job(&worker, std::move(request));
    const ExportResult result = job.run();
    if (result.ok())
    {
        return true;
    }
    switch (result.status)
    {
    case ExportResult::Status::CoreTimeout:
        *error = tr("calldeck: --export %1: the dialog core did not answer in time; nothing was written. "
                    "Retry, or export from a less loaded moment.")
                     .arg(path);
        break;
    case ExportResult::Status::WriteFailed:
        *error = tr("calldeck: --export %1: cannot write there (%2).").arg(path, result.detail);
        break;
    default:
        *error = tr("calldeck: --export %1: %2.").arg(path, result.detail);
        break;
    }
    return false;
}
