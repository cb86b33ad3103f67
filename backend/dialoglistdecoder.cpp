// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/dialoglistdecoder.h"

#include <string_view>
#include <unordered_set>

#include <QElapsedTimer>
#include <QJsonArray>

#include "backend/dialoglistpool.h"
#include "backend/dlglistparser.h"
#include "backend/jsontypename.h"
#include "backend/rpcreplyparser.h"

using namespace Qt::StringLiterals;
using calldeck::core::DlgListReply;

RpcOutcome DialogListDecoder::slowPath(const int requestId, const int status, const QString &reason,
                                       const QByteArray &body)
{
    RpcOutcome outcome = RpcReplyParser::parse(requestId, status, reason, body);
    if (!outcome.ok)
    {
        return outcome;
    }
    if (!outcome.result.isArray())
    {
        return RpcOutcome::failure(
            RpcError::Kind::Protocol,
            u"the result is %1, expected an array of dialogs"_s.arg(jsonTypeName(outcome.result)), status);
    }
    auto payload = std::make_shared<DialogListPayload>();
    DlgListParser::Result parsed = DlgListParser::parseList(outcome.result);
    payload->dialogs = std::move(parsed.dialogs);
    payload->skipped = std::move(parsed.errors);
    outcome.result = QJsonValue();
    outcome.dialogs = std::move(payload);
    return outcome;
}

RpcOutcome DialogListDecoder::decode(const int requestId, const int status, const QString &reason,
                                     const QByteArray &body, const qint64 transferMs,
                                     const std::shared_ptr<DialogListPool> &pool)
{
    QElapsedTimer timer;
    timer.start();
    RpcOutcome outcome;
    if (status >= 200 && status < 300)
    {
        if (pool)
        {
            m_reply.dialogs = pool->take();
        }
        m_reader.readReply(std::string_view(body.constData(), static_cast<std::size_t>(body.size())),
                           m_reply);
        if (m_reply.kind == DlgListReply::Kind::Result && m_reply.id && *m_reply.id == requestId)
        {
            auto payload = std::make_shared<DialogListPayload>();
            payload->dialogs = std::move(m_reply.dialogs);
            for (const std::string &e : m_reply.errors)
            {
                payload->skipped.append(QString::fromStdString(e));
            }
            payload->pool = pool;
            outcome.ok = true;
            outcome.dialogs = std::move(payload);
        }
    }
    if (!outcome.ok)
    {
        outcome = slowPath(requestId, status, reason, body);
    }
    if (outcome.dialogs)
    {
        std::unordered_set<std::string_view> names;
        for (const auto &d : outcome.dialogs->dialogs)
        {
            for (const auto &p : d.profiles)
            {
                if (names.insert(p.first).second)
                {
                    outcome.dialogs->profileNames.append(QString::fromStdString(p.first));
                }
            }
        }
        outcome.dialogs->replyBytes = body.size();
        outcome.dialogs->transferMs = transferMs;
        outcome.dialogs->decodeMs = timer.elapsed();
    }
    return outcome;
}
