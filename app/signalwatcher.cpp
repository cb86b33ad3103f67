// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/signalwatcher.h"

#include <cerrno>
#include <csignal>
#include <cstring>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <QSocketNotifier>

using namespace Qt::StringLiterals;

namespace
{
int s_fds[2] = {-1, -1}; // [0] written by the handler, [1] read by the notifier
bool s_active = false;

extern "C" void onSignal(int signalNumber)
{
    // Async-signal-safe only: one write to a non-blocking socket, errno preserved.
    const int saved = errno;
    const unsigned char byte = static_cast<unsigned char>(signalNumber);
    [[maybe_unused]] const ssize_t n = ::write(s_fds[0], &byte, 1);
    errno = saved;
}
} // namespace

SignalWatcher::SignalWatcher(QObject *parent)
    : QObject(parent)
{}

SignalWatcher::~SignalWatcher()
{
    for (const int signalNumber : std::as_const(m_watched))
    {
        struct sigaction action
        {};
        action.sa_handler = SIG_DFL;
        sigemptyset(&action.sa_mask);
        ::sigaction(signalNumber, &action, nullptr);
    }
    if (m_notifier)
    {
        delete m_notifier;
        ::close(s_fds[0]);
        ::close(s_fds[1]);
        s_fds[0] = s_fds[1] = -1;
        s_active = false;
    }
}

bool SignalWatcher::watch(std::initializer_list<int> signalNumbers, QString *error)
{
    if (!m_notifier)
    {
        if (s_active)
        {
            *error = u"another signal watcher is active"_s;
            return false;
        }
        if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, s_fds) != 0)
        {
            *error = u"socketpair failed: %1"_s.arg(QString::fromLocal8Bit(std::strerror(errno)));
            return false;
        }
        s_active = true;
        m_notifier = new QSocketNotifier(s_fds[1], QSocketNotifier::Read, this);
        connect(m_notifier, &QSocketNotifier::activated, this, &SignalWatcher::readPending);
    }
    for (const int signalNumber : signalNumbers)
    {
        struct sigaction action
        {};
        action.sa_handler = onSignal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        if (::sigaction(signalNumber, &action, nullptr) != 0)
        {
            *error = u"cannot handle signal %1: %2"_s.arg(signalNumber)
                         .arg(QString::fromLocal8Bit(std::strerror(errno)));
            return false;
        }
        m_watched.append(signalNumber);
    }
    return true;
}

void SignalWatcher::readPending()
{
    unsigned char bytes[16];
    for (;;)
    {
        const ssize_t n = ::read(s_fds[1], bytes, sizeof bytes);
        if (n <= 0)
        {
            return;
        }
        for (ssize_t i = 0; i < n; ++i)
        {
            emit received(bytes[i]);
        }
    }
}
