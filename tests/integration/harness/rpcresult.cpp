// SPDX-License-Identifier: GPL-3.0-or-later
#include "rpcresult.h"

using namespace Qt::StringLiterals;

namespace calldeck::integration
{

bool RpcResult::ok() const
{
    return error.isEmpty() && httpStatus == 200 && body.isObject() && body.object().contains(u"result"_s) &&
           !body.object().contains(u"error"_s);
}

QJsonValue RpcResult::result() const
{
    return body.isObject() ? body.object().value(u"result"_s) : QJsonValue(QJsonValue::Undefined);
}

QJsonObject RpcResult::rpcError() const
{
    return body.isObject() ? body.object().value(u"error"_s).toObject() : QJsonObject();
}

QString RpcResult::describe() const
{
    QString text = u"HTTP %1"_s.arg(httpStatus);
    if (!error.isEmpty())
    {
        text += u", error: "_s + error;
    }
    const QJsonObject rpc = rpcError();
    if (!rpc.isEmpty())
    {
        text += u", JSON-RPC error %1 %2"_s.arg(rpc.value(u"code"_s).toInt())
                    .arg(rpc.value(u"message"_s).toString());
    }
    if (!body.isNull())
    {
        text += u", body: "_s + QString::fromUtf8(body.toJson(QJsonDocument::Compact).left(300));
    }
    return text;
}

} // namespace calldeck::integration
