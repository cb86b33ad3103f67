// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonrpchttp.h"

#include <memory>

#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace calldeck::integration
{

RpcResult postJsonRpc(QNetworkAccessManager &network, const QUrl &url, const QString &method,
                      const QJsonArray &params, int id, int timeoutMs, const QString &hint,
                      const QByteArray &bearerToken)
{
    RpcResult result;
    const QJsonObject request{{u"jsonrpc"_s, u"2.0"_s}, {u"method"_s, method}, {u"params"_s, params}, {u"id"_s, id}};
    QNetworkRequest httpRequest(url);
    httpRequest.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    httpRequest.setTransferTimeout(timeoutMs);
    if (!bearerToken.isEmpty())
    {
        httpRequest.setRawHeader("Authorization", "Bearer " + bearerToken);
    }
    std::unique_ptr<QNetworkReply> reply(
        network.post(httpRequest, QJsonDocument(request).toJson(QJsonDocument::Compact)));

    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    timer.start(timeoutMs);
    if (!reply->isFinished())
    {
        loop.exec();
    }
    if (!reply->isFinished())
    {
        reply->abort();
        result.error = u"%1: no reply from %2 within %3 ms%4"_s.arg(method, url.toString()).arg(timeoutMs).arg(hint);
        return result;
    }
    result.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray data = reply->readAll();
    if (data.isEmpty())
    {
        result.error = u"%1: empty reply from %2 (%3)%4"_s.arg(method, url.toString(), reply->errorString(), hint);
        return result;
    }
    QJsonParseError parseError;
    result.body = QJsonDocument::fromJson(data, &parseError);
    if (parseError.error != QJsonParseError::NoError)
    {
        result.error =
            u"%1: reply is not JSON (%2): %3"_s.arg(method, parseError.errorString(), QString::fromUtf8(data.left(200)));
    }
    return result;
}

} // namespace calldeck::integration
