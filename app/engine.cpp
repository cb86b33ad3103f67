// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/engine.h"

#include "app/applogging.h"
#include "app/commandlineoptions.h"
#include "backend/ingestqueue.h"
#include "backend/mirrorlistener.h"
#include "backend/mirrorsettings.h"
#include "backend/sourceregistry.h"

using namespace Qt::StringLiterals;

QString Engine::defaultListener()
{
    return u"127.0.0.1:9060"_s;
}

Engine::Engine(EventLog *log)
    : m_log(log)
    , m_queue(std::make_unique<IngestQueue>())
    , m_sources(std::make_unique<SourceRegistry>())
{}

Engine::~Engine()
{
    // Reverse order of creation: no feed pushes into a queue that is gone.
    stopListeners();
    m_listeners.clear();
    if (m_worker)
    {
        m_worker->stop();
    }
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
        addresses.append(defaultListener());
    }
    return addresses;
}

bool Engine::isImplicitDefault(const CommandLineOptions &options, const QString &address)
{
    return address == defaultListener() && options.hepListeners().isEmpty();
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
    out.clock = clock;
    return ok;
}

void Engine::startCore(CoreWorker::Options options, const bool deltas)
{
    if (m_worker)
    {
        return;
    }
    m_worker = std::make_unique<CoreWorker>(std::move(options), *m_queue, *m_sources, m_log);
    m_worker->setDeltasEnabled(deltas);
    m_worker->start();
}

bool Engine::startListener(const QString &address, QString *error)
{
    auto listener = std::make_unique<MirrorListener>(address, *m_queue, *m_sources);
    if (!listener->start(error))
    {
        qCDebug(lcApp) << "listener" << address << "not started";
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

void Engine::stopCore(const int timeoutMs)
{
    if (m_worker)
    {
        m_worker->stop(timeoutMs);
    }
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
