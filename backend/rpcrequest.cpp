// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/rpcrequest.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace
{

// A small scanner over text QJsonDocument has already accepted: QJsonObject sorts its keys, but
// jsonrpcs takes object params by position, so their order has to come from the text itself.

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

qsizetype skipSpace(QByteArrayView s, qsizetype i)
{
    while (i < s.size() && isSpace(s[i]))
    {
        ++i;
    }
    return i;
}

/// @p i is at the opening quote; returns the index after the closing one.
qsizetype skipString(QByteArrayView s, qsizetype i)
{
    for (++i; i < s.size(); ++i)
    {
        if (s[i] == '\\')
        {
            ++i;
        }
        else if (s[i] == '"')
        {
            return i + 1;
        }
    }
    return s.size();
}

qsizetype skipValue(QByteArrayView s, qsizetype i)
{
    if (i >= s.size())
    {
        return i;
    }
    if (s[i] == '"')
    {
        return skipString(s, i);
    }
    if (s[i] == '{' || s[i] == '[')
    {
        int depth = 0;
        while (i < s.size())
        {
            const char c = s[i];
            if (c == '"')
            {
                i = skipString(s, i);
                continue;
            }
            if (c == '{' || c == '[')
            {
                ++depth;
            }
            else if ((c == '}' || c == ']') && --depth == 0)
            {
                return i + 1;
            }
            ++i;
        }
        return i;
    }
    while (i < s.size() && s[i] != ',' && s[i] != '}' && s[i] != ']' && !isSpace(s[i]))
    {
        ++i;
    }
    return i;
}

QString decodeKey(QByteArrayView quoted)
{
    const QByteArray wrapped = '[' + quoted.toByteArray() + ']';
    return QJsonDocument::fromJson(wrapped).array().at(0).toString();
}

/// Calls @p fn(key, value text) for each member of the object starting at @p i, in text order,
/// until it returns false.
template<typename Fn>
void forEachMember(QByteArrayView s, qsizetype i, Fn fn)
{
    i = skipSpace(s, i);
    if (i >= s.size() || s[i] != '{')
    {
        return;
    }
    i = skipSpace(s, i + 1);
    while (i < s.size() && s[i] == '"')
    {
        const qsizetype keyEnd = skipString(s, i);
        const QString key = decodeKey(s.sliced(i, keyEnd - i));
        i = skipSpace(s, skipSpace(s, keyEnd) + 1); // past the ':'
        const qsizetype valueEnd = skipValue(s, i);
        if (!fn(key, s.sliced(i, valueEnd - i)))
        {
            return;
        }
        i = skipSpace(s, valueEnd);
        if (i >= s.size() || s[i] != ',')
        {
            return;
        }
        i = skipSpace(s, i + 1);
    }
}

/// The member values of the root's "params" object, in the order they are written.
QJsonArray orderedObjectParams(QByteArrayView body)
{
    QJsonArray params;
    forEachMember(body, 0, [&](const QString &key, QByteArrayView value) {
        if (key != u"params"_s)
        {
            return true;
        }
        QByteArray list("[");
        forEachMember(value, 0, [&](const QString &, QByteArrayView member) {
            if (list.size() > 1)
            {
                list += ',';
            }
            list += member;
            return true;
        });
        list += ']';
        params = QJsonDocument::fromJson(list).array();
        return false; // the first "params" member counts, as in srjson_GetObjectItem
    });
    return params;
}

} // namespace

RpcRequest RpcRequest::parse(QByteArrayView body)
{
    RpcRequest r;
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(body.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError || doc.isNull())
    {
        r.m_problem = u"invalid JSON at offset %1: %2"_s.arg(error.offset).arg(error.errorString());
        return r;
    }
    r.m_kind = Kind::NotACall;
    if (!doc.isObject())
    {
        r.m_problem = u"the body is a JSON array (a batch); jsonrpcs runs single requests only"_s;
        return r;
    }
    const QJsonObject root = doc.object();
    if (const auto id = root.constFind(u"id"_s); id != root.constEnd())
    {
        if (id->isString())
        {
            r.m_idKind = IdKind::String;
            r.m_idString = id->toString();
        }
        else if (id->isDouble())
        {
            r.m_idKind = IdKind::Number;
            r.m_idNumber = id->toDouble();
        }
        else
        {
            r.m_idKind = IdKind::Null;
        }
    }
    if (root.value(u"jsonrpc"_s).toString() != u"2.0"_s)
    {
        r.m_problem = u"\"jsonrpc\" is missing or not \"2.0\""_s;
        return r;
    }
    const QJsonValue method = root.value(u"method"_s);
    if (!method.isString())
    {
        r.m_problem = u"\"method\" is missing or not a string"_s;
        return r;
    }
    const QJsonValue params = root.value(u"params"_s);
    if (params.isArray())
    {
        r.m_params = params.toArray();
    }
    else if (params.isObject())
    {
        r.m_params = orderedObjectParams(body);
    }
    else if (!params.isUndefined())
    {
        r.m_problem = u"\"params\" is neither an array nor an object"_s;
        return r;
    }
    r.m_method = method.toString();
    r.m_kind = Kind::Call;
    return r;
}
