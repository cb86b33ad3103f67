// SPDX-License-Identifier: GPL-3.0-or-later
// Engine: the cluster feed (issue #10) — CallDeck's node on a Kamailio DMQ bus, its dialogs into
// the core per owning node, actions on them refused with the way out (the owner's JSON-RPC).
#include "app/engine.h"

#include "app/applogging.h"
#include "backend/dialogcontrol.h"
#include "backend/dmq/dmqfeed.h"
#include "backend/eventlog.h"
#include "backend/proxyfeed.h"
#include "backend/rpcoutcome.h"

using namespace Qt::StringLiterals;

bool Engine::startDmq(const DmqConfig &config, QString *error)
{
    Q_ASSERT(m_worker && m_control);
    auto feed = std::make_unique<DmqFeed>(config, *m_sources, m_log);
    CoreWorker *worker = m_worker.get();
    // Emitted on the DMQ thread: CoreWorker::applyProxyListing() and markProxyStale() post to the
    // core, in the order they come.
    QObject::connect(
        feed.get(), &DmqFeed::listingReady, feed.get(),
        [worker](quint16 node, const QString &name, const std::shared_ptr<const DialogListPayload> &listing) {
            worker->applyProxyListing(node, name, listing);
        },
        Qt::DirectConnection);
    QObject::connect(
        feed.get(), &DmqFeed::nodeStale, feed.get(), [worker](quint16 node) { worker->markProxyStale(node); },
        Qt::DirectConnection);
    QObject::connect(feed.get(), &DmqFeed::nodeAdded, feed.get(), [this](quint16 node, const QString &uri) {
        m_control->addReadOnlyFeed(
            node,
            u"this dialog was replicated over DMQ by node %1; CallDeck is a passive member of the bus "
            "and acts through the owning proxy: add that proxy's JSON-RPC with --rpc (or see the call on "
            "the mirror and give CallDeck --sip)"_s.arg(uri));
        m_dmqNodes.insert(uri, node);
        linkDmqMembers();
    });
    if (!feed->start(error))
    {
        return false;
    }
    qCInfo(lcApp).noquote() << "DMQ node" << QString::fromStdString(config.self.uri()) << "joining through"
                            << QString::fromStdString(config.notify.value(0).uri());
    m_dmq = std::move(feed);
    return true;
}

void Engine::stopDmq()
{
    if (m_dmq)
    {
        m_dmq->stop();
    }
}

void Engine::linkDmqMembers()
{
    for (const auto &feed : m_proxies)
    {
        const QString uri = feed->status().dmqNode;
        const quint16 node = m_dmqNodes.value(uri);
        if (uri.isEmpty() || node == 0 || m_dmqMembers.contains(feed->origin()))
        {
            continue;
        }
        m_dmqMembers.insert(feed->origin());
        m_control->routeThrough(node, feed.get());
        m_worker->removeProxy(feed->origin()); // its rows so far: the bus lists the same dialogs
        const QString text = u"proxy %1 is DMQ node %2: its dialogs come from the bus, and actions on the "
                             "dialogs that node owns go through its JSON-RPC"_s.arg(feed->name(), uri);
        qCInfo(lcApp).noquote() << text;
        if (m_log)
        {
            m_log->append(EventLogEntry::Severity::Info, u"dmq"_s, text);
        }
    }
}

bool Engine::dmqMemberUnknown(const ProxyFeed &feed) const
{
    if (!m_dmq)
    {
        return false;
    }
    // Cycle 1 brings system.listMethods, cycle 2 dmq.list_nodes; a proxy that answers neither
    // (or names no local node) is not held back longer than that.
    constexpr quint64 Cycles = 4;
    const ProxyStatus &s = feed.status();
    return s.polls < Cycles &&
           (s.methods.isEmpty() || (s.methods.contains(u"dmq.list_nodes"_s) && s.dmqNode.isEmpty()));
}
