// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <map>
#include <memory>

#include <QObject>
#include <QString>

#include "backend/controlrequest.h"
#include "backend/core/dialogsnapshot.h"
#include "backend/sipua/sipuseragent.h"

class QTimer;

/// @brief `dlg_bridge` done by CallDeck's own SIP user agent (reference §6.5, issue #6):
/// click-to-dial by INVITE(hold)–REFER–BYE. CallDeck calls the `from` party with a hold offer
/// (through the outbound proxy when one is given), acknowledges its 2xx, sends it a REFER to the
/// `to` party in that short dialog, then a BYE; the `from` party is expected to call `to` itself.
/// A party that does not answer within the ring timeout gets a CANCEL; a 3xx–6xx or no answer
/// aborts with the reason. Every step's answer is reported.
///
/// Lives on the main thread; both callbacks run there.
class EmbeddedBridge final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EmbeddedBridge)

public:
    struct Request
    {
        QString from;                       ///< the party CallDeck calls (sip:/sips: URI)
        QString to;                         ///< the Refer-To target
        QString outboundProxy;              ///< next hop of the INVITE ("" or "." = the from URI itself)
        QString body = QStringLiteral("."); ///< "." = the hold offer, "_" or "" = none, else the SDP
    };
    using Done = std::function<void(const ControlResult &)>;
    using Sent = std::function<void()>;

    EmbeddedBridge(SipUserAgent &ua, QString controllerUri, QObject *parent = nullptr);
    ~EmbeddedBridge() override;

    /// @brief How long a ringing party may take to answer before the CANCEL (default 60 s).
    void setRingTimeoutMs(int ms) { m_ringTimeoutMs = ms; }
    int ringTimeoutMs() const { return m_ringTimeoutMs; }
    /// @brief "embedded UA (sip:calldeck@ADDR:PORT)".
    QString path() const;

    /// @brief Starts a bridge. @p sent runs once the INVITE is handed to the UA; @p finished runs
    /// exactly once with the outcome (at once, without @p sent, for a request that is refused).
    void start(const Request &request, Sent sent, Done finished);

private:
    struct Run
    {
        Request request;
        std::string callId;
        std::string fromTag;
        quint64 invite = 0;
        QTimer *ring = nullptr;
        bool cancelled = false;
        calldeck::core::DialogSnapshot dialog;
        QStringList steps;
        int referStatus = 0;
        Done finished;
    };
    void onInviteDone(quint64 id, const SipUserAgent::Outcome &outcome);
    void sendRefer(quint64 id);
    void sendBye(quint64 id);
    void complete(quint64 id, const ControlResult &result);
    /// @brief Runs @p fn on this object's thread if it still exists (UA callbacks come on the UA's).
    void later(std::function<void()> fn);

    SipUserAgent &m_ua;
    const QString m_controller;
    int m_ringTimeoutMs = 60000;
    quint64 m_nextId = 1;
    std::map<quint64, Run> m_runs;
};
