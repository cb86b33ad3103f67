// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include "backend/coreworker.h"
#include "backend/storeurl.h"

class CommandLineOptions;
class DialogControl;
class EmbeddedActions;
class EmbeddedBridge;
class AlarmMonitor;
class AlarmHistory;
class FeedStateRecorder;
class DialogPersistence;
class DialogStoreWriter;
class ProfileSampler;
class EventLog;
class LocalRequestSender;
class SipUserAgent;
class ProxyFeed;
struct ProxyConfig;
class ProxyDbFeed;
class DmqFeed;
struct DmqConfig;
struct ProxyDbConfig;
class IngestQueue;
class MirrorListener;
class SourceRegistry;

/// @brief The engine both modes run (`calldeck` and `calldeck --headless`): the ingest queue, the
/// source registry, the core worker and the HEP/raw-SIP listeners, created in that order and
/// freed in the reverse order. The composition roots (Application, HeadlessRunner) decide what
/// to do with a failure: the console reports it and keeps running, headless mode exits.
class Engine final
{
    Q_DECLARE_TR_FUNCTIONS(Engine)
    Q_DISABLE_COPY_MOVE(Engine)

public:
    /// @brief The embedded default listener of DESIGN.md.
    static QString defaultListener();

    /// @param log receives the core's warnings; may be null
    explicit Engine(EventLog *log);
    ~Engine();

    /// @brief The listeners to open: the --hep addresses; without any, those of Settings →
    /// Mirror listeners (ListenerSettings), or the embedded default when none is stored, unless
    /// --hep off is given or (with @p replayReplacesDefault, headless mode) a --replay file.
    static QStringList listenerAddresses(const CommandLineOptions &options, bool replayReplacesDefault);
    /// @brief True when @p address is the default that neither --hep nor the settings asked for.
    static bool isImplicitDefault(const CommandLineOptions &options, const QString &address);
    /// @brief What to do when the implicit default listener cannot be opened (translated).
    static QString defaultListenerHint();

    /// @brief Core options from the settings (MirrorSettings: profile rules, timers, history) and
    /// the command line (--hep-key), running on @p clock.
    /// @return false with @p error (English, says what to do) when a profile rule is bad; the
    /// options then carry everything but the rules, so a console can still run with them
    static bool coreOptions(const CommandLineOptions &options, CoreWorker::Clock clock,
                            CoreWorker::Options &out, QString *error);

    /// @brief Opens the dialog store for the core (issue #9), before startCore(): the --db URL
    /// (else calldeck.db in the user data directory) in the --db-mode (else Settings
    /// Store/DbMode; with --db alone, real-time). Mode 0 opens nothing. Reads what the store
    /// holds; startCore() restores it before the first packet.
    /// @return false with @p error (English, says what to do); the core then runs without a store
    bool openDialogStore(const CommandLineOptions &options, QString *error);
    /// @brief The dialog store's writer, or null (mode 0, or not opened).
    DialogStoreWriter *dialogStore() const { return m_storeWriter.get(); }

    /// @brief The store of CallDeck's own tables (charts' history, alarms' history, feeds' last
    /// state: CommandLineOptions::storeUrl()), before startCore(); without it they stay in memory.
    void setStoreUrl(const StoreUrl &url) { m_storeUrl = url; }

    /// @brief Creates and starts the core thread; @p deltas for views that take deltas.
    void startCore(CoreWorker::Options options, bool deltas);
    /// @brief Opens one HEP/raw-SIP listener (UDP and TCP). When it cannot be opened, its two
    /// feeds stay in the registry as Failed with the error, and nothing listens on @p address.
    /// @param error on failure the backend's reason (English), which says what to do next
    bool startListener(const QString &address, QString *error);
    /// @brief Starts watching one proxy over its JSON-RPC (a feed in the registry, its dialogs in
    /// the core, its actions through control()). Needs the core.
    ProxyFeed *startProxy(const ProxyConfig &config);
    /// @brief Starts reading one proxy's dialog database (a "db" feed in the registry, its dialogs
    /// in the core; actions on them are refused with the reason). Needs the core.
    ProxyDbFeed *startProxyDb(const ProxyDbConfig &config);
    /// @brief startProxyDb() for each --proxy-db of @p options (validated when parsed); a name
    /// another feed has already gets " (N)".
    void startProxyDbs(const CommandLineOptions &options);
    const std::vector<std::unique_ptr<ProxyDbFeed>> &proxyDbs() const { return m_proxyDbs; }
    /// @brief Joins the DMQ bus as a passive node (a "dmq" feed and one "dmq-node" per node in the
    /// registry, each node's dialogs in the core). Needs the core and control().
    /// @return false with @p error (English) when its socket cannot be bound
    bool startDmq(const DmqConfig &config, QString *error);
    /// @brief Leaves the bus (goodbye to the active nodes, bounded) and stops the node.
    void stopDmq();
    DmqFeed *dmq() const { return m_dmq.get(); }
    /// @brief Pairs each --rpc proxy that is a node of the bus (its dmq.list_nodes names its own
    /// address) with that node: actions on the node's dialogs go through the proxy's JSON-RPC, and
    /// the proxy's dlg.list no longer adds rows (the bus already brings its dialogs).
    void linkDmqMembers();
    /// @brief With --dmq: true while it is not known yet whether @p feed's proxy is a node of the
    /// bus (its methods, then its dmq.list_nodes, have not answered): its listings wait, so that
    /// its dialogs do not show twice for a moment.
    bool dmqMemberUnknown(const ProxyFeed &feed) const;
    /// @brief Stops every proxy feed and proxy DB feed (no request or read runs afterwards).
    void stopProxies();
    /// @brief Replaces the proxy feeds by @p configs (settings changed): the old feeds stop and
    /// their dialogs leave the console; the new ones start polling.
    void reloadProxies(const QList<ProxyConfig> &configs);
    const std::vector<std::unique_ptr<ProxyFeed>> &proxies() const;
    /// @brief Starts CallDeck's own SIP user agent on @p address ("ADDR:PORT"; empty: 127.0.0.1 on
    /// an ephemeral port) for the dialogs only the mirror sees: the core's BYEs (dlg_bye, BYE on
    /// timeout) and REFERs go out through it. Needs the core.
    /// @return false with @p error (English, says what to do); control then answers those actions
    /// with the reason
    bool startUserAgent(const QString &address, QString *error);
    /// @brief The running user agent, or null.
    SipUserAgent *userAgent() const;

