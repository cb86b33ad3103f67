// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <memory>

#include <QHash>
#include <QJsonArray>
#include <QJsonValue>
#include <QObject>
#include <QSet>
#include <QTimer>

#include "backend/dialogaction.h"
#include "backend/proxystatus.h"
#include "backend/rpcendpoint.h"
#include "backend/rpcoutcome.h"

class DialogListPool;
class EventLog;
class JsonRpcClient;
class SourceRegistry;

/// @brief One proxy watched over its JSON-RPC (`--rpc URL`): polls `dlg.list` and the side
/// facts (`dlg.stats_active`, `stats.get_statistics dialog:`, `dlg.profile_get_size` of every
/// known profile, `core.uptime`; `core.version`, `system.listMethods` and the CallDeck helper
/// probe on every (re)connect), keeps its health, and runs actions on its dialogs.
///
/// Polls never overlap: the next cycle is scheduled when the current one has ended. A failed
/// `dlg.list` ends the cycle at once (the side calls are dropped), reports unreachable() so the
/// core marks the proxy's dialogs stale, and the interval doubles up to Options::maxIntervalMs;
/// the first good poll brings it back. Three requests channels, each a JsonRpcClient with its own
/// connection: polling, actions (so an action never waits behind a big `dlg.list`) and the
/// helper include at Options::helperPath.
///
/// Lives on the thread that creates it (the main thread); the HTTP work runs on RPC threads.
class ProxyFeed final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProxyFeed)

public:
    struct Options
    {
        int intervalMs = 1000;     ///< between the starts of two polls
        int maxIntervalMs = 30000; ///< backoff cap while the proxy fails
        int downAfterErrors = 3;   ///< consecutive failed polls before "down"
        QStringList profiles;      ///< polled with dlg.profile_get_size besides those learnt
        QString helperPath = QStringLiteral("/calldeck");
    };
    /// @brief The result of an action: the proxy's result, or the error (English detail).
    using Done = std::function<void(const RpcOutcome &outcome)>;

    /// @param origin the feed's id in the SourceRegistry (also its dialogs' origin in the core)
    ProxyFeed(quint16 origin, const QString &name, const RpcEndpoint &endpoint, const Options &options,
              SourceRegistry &sources, EventLog *log, QObject *parent = nullptr);
    ~ProxyFeed() override;

    quint16 origin() const { return m_origin; }
    const QString &name() const { return m_status.name; }
    const ProxyStatus &status() const { return m_status; }
    const RpcEndpoint &endpoint() const { return m_endpoint; }

    void start();
    /// @brief Stops polling and drops every request still running (their Done is not called).
    void stop();
    /// @brief Polls now unless a poll is running.
    void pollNow();

    /// @brief The error code of an action refused because the proxy cannot do it.
    static constexpr int UnavailableCode = 501;

    /// @brief Whether the proxy can do @p action now; @p why (English) says why not.
    bool can(DialogAction action, QString *why = nullptr) const;
    /// @brief Runs @p action with Kamailio's positional @p params (see DialogActionInfo); an action
    /// the proxy cannot do fails at once (asynchronously) with the reason, it is never sent.
    void run(DialogAction action, const QJsonArray &params, Done done);

signals:
    /// @brief A complete `dlg.list`: the proxy's dialogs at this moment. Read-only for every
    /// receiver; the core (CoreWorker::applyProxyListing) takes the dialogs over only when it holds
    /// the last reference, and copies them otherwise.
    void listingReady(quint16 origin, const std::shared_ptr<const DialogListPayload> &listing);
    /// @brief A poll failed: the dialogs last listed are stale until the next good poll.
    void unreachable(quint16 origin);
    void statusChanged(quint16 origin);

private:
    void startCycle();
    void endCycle();
    void onListing(int id, const std::shared_ptr<DialogListPayload> &listing);
    void onPollFinished(int id, const QJsonValue &result);
    void onPollFailed(int id, const RpcError &error);
    void onControlFinished(int id, const QJsonValue &result);
    void onControlFailed(int id, const RpcError &error);
    void onHelperFinished(int id, const QJsonValue &result);
    void onHelperFailed(int id, const RpcError &error);
    void failList(const RpcError &error);
    void setState(ProxyStatus::State state);
    void publish();
    void note(bool error, const QString &message);

    enum class Side : std::uint8_t
    {
        List,
        StatsActive,
        Statistics,
        ProfileSize,
        Uptime,
        Version,
        Methods,
        DmqNodes, ///< dmq.list_nodes: the proxy's own DMQ address (a member of a DMQ bus)
    };

    quint16 m_origin;
    RpcEndpoint m_endpoint;
    Options m_options;
    SourceRegistry &m_sources;
    EventLog *m_log;
    ProxyStatus m_status;
    std::shared_ptr<DialogListPool> m_pool;
    std::unique_ptr<JsonRpcClient> m_poll;
    std::unique_ptr<JsonRpcClient> m_control;
    std::unique_ptr<JsonRpcClient> m_helper;
    QTimer m_timer;
    bool m_running = false;
    bool m_inCycle = false;
    bool m_cycleFailed = false;
    bool m_sideFailed = false;
    bool m_needFacts = true; ///< version, methods and the helper probe are due (first poll, after down)
    qint64 m_cycleStartMs = 0;
    QHash<int, std::pair<Side, QString>> m_outstanding; // poll request id → what it asked
    QHash<int, Done> m_controlDone;
    QHash<int, Done> m_helperDone;
    int m_helperProbe = 0;
    QSet<QString> m_learntProfiles;
    QList<QPair<QString, qint64>> m_sizes; // collected during a cycle
};
