// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPair>
#include <QSslCertificate>
#include <QSslKey>
#include <QTcpServer>

class QTcpSocket;

/// @brief An HTTP/1.1 server on 127.0.0.1 (a free port) for the JSON-RPC client's fault cases:
/// each request goes to a handler that decides the exact bytes of the reply, a delay, closing
/// the connection without a reply, or never answering. Counts connections (keep-alive checks)
/// and records every request. Optionally speaks TLS (QSslSocket on the accepted descriptor).
/// Runs on the test's thread: the test's event loop (QSignalSpy::wait, QTRY_*) serves it.
class FakeHttpServer final : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeHttpServer)

public:
    struct Request
    {
        int connection = 0; ///< 0-based index of the connection it came on
        QByteArray method;
        QByteArray path;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;

        QByteArray header(QByteArrayView name) const;
        /// @brief The JSON-RPC "id" of the body, -1 when there is none.
        int rpcId() const;
        QString rpcMethod() const;
    };
    enum class Action
    {
        Reply,         ///< write the bytes, keep the connection open
        ReplyAndClose, ///< write the bytes, then close (a reply without Content-Length ends so)
        Close,         ///< close without a reply (Kamailio on malformed JSON)
        Ignore,        ///< read the request and never answer
    };
    struct Response
    {
        Action action = Action::Reply;
        QByteArray bytes; ///< the complete HTTP reply: status line, headers, body
        int delayMs = 0;
        /// Runs once the bytes are handed to the kernel (to act while the reply is in flight).
        std::function<void()> afterWrite;
    };
    using Handler = std::function<Response(const Request &)>;

    explicit FakeHttpServer(QObject *parent = nullptr);
    ~FakeHttpServer() override;

    /// @brief Listens on 127.0.0.1 on a free port.
    bool start();
    void setHandler(Handler handler) { m_handler = std::move(handler); }
    /// @brief Every later connection speaks TLS with this certificate and key.
    void setTls(const QSslCertificate &certificate, const QSslKey &key);
    /// @brief e.g. "http://127.0.0.1:40123/RPC"; @p userInfo goes before the host as it is.
    QString url(const QString &scheme = QStringLiteral("http"), const QString &userInfo = {}) const;

    int connectionCount() const { return m_accepted; }
    int openConnectionCount() const { return static_cast<int>(m_connections.size()); }
    const QList<Request> &requests() const { return m_requests; }

    /// @brief A complete reply with Content-Length; @p extraHeaders are "Name: value\r\n" lines.
    static QByteArray reply(int status, QByteArrayView reason, QByteArrayView body,
                            QByteArrayView extraHeaders = {});
    /// @brief 200 OK, application/json, kept alive.
    static Response json(QByteArrayView body);
    /// @brief These exact bytes, then @p action (Reply or ReplyAndClose).
    static Response raw(const QByteArray &bytes, Action action = Action::Reply);
    /// @brief Closes the connection without a reply.
    static Response closeWithoutReply();
    /// @brief Never answers.
    static Response ignore();

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    struct Connection
    {
        int index = 0;
        QByteArray buffer;
    };
    void serve(QTcpSocket *socket);
    void respond(QTcpSocket *socket, const Response &response);

    Handler m_handler;
    QHash<QTcpSocket *, Connection> m_connections;
    QList<Request> m_requests;
    int m_accepted = 0;
    QSslCertificate m_certificate;
    QSslKey m_key;
};
