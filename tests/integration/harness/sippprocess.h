// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include <QString>
#include <QStringList>

#include "managedprocess.h"
#include "sippmessagelog.h"
#include "sippstatistics.h"
#include "testdirectory.h"

namespace calldeck::integration
{

/// @brief One real sipp (package sip-tester) run by a test, in the foreground, on 127.0.0.1.
///
/// The scenario comes from tests/integration/scenarios. Control port (-cp) and media ports
/// (-mp, a block of 4) are picked free unless given, and so is the SIP port (-p) - a UAS
/// normally gets the port its Kamailio forwards to. Every run writes its statistics
/// (-trace_stat), final screen (-trace_screen), unexpected messages (-trace_err) and, unless
/// switched off, all messages (-trace_msg) into its directory. Call-IDs are
/// "<callIdPrefix>-<n>-<sipp pid>@127.0.0.1", so a test knows them without parsing anything.
/// waitForFinished() is bounded; on timeout and in the destructor sipp is stopped by its PID.
class SippProcess final
{
    Q_DISABLE_COPY_MOVE(SippProcess)

public:
    struct Options
    {
        /// File in tests/integration/scenarios (or a path).
        QString scenario{};
        /// "host:port" for a UAC; empty for a UAS.
        QString target{};
        /// Name for the files and the Call-ID prefix (default: the scenario's base name).
        QString name{};
        quint16 localPort = 0;     ///< -p, 0 = pick a free one
        quint16 controlPort = 0;   ///< -cp, 0 = pick a free one
        quint16 mediaPort = 0;     ///< -mp, 0 = pick a free block of 4
        int calls = 1;             ///< -m: sipp exits after this many calls
        double rate = 10;          ///< -r calls per -rp period
        int ratePeriodMs = 1000;   ///< -rp
        int limit = 0;             ///< -l simultaneous calls, 0 = sipp's default
        int pauseMs = -1;          ///< -d: length of <pause/> (call hold / ring time), -1 = unset
        int recvTimeoutMs = 0;     ///< -recv_timeout, 0 = unset
        QString service{};         ///< -s: user part of the Request-URI, empty = sipp's default
        bool autoAnswer = true;    ///< -aa: 200 to unexpected INFO/NOTIFY/OPTIONS/UPDATE
        bool noDefaults = false;   ///< -nd: no default BYE/CANCEL when a call aborts
        bool traceMessages = true; ///< -trace_msg (switch off for load runs)
        QStringList extraArguments{};
    };

    /// @brief Files go to @p workDir (a test's directory) or, when empty, to a directory of
    /// its own that is removed with this object unless CALLDECK_KEEP_TEST_DIRS=1.
    explicit SippProcess(Options options, const QString &workDir = {});
    /// @brief Stops sipp by its PID if it still runs.
    ~SippProcess();

    /// @brief Starts sipp; retries with fresh picked ports (at most 3 times) when it could not
    /// bind one. @return false with errorString() saying what to do.
    bool start();
    /// @brief Waits at most @p timeoutMs; on timeout sipp is stopped (SIGTERM, SIGKILL) and
    /// false is returned with errorString() set.
    bool waitForFinished(int timeoutMs);
    /// @brief Stops sipp now (SIGTERM, SIGKILL after 3 s).
    void stop();
    bool isRunning() const;
    qint64 pid() const;
    /// @brief sipp's exit code: 0 all calls successful, 1 some failed, 97 stopped by command,
    /// 99 no call processed, 254 could not bind a socket, 255 fatal; -1 while running/killed.
    int exitCode() const;

    quint16 localPort() const;
    quint16 controlPort() const;
    quint16 mediaPort() const;
    /// @brief "127.0.0.1:<localPort>"
    QString address() const;

    /// @brief The final counters (-trace_stat, else -trace_screen).
    SippStatistics statistics() const;
    int successfulCalls() const;
    int failedCalls() const;
    /// @brief The messages sipp sent and received (needs traceMessages).
    SippMessageLog messages() const;
    /// @brief Call-ID of the @p n-th call (1-based) of this UAC.
    QString callId(int n) const;
    /// @brief Call-IDs of calls 1..calls.
    QStringList callIds() const;

    QString workDir() const;
    QString statisticsPath() const;
    QString screenPath() const;
    QString errorLogPath() const;
    QString messageLogPath() const;
    QString outputPath() const;
    QString commandLine() const;
    QString errorString() const;
    /// @brief Several lines for a failure message: command, exit code, counters, the
    /// beginning of the error log, where the files are.
    QString describe() const;

private:
    bool startOnce(bool *retryable);
    QStringList buildArguments() const;
    QString filePath(const QString &suffix) const;

    Options m_options;
    std::unique_ptr<TestDirectory> m_ownDir;
    QString m_workDir;
    std::unique_ptr<ManagedProcess> m_process;
    quint16 m_localPort = 0;
    quint16 m_controlPort = 0;
    quint16 m_mediaPort = 0;
    QString m_error;
};

} // namespace calldeck::integration
