// SPDX-License-Identifier: GPL-3.0-or-later
#include "kamailiocluster.h"

#include "proxytestbed.h"

#include <QJsonValue>

#include "boundedwait.h"

using namespace Qt::StringLiterals;

namespace calldeck::integration
{

KamailioCluster::KamailioCluster()
    : KamailioCluster(Options())
{}

KamailioCluster::KamailioCluster(Options options)
    : m_options(options)
{}

KamailioCluster::~KamailioCluster()
{
    // B first: it is the one that notified A.
    m_nodes[1].reset();
    m_nodes[0].reset();
}

KamailioInstance::Options KamailioCluster::nodeOptions(const int index) const
{
    KamailioInstance::Options options;
    options.dmq = true;
    options.pingInterval = m_options.pingInterval;
    options.hIdStart = index + 1;
    options.hIdStep = m_options.hIdStep;
    const KamailioInstance *other = m_nodes[1 - index].get();
    if (other && other->dmqPort() != 0)
    {
        options.dmqNotify = u"127.0.0.1:%1"_s.arg(other->dmqPort());
    }
    return options;
}

bool KamailioCluster::start()
{
    m_error.clear();
    m_nodes[1].reset();
    m_nodes[0].reset();
    for (int index = 0; index < 2; ++index)
    {
        m_nodes[index] = std::make_unique<KamailioInstance>(nodeOptions(index));
        if (!m_nodes[index]->start())
        {
            return fail(
                u"node %1 did not start: %2"_s.arg(index ? u"B"_s : u"A"_s, m_nodes[index]->errorString()));
        }
    }
    return waitFormed(m_options.formTimeoutMs);
}

bool KamailioCluster::waitFormed(const int timeoutMs)
{
    const auto formed = [this] {
        for (int i = 0; i < 2; ++i)
        {
            const int j = 1 - i;
            if (m_nodes[i]->isRunning() && m_nodes[j]->isRunning() &&
                statusOf(*m_nodes[i], m_nodes[j]->dmqPort()) != u"active"_s)
            {
                return false;
            }
        }
        return true;
    };
    if (!BoundedWait::until(timeoutMs, formed, 200))
    {
        return fail(u"the DMQ nodes did not list each other active within %1 ms"_s.arg(timeoutMs));
    }
    return true;
}

bool KamailioCluster::stopNode(const int index)
{
    if (!m_nodes[index]->stop())
    {
        return fail(m_nodes[index]->errorString());
    }
    return true;
}

bool KamailioCluster::restartNode(const int index)
{
    KamailioInstance::Options options = nodeOptions(index);
    const KamailioInstance &old = *m_nodes[index];
    options.sipPort = old.sipPort();
    options.rpcPort = old.rpcPort();
    options.dmqPort = old.dmqPort();
    options.uasPort = old.options().uasPort;
    m_nodes[index].reset();
    m_nodes[index] = std::make_unique<KamailioInstance>(options);
    if (!m_nodes[index]->start())
    {
        return fail(
            u"node %1 did not restart: %2"_s.arg(index ? u"B"_s : u"A"_s, m_nodes[index]->errorString()));
    }
    return waitFormed(m_options.formTimeoutMs);
}

KamailioInstance &KamailioCluster::node(const int index) const
{
    return *m_nodes.at(size_t(index));
}

KamailioInstance &KamailioCluster::a() const
{
    return node(0);
}

KamailioInstance &KamailioCluster::b() const
{
    return node(1);
}

QJsonArray KamailioCluster::listNodes(KamailioInstance &node)
{
    if (!node.isRunning())
    {
        return {};
    }
    return node.rpc(u"dmq.list_nodes"_s, {}, 2000).result().toArray();
}

QString KamailioCluster::statusOf(KamailioInstance &node, const quint16 port)
{
    const QJsonArray nodes = listNodes(node);
    for (const QJsonValue &value : nodes)
    {
        const QJsonObject entry = value.toObject();
        if (entry.value(u"local"_s).toInt() == 0 && entry.value(u"host"_s).toString() == u"127.0.0.1"_s &&
            entry.value(u"port"_s).toString() == QString::number(port))
        {
            return entry.value(u"status"_s).toString();
        }
    }
    return {};
}

bool KamailioCluster::allConfirmed(const int count) const
{
    constexpr int Confirmed = 4;
    for (int i = 0; i < 2; ++i)
    {
        const QJsonArray list = dialogs(node(i));
        if (list.size() != count || !ProxyTestBed::allInState(list, Confirmed))
        {
            return false;
        }
    }
    return true;
}

QJsonArray KamailioCluster::dialogs(KamailioInstance &node)
{
    return node.rpc(u"dlg.list"_s).result().toArray();
}

QString KamailioCluster::describe() const
{
    QString text;
    for (int index = 0; index < 2; ++index)
    {
        KamailioInstance *node = m_nodes[index].get();
        if (!node)
        {
            continue;
        }
        text += u"\n  node %1 (DMQ %2, PID %3, %4): dmq.list_nodes %5; log errors: %6"_s.arg(
            index ? u"B"_s : u"A"_s, node->dmqUri(), QString::number(node->pid()),
            node->isRunning() ? u"running"_s : u"stopped"_s,
            node->isRunning() ? node->rpc(u"dmq.list_nodes"_s, {}, 2000).describe().left(800) : QString(),
            node->logErrors().join(u" | "_s).left(600));
    }
    return text;
}

QString KamailioCluster::errorString() const
{
    return m_error + describe();
}

bool KamailioCluster::fail(const QString &why)
{
    m_error = why;
    return false;
}

} // namespace calldeck::integration
