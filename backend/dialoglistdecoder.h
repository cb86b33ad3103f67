// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include <QByteArray>
#include <QString>

#include "backend/core/dlglistreader.h"
#include "backend/rpcoutcome.h"

class DialogListPool;

/// @brief Decodes the HTTP reply to a `dlg.list`-style request straight into dialogs, on the RPC
/// thread, so neither the GUI nor the core thread ever parses a multi-megabyte reply.
///
/// A 2xx reply whose "result" is an array gives an outcome with `dialogs` set (malformed entries
/// skipped and listed), read by the core's one-pass DlgListReader. Everything else (errors,
/// non-JSON, foreign ids, JSON the strict reader refuses) goes the general way, RpcReplyParser
/// then DlgListParser, so error reporting is the same for every request. One instance per RPC
/// thread (it keeps the reader's buffers).
class DialogListDecoder final
{
public:
    RpcOutcome decode(int requestId, int status, const QString &reason, const QByteArray &body,
                      qint64 transferMs = 0, const std::shared_ptr<DialogListPool> &pool = {});

private:
    static RpcOutcome slowPath(int requestId, int status, const QString &reason, const QByteArray &body);

    calldeck::core::DlgListReader m_reader;
    calldeck::core::DlgListReply m_reply;
};
