// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/engine.h"

#include <algorithm>

#include <QStandardPaths>

#include "app/applogging.h"
#include "app/commandlineoptions.h"
#include "backend/alarmhistory.h"
#include "backend/alarmmonitor.h"
#include "backend/dialogcontrol.h"
#include "backend/dialogpersistence.h"
#include "backend/dialogstorewriter.h"
#include "backend/dmq/dmqfeed.h"
#include "backend/eventlog.h"
#include "backend/feedstaterecorder.h"
#include "backend/ingestqueue.h"
#include "backend/listenersettings.h"
#include "backend/mirrorlistener.h"
#include "backend/mirrorsettings.h"
#include "backend/profilesampler.h"
#include "backend/proxyconfig.h"
#include "backend/proxydbconfig.h"
#include "backend/proxydbfeed.h"
#include "backend/proxyfeed.h"
#include "backend/proxysettings.h"
#include "backend/settingvalue.h"
#include "backend/sipua/embeddedactions.h"
#include "backend/sipua/embeddedbridge.h"
#include "backend/sipua/localrequestsender.h"
#include "backend/sipua/sipuseragent.h"
#include "backend/sourceregistry.h"

using namespace Qt::StringLiterals;

QString Engine::defaultListener()
{
    return ListenerSettings::defaultListener();
}

Engine::Engine(EventLog *log)
    : m_log(log)
    , m_queue(std::make_unique<IngestQueue>())
    , m_sources(std::make_unique<SourceRegistry>())
{}

Engine::~Engine()
{
    // Reverse order of creation: no feed pushes into a queue that is gone.
    stopDmq();
    m_dmq.reset();
    stopProxies();
    m_proxies.clear();
    m_proxyDbs.clear();
    stopUserAgent();
    m_control.reset();
    stopListeners();
    m_listeners.clear();
    m_failedListeners.clear();
    if (m_feedStates)
    {
        m_feedStates->stop(); // the feeds' final state (listeners finished)
    }
    m_feedStates.reset();
    m_alarmHistory.reset();
    m_alarms.reset();  // reads the sampler and the core
    m_sampler.reset(); // writes the last samples; needs the core running
    if (m_worker)
    {
        m_worker->stop();
    }
    stopDialogStore(); // after the core: its last changes are written
    m_worker.reset();
    m_sources.reset();
    m_queue.reset();
}

QStringList Engine::listenerAddresses(const CommandLineOptions &options, const bool replayReplacesDefault)
{
    QStringList addresses = options.hepListeners();
    const bool replaced = replayReplacesDefault && !options.replayFile().isEmpty();
    if (addresses.isEmpty() && !options.hepOff() && !replaced)
    {
        addresses = ListenerSettings().effective();
    }
    return addresses;
}

bool Engine::isImplicitDefault(const CommandLineOptions &options, const QString &address)
{
    return address == defaultListener() && options.hepListeners().isEmpty() &&
           ListenerSettings().listeners().isEmpty();
}

QString Engine::defaultListenerHint()
{
    return tr("That is the default listener; pick another with --hep ADDR:PORT, or switch it off with "
              "--hep off.");
}

bool Engine::coreOptions(const CommandLineOptions &options, const CoreWorker::Clock clock,
                         CoreWorker::Options &out, QString *error)
{
    const bool ok = MirrorSettings().coreOptions(out, error);
    out.hepKey = options.hepKey().toStdString();
    out.ghostSeconds = static_cast<std::uint32_t>(ProxySettings().ghostMinutes()) * 60;
    out.clock = clock;
    return ok;
}

