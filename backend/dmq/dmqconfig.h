// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QList>
#include <QString>
#include <QStringList>

#include "backend/core/dmqnodelist.h"

/// @brief CallDeck's node on a Kamailio DMQ bus (issue #10), from `--dmq sip:ADDR:PORT`,
/// `--dmq-notify sip:HOST:PORT` (repeatable), `--dmq-ping SECONDS`, `--dmq-max-rate N`.
struct DmqConfig
{
    calldeck::core::DmqNodeAddress self;          ///< the UDP socket CallDeck binds and announces
    QList<calldeck::core::DmqNodeAddress> notify; ///< the notification peers it registers with
    int pingSeconds = 10;                         ///< how often every known node gets our node list (a ping)
    int maxRate = 20000;    ///< KDMQ requests per second one node may send before 503s (flood)
    int t1Ms = 250;         ///< T1 of our KDMQ transactions (Timer F = 64·T1: 16 s without a reply)
    int syncQuietMs = 1500; ///< a full sync is over when no UPDATE came for this long

    /// @brief The options as given; nullopt with one English line per problem in @p errors
    /// (each says what to write instead). @p dmq empty means "no DMQ" and is not an error, unless
    /// one of the other options is given.
    static std::optional<DmqConfig> parse(const QString &dmq, const QStringList &notify, const QString &ping,
                                          const QString &maxRate, QStringList *errors);
};
