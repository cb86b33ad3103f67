// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QString>
#include <QUdpSocket>

namespace calldeck::integration
{

/// @brief A DMQ node played by a test: one UDP socket on 127.0.0.1 that sends KDMQ requests the
/// way Kamailio 5.6 does (Via and From carry the socket's own address), records every datagram
/// it receives with its arrival time, and answers requests per setAnswer(): 200 OK on
/// `notification_peer` with the active nodes it learnt from notifications and its own line
/// last (as Kamailio does), 200 OK without a body on every other channel.
///
/// Datagrams are read while the event loop runs (readyRead) and in pump()/waitFor(), so it keeps
/// answering during a blocking JSON-RPC call too. For tests only.
class DmqTestNode final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DmqTestNode)

public:
    /// @brief One datagram as received.
    struct Message
    {
        qint64 atMs = 0; ///< ms since the node was bound
        quint16 fromPort = 0;
        QByteArray raw;

        bool isReply() const;
        /// @brief "KDMQ sip:dialog@127.0.0.1:5062 SIP/2.0" or "SIP/2.0 200 OK".
        QString firstLine() const;
        /// @brief The reply's status code, 0 for a request.
        int status() const;
        /// @brief The user part of the Request-URI ("dialog", "notification_peer"), empty for a reply.
        QString channel() const;
        /// @brief The first value of the header @p name (case-insensitive), empty when absent.
        QString header(const QString &name) const;
        QString callId() const;
        /// @brief Everything after the blank line, byte for byte.
        QByteArray body() const;
    };

    /// @brief Which received requests get a 200 OK.
    enum class Answer
    {
        All,              ///< every request
        NotificationOnly, ///< only `notification_peer` (pings); dialog messages are left unanswered
        None,             ///< nothing: the sender retransmits, then gives up (408)
    };

    DmqTestNode();
    ~DmqTestNode() override;

    /// @brief Binds a free UDP port on 127.0.0.1; false with errorString() when it cannot.
    bool bind();
    quint16 port() const;
    /// @brief "sip:127.0.0.1:<port>"
    QString uri() const;
    /// @brief "sip:127.0.0.1:<port>;status=active\r\n", the line this node announces.
    QByteArray ownLine(const QString &status = QStringLiteral("active")) const;
    void setAnswer(Answer answer);
    /// @brief The status line of the 200 replies' first line, e.g. "200 OK".
    void setReplyStatus(const QByteArray &statusLine);

    /// @brief Sends `KDMQ sip:<channel>@127.0.0.1:<toPort>` with @p body; returns its Call-ID.
    QString send(quint16 toPort, const QString &channel, const QByteArray &body,
                 const QByteArray &contentType, int maxForwards = 1);
    /// @brief The exact request send() would write (for printing), with Call-ID @p callId.
    QByteArray request(quint16 toPort, const QString &channel, const QByteArray &body,
                       const QByteArray &contentType, int maxForwards, const QString &callId) const;
    /// @brief Sends @p datagram as it is.
    void sendRaw(quint16 toPort, const QByteArray &datagram);

    /// @brief Reads (and answers) datagrams for @p ms milliseconds.
    void pump(int ms);
    /// @brief Reads until a message received from now on (index >= messages().size() at the call,
    /// or from @p fromIndex when given) matches @p match, at most @p timeoutMs; the match or an
    /// empty Message (atMs -1).
    Message waitFor(int timeoutMs, const std::function<bool(const Message &)> &match, int fromIndex = -1);
    /// @brief waitFor() the reply to the request with Call-ID @p callId.
    Message waitReply(const QString &callId, int timeoutMs = 2000);
    const QList<Message> &messages() const;
    qint64 elapsedMs() const;
    QString errorString() const;

private:
    void readPending();
    void answer(const Message &request);

    QUdpSocket m_socket;
    QElapsedTimer m_clock;
    QList<Message> m_messages;
    QList<QByteArray> m_known; ///< active node lines learnt from notifications, for the 200s
    Answer m_answer = Answer::All;
    QByteArray m_replyStatus = "200 OK";
    int m_sent = 0;
    QString m_error;
};

} // namespace calldeck::integration
