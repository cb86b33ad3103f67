// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include <QProcess>
#include <QString>
#include <QStringList>

namespace calldeck::integration
{

/// @brief A child process of an integration test (kamailio, sipp), handled by its PID only.
///
/// The child runs in a session and process group of its own (setsid), so stopping it can reach
/// every process it forked (Kamailio's workers) through that group - and nothing else: nothing
/// is ever looked up or killed by name. On Linux the child also gets SIGTERM when the test
/// process dies (PR_SET_PDEATHSIG), so a crashed or killed test leaves nothing behind.
/// stdout and stderr go together into one file.
class ManagedProcess final
{
    Q_DISABLE_COPY_MOVE(ManagedProcess)

public:
    ManagedProcess();
    /// @brief Stops the child (see stop()).
    ~ManagedProcess();

    /// @brief Starts @p program in @p workDir with its output appended to @p outputFile.
    /// @return false with errorString() set when it could not be started at all.
    bool start(const QString &program, const QStringList &arguments, const QString &workDir,
               const QString &outputFile);

    /// @brief PID of the started process (0 before start; kept after it ended).
    qint64 pid() const;
    bool isRunning() const;
    /// @brief Waits at most @p timeoutMs for the child to exit by itself; true when it did.
    bool waitForFinished(int timeoutMs);
    /// @brief Exit code once finished (-1 while running or when killed by a signal).
    int exitCode() const;
    /// @brief True when the child ended by a signal (including our SIGKILL).
    bool crashed() const;

    /// @brief Sends @p signal to the PID @p pid (normally the child's; Kamailio's pidfile).
    bool signal(qint64 pid, int signal) const;

    /// @brief SIGTERM to @p pid (default: the child), waits up to @p graceMs, then SIGKILL to
    /// the child's whole process group; finally makes sure no member of that group is left.
    /// @return true when the child ended within the grace time.
    bool stop(int graceMs = 5000, qint64 pid = 0);

    QString errorString() const;
    QString program() const;
    QStringList arguments() const;
    /// @brief The command line, quoted for a shell (for error messages and for reproducing).
    QString commandLine() const;

private:
    void killGroup() const;

    std::unique_ptr<QProcess> m_process;
    qint64 m_pid = 0;
    bool m_ownGroup = false;
    QString m_error;
};

} // namespace calldeck::integration
