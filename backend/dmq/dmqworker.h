// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <deque>
#include <functional>
#include <memory>

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QSet>
#include <QTimer>

#include "backend/dmq/dmqconfig.h"
#include "backend/dmq/dmqdialogpeer.h"
#include "backend/dmq/dmqmessagebuilder.h"
#include "backend/dmq/dmqnodetable.h"
#include "backend/sipua/sipuseragent.h"

class EventLog;
class SipClientTransaction;
class SipUdpSocket;
class SourceRegistry;
struct DialogListPayload;

namespace calldeck::core
{
class SipMessage;
}

/// @brief CallDeck's node on a Kamailio DMQ bus, on the DMQ thread (DmqFeed starts it): a UDP
/// socket, KDMQ client transactions (RFC 3261 non-INVITE, SipClientTransaction) and the answers to
/// the KDMQ requests of the other nodes.
///
/// - Joins by notifying each `--dmq-notify` peer (Max-Forwards 2, its own line as body) and takes
///   the nodes from the 200; then asks every active node for a full SYNC.
/// - Answers node lists (`notification_peer`) with 200 and its own list, pings every known node
///   every DmqConfig::pingSeconds (a 200 makes it active; no answer: timeout, then disabled).
/// - Hands `dialog` bodies to DmqDialogPeer and publishes, at most every 100 ms, the listing of each
///   node whose dialogs changed (Sinks::listing); a node that is not active has its dialogs marked
///   stale (Sinks::stale).
/// - Refuses a node's requests beyond DmqConfig::maxRate per second with 503 (counted; a full
///   sync repairs what was lost once the flood is over).
/// - Leaves with a goodbye (its line with status=disabled) to every active node.
class DmqWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DmqWorker)

public:
    struct Sinks
    {
        std::function<void(quint16 node, const QString &name, std::shared_ptr<const DialogListPayload>)>
            listing;
        std::function<void(quint16 node)> stale;
        /// A node got its SourceRegistry row (to route actions on its dialogs).
        std::function<void(quint16 node, const QString &uri)> nodeAdded;
    };

    DmqWorker(DmqConfig config, SourceRegistry &sources, EventLog *log, Sinks sinks,
              QObject *parent = nullptr);
    ~DmqWorker() override;

    /// @brief Binds the UDP socket and adds the bus row. @return false with @p error (English)
    bool bind(QString *error);
    /// @brief Notifies the peers and starts the timers.
    void join();
    /// @brief Sends the goodbye to every active node; emits left() once all answered or after
    /// @p timeoutMs.
    void leave(int timeoutMs);
    /// @brief Fails what is still running and closes the socket.
    void shutdown();
    quint16 busSource() const { return m_bus; }

    /// @brief Name of a node's dialogs in the origin column: "dmq 127.0.0.1:5062".
    static QString originName(const calldeck::core::DmqNodeAddress &a);

signals:
    void left();

private:
    using Node = DmqNodeTable::Node;
    using Done = std::function<void(const SipUserAgent::Outcome &)>;

    void onDatagram(const QByteArray &datagram, const QHostAddress &from, quint16 port);
    void onUnreachable(const QHostAddress &to, quint16 port, const QString &error);
    void onRequest(const calldeck::core::SipMessage &m, const QHostAddress &from, quint16 port);
    QByteArray answerNodeList(const calldeck::core::SipMessage &m, Node &sender);
    void send(const calldeck::core::DmqNodeAddress &to, const QByteArray &channel, const QByteArray &type,
              const QByteArray &body, int maxForwards, Done done);
    void sendNodeList(Node &node, int maxForwards);
    void onNodeListAnswer(const calldeck::core::DmqNodeAddress &to, const SipUserAgent::Outcome &o);
    void requestSync();
    /// @brief A full sync in 2 s (at most one a minute) to repair a dialog CallDeck missed.
    void resyncLater(const QString &why);
    void tick();
    void publishListings(qint64 now);
    void everySecond(qint64 nowMs);
    void publishHealth();
    Node &nodeFor(const calldeck::core::DmqNodeAddress &a, calldeck::core::DmqNodeStatus status);
    void registerNode(Node &n);
    void changeStatus(Node &n, calldeck::core::DmqNodeStatus status, const QString &why);
    void mergeList(std::string_view body, Node *from);
    void note(int severity, const QString &message);
    qint64 nowMs() const;

    DmqConfig m_config;
    SourceRegistry &m_sources;
    EventLog *m_log;
    Sinks m_sinks;
    DmqMessageBuilder m_builder;
    DmqNodeTable m_nodes;
    DmqDialogPeer m_peer;
    SipUdpSocket *m_udp = nullptr;
    QTimer m_timer;
    quint16 m_bus = 0;
    QHash<QByteArray, SipClientTransaction *> m_transactions; ///< by branch
    QHash<QByteArray, QByteArray> m_answers;                  ///< top Via branch → answer sent
    std::deque<std::pair<qint64, QByteArray>> m_answerOrder;  ///< for expiry
    QSet<quint16> m_republish;                                ///< nodes whose listing must be (re-)sent
    QHash<quint16, qint64> m_nextPublishMs; ///< a node's listing is not sent again before this time
    bool m_joined = false;                  ///< a notification peer answered 200
    bool m_synced = false;                  ///< the first full sync was requested
    bool m_leaving = false;
    bool m_healthDirty = false; ///< a counter or status changed since the last publishHealth()
    bool m_listedByPeer = true;
    int m_pendingGoodbyes = 0;
    qint64 m_nextPingMs = 0;
    qint64 m_nextSecondMs = 0;
    qint64 m_resyncAtMs = 0;   ///< a full sync is due then (after a flood, a missed UPDATE)
    qint64 m_lastRepairMs = 0; ///< when resyncLater() last planned one
    bool m_flooded = false;    ///< the sync that is due repairs a flood
    quint64 m_malformed = 0;
    qint64 m_lastSyncMs = 0;
    quint64 m_lastSyncDialogs = 0; ///< live dialogs when the last full sync ended
};
