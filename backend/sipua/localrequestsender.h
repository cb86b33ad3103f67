// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <unordered_map>

#include <QObject>
#include <QString>

#include "backend/core/dialogengine.h"
#include "backend/sipua/sipuseragent.h"

class CoreWorker;

/// @brief Sends what the dialog core asks to send (its request sink: BYE from dlg_bye or on
/// timeout) and the requests the console builds (REFER) through CallDeck's own SIP user agent,
/// and brings the final replies back: a 2xx or 481 to a BYE ends that leg in the core
/// (localReply); a failure (4xx–6xx, no answer after Timer F, unreachable) leaves the dialog as it
/// is and is reported. Every result is published with requestDone().
///
/// send() is the core's request sink and runs on the core thread; the rest is thread-safe.
class LocalRequestSender final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocalRequestSender)

public:
    /// @brief One finished request: the dialog's row key, the leg it went to, the method, and
    /// what the UA reported.
    struct Result
    {
        quint64 dialogKey = 0;
        calldeck::core::DialogLeg leg = calldeck::core::DialogLeg::Callee;
        QString method;
        SipUserAgent::Outcome outcome;
    };
    using Done = std::function<void(const Result &)>;

    LocalRequestSender(CoreWorker &worker, SipUserAgent &ua, QObject *parent = nullptr);

    /// @brief The core's request sink (core thread): rewrites nothing itself, the UA puts its
    /// own Via in.
    void send(const calldeck::core::LocalRequest &request);
    /// @brief Sends a request the caller built (REFER, OPTIONS) for the dialog @p dialogKey.
    void sendBuilt(quint64 dialogKey, calldeck::core::DialogLeg leg, const QString &method,
                   const calldeck::core::BuiltRequest &request, Done done = {});

    /// @brief Counts what send() hands to the UA for @p dialogKey until takeSent() (core thread
    /// only: a caller of DialogEngine::bye() learns how many BYEs it produced).
    void countSent(quint64 dialogKey);
    int takeSent();

    /// @brief "sip:calldeck@ADDR:PORT": Contact and Referred-By of the requests the console sends.
    QString contactUri() const;

    /// @brief Core thread: remembers the proxy that owns the mirrored dialog @p dialogKey (each
    /// leg's socket, the ids for the did) so that send() routes its requests through that proxy.
    /// The core's route sets are the proxy's view and leave out the proxy's own Record-Route;
    /// a request from CallDeck's socket must go to the proxy first (issue #6).
    void rememberProxy(quint64 dialogKey, const calldeck::core::DialogSnapshot &dialog);
    /// @brief The core, read (on its thread, from send()) for the dialogs it did not remember.
    void setEngine(const calldeck::core::DialogEngine *engine) { m_engine = engine; }
    /// @brief Drops what rememberProxy() kept (the dialog is gone). Core thread only.
    void forgetProxy(quint64 dialogKey) { m_proxies.erase(dialogKey); }
    /// @brief @p request with the proxy's own hop (`<sip:SOCKET;lr;did=...>`, from @p dialog's
    /// socket of @p leg) on top of its Route and as next hop; unchanged without a socket.
    static calldeck::core::BuiltRequest throughProxy(const calldeck::core::BuiltRequest &request,
                                                     const calldeck::core::DialogSnapshot &dialog,
                                                     calldeck::core::DialogLeg leg);

signals:
    /// @brief Emitted on the UA's thread for every finished request (use a queued connection).
    void requestDone(const LocalRequestSender::Result &result);

private:
    void finished(const Result &result, const Done &done);

    CoreWorker &m_worker;
    SipUserAgent &m_ua;
    quint64 m_counting = 0;                                                // core thread only
    std::unordered_map<quint64, calldeck::core::DialogSnapshot> m_proxies; // core thread only
    const calldeck::core::DialogEngine *m_engine = nullptr;                // core thread only
    int m_sent = 0;
};

Q_DECLARE_METATYPE(LocalRequestSender::Result)
