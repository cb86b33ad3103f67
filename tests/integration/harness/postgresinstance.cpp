// SPDX-License-Identifier: GPL-3.0-or-later
#include "postgresinstance.h"

#include <cerrno>
#include <csignal>
#include <cstring>

#include <pwd.h>
#include <sys/types.h>
#include <unistd.h>

#include <QFile>
#include <QFileInfo>
#include <QProcess>

#include "boundedwait.h"
#include "freeport.h"

using namespace Qt::StringLiterals;

namespace calldeck::integration
{

namespace
{

const QString ServerUser = u"postgres"_s;
const QString LoginRole = u"calldeck"_s;
const QString LoginPassword = u"calldeck-pw"_s;
const QString LoginDatabase = u"calldeck"_s;
constexpr int ReadyTimeoutMs = 20000;

bool runningAsRoot()
{
    return ::geteuid() == 0;
}

} // namespace

PostgresInstance::PostgresInstance() = default;

PostgresInstance::~PostgresInstance()
{
    stop();
}

QString PostgresInstance::binDirectory()
{
    const QString configured = qEnvironmentVariable("CALLDECK_POSTGRES_BIN");
    return configured.isEmpty() ? u"/usr/lib/postgresql/15/bin"_s : configured;
}

bool PostgresInstance::start()
{
    stop();
    m_error.clear();
    for (const QString &tool : {u"initdb"_s, u"postgres"_s, u"pg_isready"_s, u"psql"_s})
    {
        if (!QFileInfo(binDirectory() + u'/' + tool).isExecutable())
        {
            m_error = u"PostgreSQL 15 is not installed (no %1/%2): install the Debian package postgresql "
                      "(scripts/setup does), or set CALLDECK_POSTGRES_BIN to the directory of initdb and "
                      "postgres"_s.arg(binDirectory(), tool);
            return false;
        }
    }
    if (!prepareDirectory() || !initdb())
    {
        return false;
    }
    for (int attempt = 0; attempt < 3; ++attempt)
    {
        m_port = FreePort::pick(&m_error);
        if (m_port == 0)
        {
            return false;
        }
        if (!launch())
        {
            return false;
        }
        if (waitReady(ReadyTimeoutMs))
        {
            return createRoleAndDatabase();
        }
        // A port taken in between makes the postmaster exit at once: then try another one.
        const bool portTaken = !m_server.isRunning() && m_error.contains(u"already in use"_s);
        m_server.stop(2000);
        if (!portTaken)
        {
            break;
        }
    }
    if (m_dir)
    {
        m_dir->keep();
    }
    return false;
}

bool PostgresInstance::prepareDirectory()
{
    m_dir = std::make_unique<TestDirectory>(u"postgres"_s);
    if (!m_dir->isValid())
    {
        m_error = m_dir->errorString();
        return false;
    }
    if (!runningAsRoot())
    {
        return true;
    }
    const passwd *account = ::getpwnam(ServerUser.toLocal8Bit().constData());
    if (!account)
    {
        m_error = u"running as root, PostgreSQL must run as the system user 'postgres', which does not "
                  "exist: install the Debian package postgresql (it creates the user)"_s;
        return false;
    }
    if (::chown(QFile::encodeName(m_dir->path()).constData(), account->pw_uid, account->pw_gid) != 0)
    {
        m_error = u"could not give %1 to the user postgres: %2"_s.arg(
            m_dir->path(), QString::fromLocal8Bit(strerror(errno)));
        return false;
    }
    return true;
}

QStringList PostgresInstance::asServerUser(const QString &program, const QStringList &arguments) const
{
    if (!runningAsRoot())
    {
        return QStringList{program} + arguments;
    }
    // setpriv execs the program in place: the PID stays the one ManagedProcess started. The parent
    // death signal is cleared by the change of user, so it is set again (fast shutdown).
    return QStringList{u"setpriv"_s,
                       u"--reuid=postgres"_s,
                       u"--regid=postgres"_s,
                       u"--init-groups"_s,
                       u"--pdeathsig"_s,
                       u"INT"_s,
                       u"--"_s,
                       program} +
           arguments;
}

bool PostgresInstance::runTool(const QStringList &command, int timeoutMs, QString *output)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setWorkingDirectory(m_dir->path());
    process.setStandardInputFile(QProcess::nullDevice());
    process.start(command.first(), command.mid(1));
    if (!process.waitForStarted(5000))
    {
        m_error = u"could not start %1: %2"_s.arg(command.first(), process.errorString());
        return false;
    }
    if (!process.waitForFinished(timeoutMs))
    {
        process.kill();
        process.waitForFinished(2000);
        m_error = u"%1 did not finish within %2 ms"_s.arg(command.join(u' ')).arg(timeoutMs);
        return false;
    }
    const QString text = QString::fromUtf8(process.readAll());
    if (output)
    {
        *output = text;
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
    {
        m_error =
            u"%1 failed (exit %2): %3"_s.arg(command.join(u' ')).arg(process.exitCode()).arg(text.trimmed());
        return false;
    }
    return true;
}

bool PostgresInstance::initdb()
{
    const QStringList command = asServerUser(
        binDirectory() + u"/initdb"_s, {u"-D"_s, m_dir->filePath(u"data"_s), u"-U"_s, ServerUser,
                                        u"--auth-local=trust"_s, u"--auth-host=scram-sha-256"_s, u"-E"_s,
                                        u"UTF8"_s, u"--locale=C"_s, u"--no-sync"_s, u"--no-instructions"_s});
    QString output;
    if (!runTool(command, 60000, &output))
    {
        m_error = u"initdb failed, so no PostgreSQL for the test: %1"_s.arg(m_error);
        m_dir->keep();
        return false;
    }
    return true;
}

bool PostgresInstance::launch()
{
    const QStringList command =
        asServerUser(binDirectory() + u"/postgres"_s,
                     {u"-D"_s, m_dir->filePath(u"data"_s), u"-p"_s, QString::number(m_port), u"-c"_s,
                      u"listen_addresses=127.0.0.1"_s, u"-c"_s, u"unix_socket_directories="_s + m_dir->path(),
                      u"-c"_s, u"fsync=off"_s, u"-c"_s, u"full_page_writes=off"_s, u"-c"_s,
                      u"max_connections=40"_s, u"-c"_s, u"shared_buffers=32MB"_s});
    if (!m_server.start(command.first(), command.mid(1), m_dir->path(), logPath()))
    {
        m_error = m_server.errorString();
        return false;
    }
    QFile commandFile(m_dir->filePath(u"command.txt"_s));
    if (commandFile.open(QIODevice::WriteOnly | QIODevice::Truncate))
    {
        commandFile.write(m_server.commandLine().toUtf8() + '\n');
    }
    return true;
}

bool PostgresInstance::waitReady(int timeoutMs)
{
    const QStringList probe{binDirectory() + u"/pg_isready"_s, u"-h"_s, u"127.0.0.1"_s, u"-p"_s,
                            QString::number(m_port),           u"-t"_s, u"1"_s};
    bool ready = false;
    BoundedWait::until(
        timeoutMs,
        [&] {
            if (!m_server.isRunning())
            {
                return true;
            }
            QString ignored;
            ready = runTool(probe, 3000, &ignored);
            return ready;
        },
        200);
    if (!m_server.isRunning())
    {
        QFile log(logPath());
        const QString tail =
            log.open(QIODevice::ReadOnly) ? QString::fromUtf8(log.readAll()).right(600) : QString();
        m_error = u"postgres exited during start-up (%1); its log says: %2"_s.arg(m_server.commandLine(),
                                                                                  tail.trimmed());
        return false;
    }
    if (!ready)
    {
        m_error = u"postgres did not accept connections on 127.0.0.1:%1 within %2 ms; see %3"_s.arg(m_port)
                      .arg(timeoutMs)
                      .arg(logPath());
        return false;
    }
    return true;
}

bool PostgresInstance::createRoleAndDatabase()
{
    if (!runSql(u"CREATE ROLE %1 LOGIN PASSWORD '%2'"_s.arg(LoginRole, LoginPassword), nullptr,
                u"postgres"_s) ||
        !runSql(u"CREATE DATABASE %1 OWNER %2"_s.arg(LoginDatabase, LoginRole), nullptr, u"postgres"_s))
    {
        m_error = u"could not create the test role and database: %1"_s.arg(m_error);
        return false;
    }
    return true;
}

bool PostgresInstance::runSql(const QString &sql, QString *output, const QString &database)
{
    return runTool({binDirectory() + u"/psql"_s, u"-X"_s, u"-q"_s, u"-A"_s, u"-t"_s, u"-v"_s,
                    u"ON_ERROR_STOP=1"_s, u"-h"_s, socketDirectory(), u"-p"_s, QString::number(m_port),
                    u"-U"_s, ServerUser, u"-d"_s, database.isEmpty() ? LoginDatabase : database, u"-c"_s,
                    sql},
                   30000, output);
}

bool PostgresInstance::runSqlFile(const QString &path, const QString &database)
{
    return runTool({binDirectory() + u"/psql"_s, u"-X"_s, u"-q"_s, u"-v"_s, u"ON_ERROR_STOP=1"_s, u"-h"_s,
                    socketDirectory(), u"-p"_s, QString::number(m_port), u"-U"_s, ServerUser, u"-d"_s,
                    database.isEmpty() ? LoginDatabase : database, u"-f"_s, path},
                   30000, nullptr);
}

bool PostgresInstance::stop()
{
    if (!m_server.isRunning())
    {
        m_server.stop(0);
        return true;
    }
    // SIGINT is PostgreSQL's fast shutdown: open sessions are ended (SIGTERM, its smart shutdown,
    // would wait for every client to disconnect).
    m_server.signal(m_server.pid(), SIGINT);
    const bool fast = m_server.waitForFinished(10000);
    m_server.stop(2000);
    return fast;
}

bool PostgresInstance::restart()
{
    if (!m_dir || m_port == 0)
    {
        m_error = u"restart() needs a server started before"_s;
        return false;
    }
    stop();
    return launch() && waitReady(ReadyTimeoutMs);
}

bool PostgresInstance::isRunning() const
{
    return m_server.isRunning();
}

qint64 PostgresInstance::pid() const
{
    return m_server.pid();
}

quint16 PostgresInstance::port() const
{
    return m_port;
}

QString PostgresInstance::user() const
{
    return LoginRole;
}

QString PostgresInstance::password() const
{
    return LoginPassword;
}

QString PostgresInstance::database() const
{
    return LoginDatabase;
}

QString PostgresInstance::url() const
{
    return u"postgresql://%1:%2@127.0.0.1:%3/%4"_s.arg(LoginRole, LoginPassword)
        .arg(m_port)
        .arg(LoginDatabase);
}

QString PostgresInstance::socketDirectory() const
{
    return m_dir ? m_dir->path() : QString();
}

QString PostgresInstance::logPath() const
{
    return m_dir ? m_dir->filePath(u"server.log"_s) : QString();
}

QString PostgresInstance::errorString() const
{
    return m_error;
}

} // namespace calldeck::integration
