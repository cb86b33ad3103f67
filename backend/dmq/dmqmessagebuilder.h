// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

#include "backend/core/dmqnodelist.h"

namespace calldeck::core
{
class SipMessage;
}

/// @brief The SIP text of DMQ: KDMQ requests as Kamailio 5.6.3 lays them out (Request-URI and To
/// `sip:<channel>@<receiver>`, From `sip:<channel>@<sender>` with a tag — the receiver knows the
/// sending node by the From host:port —, a new Call-ID per message, `CSeq: 10 KDMQ`) and the
/// answers to requests that reach CallDeck's node.
class DmqMessageBuilder final
{
public:
    DmqMessageBuilder(calldeck::core::DmqNodeAddress self, QByteArray userAgent);

    /// @brief A KDMQ request to @p to on @p channel ("notification_peer", "dialog"). Its Via
    /// carries the branch returned in @p branch; Max-Forwards is @p maxForwards (2 on the first
    /// notification, 1 on everything else).
    QByteArray request(const calldeck::core::DmqNodeAddress &to, const QByteArray &channel,
                       const QByteArray &contentType, const QByteArray &body, int maxForwards,
                       QByteArray *branch);
    /// @brief The answer to @p request: its Via headers, From, Call-ID and CSeq copied, a To tag
    /// added when it had none, `Server:`; a body only when @p body is not empty.
    QByteArray response(const calldeck::core::SipMessage &request, int status, const QByteArray &reason,
                        const QByteArray &contentType = {}, const QByteArray &body = {});

    const calldeck::core::DmqNodeAddress &self() const { return m_self; }

private:
    QByteArray token(int bytes);

    calldeck::core::DmqNodeAddress m_self;
    QByteArray m_hostPort;
    QByteArray m_userAgent;
    QByteArray m_toTag;
    quint64 m_counter = 0;
};