void Engine::startCore(CoreWorker::Options options, const bool deltas)
{
    if (m_worker)
    {
        return;
    }
    const bool live = options.clock == CoreWorker::Clock::Live;
    options.persistence = m_persistence;
    m_worker = std::make_unique<CoreWorker>(std::move(options), *m_queue, *m_sources, m_log);
    m_worker->setDeltasEnabled(deltas);
    m_worker->start();
    if (live)
    {
        // The charts' samples, once a second; Charts/HistoryHours of them kept on disk (0: none). A
        // replayed capture runs on packet time and gets none: it would mix into the live history.
        const CachedSettingValue<int> hours(u"Charts/HistoryHours"_s, 24,
                                            CachedSettingValue<int>::clamp(0, 24 * 30));
        ProfileSampler::Options so;
        so.retentionHours = std::max(1, hours.get());
        so.capacitySeconds = std::size_t(so.retentionHours) * 3600;
        if (hours.get() > 0 && m_storeUrl)
        {
            so.store = m_storeUrl; // its own file before issue #9: imported once
            so.legacyFile =
                QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/history.sqlite"_s;
        }
        m_sampler = std::make_unique<ProfileSampler>(*m_worker, so, m_log);
        m_sampler->start();
        m_alarms = std::make_unique<AlarmMonitor>(*m_worker, *m_sources, m_sampler.get(), m_log);
        m_alarms->start();
        if (m_storeUrl)
        {
            m_alarmHistory = std::make_unique<AlarmHistory>(*m_storeUrl, m_log);
            m_alarmHistory->attach(*m_alarms);
            m_feedStates = std::make_unique<FeedStateRecorder>(*m_storeUrl, *m_sources, m_log);
            m_feedStates->start();
        }
    }
    m_control = std::make_unique<DialogControl>(*m_worker, m_log);
}

bool Engine::startUserAgent(const QString &address, QString *error)
{
    Q_ASSERT(m_worker);
    SipUserAgent::Options options;
    if (!address.isEmpty())
    {
        const qsizetype colon = address.lastIndexOf(u':');
        options.address = address.left(colon);
        if (options.address.startsWith(u'[') && options.address.endsWith(u']'))
        {
            options.address = options.address.mid(1, options.address.size() - 2);
        }
        options.port = address.mid(colon + 1).toUShort();
    }
    auto ua = std::make_unique<SipUserAgent>(options);
    if (!ua->start(error))
    {
        return false;
    }
    m_ua = std::move(ua);
    m_sender = std::make_unique<LocalRequestSender>(*m_worker, *m_ua);
    LocalRequestSender *sender = m_sender.get();
    m_senderOnCore = std::make_shared<LocalRequestSender *>(sender);
    m_worker->call([sender, target = m_senderOnCore](CoreContext &ctx) {
        sender->setEngine(&ctx.engine);
        ctx.engine.setRequestSink([sender](const calldeck::core::LocalRequest &r) { sender->send(r); });
        // The core has no way to unregister an observer: it reaches the sender through a pointer
        // that stopUserAgent() clears on the core thread.
        ctx.engine.callbacks().registerObserver(
            calldeck::core::Dlgcb::Destroy,
            [target](calldeck::core::DialogHandle h, const calldeck::core::DialogCallbackParams &) {
                if (*target)
                {
                    (*target)->forgetProxy(CoreWorker::keyOf(h));
                }
            });
    });
    m_embedded = std::make_unique<EmbeddedActions>(*m_worker, *m_sender);
    m_control->setEmbedded(m_embedded.get());
    m_bridge = std::make_unique<EmbeddedBridge>(*m_ua, m_sender->contactUri());
    // Control/BridgeRingTimeout: seconds a called party may ring before CallDeck's CANCEL.
    const CachedSettingValue<int> ring(u"Control/BridgeRingTimeout"_s, 60,
                                       CachedSettingValue<int>::clamp(1, 600));
    m_bridge->setRingTimeoutMs(ring.get() * 1000);
    m_control->setBridge(m_bridge.get());
    if (m_log)
    {
        EventLog *log = m_log;
        QObject::connect(
            m_ua.get(), &SipUserAgent::requestReceived, m_embedded.get(),
            [log](const QByteArray &message, const QString &sender, int answeredWith) {
                // A NOTIFY reports a REFER's progress in a message/sipfrag body.
                const qsizetype body = message.indexOf("\r\n\r\n");
                const QByteArray first = message.left(message.indexOf("\r\n"));
                QString text = QString::fromUtf8(first) + u" from "_s + sender;
                if (body >= 0 && body + 4 < message.size())
                {
                    const QByteArray frag = message.mid(body + 4);
                    text += u": "_s + QString::fromUtf8(frag.left(frag.indexOf("\r\n"))).left(120);
                }
                log->append(EventLogEntry::Severity::Info, u"sip"_s,
                            text + u" (answered %1)"_s.arg(answeredWith));
            },
            Qt::QueuedConnection);
    }
    qCInfo(lcApp) << "embedded SIP user agent on" << m_ua->address() << m_ua->port();
    return true;
}

SipUserAgent *Engine::userAgent() const
{
    return m_ua.get();
}

