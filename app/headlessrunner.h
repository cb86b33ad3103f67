// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include "app/commandlineoptions.h"

class AuditLog;
class CaptureReplay;
class Engine;
class EventLog;
class RpcServer;
class SignalWatcher;

/// @brief `calldeck --headless`: the engine without a window. The composition root of that mode:
/// it creates the event log, the Engine (ingest queue, source registry, core worker, HEP
/// listeners), the capture replay and the served JSON-RPC in that order, runs until SIGINT,
/// SIGTERM or (with --exit-after-replay) the end of the replay, then stops the feeds, lets the
/// core finish what was queued, writes --export and --stats and frees everything in reverse
/// order. Operator messages go to stderr; stdout carries only the --stats line.
class HeadlessRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HeadlessRunner)

public:
    /// @brief A feed could not start, a file could not be read or written.
    static constexpr int ExitFailure = 1;
    /// @brief Longest wait for the core at the end (barrier, export, statistics).
    static constexpr int FinalCallTimeoutMs = 60000;

    explicit HeadlessRunner(const CommandLineOptions &options, QObject *parent = nullptr);
    ~HeadlessRunner() override;

    /// @brief Starts everything and runs the event loop; returns the process exit code.
    int exec();

private:
    bool start();
    bool startListeners();
    bool startReplay();
    bool startRpc();
    bool startProxies();
    void announce() const;
    void onSignal(int signalNumber);
    void onReplayFinished(bool ok, const QString &error, quint64 packets, quint64 messages);
    void printProgress();
    /// Stops the feeds, waits for the core, writes the export and the statistics, stops the rest.
    void shutdown(int exitCode);
    void teardown();

    const CommandLineOptions m_options;
    QElapsedTimer m_elapsed;
    std::unique_ptr<EventLog> m_log;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<AuditLog> m_audit; ///< the served RPC's actions
    std::unique_ptr<CaptureReplay> m_replay;
    std::unique_ptr<RpcServer> m_rpc;
    SignalWatcher *m_signals = nullptr;
    QTimer m_progressTimer;
    double m_progress = 0;
    bool m_replayDone = false;
    qint64 m_lastProgressMs = 0;
    quint64 m_lastProgressMessages = 0;
    bool m_stopping = false;
};
