// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/rpcreplyparser.h"

#include "backend/jsontypename.h"

#include <algorithm>
#include <cmath>

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace
{

constexpr qsizetype SnippetBytes = 60;

/// The start of a body that is not JSON-RPC, on one line, for the message.
QString snippet(const QByteArray &body)
{
    QString text = QString::fromUtf8(body.left(SnippetBytes)).simplified();
    if (body.size() > SnippetBytes)
    {
        text += u"..."_s;
    }
    return u"'"_s + text + u"'"_s;
}

/// A short rendering of a JSON value for messages (ids, "jsonrpc" members).
QString render(const QJsonValue &v)
{
    if (v.isString())
    {
        return u'"' + v.toString().left(SnippetBytes) + u'"';
    }
    if (v.isDouble())
    {
        return QString::number(v.toDouble(), 'g', 17);
    }
    return jsonTypeName(v);
}

QString statusText(const int status, const QString &reason)
{
    QString text = u"HTTP "_s + QString::number(status);
    if (!reason.isEmpty())
    {
        text += u' ' + reason;
    }
    return text;
}

bool isIntegral(const QJsonValue &v)
{
    if (!v.isDouble())
    {
        return false;
    }
    const double d = v.toDouble();
    return std::isfinite(d) && std::trunc(d) == d && std::fabs(d) < 2147483648.0;
}

/// The JSON-RPC error object of @p reply when it has an integral "code"; false otherwise.
bool readError(const QJsonObject &reply, int &code, QString &message)
{
    const QJsonValue error = reply.value("error"_L1);
    if (!error.isObject())
    {
        return false;
    }
    const QJsonObject e = error.toObject();
    const QJsonValue c = e.value("code"_L1);
    if (!isIntegral(c))
    {
        return false;
    }
    code = static_cast<int>(c.toDouble());
    const QJsonValue m = e.value("message"_L1);
    message = m.isString() ? m.toString() : u"(the error object has no message)"_s;
    return true;
}

/// Empty when the reply's id fits the request; else the Protocol message. A missing or null id is
/// accepted on errors only (JSON-RPC answers a request it could not read with "id": null).
QString idProblem(const QJsonObject &reply, const int requestId, const bool isError)
{
    const QJsonValue id = reply.value("id"_L1);
    if (id.isUndefined() || id.isNull())
    {
        if (isError)
        {
            return {};
        }
        if (id.isNull())
        {
            return u"reply has a result but \"id\": null (request id %1)"_s.arg(requestId);
        }
        return u"reply has a result but no id; Kamailio answers this way ({\"result\":{}} without id) to a "
               "batch request or a call it cannot read, so the request was not run as sent (request id %1)"_s
                   .arg(requestId);
    }
    if (id.isDouble() && id.toDouble() == static_cast<double>(requestId))
    {
        return {};
    }
    return u"reply id %1 does not match request id %2"_s.arg(render(id)).arg(requestId);
}

} // namespace

RpcOutcome RpcReplyParser::parse(const int requestId, const int status, const QString &reason,
                                 const QByteArray &body)
{
    using Kind = RpcError::Kind;
    const bool success = status >= 200 && status < 300;

    QJsonParseError parseError{};
    const QJsonDocument doc = body.isEmpty() ? QJsonDocument() : QJsonDocument::fromJson(body, &parseError);
    const bool isObject = !body.isEmpty() && parseError.error == QJsonParseError::NoError && doc.isObject();
    const QJsonObject reply = isObject ? doc.object() : QJsonObject();

    int code = 0;
    QString message;
    const bool hasError = isObject && readError(reply, code, message);

    if (!success)
    {
        if (hasError)
        {
            if (const QString problem = idProblem(reply, requestId, true); !problem.isEmpty())
            {
                return RpcOutcome::failure(Kind::Protocol, problem, status);
            }
            return RpcOutcome::failure(Kind::Remote, message, status, code);
        }
        QString text = statusText(status, reason);
        if (body.isEmpty())
        {
            text += u" with an empty body"_s;
        }
        else
        {
            text += u"; the body is not a JSON-RPC error: "_s + snippet(body);
        }
        return RpcOutcome::failure(Kind::Http, text, status);
    }

    if (body.isEmpty())
    {
        return RpcOutcome::failure(Kind::Protocol, statusText(status, reason) + u" with an empty body"_s,
                                   status);
    }
    if (parseError.error != QJsonParseError::NoError)
    {
        return RpcOutcome::failure(
            Kind::Protocol,
            u"reply is not valid JSON (%1 at byte %2 of %3): %4"_s.arg(parseError.errorString())
                .arg(std::min<qsizetype>(parseError.offset, body.size()))
                .arg(body.size())
                .arg(snippet(body)),
            status);
    }
    if (!isObject)
    {
        return RpcOutcome::failure(Kind::Protocol, u"reply is a JSON array, not a JSON-RPC object"_s, status);
    }
    const QJsonValue version = reply.value("jsonrpc"_L1);
    if (version != QJsonValue(u"2.0"_s))
    {
        return RpcOutcome::failure(
            Kind::Protocol, u"reply has \"jsonrpc\": %1, expected \"2.0\""_s.arg(render(version)), status);
    }
    if (hasError)
    {
        if (const QString problem = idProblem(reply, requestId, true); !problem.isEmpty())
        {
            return RpcOutcome::failure(Kind::Protocol, problem, status);
        }
        return RpcOutcome::failure(Kind::Remote, message, status, code);
    }
    if (const QJsonValue error = reply.value("error"_L1); !error.isUndefined())
    {
        return RpcOutcome::failure(
            Kind::Protocol,
            error.isObject() ? u"reply \"error\" object has no whole-number \"code\""_s
                             : u"reply \"error\" is %1, expected an object"_s.arg(jsonTypeName(error)),
            status);
    }
    if (!reply.contains("result"_L1))
    {
        return RpcOutcome::failure(Kind::Protocol, u"reply has neither \"result\" nor \"error\""_s, status);
    }
    if (const QString problem = idProblem(reply, requestId, false); !problem.isEmpty())
    {
        return RpcOutcome::failure(Kind::Protocol, problem, status);
    }
    return RpcOutcome::success(reply.value("result"_L1));
}
