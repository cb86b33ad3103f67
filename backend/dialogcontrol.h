// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>

#include "backend/controlrequest.h"
#include "backend/proxydialogs.h"

class CoreWorker;
class EmbeddedActions;
class EmbeddedBridge;
class EventLog;
class ProxyFeed;

/// @brief Routes every action to the owner of its dialog (DESIGN.md "control"): a dialog a proxy
/// lists goes to that proxy (its dlg.* RPCs, or the CallDeck helper include for REFER, timeouts,
/// profiles and variables); a dialog only the mirror sees gets the CallDeck core for profiles,
/// variables and is-alive, and CallDeck's embedded SIP user agent (EmbeddedActions) for BYE,
/// REFER and timeouts that end calls. A bridge (click-to-dial) goes to a proxy that can do it, else to
/// the embedded UA (EmbeddedBridge). Actions a proxy cannot do are refused with the reason, never
/// sent. Read-only mode refuses everything.
///
/// Lives on the main thread; execute() returns at once and reports on that thread.
/// executeAndWait() is for other threads (the served JSON-RPC).
class DialogControl final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DialogControl)

public:
    using Done = std::function<void(const ControlResult &)>;

    DialogControl(CoreWorker &worker, EventLog *log, QObject *parent = nullptr);
    ~DialogControl() override;

    void addProxy(ProxyFeed *feed);
    void removeProxy(quint16 proxy);
    /// @brief A feed whose dialogs allow no action (a proxy DB feed: no RPC); @p why (English)
    /// says so and what to do instead. removeProxy() forgets it.
    void addReadOnlyFeed(quint16 origin, const QString &why);
    /// @brief The dialogs of @p origin (a DMQ node) are acted on through @p feed, the JSON-RPC of
    /// the proxy that is that node (their ids are the proxy's own).
    void routeThrough(quint16 origin, ProxyFeed *feed);
    void setReadOnly(bool readOnly) { m_readOnly = readOnly; }
    /// @brief CallDeck's own SIP user agent for dialogs only the mirror sees (null: none).
    void setEmbedded(EmbeddedActions *embedded) { m_embedded = embedded; }
    /// @brief CallDeck's own bridge (INVITE–REFER–BYE) when no proxy can bridge (null: none).
    void setBridge(EmbeddedBridge *bridge) { m_bridge = bridge; }
    bool readOnly() const { return m_readOnly; }

    /// @brief Which way an action on a row would go now, or why it cannot (from what is known at
    /// this moment: read-only mode, the row's state and owner, the proxies' health and helper
    /// include, whether the embedded SIP user agent and bridge run). Synchronous, for the console
    /// to enable its actions and to show the path before the operator confirms.
    struct Route
    {
        QString path;   ///< e.g. "proxy kam1 (dlg.end_dlg)", "embedded UA (sip:...)", "CallDeck core"
        QString whyNot; ///< empty: the action can be done (English; says what to do)
    };
    /// @param side EndDialog/TerminateDialog: "", "both", "caller" or "callee"; Refer: the side
    Route route(DialogAction action, const DialogRow &row, const QString &side = {}) const;
    /// @brief route().whyNot: empty when @p action can be done on @p row.
    QString whyNot(DialogAction action, const DialogRow &row, const QString &side = {}) const;
    /// @brief Why an action needing CallDeck's own SIP user agent is refused when it does not run.
    static QString withoutEmbeddedText(DialogAction action);
    static QString readOnlyText();

    void execute(const ControlRequest &request, Done done);
    /// @brief Runs execute() on this object's thread and waits for the result (at most
    /// @p timeoutMs; then a 504 result). Never call it on this object's thread.
    ControlResult executeAndWait(const ControlRequest &request, int timeoutMs);

signals:
    /// @brief Every attempt and its result (the audit trail).
    void executed(const ControlRequest &request, const ControlResult &result);

private:
    struct Resolved
    {
        bool found = false;
        quint64 engineKey = 0;                 ///< 0 when only a proxy lists it
        calldeck::core::DialogSnapshot dialog; ///< the mirror's view, else the proxy's
        ProxyDialogs::Owner owner;
        quint64 proxyKey = 0;   ///< a proxy-only dialog found by the proxy's own h_entry/h_id
        bool ambiguous = false; ///< those ids name dialogs on several proxies
    };
    void resolved(const ControlRequest &request, const Resolved &target, const Done &done);
    void viaProxy(const ControlRequest &request, const Resolved &target, const Done &done);
    void viaCore(const ControlRequest &request, const Resolved &target, const Done &done);
    void viaEmbedded(const ControlRequest &request, const Resolved &target, const Done &done);
    void bridge(const ControlRequest &request, const Done &done);
    void finish(const ControlRequest &request, const ControlResult &result, const Done &done);
    /// Why @p proxy cannot end one leg only (dlg.end_dlg ends both).
    static QString oneSideText(const QString &proxy);
    /// Why a dialog of @p proxy, which has no ProxyFeed, cannot be acted on through it.
    QString noFeedText(quint16 proxy) const;

    struct InFlight
    {
        DialogAction action;
        QElapsedTimer since;
    };
    /// @brief Refuses (409) an action on a dialog another one is still running on; else marks it
    /// and returns @p done wrapped to clear the mark. @return false when refused
    bool admit(const ControlRequest &request, const Resolved &target, Done &done);

    CoreWorker &m_worker;
    EventLog *m_log;
    QHash<quint64, InFlight> m_inFlight; ///< by the dialog's key: actions not answered yet
    QHash<quint16, QPointer<ProxyFeed>> m_proxies;
    QHash<quint16, QString> m_readOnlyFeeds; ///< origin → why its dialogs allow no action
    bool m_readOnly = false;
    EmbeddedActions *m_embedded = nullptr;
    EmbeddedBridge *m_bridge = nullptr;
};
