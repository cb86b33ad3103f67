// SPDX-License-Identifier: GPL-3.0-or-later
#include "kamailioinstance.h"

#include "jsonrpchttp.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QFile>
#include <QHostAddress>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkDatagram>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QThread>
#include <QTimer>
#include <QUdpSocket>

#include "freeport.h"
#include "integrationpaths.h"

using namespace Qt::StringLiterals;

namespace calldeck::integration
{

namespace
{

constexpr int StartAttempts = 3;
constexpr int StopGraceMs = 5000;

QString readTextFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
    {
        return {};
    }
    return QString::fromUtf8(file.readAll());
}

} // namespace

KamailioInstance::KamailioInstance()
    : KamailioInstance(Options())
{}

KamailioInstance::KamailioInstance(Options options)
    : m_options(std::move(options))
{}

KamailioInstance::~KamailioInstance()
{
    stop();
    m_network.reset();
    m_process.reset();
    m_dir.reset();
}

bool KamailioInstance::start()
{
    stop();
    m_error.clear();
    m_dir = std::make_unique<TestDirectory>(u"kamailio"_s);
    if (!m_dir->isValid())
    {
        m_error = m_dir->errorString();
        return false;
    }
    for (int attempt = 1; attempt <= StartAttempts; ++attempt)
    {
        bool retryable = false;
        if (startOnce(&retryable))
        {
            return true;
        }
        stop();
        if (!retryable)
        {
            return false;
        }
        m_error += u" (attempt %1 of %2)"_s.arg(attempt).arg(StartAttempts);
        if (m_options.sipPort || m_options.rpcPort || m_options.dmqPort)
        {
            QThread::msleep(500); // fixed ports: give the previous owner time to let go
        }
    }
    return false;
}

bool KamailioInstance::startOnce(bool *retryable)
{
    *retryable = false;
    QString error;
    const QString program = IntegrationPaths::kamailio(&error);
    if (program.isEmpty())
    {
        m_error = error;
        return false;
    }
    const QString source =
        m_options.configFile.isEmpty() ? IntegrationPaths::kamailioConfig() : m_options.configFile;
    const QString config = m_dir->filePath(u"calldeck-test.cfg"_s);
    if (!copyConfig(source, config))
    {
        return false;
    }
    // The test config includes the helper by a path relative to itself.
    if (m_options.helper &&
        !copyConfig(IntegrationPaths::kamailioHelper(), m_dir->filePath(u"calldeck-helpers.cfg"_s)))
    {
        return false;
    }
    QFile::remove(m_dir->filePath(u"kamailio.pid"_s));

    m_sipPort = m_options.sipPort ? m_options.sipPort : FreePort::pick(&error);
    m_rpcPort = m_sipPort ? (m_options.rpcPort ? m_options.rpcPort : FreePort::pick(&error)) : 0;
    if (m_options.uasPort == 0)
    {
        m_options.uasPort = FreePort::pick(&error);
    }
    m_dmqPort = m_options.dmq ? (m_options.dmqPort ? m_options.dmqPort : FreePort::pick(&error)) : 0;
    if (m_sipPort == 0 || m_rpcPort == 0 || m_options.uasPort == 0 || (m_options.dmq && m_dmqPort == 0))
    {
        m_error = error;
        return false;
    }

    const QStringList arguments = buildArguments(config);
    m_process = std::make_unique<ManagedProcess>();
    if (!m_process->start(program, arguments, m_dir->path(), logPath()))
    {
        m_error =
            m_process->errorString() + u"; is the kamailio package installed? scripts/setup installs it"_s;
        return false;
    }
    QFile command(m_dir->filePath(u"command.txt"_s));
    if (command.open(QIODevice::WriteOnly | QIODevice::Append))
    {
        command.write(m_process->commandLine().toUtf8() + '\n');
    }
    return waitUntilReady(retryable);
}

bool KamailioInstance::copyConfig(const QString &source, const QString &target)
{
    QFile::remove(target);
    if (!QFile::copy(source, target))
    {
        m_error =
            u"cannot copy the Kamailio config %1 to %2; is the source tree complete?"_s.arg(source, target);
        return false;
    }
    return true;
}

