// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/application.h"

#include <QApplication>
#include <QSettings>

#include "app/applogging.h"
#include "app/commandlineoptions.h"
#include "app/engine.h"
#include "app/hostport.h"
#include "backend/alarmmonitor.h"
#include "backend/appsettings.h"
#include "backend/auditlog.h"
#include "backend/coreworker.h"
#include "backend/dialogcontrol.h"
#include "backend/eventlog.h"
#include "backend/listenersettings.h"
#include "backend/mirrorlistener.h"
#include "backend/proxyconfig.h"
#include "backend/proxysettings.h"
#include "backend/sipua/sipuseragent.h"
#include "ui/alarmsui.h"
#include "ui/listenersettingsdialog.h"
#include "ui/mainwindow.h"
#include "ui/proxysettingsdialog.h"
#include "ui/snapshotactions.h"

using namespace Qt::StringLiterals;

namespace
{
const QString AppSource = u"app"_s;
} // namespace

Application::Application(const CommandLineOptions &options, const QString &languageNote, QObject *parent)
    : QObject(parent)
{
    // 1. Settings: everything below reads them.
    m_settings = std::make_unique<AppSettings>();

    // 2. Event log: before anything that may report to the operator.
    m_eventLog = std::make_unique<EventLog>(m_settings->eventLogCapacity());
    m_eventLog->append(EventLogEntry::Severity::Info, AppSource,
                       tr("CallDeck %1 started (Qt %2).")
                           .arg(QCoreApplication::applicationVersion(), QString::fromLatin1(qVersion())));
    if (!languageNote.isEmpty())
    {
        m_eventLog->append(EventLogEntry::Severity::Warning, AppSource, languageNote);
    }

    MainWindow::Options windowOptions;
    windowOptions.readOnly = options.readOnly() || m_settings->isReadOnly();
    windowOptions.readOnlyLocked = options.readOnly();
    windowOptions.embeddedListener = !options.hepOff();
    windowOptions.refreshIntervalMs = m_settings->refreshIntervalMs();
    if (windowOptions.readOnly)
    {
        m_eventLog->append(EventLogEntry::Severity::Info, AppSource,
                           options.readOnly()
                               ? tr("Read-only mode (--read-only): control actions are refused.")
                               : tr("Read-only mode (set in the settings): control actions are "
                                    "refused."));
    }

    // 3. The engine: queue, sources, core, listeners.
    startEngine(options);

    // 4. The window: it shows the objects above.
    m_audit = std::make_unique<AuditLog>(options.storeUrl(), m_eventLog.get());
    m_audit->setLegacyFile(AuditLog::defaultPath()); // audit.jsonl before issue #9: imported once
    m_audit->open();
    m_audit->attach(m_engine->control());
    const MainWindow::Services services{&m_engine->worker(),  &m_engine->sources(), &m_engine->queue(),
                                        &m_engine->control(), m_audit.get(),        m_settings.get()};
    m_mainWindow = std::make_unique<MainWindow>(m_eventLog.get(), services, windowOptions);

    if (AlarmMonitor *alarms = m_engine->alarms())
    {
        new AlarmsUi(*alarms, *m_mainWindow); // a child of the window: goes before the engine
    }
    connect(m_mainWindow.get(), &MainWindow::proxySettingsRequested, this,
            [this, urls = options.rpcUrls()] { editProxies(urls); });
    connect(m_mainWindow.get(), &MainWindow::listenerSettingsRequested, this,
            [this, hep = options.hepListeners(), off = options.hepOff()] { editListeners(hep, off); });

    // 5. --replay FILE goes the way of File → Open capture….
    if (!options.replayFile().isEmpty())
    {
        m_mainWindow->replayCapture(options.replayFile(), options.replayPace());
    }
    // 6. calldeck FILE.cdsnap goes the way of File → Open snapshot….
    if (!options.snapshotFile().isEmpty())
    {
        m_mainWindow->snapshotActions()->openFile(options.snapshotFile());
    }
    qCDebug(lcApp) << "console ready; read-only:" << windowOptions.readOnly;
}

