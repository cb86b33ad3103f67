// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

/// @brief A request made ready to send: the caller's text with its first Via entry replaced by
/// the UA's own (`SIP/2.0/<transport> <sent-by>;branch=z9hG4bK<hex>;rport`, or one inserted
/// after the request line when there was none), everything else byte for byte, and a
/// Content-Length added only when the message had none.
class SipOutgoingRequest final
{
public:
    /// @brief What the request is sent as: the methods each accepts.
    enum class Purpose
    {
        NonInvite, ///< a non-INVITE client transaction: anything but INVITE and ACK
        Invite,    ///< an INVITE client transaction: INVITE only
        Ack,       ///< the ACK of a 2xx, sent on its own: ACK only
    };

    /// @brief Checks @p message (a complete SIP request of @p purpose) and rewrites its top Via.
    /// @param transport "UDP" or "TCP"
    /// @param sentBy "127.0.0.1:5060" or "[::1]:5060"
    /// @return false with @p error (English, says what to do) for text that is not such a request
    static bool prepare(const QByteArray &message, const QString &transport, const QString &sentBy,
                        SipOutgoingRequest &out, QString *error, Purpose purpose = Purpose::NonInvite);
    /// @brief "z9hG4bK" followed by 24 random hex digits.
    static QByteArray newBranch();

    QByteArray bytes;  ///< what goes on the wire
    QByteArray branch; ///< the new top Via branch
    QByteArray method; ///< the CSeq method (responses are matched on it)
};
