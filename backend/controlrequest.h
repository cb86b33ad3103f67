// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <QJsonValue>
#include <QString>

#include "backend/dialogaction.h"

/// @brief One action on one dialog, as the console or the served JSON-RPC asks for it.
///
/// The dialog is named by its row key (the console), by its h_entry/h_id in CallDeck's own
/// `dlg.list` (served `dlg.end_dlg`), or by Call-ID + From tag + To tag (the others).
struct ControlRequest
{
    DialogAction action = DialogAction::EndDialog;
    quint64 rowKey = 0;
    std::optional<std::pair<std::uint32_t, std::uint32_t>> engineId; ///< h_entry, h_id
    std::string callId;
    std::string fromTag;
    std::string toTag;

    QString extraHeaders;            ///< EndDialog: e.g. "Reason: ...\r\n"
    QString side;                    ///< Refer: "caller"/"callee"; EndDialog: those or ""/"both"
    QString uri;                     ///< Refer: the Refer-To URI
    quint32 seconds = 0;             ///< SetTimeout
    QString name;                    ///< SetProfile/UnsetProfile: profile; SetVariable: variable
    QString value;                   ///< SetProfile/UnsetProfile: value ("" = no value); SetVariable: value
    int state = 0;                   ///< SetState
    bool confirmedDangerous = false; ///< SetState: the operator confirmed the dangerous action
    QString bridgeFrom;              ///< Bridge: the caller URI
    QString bridgeTo;                ///< Bridge: the callee URI
    QString bridgeOp;                ///< Bridge: optional outbound proxy ("" or "." = none)
    QString bridgeBody = QStringLiteral("."); ///< Bridge: "." = hold SDP, "_" or "" = none, else the body
    bool answerWhenSent = false;              ///< Bridge: done() once the INVITE is out (as Kamailio's RPC);
                                              ///< the outcome goes to the log and executed()
    quint16 proxy = 0;                        ///< Bridge: the proxy to use (0 = the first that can)
    QString requestedBy;                      ///< for the log: "console (user)", "served RPC 127.0.0.1"

    /// @brief "dialog <call-id>" or "row <key>", for messages.
    QString targetText() const;
};

/// @brief What an action came to, and which way it went.
struct ControlResult
{
    bool ok = false;
    int code = 0; ///< 0 on success; else the error code (404 not found, 403 read-only, 501 unavailable, ...)
    QString message; ///< English: what went wrong and what to do
    QString path;    ///< e.g. "proxy kam1 (dlg.end_dlg)", "CallDeck core"
    QJsonValue result;

    static ControlResult failure(int code, const QString &message, const QString &path = {});
};
