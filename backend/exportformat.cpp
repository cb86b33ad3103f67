// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/exportformat.h"

using namespace Qt::StringLiterals;

ExportFormat exportFormatOf(const QString &path)
{
    const QString name = path.toLower();
    if (name.endsWith(u".json"_s))
    {
        return ExportFormat::Json;
    }
    if (name.endsWith(u".csv"_s))
    {
        return ExportFormat::Csv;
    }
    if (name.endsWith(u".pcap"_s))
    {
        return ExportFormat::Pcap;
    }
    if (name.endsWith(u".tar"_s))
    {
        return ExportFormat::Tar;
    }
    if (name.endsWith(u".tar.gz"_s) || name.endsWith(u".tgz"_s))
    {
        return ExportFormat::TarGz;
    }
    if (name.endsWith(u".cdsnap"_s))
    {
        return ExportFormat::Snapshot;
    }
    return ExportFormat::Unknown;
}

QString exportSuffixList()
{
    return u".json, .csv, .pcap, .tar, .tar.gz or .cdsnap"_s;
}
