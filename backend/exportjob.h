// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include <QObject>

#include "backend/core/dialogtypes.h"
#include "backend/exportrequest.h"

class CoreWorker;
namespace calldeck::core
{
class NumberMasker;
}

/// @brief Writes one export (ExportRequest) off the GUI thread: reads the messages it needs from
/// the core through CoreWorker::call() in small batches, builds the text or bytes with the
/// core's writers (CsvWriter, writeDialogJson, CaptureBuilder, TarWriter, NumberMasker) and writes
/// the file through QSaveFile, so the file appears whole or not at all. Progress is reported in
/// per mille; cancel() (from any thread) stops it at the next batch or chunk and leaves no file.
///
/// Use: move it to a QThread and invoke execute() there, or call run() on the thread at hand
/// (headless mode, tests).
class ExportJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExportJob)

public:
    /// One captured message, copied out of the core's history.
    struct Message
    {
        std::int64_t timeUs = 0;
        calldeck::core::Transport transport = calldeck::core::Transport::Udp;
        calldeck::core::Endpoint src;
        calldeck::core::Endpoint dst;
        std::string bytes;
    };

    static constexpr int KeysPerCall = 64;
    static constexpr qint64 WriteChunk = 1 << 20;
    static constexpr int CoreTimeoutMs = 5000;

    /// @p worker may be null for a CSV or JSON export of given rows (no core needed).
    ExportJob(CoreWorker *worker, ExportRequest request, QObject *parent = nullptr);
    ~ExportJob() override;

    /// @brief Runs the export on the calling thread and returns how it ended.
    ExportResult run();
    /// @brief Asks the running export to stop; safe from any thread.
    void cancel() { m_cancel.store(true); }
    bool isCancelled() const { return m_cancel.load(); }
    const ExportRequest &request() const { return m_request; }

    /// @brief The pcap of @p messages (sorted by time, exact duplicates dropped, masked when
    /// @p masker is set); @p skipped counts the messages no frame can hold.
    static QByteArray buildPcap(std::vector<Message> &messages, const calldeck::core::NumberMasker *masker,
                                int *written, int *skipped);

public slots:
    /// @brief run(), then finished() (for a job moved to its own thread).
    void execute();

signals:
    /// @brief 0…1000 as the export goes on (emitted on the job's thread).
    void progress(int perMille);
    void finished(const ExportResult &result);

private:
    bool gatherFromCore(ExportResult &result);
    bool collectMessages(const std::vector<quint64> &keys, int fromPerMille, int toPerMille,
                         ExportResult &result);
    QByteArray csvText() const;
    QByteArray jsonText() const;
    QByteArray pcapBytes(ExportResult &result);
    bool writeFile(const QByteArray &bytes, ExportResult &result);
    void report(int perMille);

    CoreWorker *m_worker;
    ExportRequest m_request;
    std::atomic<bool> m_cancel{false};
    std::vector<Message> m_messages;
    std::uint64_t m_salt = 0;
    int m_lastReported = -1;
};
