// SPDX-License-Identifier: GPL-3.0-or-later
#include "calldeckheadless.h"

#include <csignal>

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QThread>

#include "freeport.h"
#include "jsonrpchttp.h"

using namespace Qt::StringLiterals;

namespace calldeck::integration
{

CalldeckHeadless::CalldeckHeadless(Options options)
    : m_options(std::move(options))
{}

CalldeckHeadless::~CalldeckHeadless()
{
    stop(5000);
}

QString CalldeckHeadless::program()
{
    return QStringLiteral(CALLDECK_HARNESS_BIN_DIR) + u"/calldeck"_s;
}

bool CalldeckHeadless::start()
{
    m_dir = std::make_unique<TestDirectory>(u"headless"_s);
    if (!m_dir->isValid())
    {
        m_error = m_dir->errorString();
        return false;
    }
    if (!QFile::exists(program()))
    {
        m_error =
            u"%1 does not exist; build it first (cmake --build build --target calldeck)"_s.arg(program());
        return false;
    }
    QDir(m_dir->path()).mkpath(u"config/CallDeck"_s);
    QDir(m_dir->path()).mkpath(u"data"_s);
    for (const auto &[name, content] : std::as_const(m_options.dataFiles))
    {
        const QString path = m_dir->filePath(u"data/"_s + name);
        QFile f(path);
        if (!QDir().mkpath(QFileInfo(path).absolutePath()) || !f.open(QIODevice::WriteOnly) ||
            f.write(content) != content.size())
        {
            m_error = u"cannot write %1 for calldeck: %2"_s.arg(path, f.errorString());
            return false;
        }
    }
    if (!m_options.settingsIni.isEmpty())
    {
        // QSettings reads $XDG_CONFIG_HOME/<organisation>/<application>.conf.
        for (const QString &name : {u"config/CallDeck/calldeck.conf"_s})
        {
            QFile f(m_dir->filePath(name));
            if (f.open(QIODevice::WriteOnly))
            {
                f.write(m_options.settingsIni.toUtf8());
            }
        }
    }
    QStringList args{u"--headless"_s};
    QString error;
    if (m_options.mirror)
    {
        m_hepPort = FreePort::pick(&error);
        if (!m_hepPort)
        {
            m_error = error;
            return false;
        }
        args << u"--hep"_s << hepAddress();
    }
    else
    {
        args << u"--hep"_s << u"off"_s;
    }
    if (m_options.serveRpc)
    {
        m_rpcPort = FreePort::pick(&error);
        if (!m_rpcPort)
        {
            m_error = error;
            return false;
        }
        args << u"--serve-rpc"_s << u"127.0.0.1:%1"_s.arg(m_rpcPort);
    }
    args << m_options.extraArguments;
    qputenv("XDG_CONFIG_HOME", m_dir->filePath(u"config"_s).toUtf8());
    qputenv("XDG_DATA_HOME", m_dir->filePath(u"data"_s).toUtf8());
    m_process = std::make_unique<ManagedProcess>();
    const bool started = m_process->start(program(), args, m_dir->path(), m_dir->filePath(u"calldeck.log"_s));
    qunsetenv("XDG_CONFIG_HOME");
    qunsetenv("XDG_DATA_HOME");
    if (!started)
    {
        m_error = m_process->errorString();
        return false;
    }
    if (!m_options.serveRpc)
    {
        return true;
    }
    const QDeadlineTimer deadline(m_options.startTimeoutMs);
    while (!deadline.hasExpired())
    {
        if (!m_process->isRunning())
        {
            m_error = u"calldeck exited at start (code %1): %2"_s.arg(m_process->exitCode())
                          .arg(output().left(2000));
            m_dir->keep();
            return false;
        }
        if (rpc(u"dlg.stats_active"_s, {}, 500).ok())
        {
            return true;
        }
        QThread::msleep(100);
    }
    m_error = u"calldeck's served RPC did not answer within %1 ms at %2; its output:\n%3"_s
                  .arg(m_options.startTimeoutMs)
                  .arg(rpcUrl().toString(), output().left(2000));
    m_dir->keep();
    return false;
}

bool CalldeckHeadless::stop(int graceMs)
{
    if (!m_process || !m_process->isRunning())
    {
        return true;
    }
    return m_process->stop(graceMs);
}

bool CalldeckHeadless::kill(int waitMs)
{
    if (!m_process || !m_process->isRunning())
    {
        return false;
    }
    return m_process->signal(m_process->pid(), SIGKILL) && m_process->waitForFinished(waitMs);
}

bool CalldeckHeadless::waitForFinished(int timeoutMs)
{
    return m_process && m_process->waitForFinished(timeoutMs);
}

int CalldeckHeadless::exitCode() const
{
    return m_process ? m_process->exitCode() : -1;
}

bool CalldeckHeadless::isRunning() const
{
    return m_process && m_process->isRunning();
}

quint16 CalldeckHeadless::hepPort() const
{
    return m_hepPort;
}

QUrl CalldeckHeadless::rpcUrl() const
{
    return QUrl(u"http://127.0.0.1:%1/RPC"_s.arg(m_rpcPort));
}

QString CalldeckHeadless::hepAddress() const
{
    return u"127.0.0.1:%1"_s.arg(m_hepPort);
}

QString CalldeckHeadless::output() const
{
    QFile f(m_dir ? m_dir->filePath(u"calldeck.log"_s) : QString());
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

QString CalldeckHeadless::directory() const
{
    return m_dir ? m_dir->path() : QString();
}

QString CalldeckHeadless::errorString() const
{
    return m_error;
}

QString CalldeckHeadless::commandLine() const
{
    return m_process ? m_process->program() + u' ' + m_process->arguments().join(u' ') : QString();
}

RpcResult CalldeckHeadless::rpc(const QString &method, const QJsonArray &params, int timeoutMs)
{
    if (!m_network)
    {
        m_network = std::make_unique<QNetworkAccessManager>();
        m_network->setProxy(QNetworkProxy::NoProxy);
    }
    return postJsonRpc(*m_network, rpcUrl(), method, params, ++m_rpcId, timeoutMs,
                       u"; is calldeck still running (its output is in %1)?"_s.arg(directory()));
}

} // namespace calldeck::integration
