// SPDX-License-Identifier: GPL-3.0-or-later
#include "fakehttpserver.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QSslSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

QByteArray FakeHttpServer::Request::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers)
    {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
        {
            return value;
        }
    }
    return {};
}

int FakeHttpServer::Request::rpcId() const
{
    return QJsonDocument::fromJson(body).object().value("id"_L1).toInt(-1);
}

QString FakeHttpServer::Request::rpcMethod() const
{
    return QJsonDocument::fromJson(body).object().value("method"_L1).toString();
}

FakeHttpServer::FakeHttpServer(QObject *parent)
    : QTcpServer(parent)
{}

FakeHttpServer::~FakeHttpServer()
{
    close();
    const auto sockets = m_connections.keys();
    m_connections.clear();
    for (QTcpSocket *socket : sockets)
    {
        socket->disconnect(this);
        socket->abort();
        delete socket;
    }
}

bool FakeHttpServer::start()
{
    return listen(QHostAddress::LocalHost, 0);
}

void FakeHttpServer::setTls(const QSslCertificate &certificate, const QSslKey &key)
{
    m_certificate = certificate;
    m_key = key;
}

QString FakeHttpServer::url(const QString &scheme, const QString &userInfo) const
{
    return scheme + u"://"_s + (userInfo.isEmpty() ? QString() : userInfo + u'@') + u"127.0.0.1:"_s +
           QString::number(serverPort()) + u"/RPC"_s;
}

QByteArray FakeHttpServer::reply(const int status, QByteArrayView reason, QByteArrayView body,
                                 QByteArrayView extraHeaders)
{
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason.toByteArray() +
           "\r\nContent-Type: application/json\r\nServer: kamailio (5.6.3 (x86_64/linux))\r\n" +
           extraHeaders.toByteArray() + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" +
           body.toByteArray();
}

FakeHttpServer::Response FakeHttpServer::json(QByteArrayView body)
{
    return raw(reply(200, "OK", body));
}

FakeHttpServer::Response FakeHttpServer::raw(const QByteArray &bytes, const Action action)
{
    Response r;
    r.action = action;
    r.bytes = bytes;
    return r;
}

FakeHttpServer::Response FakeHttpServer::closeWithoutReply()
{
    Response r;
    r.action = Action::Close;
    return r;
}

FakeHttpServer::Response FakeHttpServer::ignore()
{
    Response r;
    r.action = Action::Ignore;
    return r;
}

void FakeHttpServer::incomingConnection(const qintptr descriptor)
{
    QTcpSocket *socket = nullptr;
    if (!m_certificate.isNull())
    {
        auto *tls = new QSslSocket(this);
        tls->setLocalCertificate(m_certificate);
        tls->setPrivateKey(m_key);
        socket = tls;
    }
    else
    {
        socket = new QTcpSocket(this);
    }
    if (!socket->setSocketDescriptor(descriptor))
    {
        delete socket;
        return;
    }
    m_connections.insert(socket, Connection{m_accepted++, {}});
    connect(socket, &QTcpSocket::readyRead, this, [this, socket]() { serve(socket); });
    connect(socket, &QTcpSocket::disconnected, this, [this, socket]() {
        if (m_connections.remove(socket))
        {
            socket->deleteLater();
        }
    });
    if (auto *tls = qobject_cast<QSslSocket *>(socket))
    {
        // The client may reject the certificate; that is the point of some tests.
        connect(tls, &QSslSocket::sslErrors, tls, [](const QList<QSslError> &) {});
        tls->startServerEncryption();
    }
}

void FakeHttpServer::serve(QTcpSocket *socket)
{
    auto it = m_connections.find(socket);
    if (it == m_connections.end())
    {
        return;
    }
    it->buffer += socket->readAll();
    for (;;)
    {
        QByteArray &buffer = it->buffer;
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
        {
            return;
        }
        Request request;
        request.connection = it->index;
        const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        request.method = requestLine.value(0);
        request.path = requestLine.value(1);
        qsizetype length = 0;
        for (qsizetype i = 1; i < lines.size(); ++i)
        {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon > 0)
            {
                request.headers.append({lines[i].left(colon).trimmed(), lines[i].mid(colon + 1).trimmed()});
            }
        }
        length = request.header("Content-Length").toLongLong();
        if (buffer.size() < headerEnd + 4 + length)
        {
            return;
        }
        request.body = buffer.mid(headerEnd + 4, length);
        buffer.remove(0, headerEnd + 4 + length);
        m_requests.append(request);
        const Response response = m_handler ? m_handler(request) : json(R"({"jsonrpc":"2.0","result":{}})");
        if (response.delayMs > 0)
        {
            const QPointer<QTcpSocket> guard(socket);
            QTimer::singleShot(response.delayMs, this, [this, guard, response]() {
                if (guard)
                {
                    respond(guard, response);
                }
            });
        }
        else
        {
            respond(socket, response);
        }
        it = m_connections.find(socket);
        if (it == m_connections.end())
        {
            return;
        }
    }
}

void FakeHttpServer::respond(QTcpSocket *socket, const Response &response)
{
    switch (response.action)
    {
    case Action::Reply:
        socket->write(response.bytes);
        break;
    case Action::ReplyAndClose:
        socket->write(response.bytes);
        socket->disconnectFromHost();
        break;
    case Action::Close:
        socket->disconnectFromHost();
        break;
    case Action::Ignore:
        break;
    }
    if (response.afterWrite)
    {
        if (socket->state() == QAbstractSocket::ConnectedState)
        {
            socket->flush();
        }
        response.afterWrite();
    }
}
