// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/tcpreceiver.h"

#include <poll.h>
#include <pthread.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <QDateTime>

#include "backend/ingestqueue.h"
#include "backend/logging.h"
#include "backend/packetbatch.h"
#include "backend/sourceregistry.h"

using namespace Qt::StringLiterals;

namespace
{

constexpr int PollTimeoutMs = 100;
constexpr int ReadsPerRound = 4; // per connection and poll round, so one busy sender cannot starve others
constexpr std::size_t FlushEntries = 1024;
constexpr std::size_t FlushBytes = 4u << 20;

std::int64_t clockMs(clockid_t clock)
{
    timespec ts{};
    clock_gettime(clock, &ts);
    return static_cast<std::int64_t>(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
}

std::int64_t realtimeUs()
{
    timespec ts{};
    clock_gettime(CLOCK_REALTIME, &ts);
    return static_cast<std::int64_t>(ts.tv_sec) * 1000000 + ts.tv_nsec / 1000;
}

QString endpointText(const calldeck::core::Endpoint &e)
{
    const QString address = QString::fromStdString(e.addressText());
    return e.family == 6 ? u"[%1]:%2"_s.arg(address).arg(e.port) : u"%1:%2"_s.arg(address).arg(e.port);
}

} // namespace

TcpReceiver::TcpReceiver(IngestQueue &queue, SourceRegistry &sources, quint16 sourceId, Options options)
    : m_queue(queue)
    , m_sources(sources)
    , m_sourceId(sourceId)
    , m_options(options)
{}

TcpReceiver::~TcpReceiver()
{
    stop();
}

void TcpReceiver::start(ListeningSocket socket)
{
    stop();
    m_socket = std::move(socket);
    m_stop = false;
    m_thread = std::thread([this] { run(); });
    pthread_setname_np(m_thread.native_handle(), "calldeck-tcp");
}

void TcpReceiver::stop()
{
    if (m_thread.joinable())
    {
        m_stop = true;
        m_thread.join();
    }
    m_socket.close();
}

TcpReceiverStats TcpReceiver::stats() const
{
    TcpReceiverStats s;
    s.messages = m_messages.load(std::memory_order_relaxed);
    s.bytes = m_bytes.load(std::memory_order_relaxed);
    s.batches = m_batches.load(std::memory_order_relaxed);
    s.queueDrops = m_queueDrops.load(std::memory_order_relaxed);
    s.connections = m_accepted.load(std::memory_order_relaxed);
    s.openConnections = m_open.load(std::memory_order_relaxed);
    s.refused = m_refused.load(std::memory_order_relaxed);
    s.framingErrors = m_framingErrors.load(std::memory_order_relaxed);
    s.truncated = m_truncated.load(std::memory_order_relaxed);
    s.idleTimeouts = m_idleTimeouts.load(std::memory_order_relaxed);
    return s;
}

void TcpReceiver::run()
{
    m_readBuffer.resize(StreamFramer::MaxAppendBytes);
    std::vector<pollfd> fds;
    PacketBatch batch;
    std::int64_t acceptPausedUntilMs = 0;
    const std::int64_t idleMs = std::int64_t(qMax(1, m_options.idleTimeoutSeconds)) * 1000;
    while (!m_stop.load(std::memory_order_relaxed))
    {
        const std::int64_t before = clockMs(CLOCK_MONOTONIC);
        fds.clear();
        fds.push_back(pollfd{before >= acceptPausedUntilMs ? m_socket.fd() : -1, POLLIN, 0});
        for (const auto &c : m_connections)
        {
            fds.push_back(pollfd{c->fd, POLLIN, 0});
        }
        const int ready = ::poll(fds.data(), fds.size(), PollTimeoutMs);
        if (ready < 0 && errno != EINTR)
        {
            qCWarning(lcBackend) << "tcp poll on" << m_socket.localAddress().toString()
                                 << "failed:" << std::strerror(errno) << "- retrying";
            ::usleep(PollTimeoutMs * 1000);
            continue;
        }
        const std::int64_t nowMs = clockMs(CLOCK_MONOTONIC);
        const std::int64_t nowUs = realtimeUs();
        // Backwards, so that closing (swap with the last, pop) never skips a connection.
        for (std::size_t i = m_connections.size(); ready > 0 && i-- > 0;)
        {
            if (!(fds[i + 1].revents & (POLLIN | POLLHUP | POLLERR)))
            {
                continue;
            }
            Connection &c = *m_connections[i];
            c.lastActivityMs = nowMs;
            CloseReason reason = CloseReason::PeerClosed;
            if (!readConnection(c, batch, nowUs, reason))
            {
                closeConnection(i, reason);
            }
        }
        if (ready > 0 && (fds[0].revents & POLLIN) && !acceptPending(nowMs))
        {
            // Out of descriptors: the pending connection stays in the backlog and would wake
            // poll() at once; look again after one poll interval instead of spinning.
            acceptPausedUntilMs = nowMs + PollTimeoutMs;
        }
        flush(batch);
        for (std::size_t i = m_connections.size(); i-- > 0;)
        {
            if (nowMs - m_connections[i]->lastActivityMs >= idleMs)
            {
                closeConnection(i, CloseReason::IdleTimeout);
            }
        }
    }
    flush(batch);
    while (!m_connections.empty())
    {
        closeConnection(m_connections.size() - 1, CloseReason::Stopping);
    }
}

bool TcpReceiver::acceptPending(std::int64_t nowMs)
{
    for (;;)
    {
        sockaddr_storage peer{};
        socklen_t peerLength = sizeof peer;
        const int fd = ::accept4(m_socket.fd(), reinterpret_cast<sockaddr *>(&peer), &peerLength,
                                 SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0)
        {
            if (errno == EINTR || errno == ECONNABORTED)
            {
                continue;
            }
            if (errno == EMFILE || errno == ENFILE)
            {
                if (shouldLogProblem(++m_descriptorShortages))
                {
                    qCWarning(lcBackend).noquote() << "tcp" << m_socket.localAddress().toString()
                                                   << "cannot accept: the process is out of file "
                                                      "descriptors; raise the limit (ulimit -n)"
                                                   << "or lower the number of senders";
                }
                return false;
            }
            return true; // EAGAIN: none left
        }
        const calldeck::core::Endpoint peerEndpoint = SocketAddress::endpoint(peer);
        if (m_connections.size() >= static_cast<std::size_t>(m_options.maxConnections))
        {
            const quint64 refused = ++m_refused; // counted before the peer can see the close
            ::close(fd);
            if (shouldLogProblem(refused))
            {
                qCWarning(lcBackend).noquote()
                    << "tcp" << m_socket.localAddress().toString() << "refused a connection from"
                    << endpointText(peerEndpoint) << "- already" << m_options.maxConnections
                    << "connections open; close idle senders or send HEP over UDP";
            }
            continue;
        }
        auto c = std::make_unique<Connection>();
        c->fd = fd;
        c->peer = peerEndpoint;
        sockaddr_storage local{};
        socklen_t localLength = sizeof local;
        c->local = ::getsockname(fd, reinterpret_cast<sockaddr *>(&local), &localLength) == 0
                       ? SocketAddress::endpoint(local)
                       : m_socket.localAddress().toEndpoint();
        c->lastActivityMs = nowMs;
        m_connections.push_back(std::move(c));
        ++m_accepted;
        m_open = m_connections.size();
    }
}

bool TcpReceiver::readConnection(Connection &c, PacketBatch &batch, std::int64_t nowUs, CloseReason &reason)
{
    calldeck::core::PacketMeta meta;
    meta.timeUs = nowUs;
    meta.transport = calldeck::core::Transport::Tcp;
    meta.src = c.peer;
    meta.dst = c.local;
    for (int round = 0; round < ReadsPerRound; ++round)
    {
        const ssize_t n = ::recv(c.fd, m_readBuffer.data(), m_readBuffer.size(), 0);
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR))
        {
            reason = n == 0 ? CloseReason::PeerClosed : CloseReason::ReadError;
            if (c.framer.pendingBytes() > 0)
            {
                ++m_truncated;
                reportMalformed(c, "the connection ended inside a message (" +
                                       std::to_string(c.framer.pendingBytes()) + " bytes of it were lost)");
            }
            return false;
        }
        if (n < 0)
        {
            if (errno == EINTR)
            {
                continue;
            }
            return true;
        }
        if (!c.framer.append(std::string_view(m_readBuffer.data(), static_cast<std::size_t>(n))))
        {
            ++m_framingErrors;
            reportMalformed(c, c.framer.error());
            reason = CloseReason::FramingError;
            return false;
        }
        std::string_view frame;
        StreamFramer::Status status;
        while ((status = c.framer.next(frame)) == StreamFramer::Status::Frame)
        {
            batch.add(frame, meta, m_sourceId);
            if (batch.size() >= FlushEntries || batch.bytes.size() >= FlushBytes)
            {
                flush(batch);
            }
        }
        if (status == StreamFramer::Status::Error)
        {
            ++m_framingErrors;
            reportMalformed(c, c.framer.error());
            reason = CloseReason::FramingError;
            return false;
        }
        if (static_cast<std::size_t>(n) < m_readBuffer.size())
        {
            return true; // drained for now
        }
    }
    return true;
}

