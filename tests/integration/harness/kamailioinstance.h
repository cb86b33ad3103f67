// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include <QJsonArray>
#include <QString>
#include <QStringList>
#include <QUrl>

#include "managedprocess.h"
#include "rpcresult.h"
#include "testdirectory.h"

class QNetworkAccessManager;

namespace calldeck::integration
{

/// @brief A real Kamailio 5.6 started by a test, with the project's test config
/// (tests/integration/kamailio/calldeck-test.cfg), on free ports of 127.0.0.1.
///
/// start() copies the config into a private run directory, starts
/// `kamailio -DD -E -f CFG -Y RUNDIR -P RUNDIR/kamailio.pid -w RUNDIR -m 512 -M 64 -A ...`
/// in the foreground, takes the PID from the pidfile and waits (bounded) until the SIP UDP port
/// answers an OPTIONS and the HTTP JSON-RPC answers core.version. stop() and the destructor
/// send SIGTERM to that PID, then SIGKILL after 5 s. The run directory (config, log, the
/// command line in command.txt) is removed unless CALLDECK_KEEP_TEST_DIRS=1.
/// Needs a QCoreApplication (QNetworkAccessManager); meant for tests only: rpc() blocks.
class KamailioInstance final
{
    Q_DISABLE_COPY_MOVE(KamailioInstance)

public:
    struct Options
    {
        /// Where every new INVITE goes: the callee UAS on 127.0.0.1 (define UAS_PORT).
        quint16 uasPort = 0;
        /// HEP mirror "host:port" (siptrace duplicate_uri, HEPv3); empty = no mirroring.
        QString mirror{};
        /// HEP capture agent id sent with the mirror.
        int hepCaptureId = 2001;
        /// dialog default_timeout in seconds.
        int defaultTimeout = 43200;
        /// A dialog that reaches its timeout gets a BYE on both legs (WITH_TIMEOUT_BYE).
        bool timeoutBye = false;
        /// Include CallDeck's proxy helper (resources/kamailio/calldeck-helpers.cfg, copied next
        /// to the config) and answer POST /calldeck with it; false defines
        /// WITHOUT_CALLDECK_HELPER, and /calldeck gets the config's 404 for unknown paths.
        bool helper = true;
        /// Further pre-processor defines: "NAME" or "NAME=value" (each becomes -A).
        QStringList extraDefines{};
        /// Another config file (default: tests/integration/kamailio/calldeck-test.cfg).
        QString configFile{};
        /// How long start() waits for SIP and RPC to answer.
        int startTimeoutMs = 10000;
        /// Fixed SIP and RPC ports (0 = pick free ones), e.g. to restart a proxy where a console
        /// still polls it: pass the ports of the instance it replaces.
        quint16 sipPort = 0;
        quint16 rpcPort = 0;
        /// Be a DMQ node (WITH_DMQ: dmq module, dialog enable_dmq 1) on its own UDP port.
        bool dmq = false;
        /// The DMQ port (0 = a free one); fixed to restart a node under the same address.
        quint16 dmqPort = 0;
        /// The node's notification peer "host:port"; empty = it notifies nobody (first node).
        QString dmqNotify{};
        /// dialog h_id_start / h_id_step: disjoint id series per node (start < step).
        int hIdStart = 0;
        int hIdStep = 1;
        /// dmq ping_interval in seconds (Kamailio 5.6.3 raises anything below 5 to 5).
        int pingInterval = 60;
    };

    KamailioInstance();
    explicit KamailioInstance(Options options);
    /// @brief Stops Kamailio (by PID) and removes the run directory.
    ~KamailioInstance();

    /// @brief Starts Kamailio and waits until it answers; retries with new ports (at most
    /// 3 times) when a port was taken in between.
    /// @return false with errorString() saying what failed and what to do next.
    bool start();
    /// @brief SIGTERM to the PID from the pidfile, SIGKILL after 5 s; true when it exited on
    /// the SIGTERM.
    bool stop();
    bool isRunning() const;

    /// @brief PID from the pidfile (the main process of `kamailio -DD`).
    qint64 pid() const;
    quint16 sipPort() const;
    quint16 rpcPort() const;
    /// @brief http://127.0.0.1:<rpcPort>/RPC
    QUrl rpcUrl() const;
    /// @brief http://127.0.0.1:<rpcPort>/calldeck, the proxy helper's JSON-RPC.
    QUrl helperUrl() const;
    /// @brief "127.0.0.1:<sipPort>", a sipp target.
    QString sipTarget() const;
    /// @brief The DMQ UDP port (0 without Options::dmq).
    quint16 dmqPort() const;
    /// @brief "sip:127.0.0.1:<dmqPort>", the node's DMQ server_address.
    QString dmqUri() const;
    QString runDir() const;
    QString logPath() const;
    /// @brief Everything Kamailio wrote to stdout/stderr so far.
    QString log() const;
    /// @brief The log lines that contain ERROR, CRITICAL or "parse error".
    QStringList logErrors() const;
    /// @brief The command line used, quoted for a shell.
    QString commandLine() const;
    QString errorString() const;
    const Options &options() const;

    /// @brief One JSON-RPC 2.0 request (POST to rpcUrl()), blocking at most @p timeoutMs.
    RpcResult rpc(const QString &method, const QJsonArray &params = {}, int timeoutMs = 5000);
    /// @brief Like rpc(), to helperUrl() (the calldeck.* methods of the proxy helper).
    RpcResult helperRpc(const QString &method, const QJsonArray &params = {}, int timeoutMs = 5000);

private:
    bool startOnce(bool *retryable);
    QStringList buildArguments(const QString &config) const;
    bool waitUntilReady(bool *retryable);
    bool sipAnswersOptions(int timeoutMs) const;
    qint64 readPidFile() const;
    QString failure(const QString &what) const;
    bool copyConfig(const QString &source, const QString &target);
    RpcResult post(const QUrl &url, const QString &method, const QJsonArray &params, int timeoutMs);

    Options m_options;
    std::unique_ptr<TestDirectory> m_dir;
    std::unique_ptr<ManagedProcess> m_process;
    std::unique_ptr<QNetworkAccessManager> m_network;
    quint16 m_sipPort = 0;
    quint16 m_rpcPort = 0;
    quint16 m_dmqPort = 0;
    qint64 m_pid = 0;
    int m_rpcId = 0;
    QString m_error;
};

} // namespace calldeck::integration
