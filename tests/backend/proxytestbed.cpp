// SPDX-License-Identifier: GPL-3.0-or-later
#include "proxytestbed.h"

#include <QDateTime>

#include "backend/dialogcontrol.h"
#include "backend/packetbatch.h"
#include "backend/rpcendpoint.h"
#include "tests/support/siptrafficgenerator.h"

using namespace Qt::StringLiterals;
using namespace calldeck::testsupport;

ProxyTestBed::ProxyTestBed()
{
    CoreWorker::Options o;
    o.tickMs = 20;
    o.dialog.profilesNoValue = "inbound";
    o.dialog.profilesWithValue = "caller;trunk";
    m_worker = std::make_unique<CoreWorker>(o, m_queue, m_sources);
    m_worker->setDeltasEnabled(true);
    m_worker->start();
    m_control = std::make_unique<DialogControl>(*m_worker, nullptr);
    m_mirror = m_sources.add(u"hep-udp"_s, u"udp 127.0.0.1:9060"_s);
}

ProxyTestBed::~ProxyTestBed()
{
    for (const auto &feed : m_feeds)
    {
        feed->stop();
    }
    m_feeds.clear();
    m_control.reset();
    m_worker->stop();
}

ProxyFeed &ProxyTestBed::addProxy(const QString &name, const QString &url, const ProxyFeed::Options &options,
                                  const int timeoutMs, const std::function<void(ProxyFeed &)> &beforeWiring)
{
    RpcEndpoint endpoint;
    QString error;
    const bool parsed = RpcEndpoint::parse(url, endpoint, &error);
    Q_ASSERT(parsed);
    endpoint.setTimeoutMs(timeoutMs);
    endpoint.setConnectTimeoutMs(std::min(timeoutMs, 1000));
    // As Engine::startProxy does it.
    const quint16 id = m_sources.add(u"rpc"_s, name);
    auto feed = std::make_unique<ProxyFeed>(id, name, endpoint, options, m_sources, nullptr);
    if (beforeWiring)
    {
        beforeWiring(*feed);
    }
    CoreWorker *worker = m_worker.get();
    QObject::connect(feed.get(), &ProxyFeed::listingReady, feed.get(),
                     [worker, name](quint16 origin, const std::shared_ptr<const DialogListPayload> &listing) {
                         worker->applyProxyListing(origin, name, listing);
                     });
    QObject::connect(feed.get(), &ProxyFeed::unreachable, feed.get(),
                     [worker](quint16 origin) { worker->markProxyStale(origin); });
    m_control->addProxy(feed.get());
    feed->start();
    m_feeds.push_back(std::move(feed));
    return *m_feeds.back();
}

void ProxyTestBed::removeProxy(const quint16 origin)
{
    for (auto it = m_feeds.begin(); it != m_feeds.end(); ++it)
    {
        if ((*it)->origin() == origin)
        {
            (*it)->stop();
            m_control->removeProxy(origin);
            m_worker->removeProxy(origin);
            m_feeds.erase(it);
            return;
        }
    }
}

void ProxyTestBed::pump()
{
    DialogDelta delta = m_worker->takeDelta();
    for (DialogRow &row : delta.upserts)
    {
        m_rows.insert(row.key, std::move(row));
    }
    for (const quint64 key : delta.removed)
    {
        m_rows.remove(key);
    }
}

std::vector<DialogRow> ProxyTestBed::rowsOf(const quint16 origin, const quint8 flag) const
{
    std::vector<DialogRow> out;
    for (const DialogRow &row : m_rows)
    {
        if (row.proxy == origin && (flag == 0 || (row.flags & flag) != 0))
        {
            out.push_back(row);
        }
    }
    return out;
}

int ProxyTestBed::countRows(const quint16 origin, const quint8 flag)
{
    pump();
    return static_cast<int>(rowsOf(origin, flag).size());
}

bool ProxyTestBed::feedMirrorCalls(const int calls, const std::uint32_t seed)
{
    SipTrafficGenerator::Options options;
    options.seed = seed;
    SipTrafficGenerator gen(options);
    std::vector<GeneratedMessage> msgs;
    const std::int64_t nowUs = QDateTime::currentMSecsSinceEpoch() * 1000;
    for (int n = 0; n < calls; ++n)
    {
        gen.setup(static_cast<std::uint64_t>(n), CallKind::CallerHangsUp, nowUs + n * 1000, msgs);
    }
    return feedMessages(msgs);
}

bool ProxyTestBed::feedMessages(const std::vector<GeneratedMessage> &messages)
{
    PacketBatch batch;
    for (const GeneratedMessage &m : messages)
    {
        batch.add(m.text, m.meta, m_mirror);
    }
    return m_queue.push(std::move(batch));
}