QStringList KamailioInstance::buildArguments(const QString &config) const
{
    const QString runDir = m_dir->path();
    QStringList arguments{
        u"-DD"_s, u"-E"_s, u"-f"_s, config,   u"-Y"_s, runDir, u"-P"_s, m_dir->filePath(u"kamailio.pid"_s),
        u"-w"_s,  runDir,  u"-m"_s, u"512"_s, u"-M"_s, u"64"_s};
    QStringList defines{u"SIP_PORT=%1"_s.arg(m_sipPort), u"RPC_PORT=%1"_s.arg(m_rpcPort),
                        u"UAS_PORT=%1"_s.arg(m_options.uasPort),
                        u"DLG_TIMEOUT=%1"_s.arg(m_options.defaultTimeout),
                        u"BRIDGE_CONTACT=\"sip:ctd@127.0.0.1:%1\""_s.arg(m_sipPort)};
    if (!m_options.mirror.isEmpty())
    {
        defines << u"MIRROR_URI=\"sip:%1\""_s.arg(m_options.mirror)
                << u"HEP_CAPTURE_ID=%1"_s.arg(m_options.hepCaptureId);
    }
    if (m_options.timeoutBye)
    {
        defines << u"WITH_TIMEOUT_BYE"_s;
    }
    if (!m_options.helper)
    {
        defines << u"WITHOUT_CALLDECK_HELPER"_s;
    }
    if (m_options.dmq)
    {
        defines << u"WITH_DMQ"_s << u"DMQ_PORT=%1"_s.arg(m_dmqPort) << u"DMQ_ADDRESS=\"%1\""_s.arg(dmqUri())
                << u"DMQ_PING_INTERVAL=%1"_s.arg(m_options.pingInterval)
                << u"DLG_H_ID_START=%1"_s.arg(m_options.hIdStart)
                << u"DLG_H_ID_STEP=%1"_s.arg(m_options.hIdStep);
        if (!m_options.dmqNotify.isEmpty())
        {
            defines << u"DMQ_NOTIFY=\"sip:%1\""_s.arg(m_options.dmqNotify);
        }
    }
    defines << m_options.extraDefines;
    for (const QString &define : std::as_const(defines))
    {
        arguments << u"-A"_s << define;
    }
    return arguments;
}

bool KamailioInstance::waitUntilReady(bool *retryable)
{
    const QDeadlineTimer deadline(m_options.startTimeoutMs);
    const auto exitedEarly = [this, retryable] {
        if (m_process->isRunning())
        {
            return false;
        }
        const QString text = log();
        *retryable = text.contains(u"Address already in use"_s);
        m_error = failure(u"kamailio exited with code %1 during start-up"_s.arg(m_process->exitCode()));
        return true;
    };

    while ((m_pid = readPidFile()) <= 0)
    {
        if (exitedEarly())
        {
            return false;
        }
        if (deadline.hasExpired())
        {
            m_error = failure(u"kamailio wrote no pidfile within %1 ms"_s.arg(m_options.startTimeoutMs));
            return false;
        }
        m_process->waitForFinished(50);
    }
    if (m_pid != m_process->pid())
    {
        m_error = failure(
            u"the pidfile names PID %1 but the started process is %2; was -DD dropped?"_s.arg(m_pid).arg(
                m_process->pid()));
        return false;
    }

    bool sipReady = false;
    while (!deadline.hasExpired())
    {
        if (exitedEarly())
        {
            return false;
        }
        sipReady = sipReady || sipAnswersOptions(300);
        if (sipReady && rpc(u"core.version"_s, {}, 1000).ok())
        {
            return true;
        }
        m_process->waitForFinished(50);
    }
    m_error = failure(
        sipReady
            ? u"the HTTP JSON-RPC at %1 did not answer core.version within %2 ms"_s.arg(rpcUrl().toString())
                  .arg(m_options.startTimeoutMs)
            : u"kamailio did not answer an OPTIONS on udp:127.0.0.1:%1 within %2 ms"_s.arg(m_sipPort).arg(
                  m_options.startTimeoutMs));
    return false;
}

bool KamailioInstance::sipAnswersOptions(int timeoutMs) const
{
    QUdpSocket socket;
    if (!socket.bind(QHostAddress::LocalHost, 0))
    {
        return false;
    }
    const QString request = u"OPTIONS sip:ping@127.0.0.1:%1 SIP/2.0\r\n"
                            "Via: SIP/2.0/UDP 127.0.0.1:%2;branch=z9hG4bK-calldeck-ready-%3\r\n"
                            "From: <sip:harness@127.0.0.1:%2>;tag=calldeck-ready\r\n"
                            "To: <sip:ping@127.0.0.1:%1>\r\n"
                            "Call-ID: calldeck-ready-%3@127.0.0.1\r\n"
                            "CSeq: 1 OPTIONS\r\n"
                            "Max-Forwards: 70\r\n"
                            "Content-Length: 0\r\n\r\n"_s.arg(m_sipPort)
                                .arg(socket.localPort())
                                .arg(QDeadlineTimer::current().deadlineNSecs());
    socket.writeDatagram(request.toUtf8(), QHostAddress::LocalHost, m_sipPort);
    const QDeadlineTimer deadline(timeoutMs);
    while (socket.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime()))))
    {
        while (socket.hasPendingDatagrams())
        {
            const QByteArray reply = socket.receiveDatagram().data();
            if (reply.startsWith("SIP/2.0 200"))
            {
                return true;
            }
        }
        if (deadline.hasExpired())
        {
            break;
        }
    }
    return false;
}

