// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>

#include <QString>
#include <QStringList>

/// @brief Health and facts of one polled proxy (a ProxyFeed), as the Sources view shows them.
struct ProxyStatus
{
    enum class State : std::uint8_t
    {
        Connecting, ///< no answer yet
        Up,         ///< the last poll succeeded
        Degraded,   ///< the last poll failed, or succeeded only in part (skipped entries, a side call)
        Down,       ///< several polls in a row failed: its dialogs are stale
    };
    State state = State::Connecting;
    QString name;             ///< the proxy's name in the console (its host:port unless set)
    QString endpoint;         ///< URL without the password
    int latencyMs = -1;       ///< the last dlg.list round trip
    qint64 lastSuccessMs = 0; ///< wall clock of the last complete poll, 0 = never
    qint64 lastAttemptMs = 0;
    qint64 nextPollMs = 0;
    int consecutiveErrors = 0;
    int intervalMs = 0; ///< the current poll interval (grows while failing)
    QString lastError;  ///< English detail of the last failure
    quint64 polls = 0;
    quint64 failures = 0;
    int dialogs = -1;       ///< dialogs in the last dlg.list
    int skippedEntries = 0; ///< malformed entries of the last dlg.list
    qint64 replyBytes = 0;
    QString version;           ///< core.version
    qint64 uptimeS = -1;       ///< core.uptime
    qint64 activeDialogs = -1; ///< dlg.stats_active "all"
    QStringList statistics;    ///< stats.get_statistics dialog: lines
    QStringList profiles;      ///< profiles polled with dlg.profile_get_size
    QList<QPair<QString, qint64>> profileSizes;
    QStringList methods; ///< system.listMethods
    bool helper = false; ///< the calldeck-helpers.cfg include answers
    QStringList actions; ///< the actions this proxy can do (see ProxyFeed::Action names)
    QString dmqNode;     ///< its own DMQ address from dmq.list_nodes ("sip:127.0.0.1:5062"), empty: none

    static QString stateName(State state);
};