void TcpReceiver::closeConnection(std::size_t index, CloseReason reason)
{
    if (reason == CloseReason::IdleTimeout)
    {
        ++m_idleTimeouts;
        qCInfo(lcBackend).noquote() << "tcp" << m_socket.localAddress().toString()
                                    << "closed the idle connection from"
                                    << endpointText(m_connections[index]->peer) << "after"
                                    << m_options.idleTimeoutSeconds << "s without data";
    }
    // Counters first, so that whoever sees the connection closed also sees them updated.
    const int fd = m_connections[index]->fd;
    if (index + 1 != m_connections.size())
    {
        m_connections[index] = std::move(m_connections.back());
    }
    m_connections.pop_back();
    m_open = m_connections.size();
    ::close(fd);
}

void TcpReceiver::flush(PacketBatch &batch)
{
    if (batch.empty())
    {
        return;
    }
    const auto n = static_cast<quint64>(batch.size());
    const auto bytes = static_cast<quint64>(batch.bytes.size());
    m_messages.fetch_add(n, std::memory_order_relaxed);
    m_bytes.fetch_add(bytes, std::memory_order_relaxed);
    m_batches.fetch_add(1, std::memory_order_relaxed);
    m_sources.countReceived(m_sourceId, n, bytes);
    if (!m_queue.push(std::move(batch)))
    {
        m_queueDrops.fetch_add(n, std::memory_order_relaxed);
        m_sources.countQueueDrops(m_sourceId, n);
    }
    batch.clear();
}

void TcpReceiver::reportMalformed(const Connection &c, const std::string &why)
{
    const bool hep = c.framer.mode() == StreamFramer::Mode::Hep;
    m_sources.countDecoded(m_sourceId, c.peer, 0,
                           hep ? calldeck::core::MirrorDrop::HepMalformed : calldeck::core::MirrorDrop::None,
                           !hep, QDateTime::currentMSecsSinceEpoch());
    const quint64 problems = m_framingErrors.load() + m_truncated.load();
    if (shouldLogProblem(problems))
    {
        qCWarning(lcBackend).noquote()
            << "tcp" << m_socket.localAddress().toString() << "closed the connection from"
            << endpointText(c.peer) << "-" << QString::fromStdString(why)
            << "- counted as malformed; the sender has to reconnect and start at a "
               "message boundary";
    }
}
