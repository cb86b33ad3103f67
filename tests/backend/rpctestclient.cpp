// SPDX-License-Identifier: GPL-3.0-or-later
#include "rpctestclient.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

using namespace Qt::StringLiterals;

RpcTestClient::RpcTestClient(quint16 port, const QString &path)
    : m_url(u"http://127.0.0.1:%1%2"_s.arg(port).arg(path))
{}

RpcTestClient::Answer RpcTestClient::wait(QNetworkReply *reply)
{
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    timer.start(10000);
    if (!reply->isFinished())
    {
        loop.exec();
    }
    Answer a;
    if (reply->isFinished())
    {
        a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        a.reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
        a.contentType = reply->rawHeader("Content-Type");
        a.allow = reply->rawHeader("Allow");
        a.body = reply->readAll();
        a.json = QJsonDocument::fromJson(a.body).object();
    }
    else
    {
        reply->abort();
    }
    reply->deleteLater();
    return a;
}

RpcTestClient::Answer RpcTestClient::post(const QByteArray &body, const Headers &headers)
{
    QNetworkRequest request{QUrl(m_url)};
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    for (const auto &[name, value] : headers)
    {
        request.setRawHeader(name, value);
    }
    return wait(m_nam.post(request, body));
}

RpcTestClient::Answer RpcTestClient::call(const QString &method, const QByteArray &paramsJson, int id)
{
    const QByteArray body = R"({"jsonrpc":"2.0","method":")" + method.toUtf8() + R"(","params":)" +
                            paramsJson + R"(,"id":)" + QByteArray::number(id) + '}';
    return post(body);
}

RpcTestClient::Answer RpcTestClient::get()
{
    return wait(m_nam.get(QNetworkRequest{QUrl(m_url)}));
}

QByteArray RpcTestClient::raw(quint16 port, const QByteArray &request, int timeoutMs, bool *closed)
{
    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, port);
    QByteArray received;
    *closed = false;
    if (!socket.waitForConnected(timeoutMs))
    {
        return received;
    }
    socket.write(request);
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs)
    {
        if (socket.state() == QAbstractSocket::UnconnectedState)
        {
            *closed = true;
            break;
        }
        socket.waitForReadyRead(50);
        received += socket.readAll();
    }
    received += socket.readAll();
    return received;
}
