// SPDX-License-Identifier: GPL-3.0-or-later
#include "hepsender.h"

#include "benchclock.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <thread>

namespace calldeck::bench
{

namespace
{

constexpr unsigned Batch = 64;

void sleepSeconds(double s)
{
    if (s <= 0)
    {
        return;
    }
    timespec ts{};
    ts.tv_sec = static_cast<time_t>(s);
    ts.tv_nsec = static_cast<long>((s - static_cast<double>(ts.tv_sec)) * 1e9);
    nanosleep(&ts, nullptr);
}

} // namespace

HepSender::HepSender(std::vector<std::string> pool, std::vector<std::size_t> callIdOffsets)
    : m_pool(std::move(pool))
    , m_callIdOffsets(std::move(callIdOffsets))
{}

HepSender::~HepSender()
{
    if (m_fd >= 0)
    {
        ::close(m_fd);
    }
}

bool HepSender::connect(std::uint16_t port, std::string &error)
{
    m_fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(port);
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const int buffer = 4 << 20;
    if (m_fd < 0 || ::setsockopt(m_fd, SOL_SOCKET, SO_SNDBUF, &buffer, sizeof buffer) != 0 ||
        ::connect(m_fd, reinterpret_cast<const sockaddr *>(&to), sizeof to) != 0)
    {
        error = std::string("cannot open the sending socket to 127.0.0.1:") + std::to_string(port) + ": " +
                std::strerror(errno);
        return false;
    }
    return true;
}

void HepSender::stampRound(std::size_t index)
{
    const std::size_t at = m_callIdOffsets[index];
    std::string &d = m_pool[index];
    if (at == std::string::npos || at + 4 > d.size())
    {
        return;
    }
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 4; ++i)
    {
        d[at + static_cast<std::size_t>(i)] = hex[(m_round >> (12 - 4 * i)) & 0xF];
    }
}

HepSender::Result HepSender::run(double packetsPerSecond, double seconds)
{
    Result result;
    std::thread t([&] { send(packetsPerSecond, seconds, result); });
    pthread_setname_np(t.native_handle(), "hepload-send");
    t.join();
    return result;
}

void HepSender::send(double pps, double seconds, Result &result)
{
    prctl(PR_SET_TIMERSLACK, 1000UL); // 1 µs: pacing sleeps of ~200 µs must not stretch by 50 µs
    std::vector<iovec> iov(Batch);
    std::vector<mmsghdr> msgs(Batch);
    const double start = nowSeconds();
    const double cpuStart = threadCpuSeconds();
    double skipped = 0; // packets never sent because the sender fell behind (no catch-up bursts)
    for (;;)
    {
        const double elapsed = nowSeconds() - start;
        if (elapsed >= seconds)
        {
            break;
        }
        double due = pps * elapsed - static_cast<double>(result.sent) - skipped;
        if (due > 8.0 * Batch)
        {
            skipped += due - 8.0 * Batch;
            due = 8.0 * Batch;
        }
        if (due < Batch)
        {
            // Wait until a whole batch is due (bounded by the end of the run).
            sleepSeconds(std::min((Batch - due) / pps, seconds - elapsed));
            continue;
        }
        for (unsigned i = 0; i < Batch; ++i)
        {
            if (m_next == m_pool.size())
            {
                m_next = 0;
                ++m_round;
            }
            if (m_round > 0)
            {
                stampRound(m_next);
            }
            iov[i].iov_base = m_pool[m_next].data();
            iov[i].iov_len = m_pool[m_next].size();
            msgs[i] = mmsghdr{};
            msgs[i].msg_hdr.msg_iov = &iov[i];
            msgs[i].msg_hdr.msg_iovlen = 1;
            ++m_next;
        }
        unsigned done = 0;
        while (done < Batch)
        {
            const int rc = ::sendmmsg(m_fd, msgs.data() + done, Batch - done, 0);
            if (rc < 0)
            {
                if (errno != ENOBUFS && errno != EAGAIN && errno != EINTR && errno != ECONNREFUSED)
                {
                    result.error = std::string("sendmmsg failed: ") + std::strerror(errno);
                    result.sent += done;
                    result.seconds = nowSeconds() - start;
                    result.cpuSeconds = threadCpuSeconds() - cpuStart;
                    return;
                }
                ++result.sendErrors;
                continue;
            }
            done += static_cast<unsigned>(rc);
        }
        result.sent += done;
    }
    result.seconds = nowSeconds() - start;
    result.cpuSeconds = threadCpuSeconds() - cpuStart;
}

} // namespace calldeck::bench
