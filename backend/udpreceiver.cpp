// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/udpreceiver.h"

#include <pthread.h>
#include <sys/socket.h>
#include <time.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "backend/ingestqueue.h"
#include "backend/logging.h"
#include "backend/packetbatch.h"
#include "backend/sourceregistry.h"

namespace
{

constexpr std::size_t BufferSize = 65535;
constexpr std::size_t BufferStride = 65536;

struct alignas(cmsghdr) Control
{
    char bytes[CMSG_SPACE(sizeof(std::uint32_t))];
};

std::int64_t realtimeUs()
{
    timespec ts{};
    clock_gettime(CLOCK_REALTIME, &ts);
    return static_cast<std::int64_t>(ts.tv_sec) * 1000000 + ts.tv_nsec / 1000;
}

} // namespace

UdpReceiver::UdpReceiver(IngestQueue &queue, SourceRegistry &sources, quint16 sourceId, int batchSize)
    : m_queue(queue)
    , m_sources(sources)
    , m_sourceId(sourceId)
    , m_batchSize(qBound(1, batchSize, 1024))
{}

UdpReceiver::~UdpReceiver()
{
    stop();
}

void UdpReceiver::start(ListeningSocket socket)
{
    stop();
    m_socket = std::move(socket);
    m_local = m_socket.localAddress().toEndpoint();
    m_stop = false;
    m_thread = std::thread([this] { run(); });
    pthread_setname_np(m_thread.native_handle(), "calldeck-udp");
}

void UdpReceiver::stop()
{
    if (m_thread.joinable())
    {
        m_stop = true;
        m_thread.join();
    }
    m_socket.close();
}

UdpReceiverStats UdpReceiver::stats() const
{
    UdpReceiverStats s;
    s.datagrams = m_datagrams.load(std::memory_order_relaxed);
    s.bytes = m_bytes.load(std::memory_order_relaxed);
    s.batches = m_batches.load(std::memory_order_relaxed);
    s.queueDrops = m_queueDrops.load(std::memory_order_relaxed);
    s.kernelDrops = m_kernelDrops.load(std::memory_order_relaxed);
    s.truncated = m_truncated.load(std::memory_order_relaxed);
    s.receiveBufferBytes = m_socket.receiveBufferBytes();
    return s;
}

void UdpReceiver::run()
{
    const auto count = static_cast<std::size_t>(m_batchSize);
    std::vector<char> buffers(count * BufferStride);
    std::vector<iovec> iov(count);
    std::vector<mmsghdr> msgs(count);
    std::vector<sockaddr_storage> peers(count);
    std::vector<Control> controls(count);
    for (std::size_t i = 0; i < count; ++i)
    {
        iov[i].iov_base = buffers.data() + i * BufferStride;
        iov[i].iov_len = BufferSize;
        msghdr &h = msgs[i].msg_hdr;
        h.msg_name = &peers[i];
        h.msg_iov = &iov[i];
        h.msg_iovlen = 1;
        h.msg_control = controls[i].bytes;
    }
    const int fd = m_socket.fd();
    std::uint32_t kernelDropsSeen = 0; // SO_RXQ_OVFL's counter is cumulative (and 32-bit)
    quint64 errors = 0;

    while (!m_stop.load(std::memory_order_relaxed))
    {
        for (std::size_t i = 0; i < count; ++i)
        {
            msgs[i].msg_hdr.msg_namelen = sizeof(sockaddr_storage);
            msgs[i].msg_hdr.msg_controllen = sizeof(Control);
            msgs[i].msg_hdr.msg_flags = 0;
        }
        // The socket is blocking with a 100 ms SO_RCVTIMEO: the first datagram is waited for
        // (at most that long, so stop() is prompt), the rest of the batch is what is already
        // queued (MSG_WAITFORONE). Under load this is one system call per full batch.
        const int n = ::recvmmsg(fd, msgs.data(), static_cast<unsigned>(count), MSG_WAITFORONE, nullptr);
        if (n <= 0)
        {
            if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR && ++errors <= 10)
            {
                qCWarning(lcBackend) << "udp receive on" << m_socket.localAddress().toString()
                                     << "failed:" << std::strerror(errno) << "- retrying";
            }
            continue;
        }
        const std::int64_t now = realtimeUs();
        std::size_t total = 0;
        for (int i = 0; i < n; ++i)
        {
            total += msgs[i].msg_len;
        }
        PacketBatch batch;
        batch.entries.reserve(static_cast<std::size_t>(n));
        batch.bytes.reserve(total);
        calldeck::core::PacketMeta meta;
        meta.timeUs = now;
        meta.transport = calldeck::core::Transport::Udp;
        meta.dst = m_local;
        for (int i = 0; i < n; ++i)
        {
            msghdr &h = msgs[i].msg_hdr;
            if (h.msg_flags & MSG_TRUNC)
            {
                m_truncated.fetch_add(1, std::memory_order_relaxed);
            }
            for (cmsghdr *c = CMSG_FIRSTHDR(&h); c; c = CMSG_NXTHDR(&h, c))
            {
                if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SO_RXQ_OVFL)
                {
                    std::uint32_t drops = 0;
                    std::memcpy(&drops, CMSG_DATA(c), sizeof drops);
                    if (drops != kernelDropsSeen)
                    {
                        m_kernelDrops.fetch_add(drops - kernelDropsSeen, std::memory_order_relaxed);
                        m_sources.countKernelDrops(m_sourceId, drops - kernelDropsSeen);
                        kernelDropsSeen = drops;
                    }
                }
            }
            meta.src = SocketAddress::endpoint(peers[static_cast<std::size_t>(i)]);
            batch.add(std::string_view(static_cast<const char *>(iov[static_cast<std::size_t>(i)].iov_base),
                                       msgs[i].msg_len),
                      meta, m_sourceId);
        }
        m_datagrams.fetch_add(static_cast<quint64>(n), std::memory_order_relaxed);
        m_bytes.fetch_add(total, std::memory_order_relaxed);
        m_batches.fetch_add(1, std::memory_order_relaxed);
        m_sources.countReceived(m_sourceId, static_cast<quint64>(n), total);
        if (!m_queue.push(std::move(batch)))
        {
            m_queueDrops.fetch_add(static_cast<quint64>(n), std::memory_order_relaxed);
            m_sources.countQueueDrops(m_sourceId, static_cast<quint64>(n));
        }
    }
}