Application::~Application()
{
    // Reverse order of creation: nothing may outlive what it points to. The window goes first
    // (it cancels a running replay), then the feeds and the core.
    m_mainWindow.reset();
    m_engine.reset();
    m_audit.reset();
    m_eventLog.reset();
    m_settings.reset();
}

void Application::startEngine(const CommandLineOptions &options)
{
    m_engine = std::make_unique<Engine>(m_eventLog.get());

    // A bad profile rule must not keep the console closed: the core runs without the rules.
    CoreWorker::Options core;
    QString settingsError;
    if (!Engine::coreOptions(options, CoreWorker::Clock::Live, core, &settingsError))
    {
        m_eventLog->append(EventLogEntry::Severity::Error, u"settings"_s,
                           tr("%1 (settings file: %2). Until then dialogs are tracked without profile "
                              "rules; restart CallDeck after the fix.")
                               .arg(settingsError, QSettings().fileName()));
    }
    // A store that cannot be opened must not keep the console closed: it runs without one.
    if (QString storeError; !m_engine->openDialogStore(options, &storeError))
    {
        m_eventLog->append(EventLogEntry::Severity::Error, u"store"_s,
                           tr("%1 Dialogs are not stored until CallDeck is restarted with a working store.")
                               .arg(storeError));
    }
    m_engine->setStoreUrl(options.storeUrl()); // charts' history, alarms, feeds' state
    m_engine->startCore(std::move(core), true);

    if (options.hepOff())
    {
        m_eventLog->append(EventLogEntry::Severity::Info, AppSource,
                           tr("Embedded HEP/raw-SIP listener switched off (--hep off)."));
    }
    // A port that is taken must not keep the console closed either: the listener's feeds show
    // as failed in Sources, with the reason, and the rest runs.
    for (const QString &address : Engine::listenerAddresses(options, false))
    {
        QString error;
        const bool started = m_engine->startListener(address, &error);
        QString hint;
        if (Engine::isImplicitDefault(options, address))
        {
            hint = Engine::defaultListenerHint();
        }
        else if (options.hepListeners().isEmpty())
        {
            hint = tr("Change it in Settings → Mirror listeners.");
        }
        reportListener(address, started, error, hint);
    }
    // Proxies: those in the settings and the --rpc URLs. One that does not parse is reported and
    // skipped; the others are watched.
    m_engine->control().setReadOnly(options.readOnly() || m_settings->isReadOnly());
    QList<ProxyConfig> proxies;
    QString proxyError;
    if (!ProxySettings().configs(options.rpcUrls(), proxies, &proxyError))
    {
        m_eventLog->append(
            EventLogEntry::Severity::Error, AppSource,
            tr("A proxy was skipped: %1. Fix its URL in Settings or on the command line.").arg(proxyError));
    }
    for (const ProxyConfig &config : std::as_const(proxies))
    {
        m_engine->startProxy(config);
        m_eventLog->append(
            EventLogEntry::Severity::Info, u"rpc "_s + config.name,
            tr("Watching proxy %1 over JSON-RPC at %2.").arg(config.name, config.endpoint.toDisplayString()));
    }
    m_engine->startProxyDbs(options); // --proxy-db: dialog tables read as proxies (each logs its start)
    if (const auto &dmq = options.dmqConfig())
    {
        QString dmqError;
        if (!m_engine->startDmq(*dmq, &dmqError))
        {
            m_eventLog->append(
                EventLogEntry::Severity::Error, AppSource,
                tr("CallDeck did not join the DMQ bus: %1. Start it with a free --dmq port.").arg(dmqError));
        }
    }
    QString uaError;
    if (m_engine->startUserAgent(options.sipSocket(), &uaError))
    {
        const SipUserAgent *ua = m_engine->userAgent();
        m_eventLog->append(EventLogEntry::Severity::Info, u"sip"_s,
                           tr("SIP user agent on udp and tcp %1:%2: terminate, transfer and timeouts work on "
                              "dialogs that only the mirror sees.")
                               .arg(ua->address())
                               .arg(ua->port()));
    }
    else
    {
        m_eventLog->append(
            EventLogEntry::Severity::Error, u"sip"_s,
            tr("The SIP user agent did not start: %1. Actions on dialogs that only the mirror sees "
               "are refused; start CallDeck with --sip ADDR:PORT on a free port.")
                .arg(uaError));
    }
    if (!options.hepKey().isEmpty())
    {
        m_eventLog->append(EventLogEntry::Severity::Info, AppSource,
                           tr("HEPv3 authentication is on (--hep-key): only HEPv3 packets that carry the "
                              "key are accepted, from replayed captures too; raw SIP and other packets are "
                              "dropped and counted as auth failures."));
    }
}

