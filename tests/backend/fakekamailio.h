// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

#include <QHash>
#include <QJsonArray>
#include <QMutex>
#include <QObject>
#include <QStringList>
#include <QThread>

#include "fakehttpserver.h"

/// @brief A fake Kamailio for ProxyFeed's fault cases: a FakeHttpServer on a thread of its own
/// (so the test's event loop measures CallDeck alone) that answers every method a poll uses with
/// the real replies of samples/ (dlg.list, dlg.stats_active, stats.get_statistics,
/// dlg.profile_get_size, core.uptime, core.version, system.listMethods), the dialog actions with
/// Kamailio's `"result": {}`, and the CallDeck helper include on /calldeck. Each method can be
/// made to misbehave (any FakeHttpServer::Response), be delayed, or be hidden from
/// system.listMethods. Every request is recorded with its parameters and times.
///
/// The public functions are thread-safe; handlers run on the fake's thread.
class FakeKamailio final
{
    Q_DISABLE_COPY_MOVE(FakeKamailio)

public:
    /// @brief One request as the fake received it.
    struct Call
    {
        QByteArray path;
        QString method;
        QJsonArray params;
        int id = -1;
        int connection = 0;
        qint64 receivedMs = 0;  ///< steady clock, ms
        qint64 answeredMs = -1; ///< reply handed to the socket (steady clock, ms); -1 = not (yet)
    };
    using Handler = std::function<FakeHttpServer::Response(const FakeHttpServer::Request &request, int id)>;

    FakeKamailio();
    ~FakeKamailio();

    bool start();
    /// @brief e.g. "http://127.0.0.1:40123/RPC".
    QString url() const;
    /// @brief The steady clock of Call::receivedMs.
    static qint64 nowMs();

    /// @brief Answers @p method (on any path) with @p handler instead of the sample.
    void setOverride(const QString &method, Handler handler);
    void clearOverride(const QString &method);
    /// @brief Delays the reply to @p method by @p ms (0 = none).
    void setDelay(const QString &method, int ms);
    /// @brief Leaves @p method out of system.listMethods.
    void hideMethod(const QString &method);
    /// @brief The helper include answers on /calldeck (true) or the path gives xhttp's 404 page.
    void setHelper(bool answers);
    /// @brief dlg.profile_get_size [@p profile] answers @p size (else the sample's number, 20).
    void setProfileSize(const QString &profile, qint64 size);

    QList<Call> calls() const;
    QList<Call> calls(const QString &method) const;
    int count(const QString &method) const;
    void clearCalls();
    /// @brief Most requests that waited for their reply at the same moment on one connection,
    /// and on all /RPC connections together (requests never answered on purpose not counted).
    int maxOutstandingPerConnection() const;
    int maxOutstandingTotal() const;

    /// @brief Replies as Kamailio builds them.
    static FakeHttpServer::Response sample(const QString &name, int id);
    static FakeHttpServer::Response error(int code, const QByteArray &message, int id);
    static FakeHttpServer::Response result(const QByteArray &resultJson, int id);

private:
    FakeHttpServer::Response handle(const FakeHttpServer::Request &request);
    FakeHttpServer::Response standard(const FakeHttpServer::Request &request, const QString &method,
                                      const QJsonArray &params, int id) const;
    void answered(int index, int connection, bool rpcPath);

    QThread m_thread;
    QObject m_context; // lives on m_thread
    FakeHttpServer *m_server = nullptr;
    quint16 m_port = 0;

    mutable QMutex m_mutex; // guards everything below
    QHash<QString, Handler> m_overrides;
    QHash<QString, int> m_delays;
    QStringList m_hidden;
    QHash<QString, qint64> m_sizes;
    bool m_helper = true;
    QList<Call> m_calls;
    QHash<int, int> m_outstanding; // connection → requests not answered yet
    int m_outstandingTotal = 0;
    int m_maxPerConnection = 0;
    int m_maxTotal = 0;
};
