// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

#include <QMutex>
#include <QObject>
#include <QString>

class CaptureFile;
class IngestQueue;
class QThread;
class SourceRegistry;
namespace calldeck::core
{
class CaptureDecoder;
}

/// @brief Replays a pcap or pcapng file into the core, as if its SIP had arrived on the mirror
/// port: a reader thread decodes the records (link layer, IP with fragments, UDP, TCP streams;
/// HEP datagrams stay wrapped for the core to unwrap), packs the SIP/HEP payloads into batches
/// with the capture's addresses and times, and hands them to the IngestQueue without ever
/// dropping one (it waits for room). As fast as possible, or at the recorded pace.
///
/// The replay registers itself in the SourceRegistry ("replay", the file name), reports
/// progress (bytes read / file size) at most ~10 times a second, and ends with finished().
/// The core should run with CoreWorker::Clock::Packet so that timers follow capture time;
/// everything pushed before finished() is processed before a CoreWorker::call() made after it.
class CaptureReplay final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CaptureReplay)

public:
    struct Options
    {
        QString path;
        bool pace = false;      ///< false: as fast as possible; true: keep the recorded gaps between packets
        int batchPackets = 512; ///< payloads per PacketBatch
        int progressMs = 100;   ///< at most one progress report per interval
    };
    struct Stats
    {
        quint64 packets = 0;              ///< records read from the file
        quint64 bytesRead = 0;            ///< bytes of the file consumed
        quint64 udpPayloads = 0;          ///< UDP payloads (SIP or HEP) delivered to the core
        quint64 tcpMessages = 0;          ///< SIP/HEP messages framed out of TCP streams and delivered
        quint64 skippedNonIp = 0;         ///< records that are not IP (ARP, LLDP, ...)
        quint64 skippedNonUdpTcp = 0;     ///< IP packets of other protocols (ICMP, SCTP, ESP, ...)
        quint64 skippedNotSip = 0;        ///< UDP payloads that are neither SIP nor HEP (RTP, DNS, ...)
        quint64 fragmentsReassembled = 0; ///< datagrams rebuilt from IP fragments
        quint64 errors =
            0; ///< truncated or malformed packets, dropped fragments, TCP gaps and framing errors
        qint64 firstTimeUs = 0; ///< capture time of the first record
        qint64 lastTimeUs = 0;  ///< capture time of the last record
        qint64 elapsedMs = 0;   ///< wall time the replay took
        quint64 delivered() const { return udpPayloads + tcpMessages; }
    };

    CaptureReplay(Options options, IngestQueue &queue, SourceRegistry &sources, QObject *parent = nullptr);
    /// @brief Cancels a running replay and waits for its thread.
    ~CaptureReplay() override;

    /// @brief Registers the source and starts reading on a thread of its own (once).
    void start();
    /// @brief Stops the reader promptly (also while it paces or waits for the queue); finished()
    /// then reports ok = false and "cancelled".
    void cancel();
    /// @brief Waits for the reader thread; false on timeout (-1: no limit).
    bool wait(int timeoutMs = -1);
    bool running() const;
    /// @brief The SourceRegistry id (0 before start()).
    quint16 sourceId() const { return m_sourceId; }
    /// @brief The counters so far (updated with each progress report and at the end).
    Stats stats() const;

signals:
    /// @brief Share of the file read, 0..1 (from the reader thread).
    void progress(double fraction);
    /// @brief Emitted once from the reader thread; @p error says what went wrong and what to do.
    void finished(bool ok, const QString &error, const CaptureReplay::Stats &stats);

private:
    void run();
    bool replay(CaptureFile &file, calldeck::core::CaptureDecoder &decoder, Stats &stats, QString &error);
    void sleepUntil(std::chrono::steady_clock::time_point due);
    void publish(const Stats &stats, double fraction);

    const Options m_options;
    IngestQueue &m_queue;
    SourceRegistry &m_sources;
    quint16 m_sourceId = 0;
    QThread *m_thread = nullptr;
    std::atomic<bool> m_cancel{false};
    std::mutex m_sleepMutex; // pace sleeps wait on m_wake so cancel() interrupts them
    std::condition_variable m_wake;
    mutable QMutex m_statsMutex;
    Stats m_stats;
};