void Engine::stopUserAgent()
{
    if (!m_ua)
    {
        return;
    }
    if (m_control)
    {
        m_control->setEmbedded(nullptr);
        m_control->setBridge(nullptr);
    }
    if (m_worker && m_worker->running())
    {
        m_worker->call([target = m_senderOnCore](CoreContext &ctx) {
            ctx.engine.setRequestSink({});
            *target = nullptr;
        });
    }
    m_bridge.reset(); // cancels what still rings
    m_ua->stop();
    m_embedded.reset();
    m_sender.reset();
    m_ua.reset();
}

ProxyFeed *Engine::startProxy(const ProxyConfig &config)
{
    Q_ASSERT(m_worker);
    const quint16 id = m_sources->add(u"rpc"_s, config.name);
    auto feed =
        std::make_unique<ProxyFeed>(id, config.name, config.endpoint, config.options, *m_sources, m_log);
    CoreWorker *worker = m_worker.get();
    QObject::connect(feed.get(), &ProxyFeed::listingReady, feed.get(),
                     [this, worker, name = config.name, feed = feed.get()](
                         quint16 origin, const std::shared_ptr<const DialogListPayload> &listing) {
                         if (!dmqMemberUnknown(*feed) && !m_dmqMembers.contains(origin))
                         {
                             worker->applyProxyListing(origin, name, listing); // a member's come from the bus
                         }
                     });
    QObject::connect(feed.get(), &ProxyFeed::unreachable, feed.get(), [this, worker](quint16 origin) {
        if (!m_dmqMembers.contains(origin))
        {
            worker->markProxyStale(origin);
        }
    });
    QObject::connect(feed.get(), &ProxyFeed::statusChanged, feed.get(), [this] {
        if (m_dmq)
        {
            linkDmqMembers();
        }
    });
    m_control->addProxy(feed.get());
    feed->start();
    qCInfo(lcApp) << "watching proxy" << config.name << "at" << config.endpoint.toDisplayString();
    m_proxies.push_back(std::move(feed));
    return m_proxies.back().get();
}

void Engine::stopProxies()
{
    for (const auto &feed : m_proxies)
    {
        feed->stop();
    }
    for (const auto &feed : m_proxyDbs)
    {
        feed->stop();
    }
}

ProxyDbFeed *Engine::startProxyDb(const ProxyDbConfig &config)
{
    Q_ASSERT(m_worker);
    const quint16 id = m_sources->add(u"db"_s, config.name);
    auto feed = std::make_unique<ProxyDbFeed>(id, config.name, config.url, config.options, *m_sources, m_log);
    CoreWorker *worker = m_worker.get();
    QObject::connect(feed.get(), &ProxyDbFeed::listingReady, feed.get(),
                     [worker, name = config.name](quint16 origin,
                                                  const std::shared_ptr<const DialogListPayload> &listing) {
                         worker->applyProxyListing(origin, name, listing);
                     });
    QObject::connect(feed.get(), &ProxyDbFeed::unreachable, feed.get(),
                     [worker](quint16 origin) { worker->markProxyStale(origin); });
    m_control->addReadOnlyFeed(id, feed->actionsText());
    feed->start();
    qCInfo(lcApp) << "reading proxy" << config.name << "from" << config.url.display();
    m_proxyDbs.push_back(std::move(feed));
    return m_proxyDbs.back().get();
}

void Engine::startProxyDbs(const CommandLineOptions &options)
{
    for (const QString &spec : options.proxyDbs())
    {
        QString error;
        std::optional<ProxyDbConfig> config = ProxyDbConfig::parse(spec, &error);
        if (!config)
        {
            qCWarning(lcApp).noquote() << "--proxy-db:" << error; // parse() refused it before
            continue;
        }
        QStringList taken;
        for (const auto &feed : m_proxies)
        {
            taken.append(feed->name());
        }
        for (const auto &feed : m_proxyDbs)
        {
            taken.append(feed->name());
        }
        const QString base = config->name;
        for (int n = 2; taken.contains(config->name); ++n)
        {
            config->name = u"%1 (%2)"_s.arg(base).arg(n);
        }
        startProxyDb(*config);
    }
}

void Engine::reloadProxies(const QList<ProxyConfig> &configs)
{
    for (const auto &feed : m_proxies)
    {
        feed->stop();
        m_control->removeProxy(feed->origin());
        m_worker->removeProxy(feed->origin());
        m_sources->setState(feed->origin(), SourceHealth::State::Finished, u"removed in the settings"_s);
    }
    m_proxies.clear();
    for (const ProxyConfig &config : configs)
    {
        startProxy(config);
    }
}

