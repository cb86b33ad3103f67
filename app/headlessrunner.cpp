// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/headlessrunner.h"

#include <csignal>
#include <cstdio>

#include <QCoreApplication>
#include <QHostInfo>

#include "app/applogging.h"
#include "app/engine.h"
#include "app/headlessexport.h"
#include "app/headlessstats.h"
#include "app/hostport.h"
#include "app/signalwatcher.h"
#include "app/snapshotexport.h"
#include "backend/alarmmonitor.h"
#include "backend/auditlog.h"
#include "backend/capturereplay.h"
#include "backend/coreworker.h"
#include "backend/dialogcontrol.h"
#include "backend/eventlog.h"
#include "backend/mirrorlistener.h"
#include "backend/proxyconfig.h"
#include "backend/proxyfeed.h"
#include "backend/proxysettings.h"
#include "backend/rpcserver.h"
#include "backend/sipua/sipuseragent.h"
#include "backend/sourceregistry.h"

using namespace Qt::StringLiterals;

namespace
{

void printTo(std::FILE *stream, const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, static_cast<std::size_t>(bytes.size()), stream);
    std::fputc('\n', stream);
    std::fflush(stream);
}

void say(const QString &line)
{
    printTo(stderr, line.toLocal8Bit());
}

} // namespace