    /// @brief Routes actions to the dialogs' owners; valid after startCore().
    DialogControl &control() const;

    /// @brief Stops every listener (their feeds become Finished); no new packets arrive after it.
    void stopListeners();
    /// @brief What reloadListeners() did.
    struct ListenerChanges
    {
        QStringList kept;                          ///< still listening, untouched
        QStringList started;                       ///< opened now
        QStringList stopped;                       ///< no longer in the list: closed, their feeds Finished
        QList<std::pair<QString, QString>> failed; ///< address and the backend's reason (English)
    };
    /// @brief Replaces the listeners by @p addresses (settings changed) without touching the
    /// core: a listener whose address is still in the list keeps running, the others stop, the
    /// new ones start, and one that failed before is tried again (on the same feeds). A failure
    /// leaves the others running.
    ListenerChanges reloadListeners(const QStringList &addresses);
    /// @brief Stops the core after what is queued has been processed (bounded by @p timeoutMs).
    void stopCore(int timeoutMs);
    /// @brief Writes what the store still lacks (bounded) and closes it; after stopCore().
    void stopDialogStore();
    /// @brief Stops the user agent (transactions end) and detaches it from the core.
    void stopUserAgent();

    IngestQueue &queue() const;
    SourceRegistry &sources() const;
    /// @brief The core worker; only valid after startCore().
    CoreWorker &worker() const;
    bool hasCore() const;
    /// @brief The charts' samples (null before startCore() and for a replay on packet time).
    ProfileSampler *sampler() const { return m_sampler.get(); }
    /// @brief The alarms (beside the sampler: null before startCore() and for a replay on packet time).
    AlarmMonitor *alarms() const { return m_alarms.get(); }
    /// @brief The listeners that are listening, in the order they were opened.
    const std::vector<std::unique_ptr<MirrorListener>> &listeners() const;

private:
    EventLog *m_log;
    std::unique_ptr<IngestQueue> m_queue;
    std::unique_ptr<SourceRegistry> m_sources;
    std::unique_ptr<CoreWorker> m_worker;
    std::vector<std::unique_ptr<MirrorListener>> m_listeners;
    std::vector<std::unique_ptr<MirrorListener>> m_failedListeners; ///< kept so a retry reuses the feeds
    std::unique_ptr<DialogControl> m_control;
    std::unique_ptr<SipUserAgent> m_ua;
    std::unique_ptr<LocalRequestSender> m_sender;
    std::unique_ptr<EmbeddedActions> m_embedded;
    std::unique_ptr<EmbeddedBridge> m_bridge;
    std::shared_ptr<LocalRequestSender *> m_senderOnCore; ///< what the core's destroy observer reaches
    std::vector<std::unique_ptr<ProxyFeed>> m_proxies;
    std::vector<std::unique_ptr<ProxyDbFeed>> m_proxyDbs;
    std::unique_ptr<DmqFeed> m_dmq;
    QHash<QString, quint16> m_dmqNodes; ///< node URI → its registry row (origin of its dialogs)
    QSet<quint16> m_dmqMembers;         ///< proxy feeds paired with a node: their listings are not applied
    std::unique_ptr<ProfileSampler> m_sampler;
    std::unique_ptr<AlarmMonitor> m_alarms;
    std::optional<StoreUrl> m_storeUrl;               ///< CallDeck's own tables (setStoreUrl())
    std::unique_ptr<AlarmHistory> m_alarmHistory;     ///< the alarms' events in the store
    std::unique_ptr<FeedStateRecorder> m_feedStates;  ///< the feeds' last state in the store
    std::unique_ptr<DialogStoreWriter> m_storeWriter; ///< outlives the core: written until stopCore()
    std::shared_ptr<DialogPersistence> m_persistence; ///< handed to the core at startCore()
};
