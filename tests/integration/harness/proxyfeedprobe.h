// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace calldeck::integration
{

class CalldeckHeadless;
class KamailioInstance;

/// @brief Looks at a headless CallDeck's proxy feeds through its served JSON-RPC
/// (`calldeck.dialogs`, `calldeck.sources`) and compares them with the proxies themselves.
class ProxyFeedProbe final
{
public:
    explicit ProxyFeedProbe(CalldeckHeadless &calldeck);

    /// @brief The name CallDeck gives the feed of @p kamailio ("127.0.0.1:<rpc port>"), which is
    /// also the origin of the dialogs only that proxy lists.
    static QString proxyName(const KamailioInstance &kamailio);
    /// @brief `--rpc` argument for @p kamailio.
    static QString rpcArgument(const KamailioInstance &kamailio);

    /// @brief calldeck.dialogs (empty with @p error set when it failed).
    QJsonArray dialogs(QString *error = nullptr);
    /// @brief calldeck.dialogs rows whose origin is @p origin.
    QJsonArray rows(const QString &origin, QString *error = nullptr);
    /// @brief The "proxy" object of the calldeck.sources entry whose proxy is named @p name;
    /// empty when there is none.
    QJsonObject proxyStatus(const QString &name, QString *error = nullptr);
    /// @brief Shorthand for proxyStatus(name)["state"].
    QString proxyState(const QString &name);

    /// @brief Waits at most @p timeoutMs until CallDeck's rows of @p kamailio equal its own
    /// dlg.list on two looks in a row (a quiet checkpoint); with @p expectedSize >= 0 Kamailio
    /// must list that many dialogs, all in @p expectedState unless that is 0.
    /// @return empty on success, else what differed at the last look.
    /// @p elapsedMs (optional) gets the time until the first equal look.
    QString waitEqual(KamailioInstance &kamailio, int expectedSize, int expectedState, int timeoutMs,
                      qint64 *elapsedMs = nullptr);

private:
    CalldeckHeadless &m_calldeck;
};

} // namespace calldeck::integration
