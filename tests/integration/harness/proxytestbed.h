// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include <QJsonArray>
#include <QJsonValue>
#include <QList>
#include <QString>

#include "sippprocess.h"

namespace calldeck::integration
{

class CalldeckHeadless;
class KamailioInstance;

/// @brief The pieces the proxy-feed tests (issue #5) put together: a headless CallDeck polling
/// Kamailio proxies, sipp callees and callers through them, and looks at Kamailio's dialogs.
/// Every start reports its failure with qWarning and returns null.
class ProxyTestBed final
{
public:
    ProxyTestBed() = delete;

    /// @brief `calldeck --headless --hep off --serve-rpc ... --rpc URL...` with the default poll
    /// timings written to its settings (1 s interval, 30 s backoff cap, down after 3 failures).
    /// @p mirror adds a HEP listener (CalldeckHeadless::hepAddress()); @p rpcUrls are added to
    /// the URLs of @p proxies (for a proxy that is not started yet).
    static std::unique_ptr<CalldeckHeadless> startCalldeck(const QList<KamailioInstance *> &proxies,
                                                           const QStringList &rpcUrls = {},
                                                           bool mirror = false);
    /// @brief uas.xml on @p port for @p calls calls.
    static std::unique_ptr<SippProcess> startUas(quint16 port, int calls, const QString &dir);
    /// @brief A caller (default uac_rr_wait_bye.xml: follows Record-Route, waits for a BYE and
    /// answers it 200 ms late) placing @p calls calls at 20/s through @p kamailio; it hangs up
    /// itself after @p holdMs without a BYE. Call-IDs start with @p name.
    static std::unique_ptr<SippProcess>
    startUac(const KamailioInstance &kamailio, const QString &name, int calls, int holdMs, const QString &dir,
             const QString &scenario = QStringLiteral("uac_rr_wait_bye.xml"));

    /// @brief The options of the caller startUac() starts.
    static SippProcess::Options
    callerOptions(const KamailioInstance &kamailio, const QString &name, int calls, int holdMs,
                  const QString &scenario = QStringLiteral("uac_rr_wait_bye.xml"));

    /// @brief Kamailio's dlg.list, empty when it failed.
    static QJsonArray kamailioDialogs(KamailioInstance &kamailio);
    /// @brief Waits until Kamailio lists exactly @p count dialogs, all confirmed (state 4).
    static bool waitConfirmed(KamailioInstance &kamailio, int count, int timeoutMs = 10000);
    /// @brief Waits until Kamailio lists no dialog at all (ended ones stay ~4.5 s in state 5).
    static bool waitEmpty(KamailioInstance &kamailio, int timeoutMs = 15000);
    /// @brief Ends (dlg.end_dlg on Kamailio itself) whatever a failed test left up and waits
    /// until Kamailio lists nothing; true when it lists nothing (then nothing was left).
    static bool endLeftovers(KamailioInstance &kamailio);
    /// @brief state of a calldeck.dialogs row or a dlg.list entry.
    static int stateOf(const QJsonValue &rowOrDialog);
    static QString callIdOf(const QJsonValue &rowOrDialog);
    /// @brief [call-id, caller tag, callee tag] of a row or dlg.list entry: the first parameters
    /// of dlg.terminate_dlg, dlg.is_alive and the calldeck.* helper methods.
    static QJsonArray tagsOf(const QJsonValue &rowOrDialog);
    /// @brief @p params followed by @p more.
    static QJsonArray with(QJsonArray params, const QJsonArray &more);
    static bool allInState(const QJsonArray &list, int state);
    /// @brief @p value as indented JSON text (for failure messages).
    static QString json(const QJsonValue &value);
    /// @brief Kamailio's log errors and CallDeck's output, for failure messages.
    static QString details(const KamailioInstance &kamailio, const CalldeckHeadless &calldeck);
};

} // namespace calldeck::integration