const std::vector<std::unique_ptr<ProxyFeed>> &Engine::proxies() const
{
    return m_proxies;
}

DialogControl &Engine::control() const
{
    Q_ASSERT(m_control);
    return *m_control;
}

bool Engine::startListener(const QString &address, QString *error)
{
    auto listener = std::make_unique<MirrorListener>(address, *m_queue, *m_sources);
    if (!listener->start(error))
    {
        qCDebug(lcApp) << "listener" << address << "not started";
        m_failedListeners.push_back(std::move(listener));
        return false; // its feeds stay in the registry, marked Failed with the reason
    }
    m_listeners.push_back(std::move(listener));
    return true;
}

void Engine::stopListeners()
{
    for (const auto &listener : m_listeners)
    {
        listener->stop();
    }
}

Engine::ListenerChanges Engine::reloadListeners(const QStringList &addresses)
{
    ListenerChanges changes;
    QStringList wanted;
    for (const QString &address : addresses)
    {
        if (!wanted.contains(ListenerSettings::normalized(address)))
        {
            wanted << ListenerSettings::normalized(address);
        }
    }
    const auto isWanted = [&wanted](const MirrorListener &l) {
        return wanted.contains(ListenerSettings::normalized(l.address()));
    };
    const auto retire = [this](MirrorListener &l) {
        l.stop(); // before the new ones start, so that one of them can take the port
        for (const quint16 id : {l.udpSourceId(), l.tcpSourceId()})
        {
            m_sources->setState(id, SourceHealth::State::Finished, u"removed in the settings"_s);
        }
    };
    std::vector<std::unique_ptr<MirrorListener>> running;
    for (auto &listener : m_listeners)
    {
        if (isWanted(*listener) && listener->running())
        {
            changes.kept << listener->address();
            running.push_back(std::move(listener));
            continue;
        }
        retire(*listener);
        changes.stopped << listener->address();
    }
    std::vector<std::unique_ptr<MirrorListener>> failed;
    for (auto &listener : m_failedListeners)
    {
        if (isWanted(*listener))
        {
            failed.push_back(std::move(listener)); // tried again below, on the same feeds
            continue;
        }
        retire(*listener);
    }
    m_listeners = std::move(running);
    m_failedListeners.clear();
    for (const QString &address : addresses)
    {
        const QString key = ListenerSettings::normalized(address);
        const auto same = [&key](const std::unique_ptr<MirrorListener> &l) {
            return l && ListenerSettings::normalized(l->address()) == key;
        };
        if (std::any_of(m_listeners.begin(), m_listeners.end(), same) ||
            std::any_of(m_failedListeners.begin(), m_failedListeners.end(), same))
        {
            continue; // kept, or given twice
        }
        auto retry = std::find_if(failed.begin(), failed.end(), same);
        std::unique_ptr<MirrorListener> listener =
            retry != failed.end() ? std::move(*retry)
                                  : std::make_unique<MirrorListener>(address, *m_queue, *m_sources);
        QString error;
        if (listener->start(&error))
        {
            changes.started << listener->address();
            m_listeners.push_back(std::move(listener));
            continue;
        }
        // The feeds say what to do where the list came from, besides the backend's --hep advice.
        for (const quint16 id : {listener->udpSourceId(), listener->tcpSourceId()})
        {
            m_sources->setState(id, SourceHealth::State::Failed,
                                error + u"; or change it in Settings → Mirror listeners"_s);
        }
        changes.failed.append({listener->address(), error});
        m_failedListeners.push_back(std::move(listener));
    }
    for (const auto &left : failed)
    {
        if (left)
        {
            retire(*left); // a second failed listener on an address given twice at start
        }
    }
    return changes;
}

void Engine::stopCore(const int timeoutMs)
{
    if (m_worker)
    {
        m_worker->stop(timeoutMs);
    }
    stopDialogStore();
}

IngestQueue &Engine::queue() const
{
    return *m_queue;
}

SourceRegistry &Engine::sources() const
{
    return *m_sources;
}

CoreWorker &Engine::worker() const
{
    Q_ASSERT(m_worker);
    return *m_worker;
}

bool Engine::hasCore() const
{
    return m_worker != nullptr;
}

const std::vector<std::unique_ptr<MirrorListener>> &Engine::listeners() const
{
    return m_listeners;
}
