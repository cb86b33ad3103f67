// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <deque>

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QString>

namespace calldeck::core
{
class SipMessage;
}

/// @brief Answers the requests that reach the UA: NOTIFY and OPTIONS get 200 OK, everything
/// else 481 Call/Transaction Does Not Exist, ACK nothing. An answer copies the Via headers,
/// From, To (with a To tag added when it had none), Call-ID and CSeq and adds User-Agent and
/// Content-Length: 0. Answers are remembered for 64·T1 by top Via branch (or, without a
/// branch, Call-ID + CSeq + From tag), so a retransmitted request gets the very same bytes.
class SipRequestResponder final
{
public:
    SipRequestResponder(QByteArray userAgent, int t1Ms);

    struct Answer
    {
        int status = 0;              ///< 0: nothing to send (ACK)
        QByteArray bytes;            ///< the response
        bool retransmission = false; ///< the request was seen before; @p bytes is the old answer
    };
    /// @brief The answer to @p request (a parsed request).
    Answer answer(const calldeck::core::SipMessage &request);

    static int statusFor(const calldeck::core::SipMessage &request);

private:
    void expire();

    struct Remembered
    {
        QByteArray key;
        qint64 atMs = 0;
    };

    QByteArray m_userAgent;
    qint64 m_keepMs;
    QElapsedTimer m_clock;
    QHash<QByteArray, QByteArray> m_answers; ///< key → the response sent
    std::deque<Remembered> m_order;          ///< oldest first, for expiry
};
