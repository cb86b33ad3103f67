// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/dmq/dmqworker.h"

#include <QDateTime>

#include "backend/core/sipheaders.h"
#include "backend/core/sipmessage.h"
#include "backend/core/sipparser.h"
#include "backend/dmq/dmqwire.h"
#include "backend/eventlog.h"
#include "backend/logging.h"
#include "backend/rpcoutcome.h"
#include "backend/sipua/sipclienttransaction.h"
#include "backend/sipua/sipudpsocket.h"
#include "backend/sourceregistry.h"

using namespace Qt::StringLiterals;
using calldeck::core::DmqNodeAddress;
using calldeck::core::DmqNodeStatus;
using calldeck::core::SipHeaderId;
using calldeck::core::SipMessage;

namespace
{
constexpr int TickMs = 100;
constexpr int T2Ms = 4000;
constexpr qint64 AnswerKeepMs = 40000; // longer than a sender's fr_timer (Kamailio: 30 s)
} // namespace

DmqWorker::DmqWorker(DmqConfig config, SourceRegistry &sources, EventLog *log, Sinks sinks, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_sources(sources)
    , m_log(log)
    , m_sinks(std::move(sinks))
    , m_builder(m_config.self, QByteArrayLiteral("CallDeck DMQ"))
    , m_nodes(m_config.self)
    , m_timer(this)
{
    m_timer.setInterval(TickMs);
    connect(&m_timer, &QTimer::timeout, this, &DmqWorker::tick);
}

DmqWorker::~DmqWorker()
{
    shutdown();
}

QString DmqWorker::originName(const DmqNodeAddress &a)
{
    return u"dmq "_s + QString::fromStdString(a.hostPort());
}

qint64 DmqWorker::nowMs() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

void DmqWorker::note(int severity, const QString &message)
{
    const auto s = EventLogEntry::Severity(severity);
    if (s != EventLogEntry::Severity::Info)
    {
        qCWarning(lcBackend).noquote() << "dmq:" << message;
    }
    if (m_log)
    {
        m_log->append(s, u"dmq "_s + QString::fromStdString(m_config.self.hostPort()), message);
    }
}

bool DmqWorker::bind(QString *error)
{
    const QHostAddress address(QString::fromStdString(m_config.self.host));
    if (address.isNull())
    {
        *error = u"--dmq %1: give an IP address to bind, not a host name"_s.arg(
            QString::fromStdString(m_config.self.uri()));
        return false;
    }
    m_udp = new SipUdpSocket(this);
    if (!m_udp->bind(address, m_config.self.port, error))
    {
        *error = u"DMQ node %1: %2"_s.arg(QString::fromStdString(m_config.self.uri()), *error);
        delete m_udp;
        m_udp = nullptr;
        return false;
    }
    connect(m_udp, &SipUdpSocket::datagramReceived, this, &DmqWorker::onDatagram);
    connect(m_udp, &SipUdpSocket::unreachable, this, &DmqWorker::onUnreachable);
    m_bus = m_sources.add(u"dmq"_s, u"DMQ "_s + QString::fromStdString(m_config.self.uri()));
    publishHealth();
    return true;
}

void DmqWorker::join()
{
    for (const DmqNodeAddress &peer : std::as_const(m_config.notify))
    {
        Node &n = nodeFor(peer, DmqNodeStatus::Pending);
        n.health.notificationPeer = true;
        sendNodeList(n, 2);
    }
    note(int(EventLogEntry::Severity::Info),
         u"joining the DMQ bus as %1 (passive: CallDeck sends no dialog updates)"_s.arg(
             QString::fromStdString(m_config.self.uri())));
    m_nextPingMs = nowMs() + m_config.pingSeconds * 1000LL;
    m_timer.start();
}

DmqWorker::Node &DmqWorker::nodeFor(const DmqNodeAddress &a, DmqNodeStatus status)
{
    if (Node *known = m_nodes.find(a))
    {
        return *known;
    }
    Node &n = m_nodes.add(a, status);
    registerNode(n);
    return n;
}

void DmqWorker::registerNode(Node &n)
{
    n.source = m_sources.add(u"dmq-node"_s, QString::fromStdString(n.address.hostPort()));
    m_sources.setDmqHealth(n.source, n.health);
    if (m_sinks.nodeAdded)
    {
        m_sinks.nodeAdded(n.source, n.health.uri);
    }
}

void DmqWorker::changeStatus(Node &n, DmqNodeStatus status, const QString &why)
{
    const bool wasActive = n.status == DmqNodeStatus::Active;
    if (!DmqNodeTable::setStatus(n, status))
    {
        return;
    }
    const bool active = status == DmqNodeStatus::Active;
    if (wasActive && !active)
    {
        n.health.lastError = why;
        if (m_sinks.stale)
        {
            m_sinks.stale(n.source);
        }
        note(int(EventLogEntry::Severity::Warning),
             u"node %1 is %2: %3; its %4 dialog(s) are shown stale until it answers again"_s
                 .arg(n.health.uri, n.health.status, why)
                 .arg(m_peer.table().size(n.source)));
    }
    else if (active)
    {
        n.health.lastError.clear();
        m_republish.insert(n.source);
        note(int(EventLogEntry::Severity::Info), u"node %1 is active"_s.arg(n.health.uri));
        if (n.answered && m_synced && !wasActive && status == DmqNodeStatus::Active &&
            n.health.consecutiveFailures == 0)
        {
            requestSync(); // it was unreachable: what it sent meanwhile is lost
        }
    }
    m_sources.setDmqHealth(n.source, n.health);
}

void DmqWorker::send(const DmqNodeAddress &to, const QByteArray &channel, const QByteArray &type,
                     const QByteArray &body, int maxForwards, Done done)
{
    QByteArray branch;
    const QByteArray request = m_builder.request(to, channel, type, body, maxForwards, &branch);
    auto *t = new SipClientTransaction(SipClientTransaction::Kind::NonInvite, m_config.t1Ms, T2Ms,
                                       std::move(done), this);
    connect(t, &SipClientTransaction::completedSignal, this, [this](SipClientTransaction *done) {
        m_transactions.remove(done->branch());
        done->deleteLater();
    });
    const QHostAddress address(QString::fromStdString(to.host));
    const QString destination = u"%1:%2"_s.arg(address.toString()).arg(to.port);
    t->setTransport(u"UDP"_s, destination);
    if (address.isNull() || !m_udp)
    {
        t->fail(address.isNull() ? u"%1 is not an IP address; CallDeck does not resolve DMQ node names"_s.arg(
                                       QString::fromStdString(to.host))
                                 : u"the DMQ node is stopped"_s);
        return;
    }
    m_transactions.insert(branch, t);
    t->start(request, branch, "KDMQ", false, [this, t, address, port = to.port](const QByteArray &bytes) {
        const QString error = m_udp ? m_udp->send(bytes, address, port) : u"the DMQ node is stopped"_s;
        if (!error.isEmpty())
        {
            t->fail(error);
        }
    });
}

void DmqWorker::sendNodeList(Node &node, int maxForwards)
{
    node.pingInFlight = true;
    const std::string body = calldeck::core::formatDmqNodeList(m_nodes.ownList(DmqNodeStatus::Active));
    send(node.address, dmqwire::NotificationChannel, dmqwire::TextPlain, QByteArray::fromStdString(body),
         maxForwards, [this, to = node.address](const SipUserAgent::Outcome &o) { onNodeListAnswer(to, o); });
}

void DmqWorker::onNodeListAnswer(const DmqNodeAddress &to, const SipUserAgent::Outcome &o)
{
    Node *node = m_nodes.find(to);
    if (!node || m_leaving)
    {
        return;
    }
    node->pingInFlight = false;
    m_healthDirty = true;
    if (o.status == 200)
    {
        node->answered = true;
        node->health.consecutiveFailures = 0;
        node->health.lastReplyMs = nowMs();
        changeStatus(*node, DmqNodeStatus::Active, {});
        SipMessage reply;
        std::string_view body;
        if (calldeck::core::SipParser::parse(
                std::string_view(o.response.constData(), static_cast<std::size_t>(o.response.size())),
                reply) == calldeck::core::SipParseError::None)
        {
            body = reply.body();
            mergeList(body, node);
        }
        if (node->health.notificationPeer)
        {
            bool listed = false;
            for (const calldeck::core::DmqNodeLine &line : calldeck::core::parseDmqNodeList(body).nodes)
            {
                listed = listed || (m_nodes.isSelf(line.address) && line.status == DmqNodeStatus::Active);
            }
            if (!listed && m_listedByPeer)
            {
                note(
                    int(EventLogEntry::Severity::Warning),
                    u"notification peer %1 does not list CallDeck's node %2 as active, so the bus sends it "
                    u"no "
                    "dialogs (Kamailio 5.6 ignores a node that said goodbye until its next ping of it, up to "
                    "its ping_interval); CallDeck keeps notifying it — or run 'kamcmd dmq.remove %2' on that "
                    "proxy to take it back at once"_s.arg(node->health.uri,
                                                          QString::fromStdString(m_config.self.uri())));
            }
            const bool wasListed = m_listedByPeer;
            m_listedByPeer = listed;
            if (!m_joined)
            {
                m_joined = true;
                note(int(EventLogEntry::Severity::Info),
                     u"joined the DMQ bus through %1: %2 node(s) known"_s.arg(node->health.uri)
                         .arg(m_nodes.nodes().size()));
            }
            if (listed && (!m_synced || !wasListed))
            {
                // Let the peer's re-broadcast of its list reach the others first, so that their
                // answers to the SYNC include CallDeck.
                m_synced = true;
                QTimer::singleShot(300, this, &DmqWorker::requestSync);
            }
        }
        m_sources.setDmqHealth(node->source, node->health);
        return;
    }
    if (o.status == 0)
    {
        ++node->health.consecutiveFailures;
        const QString why = node->health.notificationPeer && !node->answered
                                ? u"no answer (%1); is Kamailio's dmq module listening there, and does its "
                                  "request_route call dmq_handle_message() for KDMQ?"_s.arg(o.error)
                                : u"no answer to CallDeck's ping (%1)"_s.arg(o.error);
        node->health.lastError = why;
        changeStatus(*node,
                     node->health.consecutiveFailures >= 2 ? DmqNodeStatus::Disabled : DmqNodeStatus::Timeout,
                     why);
        m_sources.setDmqHealth(node->source, node->health);
        return;
    }
    node->health.lastError = o.status == 483
                                 ? u"answered 483 Too Many Hops: its script checks Max-Forwards before "
                                   "dmq_handle_message(); handle KDMQ first"_s
                                 : u"answered %1 to CallDeck's node list"_s.arg(o.summary());
    m_sources.setDmqHealth(node->source, node->health);
}

void DmqWorker::requestSync()
{
    if (m_leaving || !m_udp)
    {
        return;
    }
    m_synced = true;
    m_peer.beginSync(nowMs());
    int asked = 0;
    for (Node &n : m_nodes.nodes())
    {
        if (n.status != DmqNodeStatus::Active)
        {
            continue;
        }
        ++asked;
        send(n.address, dmqwire::DialogChannel, dmqwire::Json, R"({"action":4})", 1,
             [this, uri = n.health.uri](const SipUserAgent::Outcome &o) {
                 if (o.status != 200 && !m_leaving)
                 {
                     note(int(EventLogEntry::Severity::Warning),
                          u"node %1 did not take CallDeck's SYNC request: %2"_s.arg(uri, o.summary()));
                 }
             });
    }
    note(int(EventLogEntry::Severity::Info), u"asked %1 node(s) for all their dialogs (SYNC)"_s.arg(asked));
}

void DmqWorker::resyncLater(const QString &why)
{
    const qint64 now = nowMs();
    if (m_resyncAtMs != 0 || (m_lastRepairMs != 0 && now - m_lastRepairMs < 60000))
    {
        return;
    }
    m_lastRepairMs = now;
    m_resyncAtMs = now + 2000;
    note(int(EventLogEntry::Severity::Warning), why + u"; a full sync follows in 2 s to repair it"_s);
}

void DmqWorker::tick()
{
    const qint64 now = nowMs();
    for (const quint16 source : m_peer.takeDirty())
    {
        m_republish.insert(source);
    }
    publishListings(now);
    const long long ended = m_peer.finishSyncIfQuiet(now, m_config.syncQuietMs);
    if (ended >= 0)
    {
        m_lastSyncMs = now;
        m_lastSyncDialogs = m_peer.liveDialogs();
        note(
            int(EventLogEntry::Severity::Info),
            u"full sync done: %1 live dialog(s) in the cluster; %2 dialog(s) that no node re-sent were ended"_s
                .arg(m_peer.liveDialogs())
                .arg(ended));
    }
    if (m_resyncAtMs != 0 && now >= m_resyncAtMs)
    {
        m_resyncAtMs = 0;
        if (m_flooded)
        {
            note(int(EventLogEntry::Severity::Info),
                 u"the flood is over; asking for a full sync to repair it"_s);
        }
        m_flooded = false;
        requestSync();
    }
    if (now >= m_nextSecondMs)
    {
        m_nextSecondMs = now + 1000;
        everySecond(now);
    }
    else if (m_healthDirty)
    {
        publishHealth(); // the Sources view and calldeck.sources follow within a tick
    }
    if (now >= m_nextPingMs)
    {
        m_nextPingMs = now + m_config.pingSeconds * 1000LL;
        for (Node &n : m_nodes.nodes())
        {
            if (!n.pingInFlight)
            {
                const bool renotify = n.health.notificationPeer && (!m_joined || !m_listedByPeer);
                sendNodeList(n, renotify ? 2 : 1);
            }
        }
    }
}

void DmqWorker::publishListings(qint64 now)
{
    for (auto it = m_republish.begin(); it != m_republish.end();)
    {
        const quint16 source = *it;
        if (now < m_nextPublishMs.value(source))
        {
            ++it; // building this node's listing is costly: it waits its turn
            continue;
        }
        it = m_republish.erase(it);
        for (Node &n : m_nodes.nodes())
        {
            if (n.source != source)
            {
                continue;
            }
            QElapsedTimer cost;
            cost.start();
            if (m_sinks.listing)
            {
                m_sinks.listing(source, originName(n.address), m_peer.listing(source));
            }
            if (n.status != DmqNodeStatus::Active && m_sinks.stale)
            {
                m_sinks.stale(source);
            }
            // A node with very many dialogs is re-listed less often, so that building its
            // listings takes at most a tenth of the DMQ thread.
            m_nextPublishMs.insert(source, now + std::max<qint64>(TickMs, 10 * cost.elapsed()));
        }
    }
}

void DmqWorker::everySecond(qint64 now)
{
    m_peer.expire(now);
    while (!m_answerOrder.empty() && now - m_answerOrder.front().first > AnswerKeepMs)
    {
        m_answers.remove(m_answerOrder.front().second);
        m_answerOrder.pop_front();
    }
    publishHealth();
}

void DmqWorker::publishHealth()
{
    m_healthDirty = false;
    DmqNodeHealth bus;
    bus.uri = QString::fromStdString(m_config.self.uri());
    bus.local = true;
    bus.status = m_joined && m_listedByPeer ? u"active"_s : u"pending"_s;
    if (!m_joined)
    {
        bus.lastError = u"waiting for a notification peer to answer (--dmq-notify)"_s;
    }
    else if (!m_listedByPeer)
    {
        bus.lastError = u"the notification peer does not list CallDeck as active yet: no dialogs arrive"_s;
    }
    for (Node &n : m_nodes.nodes())
    {
        n.health.dialogs = m_peer.table().size(n.source);
        m_sources.setDmqHealth(n.source, n.health);
        const SourceHealth h = m_sources.source(n.source);
        n.health.messagesPerSecond = h.packetsPerSecond;
        bus.updates += n.health.updates;
        bus.states += n.health.states;
        bus.removes += n.health.removes;
        bus.syncs += n.health.syncs;
        bus.nodeLists += n.health.nodeLists;
        bus.rejected += n.health.rejected;
        bus.floodDrops += n.health.floodDrops;
        bus.messagesPerSecond += n.health.messagesPerSecond;
        bus.lastMessageMs = std::max(bus.lastMessageMs, n.health.lastMessageMs);
        bus.lastReplyMs = std::max(bus.lastReplyMs, n.health.lastReplyMs);
    }
    bus.rejected += m_malformed;
    bus.dialogs = m_peer.liveDialogs();
    using Ownership = calldeck::core::ClusterDialogTable::Ownership;
    const calldeck::core::ClusterDialogTable &table = m_peer.table();
    bus.ownersConfirmed = table.count(Ownership::Confirmed);
    bus.ownersInferred = table.count(Ownership::Inferred);
    bus.ownersProvisional = table.count(Ownership::Provisional);
    bus.hIdStep = table.ownerInference().step;
    bus.lastSyncMs = m_lastSyncMs;
    bus.lastSyncDialogs = m_lastSyncDialogs;
    if (m_bus)
    {
        m_sources.setDmqHealth(m_bus, bus);
    }
}

void DmqWorker::leave(int timeoutMs)
{
    if (m_leaving)
    {
        return;
    }
    m_leaving = true;
    m_timer.stop();
    const std::string body = calldeck::core::formatDmqNodeList(m_nodes.ownList(DmqNodeStatus::Disabled));
    auto pending = std::make_shared<int>(0);
    auto finished = std::make_shared<bool>(false);
    auto finish = [this, finished] {
        if (!*finished)
        {
            *finished = true;
            emit left();
        }
    };
    for (Node &n : m_nodes.nodes())
    {
        if (n.status != DmqNodeStatus::Active || !m_udp)
        {
            continue;
        }
        ++*pending;
        send(n.address, dmqwire::NotificationChannel, dmqwire::TextPlain, QByteArray::fromStdString(body), 1,
             [pending, finish](const SipUserAgent::Outcome &) {
                 if (--*pending == 0)
                 {
                     finish();
                 }
             });
    }
    note(int(EventLogEntry::Severity::Info),
         u"leaving the DMQ bus: goodbye sent to %1 node(s)"_s.arg(*pending));
    if (*pending == 0)
    {
        QTimer::singleShot(0, this, finish);
        return;
    }
    QTimer::singleShot(timeoutMs, this, finish);
}

void DmqWorker::shutdown()
{
    m_leaving = true;
    m_timer.stop();
    const QList<SipClientTransaction *> all = m_transactions.values();
    for (SipClientTransaction *t : all)
    {
        t->fail(u"the DMQ node is stopped"_s);
    }
    if (m_udp)
    {
        m_udp->close();
        delete m_udp;
        m_udp = nullptr;
    }
}
