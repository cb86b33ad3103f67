// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <QByteArray>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include "backend/core/dialogsnapshot.h"

/// @brief What one export writes (issue #8), as values gathered on the caller's thread: the
/// table's texts for CSV, the dialogs for JSON, the row keys whose messages go into the pcap.
/// ExportJob turns it into a file off the GUI thread.
struct ExportRequest
{
    enum class Kind : quint8
    {
        Csv,  ///< the table as CSV (CsvWriter)
        Json, ///< the dialogs in the dlg.list shape
        Pcap, ///< the messages of messageKeys (or of every dialog) as a classic pcap
        Pack, ///< incident pack: table.csv, dialogs.json, messages.pcap, extra files, manifest.json
    };

    Kind kind = Kind::Csv;
    QString path; ///< the file to write (replaced atomically; nothing is left on a failure or cancel)

    /// The table as shown: header texts and display texts of the visible columns in view order.
    std::vector<std::string> csvHeader;
    std::vector<std::vector<std::string>> csvRows;
    std::vector<calldeck::core::DialogSnapshot> dialogs; ///< for JSON, in the table's order
    std::vector<quint64> messageKeys;                    ///< row keys (DialogRow::key) for the pcap
    /// Headless: everything the core holds instead of the fields above. The CSV is then
    /// dialogListCsv() (dlg.list names), the JSON the engine's dialogs, the pcap every dialog's messages.
    bool wholeCore = false;

    /// Pack only: further files (name inside the archive, bytes), e.g. "charts/profiles.png".
    std::vector<std::pair<QString, QByteArray>> extraFiles;
    /// Pack only: mask numbers and URIs in every text file and in the SIP payloads (NumberMasker).
    bool mask = false;
    bool gzip = false;   ///< Pack only: .tar.gz instead of .tar
    QString version;     ///< CallDeck's version, for the manifest
    QString description; ///< what was exported, for the manifest ("selected: 3 dialogs", ...)
    QStringList notes;   ///< further manifest lines (e.g. "charts as CSV samples: headless mode")
};

/// @brief How an export ended. The detail is English technical text that says what to do; the
/// ui/app layers put it into their translated messages.
struct ExportResult
{
    enum class Status : quint8
    {
        Done,
        Cancelled,   ///< nothing was written (an existing file is untouched)
        CoreTimeout, ///< the dialog core did not answer in time
        WriteFailed, ///< the file could not be written
        Invalid,     ///< the request cannot be written (e.g. a name the archive cannot hold)
    };
    Status status = Status::Done;
    QString detail;
    qint64 bytes = 0;        ///< size of the file written
    int dialogs = 0;         ///< dialogs (rows) in the file or the pack
    int messages = 0;        ///< messages written to the pcap
    int skippedMessages = 0; ///< messages no pcap frame can hold (UDP over 65 507 bytes)
    bool ok() const { return status == Status::Done; }
};

Q_DECLARE_METATYPE(ExportResult)
