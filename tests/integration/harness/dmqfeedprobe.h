// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace calldeck::integration
{

class CalldeckHeadless;
class KamailioInstance;

/// @brief Looks at a headless CallDeck that joined a DMQ bus (`--dmq`, issue #10) through its
/// served JSON-RPC, and compares its cluster dialogs with the Kamailio nodes' own `dlg.list`.
class DmqFeedProbe final
{
public:
    explicit DmqFeedProbe(CalldeckHeadless &calldeck);

    /// @brief `calldeck --headless --hep off --db-mode 0 --serve-rpc .. --dmq sip:127.0.0.1:<free>
    /// --dmq-notify sip:<each of @p notify> --dmq-ping @p pingSeconds` plus @p extra; null (with a
    /// qWarning) when it did not start. @p dmqPort gets CallDeck's DMQ port.
    static std::unique_ptr<CalldeckHeadless> startCalldeck(const QStringList &notify, quint16 *dmqPort,
                                                           int pingSeconds = 1,
                                                           const QStringList &extra = {});
    /// @brief "dmq 127.0.0.1:<port>": the origin of the dialogs a node owns.
    static QString originOf(const KamailioInstance &node);
    /// @brief The dialogs of all @p nodes' `dlg.list`, each (h_entry, h_id) once, as its owner
    /// lists it (replicas have a null caller socket).
    static QJsonArray unionOf(const QList<KamailioInstance *> &nodes);
    /// @brief h_entry:h_id, Call-ID, state, both tags, From/To URIs, variables and profiles (as
    /// sets) of a `dlg.list` entry or a calldeck.dialogs row (whose ids are proxy_h_entry/_id).
    static QString projection(const QJsonObject &rowOrDialog);
    /// @brief What differs between the projections of @p kamailio and @p rows (empty: equal).
    static QString differences(const QJsonArray &kamailio, const QJsonArray &rows);

    /// @brief calldeck.dialogs rows whose origin starts with "dmq ".
    QJsonArray clusterRows(QString *error = nullptr);
    /// @brief calldeck.sources.
    QJsonArray sources(QString *error = nullptr);
    /// @brief The "dmq" object of the source of kind "dmq-node" whose uri is @p uri; empty if none.
    QJsonObject node(const QString &uri);
    /// @brief The "dmq" object of the source of kind "dmq" (CallDeck's own node, the bus).
    QJsonObject bus();
    /// @brief Waits until clusterRows() equals unionOf(@p nodes) on two looks in a row.
    /// @return empty on success, else the differences of the last look; @p elapsedMs gets the
    /// time until the first equal look.
    QString waitEqual(const QList<KamailioInstance *> &nodes, int timeoutMs, qint64 *elapsedMs = nullptr);

private:
    QJsonObject sourceDmq(const QString &kind, const QString &uri);

    CalldeckHeadless &m_calldeck;
};

} // namespace calldeck::integration