void Application::reportListener(const QString &address, const bool started, const QString &error,
                                 const QString &hint)
{
    const QString source = u"hep "_s + address;
    if (!started)
    {
        QString text = tr("Cannot listen for HEP/SIP on %1: %2").arg(address, error);
        if (!hint.isEmpty())
        {
            text += u' ' + hint;
        }
        m_eventLog->append(EventLogEntry::Severity::Error, source, text);
        return;
    }
    const QString key = ListenerSettings::normalized(address);
    for (const auto &listener : m_engine->listeners())
    {
        if (ListenerSettings::normalized(listener->address()) != key)
        {
            continue;
        }
        QString host;
        quint16 port = 0;
        HostPort::split(address, &host, &port);
        if (host.contains(u':'))
        {
            host = u'[' + host + u']';
        }
        m_eventLog->append(EventLogEntry::Severity::Info, source,
                           tr("Listening for HEP and raw SIP on udp %1:%2 and tcp %1:%3.")
                               .arg(host)
                               .arg(listener->udpPort())
                               .arg(listener->tcpPort()));
        return;
    }
}

void Application::editListeners(const QStringList &commandLineListeners, const bool commandLineOff)
{
    auto *dialog = new ListenerSettingsDialog(commandLineListeners, commandLineOff, m_mainWindow.get());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, commandLineListeners, commandLineOff] {
        if (commandLineOff || !commandLineListeners.isEmpty())
        {
            m_eventLog->append(EventLogEntry::Severity::Info, AppSource,
                               tr("Mirror listeners saved. This run keeps the listeners of the command line "
                                  "(--hep); the saved ones apply when CallDeck starts without --hep."));
            return;
        }
        const Engine::ListenerChanges changes = m_engine->reloadListeners(ListenerSettings().effective());
        for (const QString &address : changes.stopped)
        {
            m_eventLog->append(EventLogEntry::Severity::Info, u"hep "_s + address,
                               tr("Stopped listening on %1: removed in the settings.").arg(address));
        }
        for (const QString &address : changes.started)
        {
            reportListener(address, true, {}, {});
        }
        for (const auto &[address, error] : changes.failed)
        {
            reportListener(address, false, error,
                           tr("The other listeners keep running; pick another address in Settings → Mirror "
                              "listeners."));
        }
        m_eventLog->append(EventLogEntry::Severity::Info, AppSource,
                           tr("Mirror listener settings changed: %n listener(s) running.", nullptr,
                              static_cast<int>(m_engine->listeners().size())));
    });
    dialog->open();
}

void Application::editProxies(const QStringList &commandLineUrls)
{
    auto *dialog = new ProxySettingsDialog(commandLineUrls, m_mainWindow.get());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, commandLineUrls] {
        QList<ProxyConfig> proxies;
        QString error;
        ProxySettings().configs(commandLineUrls, proxies, &error); // validated by the dialog
        m_engine->reloadProxies(proxies);
        m_eventLog->append(EventLogEntry::Severity::Info, AppSource,
                           tr("Proxy settings changed: now watching %n proxy(ies).", nullptr,
                              static_cast<int>(proxies.size())));
    });
    dialog->open();
}

AppSettings *Application::settings() const
{
    return m_settings.get();
}

EventLog *Application::eventLog() const
{
    return m_eventLog.get();
}

Engine *Application::engine() const
{
    return m_engine.get();
}

MainWindow *Application::mainWindow() const
{
    return m_mainWindow.get();
}

int Application::exec()
{
    m_mainWindow->show();
    return QApplication::exec();
}
