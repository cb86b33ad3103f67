// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

/// @brief One node of a Kamailio DMQ bus as CallDeck's cluster feed sees it (`--dmq`, issue #10):
/// the Sources view shows one row per node (kind "dmq-node") and one for the bus itself (kind
/// "dmq", local = true: CallDeck's own node, with the bus-wide counters).
struct DmqNodeHealth
{
    QString uri;                   ///< "sip:127.0.0.1:5062" (";transport=tcp" when not UDP)
    QString status;                ///< "active", "disabled", "timeout", "pending": Kamailio's names
    bool local = false;            ///< CallDeck's own node (the bus row)
    bool notificationPeer = false; ///< a `--dmq-notify` address
    qint64 lastReplyMs = 0;        ///< wall clock of its last 200 to our notification or ping, 0 = never
    qint64 lastMessageMs = 0;      ///< wall clock of the last KDMQ request it sent us
    qint64 lastSyncMs = 0;         ///< wall clock of the last SYNC answer (UPDATE burst) from it
    quint64 lastSyncDialogs = 0;   ///< dialogs in that answer
    quint64 dialogs = 0;           ///< live dialogs it owns (as far as CallDeck can tell)
    quint64 updates = 0;           ///< dialog UPDATE messages received from it
    quint64 states = 0;            ///< STATE messages
    quint64 removes = 0;           ///< RM messages
    quint64 syncs = 0;             ///< SYNC requests (another node joined)
    quint64 nodeLists = 0;         ///< node-list notifications and pings
    quint64 rejected = 0;          ///< requests answered 4xx/5xx (malformed, unknown dialog...)
    quint64 floodDrops = 0;        ///< requests refused because it exceeded the rate limit
    double messagesPerSecond = 0;  ///< over the last second
    int consecutiveFailures = 0;   ///< our pings to it without a 200, in a row
    QString lastError;             ///< English, says what happened and what to do
    // The bus row only: how the owner of each live dialog is known. Kamailio 5.6 answers a SYNC
    // with every dialog a node holds, copies of other nodes' included, so a synced dialog's owner
    // is "provisional" (the first sender) until the h_id series (h_id mod h_id_step, learnt from
    // confirmed dialogs) names it ("inferred") or a state change comes from it ("confirmed").
    quint64 ownersConfirmed = 0;
    quint64 ownersInferred = 0;
    quint64 ownersProvisional = 0;
    quint32 hIdStep = 0; ///< the h_id step the inference uses, 0 = none learnt yet
};
