// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QPair>
#include <QString>

/// @brief Test helper: talks HTTP to a served JSON-RPC through QNetworkAccessManager (what a
/// Qt client does) or through a raw socket (to see the exact status line and connection end).
class RpcTestClient final
{
public:
    struct Answer
    {
        int status = 0; ///< 0 when no HTTP reply came
        QByteArray reason;
        QByteArray contentType;
        QByteArray allow;
        QByteArray body;
        QJsonObject json; ///< the body parsed, empty when it is not a JSON object
    };
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    explicit RpcTestClient(quint16 port, const QString &path = QStringLiteral("/RPC"));

    Answer post(const QByteArray &body, const Headers &headers = {});
    Answer call(const QString &method, const QByteArray &paramsJson = QByteArrayLiteral("[]"), int id = 1);
    Answer get();
    /// @brief Sends @p request on a new connection and returns everything read until the server
    /// closes it or @p timeoutMs pass; @p closed tells which.
    static QByteArray raw(quint16 port, const QByteArray &request, int timeoutMs, bool *closed);

private:
    Answer wait(class QNetworkReply *reply);

    QNetworkAccessManager m_nam;
    QString m_url;
};
