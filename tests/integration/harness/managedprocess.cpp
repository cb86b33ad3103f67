// SPDX-License-Identifier: GPL-3.0-or-later
#include "managedprocess.h"

#include <cerrno>
#include <csignal>

#include <sys/types.h>
#include <unistd.h>
#ifdef Q_OS_LINUX
#include <sys/prctl.h>
#endif

#include <QDeadlineTimer>
#include <QThread>

using namespace Qt::StringLiterals;

namespace calldeck::integration
{

namespace
{

QString shellQuote(const QString &word)
{
    static const QString plain =
        u"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./:=@,+%"_s;
    bool needsQuotes = word.isEmpty();
    for (const QChar c : word)
    {
        needsQuotes = needsQuotes || !plain.contains(c);
    }
    if (!needsQuotes)
    {
        return word;
    }
    QString quoted = word;
    quoted.replace(u"'"_s, u"'\\''"_s);
    return u"'"_s + quoted + u"'"_s;
}

} // namespace

ManagedProcess::ManagedProcess() = default;

ManagedProcess::~ManagedProcess()
{
    stop();
}

bool ManagedProcess::start(const QString &program, const QStringList &arguments, const QString &workDir,
                           const QString &outputFile)
{
    stop();
    m_error.clear();
    m_process = std::make_unique<QProcess>();
    m_process->setProgram(program);
    m_process->setArguments(arguments);
    m_process->setWorkingDirectory(workDir);
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setStandardOutputFile(outputFile, QIODevice::Append);
    m_process->setStandardInputFile(QProcess::nullDevice());
    m_process->setChildProcessModifier([] {
        // Runs in the child between fork and exec: async-signal-safe calls only.
        ::setsid();
#ifdef Q_OS_LINUX
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
#endif
    });
    m_process->start();
    if (!m_process->waitForStarted(5000))
    {
        m_error = u"could not start %1: %2"_s.arg(program, m_process->errorString());
        m_process.reset();
        return false;
    }
    m_pid = m_process->processId();
    // Only ever signal a group that is the child's own (never the test's).
    m_ownGroup = ::getpgid(pid_t(m_pid)) == pid_t(m_pid) && ::getpgrp() != pid_t(m_pid);
    return true;
}

qint64 ManagedProcess::pid() const
{
    return m_pid;
}

bool ManagedProcess::isRunning() const
{
    if (!m_process || m_process->state() == QProcess::NotRunning)
    {
        return false;
    }
    // Without an event loop QProcess learns about the exit only inside a waitFor call.
    return !m_process->waitForFinished(0);
}

bool ManagedProcess::waitForFinished(int timeoutMs)
{
    if (!isRunning())
    {
        return true;
    }
    return m_process->waitForFinished(qMax(0, timeoutMs));
}

int ManagedProcess::exitCode() const
{
    if (!m_process || isRunning() || m_process->exitStatus() != QProcess::NormalExit)
    {
        return -1;
    }
    return m_process->exitCode();
}

bool ManagedProcess::crashed() const
{
    return m_process && !isRunning() && m_process->exitStatus() == QProcess::CrashExit;
}

bool ManagedProcess::signal(qint64 pid, int signal) const
{
    return pid > 0 && ::kill(pid_t(pid), signal) == 0;
}

bool ManagedProcess::stop(int graceMs, qint64 pid)
{
    if (!m_process)
    {
        return true;
    }
    bool graceful = true;
    if (isRunning())
    {
        signal(pid > 0 ? pid : m_pid, SIGTERM);
        graceful = m_process->waitForFinished(graceMs);
        if (!graceful)
        {
            killGroup();
            if (!m_ownGroup)
            {
                m_process->kill();
            }
            m_process->waitForFinished(2000);
        }
    }
    // The main process is gone; forked workers must not outlive it.
    killGroup();
    return graceful;
}

void ManagedProcess::killGroup() const
{
    if (m_pid <= 0 || !m_ownGroup)
    {
        return;
    }
    // setsid() made the child the leader of a group whose id is its PID.
    const auto group = pid_t(m_pid);
    QDeadlineTimer deadline(2000);
    while (::kill(-group, 0) == 0 && !deadline.hasExpired())
    {
        ::kill(-group, SIGKILL);
        QThread::msleep(20);
    }
}

QString ManagedProcess::errorString() const
{
    return m_error;
}

QString ManagedProcess::program() const
{
    return m_process ? m_process->program() : QString();
}

QStringList ManagedProcess::arguments() const
{
    return m_process ? m_process->arguments() : QStringList();
}

QString ManagedProcess::commandLine() const
{
    QStringList words{shellQuote(program())};
    for (const QString &argument : arguments())
    {
        words << shellQuote(argument);
    }
    return words.join(u' ');
}

} // namespace calldeck::integration