HeadlessRunner::HeadlessRunner(const CommandLineOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
{
    m_elapsed.start();
}

HeadlessRunner::~HeadlessRunner()
{
    teardown();
}

int HeadlessRunner::exec()
{
    if (!start())
    {
        teardown();
        return ExitFailure;
    }
    announce();
    return QCoreApplication::exec();
}

bool HeadlessRunner::start()
{
    // 1. Event log: warnings of the feeds and the core reach the operator on stderr.
    m_log = std::make_unique<EventLog>();
    connect(m_log.get(), &EventLog::entryAdded, this, [](const EventLogEntry &entry) {
        if (entry.severity != EventLogEntry::Severity::Info || entry.source == AlarmMonitor::logSource())
        {
            say(u"calldeck: [%1] %2"_s.arg(entry.source, entry.message));
        }
    });

    // 2. Signals before anything is opened: a SIGTERM during start-up (the store being read or
    // imported, the feeds starting) ends cleanly once the event loop runs, never half-way.
    m_signals = new SignalWatcher(this);
    QString error;
    if (!m_signals->watch({SIGINT, SIGTERM}, &error))
    {
        say(tr("calldeck: cannot watch SIGINT/SIGTERM (%1); check the open-files limit (ulimit -n) and "
               "retry.")
                .arg(error));
        return false;
    }
    connect(m_signals, &SignalWatcher::received, this, &HeadlessRunner::onSignal);

    // 3. Queue, sources and the core. A replay alone runs on its own capture time, so that what
    // it leaves behind is what the file says; anything live runs on the wall clock.
    m_engine = std::make_unique<Engine>(m_log.get());
    const bool replayOnly = !m_options.replayFile().isEmpty() && m_options.hepListeners().isEmpty();
    CoreWorker::Options core;
    QString settingsError;
    if (!Engine::coreOptions(m_options, replayOnly ? CoreWorker::Clock::Packet : CoreWorker::Clock::Live,
                             core, &settingsError))
    {
        say(tr("calldeck: %1").arg(settingsError));
        return false;
    }
    // Only an export with a pcap reads the messages: otherwise keeping them would cost memory and copying.
    core.keepHistory = HeadlessExport::needsMessages(m_options.exportFile());
    // The dialog store (--db, --db-mode): what it holds is restored before the first packet.
    if (QString storeError; !m_engine->openDialogStore(m_options, &storeError))
    {
        say(tr("calldeck: %1").arg(storeError));
        return false;
    }
    m_engine->setStoreUrl(m_options.storeUrl()); // charts' history, alarms, feeds' state
    m_engine->startCore(std::move(core), false);

    // 4. Feeds and the served RPC.
    return startListeners() && startProxies() && startRpc() && startReplay();
}

bool HeadlessRunner::startListeners()
{
    for (const QString &address : Engine::listenerAddresses(m_options, true))
    {
        QString error;
        if (!m_engine->startListener(address, &error))
        {
            say(tr("calldeck: cannot listen for HEP/SIP on %1: %2").arg(address, error));
            if (Engine::isImplicitDefault(m_options, address))
            {
                say(u"calldeck: "_s + Engine::defaultListenerHint());
            }
            return false;
        }
    }
    return true;
}

bool HeadlessRunner::startProxies()
{
    m_engine->control().setReadOnly(m_options.readOnly());
    m_audit = std::make_unique<AuditLog>(m_options.storeUrl(), m_log.get());
    m_audit->setLegacyFile(AuditLog::defaultPath()); // audit.jsonl before issue #9: imported once
    m_audit->open();
    m_audit->attach(m_engine->control());
    QList<ProxyConfig> configs;
    QString error;
    if (!ProxySettings().configs(m_options.rpcUrls(), configs, &error))
    {
        say(tr("calldeck: --rpc: %1").arg(error));
        return false;
    }
    for (const ProxyConfig &config : std::as_const(configs))
    {
        m_engine->startProxy(config);
    }
    m_engine->startProxyDbs(m_options); // --proxy-db: dialog tables read as proxies
    if (const auto &dmq = m_options.dmqConfig(); dmq && !m_engine->startDmq(*dmq, &error))
    {
        say(tr("calldeck: --dmq: %1; choose a free port for --dmq").arg(error));
        return false;
    }
    // CallDeck's own SIP user agent for the dialogs only the mirror sees (BYE, REFER, timeouts).
    if (!m_engine->startUserAgent(m_options.sipSocket(), &error))
    {
        if (!m_options.sipSocket().isEmpty())
        {
            say(tr("calldeck: --sip %1: %2").arg(m_options.sipSocket(), error));
            return false;
        }
        say(tr("calldeck: the embedded SIP user agent did not start (%1); actions on mirror-only dialogs are "
               "refused. Give it an address with --sip ADDR:PORT.")
                .arg(error));
    }
    return true;
}

bool HeadlessRunner::startRpc()
{
    if (m_options.serveRpc().isEmpty())
    {
        return true;
    }
    QString host;
    quint16 port = 0;
    HostPort::split(m_options.serveRpc(), &host, &port);
    QHostAddress address;
    if (!address.setAddress(host))
    {
        const QHostInfo info = QHostInfo::fromName(host);
        if (info.error() != QHostInfo::NoError || info.addresses().isEmpty())
        {
            say(tr("calldeck: --serve-rpc %1: cannot resolve '%2' (%3); use an IP address such as 127.0.0.1.")
                    .arg(m_options.serveRpc(), host, info.errorString()));
            return false;
        }
        address = info.addresses().constFirst();
    }
    RpcServer::Options o;
    o.address = address;
    o.port = port;
    o.token = m_options.rpcToken().toUtf8();
    o.pretty = !m_options.rpcCompact();
    o.version = CommandLineOptions::versionText();
    o.control = {&m_engine->control(), &m_engine->sources(), &m_engine->worker(),
                 40000}; // > Timer F (32 s) of the SIP user agent
    m_rpc = std::make_unique<RpcServer>(m_engine->worker(), o);
    QString error;
    if (!m_rpc->start(&error))
    {
        say(u"calldeck: "_s + error);
        return false;
    }
    return true;
}

bool HeadlessRunner::startReplay()
{
    if (m_options.replayFile().isEmpty())
    {
        return true;
    }
    CaptureReplay::Options o;
    o.path = m_options.replayFile();
    o.pace = m_options.replayPace();
    m_replay = std::make_unique<CaptureReplay>(o, m_engine->queue(), m_engine->sources());
    connect(m_replay.get(), &CaptureReplay::progress, this,
            [this](double fraction) { m_progress = fraction; });
    connect(m_replay.get(), &CaptureReplay::finished, this,
            [this](bool ok, const QString &error, const CaptureReplay::Stats &stats) {
                onReplayFinished(ok, error, stats.packets, stats.delivered());
            });
    m_replay->start(); // a file that cannot be read ends at once with finished(false, ...)
    m_lastProgressMs = m_elapsed.elapsed();
    m_progressTimer.setInterval(1000);
    connect(&m_progressTimer, &QTimer::timeout, this, &HeadlessRunner::printProgress);
    m_progressTimer.start();
    return true;
}

void HeadlessRunner::announce() const
{
    say(tr("calldeck: headless engine running (%1 clock).")
            .arg(m_options.replayFile().isEmpty() || !m_options.hepListeners().isEmpty() ? u"wall"_s
                                                                                         : u"capture"_s));
    for (const auto &listener : m_engine->listeners())
    {
        QString host;
        quint16 port = 0;
        HostPort::split(listener->address(), &host, &port);
        if (host.contains(u':'))
        {
            host = u'[' + host + u']';
        }
        say(tr("calldeck: listening for HEP/SIP on udp %1:%2 and tcp %1:%3")
                .arg(host)
                .arg(listener->udpPort())
                .arg(listener->tcpPort()));
    }
    for (const auto &proxy : m_engine->proxies())
    {
        say(tr("calldeck: watching proxy %1 at %2").arg(proxy->name(), proxy->endpoint().toDisplayString()));
    }
    if (const SipUserAgent *ua = m_engine->userAgent())
    {
        say(tr("calldeck: SIP user agent on udp and tcp %1:%2").arg(ua->address()).arg(ua->port()));
    }
    if (m_options.readOnly())
    {
        say(tr("calldeck: read-only: control actions are refused"));
    }
    if (m_rpc)
    {
        say(tr("calldeck: serving JSON-RPC at %1%2")
                .arg(m_rpc->url(),
                     m_options.rpcToken().isEmpty() ? QString() : tr(" (bearer token required)")));
    }
    if (!m_options.replayFile().isEmpty())
    {
        say(tr("calldeck: replaying %1%2")
                .arg(m_options.replayFile(),
                     m_options.replayPace() ? tr(" at the recorded pace") : QString()));
    }
    if (!m_options.exitAfterReplay())
    {
        say(tr("calldeck: stop with Ctrl+C (SIGINT) or SIGTERM."));
    }
}

void HeadlessRunner::onSignal(int signalNumber)
{
    if (m_stopping)
    {
        return;
    }
    say(tr("calldeck: %1 received; stopping.").arg(signalNumber == SIGINT ? u"SIGINT"_s : u"SIGTERM"_s));
    shutdown(CommandLineOptions::ExitOk);
}

void HeadlessRunner::printProgress()
{
    if (m_replayDone || !m_replay)
    {
        return;
    }
    // One line a second at most (the timer's interval): share of the file, packets handed to the
    // queue, and the messages the core took per second since the previous line.
    const qint64 now = m_elapsed.elapsed();
    const quint64 packets = m_engine->sources().source(m_replay->sourceId()).packets;
    const quint64 processed = m_engine->worker().stats().packets;
    const double seconds = double(now - m_lastProgressMs) / 1000.0;
    const double rate = seconds > 0 ? double(processed - m_lastProgressMessages) / seconds : 0.0;
    m_lastProgressMs = now;
    m_lastProgressMessages = processed;
    say(tr("calldeck: replay %1%, %2 packets, %3 msgs/s")
            .arg(qRound(m_progress * 100))
            .arg(packets)
            .arg(qRound64(rate)));
}

void HeadlessRunner::onReplayFinished(bool ok, const QString &error, quint64 packets, quint64 messages)
{
    m_replayDone = true;
    m_progressTimer.stop();
    if (m_stopping)
    {
        return; // cancelled by the shutdown itself
    }
    if (!ok)
    {
        say(tr("calldeck: --replay %1 stopped: %2").arg(m_options.replayFile(), error));
    }
    else
    {
        say(tr("calldeck: replay finished: 100%, %1 packets, %2 SIP/HEP messages in %3 s.")
                .arg(packets)
                .arg(messages)
                .arg(double(m_elapsed.elapsed()) / 1000.0, 0, 'f', 1));
    }
    if (m_options.exitAfterReplay() || !ok)
    {
        shutdown(ok ? CommandLineOptions::ExitOk : ExitFailure);
    }
}

void HeadlessRunner::shutdown(int exitCode)
{
    if (m_stopping)
    {
        return;
    }
    m_stopping = true;
    m_progressTimer.stop();

    // 1. No new input: the replay and the listeners stop first.
    if (m_replay)
    {
        m_replay->cancel();
        m_replay->wait(FinalCallTimeoutMs); // nothing is pushed after the barrier below
    }
    m_engine->stopListeners();
    m_engine->stopDmq(); // the goodbye to the bus, while the core still takes what arrives
    m_engine->stopProxies();
    m_engine->stopUserAgent();
    // 2. Nobody asks any more.
    if (m_rpc)
    {
        m_rpc->stop();
    }
    // 3. The barrier: a call runs after everything queued before it has been processed.
    calldeck::core::DialogStats dialog;
    std::size_t dialogs = 0;
    CoreWorker &worker = m_engine->worker();
    if (!worker.call(
            [&dialog, &dialogs](CoreContext &ctx) {
                dialog = ctx.engine.stats();
                dialogs = ctx.engine.dialogCount();
            },
            FinalCallTimeoutMs))
    {
        say(tr("calldeck: the dialog core did not finish within %1 s; the export and statistics may miss "
               "the last packets.")
                .arg(FinalCallTimeoutMs / 1000));
    }
    // 4. Outputs.
    if (!m_options.exportFile().isEmpty())
    {
        QString error;
        if (HeadlessExport::write(worker, m_engine->sampler(), &m_engine->sources(), m_options.exportFile(),
                                  FinalCallTimeoutMs, &error))
        {
            say(tr("calldeck: exported %1 dialogs to %2").arg(dialogs).arg(m_options.exportFile()));
        }
        else
        {
            say(error);
            exitCode = ExitFailure;
        }
    }
    m_engine->stopCore(FinalCallTimeoutMs); // its last tick publishes the final counters
    if (m_options.stats())
    {
        const double seconds = double(m_elapsed.nsecsElapsed()) / 1e9;
        printTo(stdout, HeadlessStats::line(worker.stats(), dialog, dialogs, m_engine->sources().snapshot(),
                                            seconds, m_engine->dialogStore()));
    }
    qCDebug(lcApp) << "headless run ends with exit code" << exitCode;
    QCoreApplication::exit(exitCode);
}

void HeadlessRunner::teardown()
{
    // Reverse order of creation.
    m_progressTimer.stop();
    m_rpc.reset();
    m_replay.reset();
    m_engine.reset(); // listeners, core, sources, queue
    m_audit.reset();
    m_log.reset();
}
