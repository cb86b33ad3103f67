// SPDX-License-Identifier: GPL-3.0-or-later
#include "sippprocess.h"

#include <QAtomicInt>
#include <QFile>
#include <QFileInfo>

#include "freeport.h"
#include "integrationpaths.h"

using namespace Qt::StringLiterals;

namespace calldeck::integration
{

namespace
{

constexpr int StartAttempts = 3;
constexpr int EarlyExitWindowMs = 300;
constexpr int StopGraceMs = 3000;
constexpr int ExitBindFailure = 254; // sipp's exit(-2): a socket could not be bound

QAtomicInt s_instances;

QString readHead(const QString &path, int maxLines)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
    {
        return {};
    }
    QStringList lines;
    while (!file.atEnd() && lines.size() < maxLines)
    {
        lines << QString::fromUtf8(file.readLine()).trimmed();
    }
    lines.removeAll(QString());
    return lines.join(u"\n    "_s);
}

} // namespace

SippProcess::SippProcess(Options options, const QString &workDir)
    : m_options(std::move(options))
    , m_workDir(workDir)
{
    if (m_options.name.isEmpty())
    {
        m_options.name = u"%1_%2"_s.arg(QFileInfo(m_options.scenario).completeBaseName())
                             .arg(s_instances.fetchAndAddRelaxed(1) + 1);
    }
    if (m_workDir.isEmpty())
    {
        m_ownDir = std::make_unique<TestDirectory>(u"sipp"_s);
        m_workDir = m_ownDir->path();
    }
}

SippProcess::~SippProcess()
{
    stop();
    m_process.reset();
    m_ownDir.reset();
}

bool SippProcess::start()
{
    m_error.clear();
    if (m_ownDir && !m_ownDir->isValid())
    {
        m_error = m_ownDir->errorString();
        return false;
    }
    if (!QFileInfo::exists(IntegrationPaths::scenario(m_options.scenario)))
    {
        m_error = u"sipp scenario %1 not found; the scenarios live in tests/integration/scenarios"_s.arg(
            IntegrationPaths::scenario(m_options.scenario));
        return false;
    }
    for (int attempt = 1; attempt <= StartAttempts; ++attempt)
    {
        bool retryable = false;
        if (startOnce(&retryable))
        {
            return true;
        }
        if (!retryable)
        {
            return false;
        }
        m_error += u" (attempt %1 of %2)"_s.arg(attempt).arg(StartAttempts);
    }
    return false;
}

bool SippProcess::startOnce(bool *retryable)
{
    *retryable = false;
    QString error;
    const QString program = IntegrationPaths::sipp(&error);
    if (program.isEmpty())
    {
        m_error = error;
        return false;
    }
    m_localPort = m_options.localPort ? m_options.localPort : FreePort::pick(&error);
    m_controlPort = m_options.controlPort ? m_options.controlPort : FreePort::pick(&error);
    m_mediaPort = m_options.mediaPort ? m_options.mediaPort : FreePort::pickBlock(4, &error);
    if (m_localPort == 0 || m_controlPort == 0 || m_mediaPort == 0)
    {
        m_error = error;
        return false;
    }
    for (const QString &path : {statisticsPath(), screenPath(), errorLogPath(), messageLogPath()})
    {
        QFile::remove(path);
    }

    m_process = std::make_unique<ManagedProcess>();
    if (!m_process->start(program, buildArguments(), m_workDir, outputPath()))
    {
        m_error =
            m_process->errorString() + u"; is the sip-tester package installed? scripts/setup installs it"_s;
        return false;
    }
    // sipp binds its sockets at once and exits when it cannot; give it a moment to fail.
    if (m_process->waitForFinished(EarlyExitWindowMs))
    {
        const int code = m_process->exitCode();
        if (code >= 0 && code < ExitBindFailure)
        {
            return true; // a short run that is already over (0 all calls ok, 1 some failed, ...)
        }
        *retryable = code == ExitBindFailure;
        m_error = u"sipp %1 exited with code %2 right after start%3; output: %4; errors: %5; command: %6"_s
                      .arg(m_options.name)
                      .arg(code)
                      .arg(*retryable ? u" (a port was taken: -p %1 -cp %2 -mp %3)"_s.arg(m_localPort)
                                            .arg(m_controlPort)
                                            .arg(m_mediaPort)
                                      : QString())
                      .arg(outputPath(), readHead(errorLogPath(), 10), m_process->commandLine());
        return false;
    }
    return true;
}

