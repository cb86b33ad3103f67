// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/capturereplay.h"

#include <chrono>
#include <exception>
#include <thread>

#include <QElapsedTimer>
#include <QFileInfo>
#include <QThread>

#include "backend/capturefile.h"
#include "backend/core/capturedecoder.h"
#include "backend/core/hepdecoder.h"
#include "backend/ingestqueue.h"
#include "backend/logging.h"
#include "backend/packetbatch.h"
#include "backend/sourceregistry.h"

using namespace Qt::StringLiterals;
using namespace calldeck;

namespace
{

constexpr int PushWaitMs = 200; // bounds how long cancel() may wait for a full queue
// A file is read several times faster than the core takes messages in: keep only this much
// of it queued (tens of milliseconds of core work), not the queue's whole bound (~1 GB).
constexpr quint64 MaxBacklogPackets = 32 * 512;

} // namespace

CaptureReplay::CaptureReplay(Options options, IngestQueue &queue, SourceRegistry &sources, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_queue(queue)
    , m_sources(sources)
{}

CaptureReplay::~CaptureReplay()
{
    cancel();
    wait();
    delete m_thread;
}

void CaptureReplay::start()
{
    if (m_thread != nullptr)
    {
        return;
    }
    m_sourceId = m_sources.add(u"replay"_s, QFileInfo(m_options.path).fileName());
    m_thread = QThread::create([this] { run(); });
    m_thread->setObjectName(u"calldeck-replay"_s);
    m_thread->start();
}

void CaptureReplay::cancel()
{
    {
        std::lock_guard lock(m_sleepMutex);
        m_cancel = true;
    }
    m_wake.notify_all();
}

bool CaptureReplay::wait(int timeoutMs)
{
    if (m_thread == nullptr)
    {
        return true;
    }
    return timeoutMs < 0 ? m_thread->wait() : m_thread->wait(QDeadlineTimer(timeoutMs));
}

bool CaptureReplay::running() const
{
    return m_thread != nullptr && m_thread->isRunning();
}

CaptureReplay::Stats CaptureReplay::stats() const
{
    QMutexLocker lock(&m_statsMutex);
    return m_stats;
}

void CaptureReplay::publish(const Stats &stats, double fraction)
{
    {
        QMutexLocker lock(&m_statsMutex);
        m_stats = stats;
    }
    m_sources.setProgress(m_sourceId, fraction);
    emit progress(fraction);
}

void CaptureReplay::run()
{
    QElapsedTimer wall;
    wall.start();
    Stats stats;
    QString error;
    bool ok = false;
    CaptureFile file;
    core::CaptureDecoder decoder;
    if (!file.open(m_options.path))
    {
        error = file.errorString();
    }
    else if (!decoder.setLinkType(static_cast<std::uint32_t>(file.linkType())))
    {
        error = u"cannot replay %1: its link-layer type is %2, which CallDeck does not decode (it reads "
                "Ethernet, Linux cooked v1/v2, raw IP and BSD loopback); capture on an Ethernet interface "
                "or on \"any\" instead"_s.arg(m_options.path, file.linkTypeName());
    }
    else
    {
        m_sources.setState(m_sourceId, SourceHealth::State::Running);
        try
        {
            ok = replay(file, decoder, stats, error);
        }
        catch (const std::exception &e) // out of memory or a broken invariant: never out of a thread
        {
            ok = false;
            error = u"replay of %1 failed after %2 packets: %3; report this with the file if you can"_s
                        .arg(m_options.path)
                        .arg(stats.packets)
                        .arg(QString::fromLocal8Bit(e.what()));
        }
        stats.bytesRead = static_cast<quint64>(ok ? file.size() : file.position());
    }
    stats.elapsedMs = wall.elapsed();
    if (ok)
    {
        publish(stats, 1.0);
    }
    else
    {
        QMutexLocker lock(&m_statsMutex);
        m_stats = stats;
    }
    const bool cancelled = m_cancel.load();
    m_sources.setState(m_sourceId,
                       ok || cancelled ? SourceHealth::State::Finished : SourceHealth::State::Failed, error);
    if (ok)
    {
        qCInfo(lcBackend) << "replay of" << m_options.path << "done:" << stats.packets << "packets,"
                          << stats.delivered() << "messages in" << stats.elapsedMs << "ms";
    }
    else if (cancelled)
    {
        qCInfo(lcBackend) << "replay:" << error;
    }
    else
    {
        qCWarning(lcBackend) << "replay:" << error;
    }
    emit finished(ok, error, stats);
}

bool CaptureReplay::replay(CaptureFile &file, core::CaptureDecoder &decoder, Stats &stats, QString &error)
{
    const std::size_t batchPackets = static_cast<std::size_t>(std::max(1, m_options.batchPackets));
    PacketBatch batch;
    auto fresh = [&] {
        batch = PacketBatch{};
        batch.entries.reserve(batchPackets);
        batch.bytes.reserve(batchPackets * 1024);
    };
    fresh();
    const core::PayloadSink sink = [&](std::string_view payload, const core::PacketMeta &meta) {
        if (core::HepDecoder::classify(payload) == core::MirrorPacketKind::Unknown)
        {
            ++stats.skippedNotSip; // RTP, DNS, ...: not worth the core's time
            return;
        }
        ++(meta.transport == core::Transport::Tcp ? stats.tcpMessages : stats.udpPayloads);
        batch.add(payload, meta, m_sourceId);
    };
    // Hands the batch to the core, waiting for room as long as it takes (a file never drops).
    auto flush = [&]() -> bool {
        if (batch.empty())
        {
            return true;
        }
        const quint64 packets = batch.size();
        const quint64 bytes = batch.bytes.size();
        while (!m_queue.pushWait(std::move(batch), PushWaitMs))
        {
            if (m_cancel)
            {
                return false;
            }
            if (m_queue.closed())
            {
                error =
                    u"replay of %1 stopped after %2 packets: the core is no longer taking packets (it was "
                    "stopped); restart the replay once the core runs"_s.arg(m_options.path)
                        .arg(stats.packets);
                return false;
            }
        }
        m_sources.countReceived(m_sourceId, packets, bytes);
        fresh();
        while (m_queue.stats().queuedPackets > MaxBacklogPackets && !m_cancel && !m_queue.closed())
        {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        return true;
    };

    const double size = static_cast<double>(std::max<qint64>(1, file.size()));
    QElapsedTimer sinceReport;
    sinceReport.start();
    std::chrono::steady_clock::time_point wallStart;
    CaptureFile::Record record;
    bool failed = false;
    for (;;)
    {
        if (m_cancel)
        {
            break;
        }
        const CaptureFile::Read read = file.next(record);
        if (read == CaptureFile::Read::End)
        {
            break;
        }
        if (read == CaptureFile::Read::Error)
        {
            error = u"%1 is damaged or cut short after %2 packets (%3); the packets before were replayed — "
                    "copy the whole file again or take the capture again"_s.arg(m_options.path)
                        .arg(stats.packets)
                        .arg(file.errorString());
            failed = true;
            break;
        }
        if (stats.packets++ == 0)
        {
            stats.firstTimeUs = record.timeUs;
            wallStart = std::chrono::steady_clock::now();
        }
        stats.lastTimeUs = record.timeUs;
        if (m_options.pace)
        {
            const auto due =
                wallStart + std::chrono::microseconds(std::max<qint64>(0, record.timeUs - stats.firstTimeUs));
            if (due > std::chrono::steady_clock::now() + std::chrono::milliseconds(1))
            {
                // Deliver what is due now, then wait for this record's moment.
                if (!flush())
                {
                    break;
                }
                sleepUntil(due);
                if (m_cancel)
                {
                    break;
                }
            }
        }
        decoder.decode(record.data, record.timeUs, sink);
        if (batch.size() >= batchPackets && !flush())
        {
            break;
        }
        if (((stats.packets & 255) == 0 || m_options.pace) && sinceReport.elapsed() >= m_options.progressMs)
        {
            sinceReport.restart();
            const core::CaptureDecoder::Stats d = decoder.stats();
            stats.fragmentsReassembled = d.reassembled;
            publish(stats, std::min(1.0, static_cast<double>(file.position()) / size));
        }
    }
    if (m_cancel)
    {
        error = u"replay of %1 cancelled after %2 packets"_s.arg(m_options.path).arg(stats.packets);
        return false;
    }
    if (!error.isEmpty() && !failed)
    {
        return false; // the queue was closed
    }
    decoder.finish(sink); // messages completed by the end of the TCP streams
    if (!flush())
    {
        return false;
    }
    const core::CaptureDecoder::Stats d = decoder.stats();
    const auto &ip = decoder.ipStats();
    const auto &tcp = decoder.tcpStats();
    stats.skippedNonIp = d.notIp;
    stats.skippedNonUdpTcp = d.notUdpTcp;
    stats.fragmentsReassembled = d.reassembled;
    stats.errors =
        d.truncated + d.malformed + ip.invalid + ip.dropped + ip.timedOut + tcp.gaps + tcp.framingErrors;
    return !failed;
}

void CaptureReplay::sleepUntil(std::chrono::steady_clock::time_point due)
{
    std::unique_lock lock(m_sleepMutex);
    m_wake.wait_until(lock, due, [this] { return m_cancel.load(); });
}
