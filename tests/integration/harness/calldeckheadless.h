// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <utility>

#include <QByteArray>
#include <QJsonArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include "managedprocess.h"
#include "rpcresult.h"
#include "testdirectory.h"

class QNetworkAccessManager;

namespace calldeck::integration
{

/// @brief A `calldeck --headless` process started by a test: a HEP/raw-SIP mirror listener and
/// the served JSON-RPC on free ports of 127.0.0.1, settings and data in a private directory
/// (XDG_CONFIG_HOME/XDG_DATA_HOME), stopped with SIGTERM by PID (SIGKILL after a grace time).
class CalldeckHeadless final
{
    Q_DISABLE_COPY_MOVE(CalldeckHeadless)

public:
    struct Options
    {
        bool mirror = true;           ///< --hep 127.0.0.1:<free port>
        bool serveRpc = true;         ///< --serve-rpc 127.0.0.1:<free port>
        QStringList extraArguments{}; ///< e.g. --replay FILE --exit-after-replay
        /// Lines for the settings file ([Mirror] ProfileRules etc.), written before start.
        QString settingsIni{};
        /// Files written under XDG_DATA_HOME before start (path relative to it, content), e.g. the
        /// files of an earlier version in "CallDeck/calldeck/".
        QList<std::pair<QString, QByteArray>> dataFiles{};
        int startTimeoutMs = 15000;
    };

    explicit CalldeckHeadless(Options options);
    ~CalldeckHeadless();

    /// @brief Starts calldeck and waits until its RPC answers (or, without RPC, until it runs).
    bool start();
    /// @brief SIGTERM, then waits up to @p graceMs; true when it exited by itself in time.
    bool stop(int graceMs = 10000);
    /// @brief SIGKILL by PID (a crash: nothing is flushed), then waits up to @p waitMs for it to end.
    bool kill(int waitMs = 5000);
    /// @brief Waits for a process that ends by itself (e.g. --exit-after-replay).
    bool waitForFinished(int timeoutMs);
    int exitCode() const;
    bool isRunning() const;

    quint16 hepPort() const;
    QUrl rpcUrl() const;
    QString hepAddress() const; ///< "127.0.0.1:<hepPort>"
    QString output() const;     ///< what calldeck printed (stdout and stderr)
    QString directory() const;
    QString errorString() const;
    QString commandLine() const;
    RpcResult rpc(const QString &method, const QJsonArray &params = {}, int timeoutMs = 5000);

    /// @brief build/bin/calldeck (CALLDECK_BIN_DIR).
    static QString program();

private:
    Options m_options;
    std::unique_ptr<TestDirectory> m_dir;
    std::unique_ptr<ManagedProcess> m_process;
    std::unique_ptr<QNetworkAccessManager> m_network;
    quint16 m_hepPort = 0;
    quint16 m_rpcPort = 0;
    int m_rpcId = 0;
    QString m_error;
};

} // namespace calldeck::integration