qint64 KamailioInstance::readPidFile() const
{
    return readTextFile(m_dir->filePath(u"kamailio.pid"_s)).trimmed().toLongLong();
}

QString KamailioInstance::failure(const QString &what) const
{
    // A failed start keeps its run directory, whatever CALLDECK_KEEP_TEST_DIRS says.
    m_dir->keep();
    QStringList lines = logErrors();
    if (lines.isEmpty())
    {
        lines = log().split(u'\n', Qt::SkipEmptyParts);
    }
    lines = lines.mid(qMax(0, lines.size() - 8));
    for (QString &line : lines)
    {
        line = line.trimmed().left(240);
    }
    QString text =
        what + u"; the log (kept in %1) ends with:\n    "_s.arg(runDir()) + lines.join(u"\n    "_s);
    text += u"\n  Is the kamailio package installed (scripts/setup)? Start it by hand with %1/command.txt. "
            "Command: %2"_s.arg(runDir(), m_process ? m_process->commandLine() : QString());
    return text;
}

bool KamailioInstance::stop()
{
    if (!m_process)
    {
        return true;
    }
    const bool graceful = m_process->stop(StopGraceMs, m_pid);
    if (!graceful && m_error.isEmpty())
    {
        m_error = u"kamailio (PID %1) ignored SIGTERM for %2 ms and was killed"_s.arg(m_pid).arg(StopGraceMs);
    }
    return graceful;
}

bool KamailioInstance::isRunning() const
{
    return m_process && m_process->isRunning();
}

qint64 KamailioInstance::pid() const
{
    return m_pid;
}

quint16 KamailioInstance::sipPort() const
{
    return m_sipPort;
}

quint16 KamailioInstance::rpcPort() const
{
    return m_rpcPort;
}

QUrl KamailioInstance::rpcUrl() const
{
    return QUrl(u"http://127.0.0.1:%1/RPC"_s.arg(m_rpcPort));
}

QUrl KamailioInstance::helperUrl() const
{
    return QUrl(u"http://127.0.0.1:%1/calldeck"_s.arg(m_rpcPort));
}

QString KamailioInstance::sipTarget() const
{
    return u"127.0.0.1:%1"_s.arg(m_sipPort);
}

quint16 KamailioInstance::dmqPort() const
{
    return m_dmqPort;
}

QString KamailioInstance::dmqUri() const
{
    return u"sip:127.0.0.1:%1"_s.arg(m_dmqPort);
}

QString KamailioInstance::runDir() const
{
    return m_dir ? m_dir->path() : QString();
}

QString KamailioInstance::logPath() const
{
    return m_dir ? m_dir->filePath(u"kamailio.log"_s) : QString();
}

QString KamailioInstance::log() const
{
    return readTextFile(logPath());
}

QStringList KamailioInstance::logErrors() const
{
    static const QRegularExpression pattern(u"ERROR|CRITICAL|parse error|syntax error"_s);
    QStringList errors;
    const QStringList lines = log().split(u'\n', Qt::SkipEmptyParts);
    for (const QString &line : lines)
    {
        if (pattern.match(line).hasMatch())
        {
            errors << line;
        }
    }
    return errors;
}

QString KamailioInstance::commandLine() const
{
    return m_process ? m_process->commandLine() : QString();
}

QString KamailioInstance::errorString() const
{
    return m_error;
}

const KamailioInstance::Options &KamailioInstance::options() const
{
    return m_options;
}

RpcResult KamailioInstance::rpc(const QString &method, const QJsonArray &params, int timeoutMs)
{
    return post(rpcUrl(), method, params, timeoutMs);
}

RpcResult KamailioInstance::helperRpc(const QString &method, const QJsonArray &params, int timeoutMs)
{
    return post(helperUrl(), method, params, timeoutMs);
}

RpcResult KamailioInstance::post(const QUrl &url, const QString &method, const QJsonArray &params,
                                 int timeoutMs)
{
    if (!m_network)
    {
        m_network = std::make_unique<QNetworkAccessManager>();
        m_network->setProxy(QNetworkProxy::NoProxy);
    }
    return postJsonRpc(*m_network, url, method, params, ++m_rpcId, timeoutMs,
                       u"; is Kamailio running (see %1)? It closes the connection without a reply on "
                       "malformed requests and when it runs out of private memory"_s.arg(logPath()));
}

} // namespace calldeck::integration
