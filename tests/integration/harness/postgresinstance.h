// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include <QString>
#include <QStringList>

#include "managedprocess.h"
#include "testdirectory.h"

namespace calldeck::integration
{

/// @brief A private PostgreSQL 15 server started by a test (Debian package `postgresql`), for the
/// dialog store (issue #9): its own data directory, a free TCP port on 127.0.0.1, its Unix socket
/// inside the run directory, fsync=off.
///
/// start() runs `initdb` into a fresh TestDirectory, starts `postgres` in the foreground under a
/// ManagedProcess (so its PID is the postmaster's), waits (bounded) until `pg_isready` answers,
/// then creates the login role user() with password() and the database database() it owns.
/// TCP connections need that password (scram-sha-256): a wrong one is refused as on a real
/// server; the superuser `postgres` connects only through the socket (trust), for runSql().
/// PostgreSQL refuses to run as root: when the test runs as root, initdb and postgres run as the
/// system user `postgres` (`setpriv --reuid=postgres --regid=postgres --init-groups`, which execs
/// without forking), and the run directory is handed to that user.
/// stop() and the destructor stop the server by its PID; the run directory (data, server.log,
/// command.txt) is removed unless CALLDECK_KEEP_TEST_DIRS=1.
class PostgresInstance final
{
    Q_DISABLE_COPY_MOVE(PostgresInstance)

public:
    PostgresInstance();
    /// @brief Stops the server and removes the run directory.
    ~PostgresInstance();

    /// @brief initdb, start, wait until ready, create the role and the database; retries with a
    /// new port (at most 3 times) when the port was taken in between.
    /// @return false with errorString() saying what failed and what to do next (e.g. which
    /// package to install).
    bool start();
    /// @brief Fast shutdown (SIGINT to the postmaster's PID: sessions are ended, data is kept),
    /// SIGTERM after 10 s, then SIGKILL to its process group; true when it ended on the first.
    bool stop();
    bool isRunning() const;
    /// @brief Starts the same data directory again on the same port after stop().
    bool restart();

    qint64 pid() const;
    quint16 port() const;
    QString user() const;
    QString password() const;
    QString database() const;
    /// @brief postgresql://USER:PASSWORD@127.0.0.1:PORT/DATABASE, for --db and StoreUrl::parse.
    QString url() const;
    /// @brief The directory of the server's Unix socket.
    QString socketDirectory() const;
    QString logPath() const;
    QString errorString() const;

    /// @brief Runs @p sql with psql as the superuser through the socket, on @p database (default
    /// database()), stopping at the first error (ON_ERROR_STOP); @p output gets psql's unaligned,
    /// tuples-only output. False with errorString() holding psql's message.
    bool runSql(const QString &sql, QString *output = nullptr, const QString &database = QString());
    /// @brief runSql() with the statements of the file @p path.
    bool runSqlFile(const QString &path, const QString &database = QString());

    /// @brief The directory with initdb, postgres, pg_isready and psql: CALLDECK_POSTGRES_BIN or
    /// /usr/lib/postgresql/15/bin.
    static QString binDirectory();

private:
    bool prepareDirectory();
    bool initdb();
    bool launch();
    bool waitReady(int timeoutMs);
    bool createRoleAndDatabase();
    /// The program and arguments, prefixed with setpriv when we are root.
    QStringList asServerUser(const QString &program, const QStringList &arguments) const;
    bool runTool(const QStringList &command, int timeoutMs, QString *output);

    std::unique_ptr<TestDirectory> m_dir;
    ManagedProcess m_server;
    quint16 m_port = 0;
    QString m_error;
};

} // namespace calldeck::integration
