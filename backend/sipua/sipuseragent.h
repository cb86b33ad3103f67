// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <functional>
#include <memory>

#include <QByteArray>
#include <QMutex>
#include <QObject>
#include <QString>

class QThread;
class SipUaWorker;

/// @brief CallDeck's own SIP user agent (`--sip ADDR:PORT`, issue #6): sends the in-dialog
/// requests the core builds (BYE, REFER, OPTIONS keep-alives) from its own UDP/TCP socket and runs
/// RFC 3261 non-INVITE client transactions for them (Timer E retransmissions over UDP, Timer F),
/// matching responses by the top Via branch and CSeq method. Answers the few requests that reach
/// it (NOTIFY of a REFER, OPTIONS: 200; anything else 481) and reports them.
///
/// Runs on a thread of its own; every public function is thread-safe; Done callbacks run on the
/// UA's thread.
class SipUserAgent final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SipUserAgent)

public:
    struct Options
    {
        QString address = QStringLiteral("127.0.0.1"); ///< local address for UDP and TCP
        quint16 port = 0;                              ///< 0 = an ephemeral port (see port())
        int t1Ms = 500;  ///< RFC 3261 T1 (Timer E starts here, Timer F = 64·T1)
        int t2Ms = 4000; ///< RFC 3261 T2 (Timer E cap)
        QString userAgent = QStringLiteral("CallDeck"); ///< User-Agent header value of its answers
    };

    /// @brief What one client transaction came to.
    struct Outcome
    {
        int status = 0;      ///< the final response's code; 0 = none (timeout, transport error)
        QString reason;      ///< its reason phrase
        QString error;       ///< when status is 0: English, says what happened and what to do
        QByteArray response; ///< the final response as received
        int retransmissions = 0;
        qint64 elapsedMs = 0;
        QString transport;   ///< "UDP" or "TCP"
        QString destination; ///< "host:port" it was sent to

        /// @brief "200 OK", or the error when there was no final response.
        QString summary() const { return status ? QStringLiteral("%1 %2").arg(status).arg(reason) : error; }
    };
    using Done = std::function<void(const Outcome &)>;

    explicit SipUserAgent(Options options, QObject *parent = nullptr);
    ~SipUserAgent() override;

    /// @brief Binds UDP and TCP on the address (same port) and starts the thread.
    /// @return false with @p error (English, says what to do) when the port cannot be bound
    bool start(QString *error);
    /// @brief Ends every transaction (their Done gets status 0, "stopped") and the thread.
    void stop();
    bool running() const;
    QString address() const;
    quint16 port() const;

    /// @brief Sends a non-INVITE request. @p message is complete SIP text with one top Via (its
    /// sent-by, branch and transport are replaced by the UA's own); @p nextHop is a SIP URI
    /// (`sip:host[:port][;transport=tcp|udp][;lr]`) — the first Route entry or the Request-URI. A
    /// host name is resolved first. @p done is called exactly once (unless stop() comes first,
    /// then with status 0).
    void sendRequest(const QByteArray &message, const QString &nextHop, Done done);
    /// @brief Sends an INVITE as an RFC 3261 INVITE client transaction (Timer A/B; a 3xx–6xx is
    /// acknowledged by the UA itself). @p done gets the first final response (a 2xx: send its ACK
    /// with sendAck()) or status 0. @return a handle for sendAck() and cancel()
    quint64 sendInvite(const QByteArray &message, const QString &nextHop, Done done);
    /// @brief Sends the ACK of the 2xx that answered INVITE @p invite (complete SIP text, its top
    /// Via replaced like sendRequest()'s); the UA re-sends it for every retransmitted 2xx.
    void sendAck(quint64 invite, const QByteArray &message, const QString &nextHop);
    /// @brief Cancels INVITE @p invite if it has no final answer yet (the CANCEL goes once the
    /// INVITE rings); its Done then gets the 487, or status 0 when none comes within 64·T1.
    void cancel(quint64 invite);

signals:
    /// @brief A request from the network that the UA answered (NOTIFY, OPTIONS, ...): its text,
    /// the sender "ip:port" and the status it answered with. Emitted on the UA's thread.
    void requestReceived(const QByteArray &message, const QString &sender, int answeredWith);

private:
    /// @brief Runs @p job on the worker's thread; false when the UA is not accepting work.
    bool post(std::function<void(SipUaWorker *)> job);

    const Options m_options;
    QMutex m_lifecycle;     ///< serialises start() and stop()
    mutable QMutex m_mutex; ///< guards everything below but the port
    QThread *m_thread = nullptr;
    SipUaWorker *m_worker = nullptr; ///< lives on m_thread
    QString m_address;
    bool m_accepting = false; ///< sendRequest() posts to the worker (cleared first by stop())
    std::atomic<quint16> m_port{0};
    std::atomic<quint64> m_nextInvite{1};
};
