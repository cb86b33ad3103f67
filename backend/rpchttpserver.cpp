// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/rpchttpserver.h"

#include <QCryptographicHash>
#include <QHttpServerRequest>
#include <QTcpSocket>

#include "backend/logging.h"

using namespace Qt::StringLiterals;

namespace
{

QByteArray digest(QByteArrayView token)
{
    return QCryptographicHash::hash(token, QCryptographicHash::Sha256);
}

/// Compares two digests of equal length without an early exit, so the time taken says nothing
/// about how much of the token was right (hashing first also hides its length).
bool equalConstantTime(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
    {
        return false;
    }
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
    {
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    }
    return diff == 0;
}

bool wantsClose(const QHttpServerRequest &request)
{
    return request.value(QByteArrayLiteral("Connection")).trimmed().compare("close", Qt::CaseInsensitive) ==
           0;
}

} // namespace

RpcHttpServer::RpcHttpServer(CoreWorker &worker, const DialogRpc::Options &options, const QByteArray &token,
                             QObject *parent)
    : QAbstractHttpServer(parent)
    , m_rpc(worker, options)
    , m_tokenDigest(token.isEmpty() ? QByteArray() : digest(token))
{}

bool RpcHttpServer::authorized(const QHttpServerRequest &request) const
{
    if (m_tokenDigest.isEmpty())
    {
        return true;
    }
    const QByteArray header = request.value(QByteArrayLiteral("Authorization")).trimmed();
    static constexpr QByteArrayView scheme("Bearer ");
    if (header.size() <= scheme.size() ||
        header.first(scheme.size()).compare(scheme, Qt::CaseInsensitive) != 0)
    {
        return false;
    }
    return equalConstantTime(digest(QByteArrayView(header).sliced(scheme.size()).trimmed()), m_tokenDigest);
}

bool RpcHttpServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const QString path = request.url().path();
    if (path != u"/RPC"_s && !path.startsWith(u"/RPC/"_s))
    {
        return false; // missingHandler()
    }
    const bool close = wantsClose(request);
    if (request.method() != QHttpServerRequest::Method::Post)
    {
        RpcReply r = m_rpc.errorReply(405, u"Method Not Allowed: send the JSON-RPC request with POST"_s);
        r.headers.append({QByteArrayLiteral("Allow"), QByteArrayLiteral("POST")});
        send(socket, r, close);
        return true;
    }
    if (!authorized(request))
    {
        qCWarning(lcRpc) << "served RPC: request without the right bearer token from"
                         << request.remoteAddress().toString();
        RpcReply r = m_rpc.errorReply(
            401,
            u"Unauthorized: send the header 'Authorization: Bearer <token>' with the --rpc-token value"_s);
        r.headers.append(
            {QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer realm=\"calldeck\"")});
        send(socket, r, close);
        return true;
    }
    const RpcReply r = m_rpc.handle(request.body());
    send(socket, r, close || r.closeConnection);
    return true;
}

void RpcHttpServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const RpcReply r = m_rpc.errorReply(404, u"Not Found: the JSON-RPC endpoint is POST /RPC"_s);
    send(socket, r, wantsClose(request));
}

void RpcHttpServer::send(QTcpSocket *socket, const RpcReply &reply, bool close)
{
    QByteArray head = "HTTP/1.1 " + QByteArray::number(reply.status) + ' ' + reply.reason + "\r\n";
    head += "Content-Type: application/json\r\n";
    head += "Content-Length: " + QByteArray::number(reply.body.size()) + "\r\n";
    for (const auto &[name, value] : reply.headers)
    {
        head += name + ": " + value + "\r\n";
    }
    if (close)
    {
        head += "Connection: close\r\n";
    }
    head += "\r\n";
    socket->write(head);
    socket->write(reply.body);
    if (close)
    {
        socket->disconnectFromHost(); // after the written data has gone out
    }
}