QStringList SippProcess::buildArguments() const
{
    QStringList arguments{u"-sf"_s,
                          IntegrationPaths::scenario(m_options.scenario),
                          u"-i"_s,
                          u"127.0.0.1"_s,
                          u"-p"_s,
                          QString::number(m_localPort),
                          u"-cp"_s,
                          QString::number(m_controlPort),
                          u"-mp"_s,
                          QString::number(m_mediaPort),
                          u"-m"_s,
                          QString::number(m_options.calls),
                          u"-r"_s,
                          QString::number(m_options.rate),
                          u"-rp"_s,
                          QString::number(m_options.ratePeriodMs),
                          u"-nostdin"_s,
                          u"-cid_str"_s,
                          m_options.name + u"-%u-%p@%s"_s,
                          u"-trace_stat"_s,
                          u"-stf"_s,
                          statisticsPath(),
                          u"-fd"_s,
                          u"1"_s,
                          u"-trace_screen"_s,
                          u"-screen_file"_s,
                          screenPath(),
                          u"-trace_err"_s,
                          u"-error_file"_s,
                          errorLogPath()};
    if (m_options.traceMessages)
    {
        arguments << u"-trace_msg"_s << u"-message_file"_s << messageLogPath();
    }
    if (m_options.limit > 0)
    {
        arguments << u"-l"_s << QString::number(m_options.limit);
    }
    if (m_options.pauseMs >= 0)
    {
        arguments << u"-d"_s << QString::number(m_options.pauseMs);
    }
    if (m_options.recvTimeoutMs > 0)
    {
        arguments << u"-recv_timeout"_s << QString::number(m_options.recvTimeoutMs);
    }
    if (!m_options.service.isEmpty())
    {
        arguments << u"-s"_s << m_options.service;
    }
    if (m_options.autoAnswer)
    {
        arguments << u"-aa"_s;
    }
    if (m_options.noDefaults)
    {
        arguments << u"-nd"_s;
    }
    arguments << m_options.extraArguments;
    if (!m_options.target.isEmpty())
    {
        arguments << m_options.target;
    }
    return arguments;
}

bool SippProcess::waitForFinished(int timeoutMs)
{
    if (!m_process)
    {
        m_error = u"sipp %1 was not started"_s.arg(m_options.name);
        return false;
    }
    if (m_process->waitForFinished(timeoutMs))
    {
        return true;
    }
    stop();
    m_error = u"sipp %1 did not finish within %2 ms and was stopped; a call is probably stuck waiting "
              "for a message - see %3"_s.arg(m_options.name)
                  .arg(timeoutMs)
                  .arg(m_workDir);
    return false;
}

void SippProcess::stop()
{
    if (m_process)
    {
        m_process->stop(StopGraceMs);
    }
}

bool SippProcess::isRunning() const
{
    return m_process && m_process->isRunning();
}

qint64 SippProcess::pid() const
{
    return m_process ? m_process->pid() : 0;
}

int SippProcess::exitCode() const
{
    return m_process ? m_process->exitCode() : -1;
}

quint16 SippProcess::localPort() const
{
    return m_localPort;
}

quint16 SippProcess::controlPort() const
{
    return m_controlPort;
}

quint16 SippProcess::mediaPort() const
{
    return m_mediaPort;
}

QString SippProcess::address() const
{
    return u"127.0.0.1:%1"_s.arg(m_localPort);
}

SippStatistics SippProcess::statistics() const
{
    const SippStatistics fromCsv = SippStatistics::fromCsv(statisticsPath());
    return fromCsv.valid ? fromCsv : SippStatistics::fromScreen(screenPath());
}

int SippProcess::successfulCalls() const
{
    return statistics().successfulCalls;
}

int SippProcess::failedCalls() const
{
    return statistics().failedCalls;
}

SippMessageLog SippProcess::messages() const
{
    return SippMessageLog::read(messageLogPath());
}

QString SippProcess::callId(int n) const
{
    return u"%1-%2-%3@127.0.0.1"_s.arg(m_options.name).arg(n).arg(pid());
}

QStringList SippProcess::callIds() const
{
    QStringList ids;
    for (int n = 1; n <= m_options.calls; ++n)
    {
        ids << callId(n);
    }
    return ids;
}

QString SippProcess::workDir() const
{
    return m_workDir;
}

QString SippProcess::filePath(const QString &suffix) const
{
    return m_workDir + u'/' + m_options.name + suffix;
}

QString SippProcess::statisticsPath() const
{
    return filePath(u"_stats.csv"_s);
}

QString SippProcess::screenPath() const
{
    return filePath(u"_screen.log"_s);
}

QString SippProcess::errorLogPath() const
{
    return filePath(u"_errors.log"_s);
}

QString SippProcess::messageLogPath() const
{
    return filePath(u"_messages.log"_s);
}

QString SippProcess::outputPath() const
{
    return filePath(u"_output.log"_s);
}

QString SippProcess::commandLine() const
{
    return m_process ? m_process->commandLine() : QString();
}

QString SippProcess::errorString() const
{
    return m_error;
}

QString SippProcess::describe() const
{
    QString text =
        u"sipp %1: exit code %2, %3"_s.arg(m_options.name).arg(exitCode()).arg(statistics().describe());
    const QString errors = readHead(errorLogPath(), 12);
    if (!errors.isEmpty())
    {
        text += u"\n  errors log starts with:\n    "_s + errors;
    }
    if (!m_error.isEmpty())
    {
        text += u"\n  "_s + m_error;
    }
    text += u"\n  command: %1\n  files in %2 (CALLDECK_KEEP_TEST_DIRS=1 keeps them)"_s.arg(commandLine(),
                                                                                           m_workDir);
    return text;
}

} // namespace calldeck::integration
