// SPDX-License-Identifier: GPL-3.0-or-later
#include "rpcclientfixtures.h"

#include <curl/curl.h>

#include <QFile>
#include <QList>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace RpcClientFixtures
{

bool initLibcurl()
{
    static const bool ok = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
    return ok;
}

QByteArray sample(const QString &name)
{
    QFile file(QStringLiteral(CALLDECK_SAMPLES) + u'/' + name);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QByteArray withId(const QByteArray &json, const int id)
{
    // The top-level id is the last "id" of a reply; dialog objects have no "id" key.
    const qsizetype at = json.lastIndexOf("\"id\":");
    if (at < 0)
    {
        return json;
    }
    qsizetype start = at + 5;
    while (start < json.size() && (json[start] == ' ' || json[start] == '\t'))
    {
        ++start;
    }
    qsizetype end = start;
    while (end < json.size() && json[end] >= '0' && json[end] <= '9')
    {
        ++end;
    }
    return json.left(start) + QByteArray::number(id) + json.mid(end);
}

QByteArray jsonSample(const QString &name, const int id)
{
    return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
           QByteArray::number(withId(sample(name), id).size()) + "\r\n\r\n" + withId(sample(name), id);
}

QByteArray httpSample(const QString &name, const int id)
{
    const QByteArray raw = sample(name);
    const qsizetype split = raw.indexOf("\r\n\r\n");
    if (split < 0)
    {
        return {};
    }
    const QByteArray body = withId(raw.mid(split + 4), id);
    QByteArray head = raw.left(split);
    static const QRegularExpression length(u"Content-Length: *\\d+"_s,
                                           QRegularExpression::CaseInsensitiveOption);
    head = QString::fromLatin1(head)
               .replace(length, u"Content-Length: "_s + QString::number(body.size()))
               .toLatin1();
    return head + "\r\n\r\n" + body;
}

namespace
{

/// The dialog objects of samples/dlg.list.json as they are written there (tabs and all).
QList<QByteArray> sampleDialogs()
{
    const QByteArray text = sample(u"dlg.list.json"_s);
    const qsizetype open = text.indexOf('[');
    const qsizetype close = text.lastIndexOf(']');
    QList<QByteArray> dialogs;
    int depth = 0;
    bool inString = false;
    qsizetype start = -1;
    for (qsizetype i = open + 1; i < close; ++i)
    {
        const char c = text[i];
        if (inString)
        {
            if (c == '\\')
            {
                ++i;
            }
            else if (c == '"')
            {
                inString = false;
            }
            continue;
        }
        if (c == '"')
        {
            inString = true;
        }
        else if (c == '{' || c == '[')
        {
            if (depth++ == 0)
            {
                start = i;
            }
        }
        else if ((c == '}' || c == ']') && --depth == 0)
        {
            dialogs.append(text.mid(start, i - start + 1));
        }
    }
    return dialogs;
}

} // namespace

QByteArray dlgListReply(const int dialogs, const int id)
{
    static const QList<QByteArray> objects = sampleDialogs();
    QByteArray out = "{\n\t\"jsonrpc\":\t\"2.0\",\n\t\"result\":\t[";
    out.reserve(static_cast<qsizetype>(dialogs) * 920 + 64);
    for (int i = 0; i < dialogs && !objects.isEmpty(); ++i)
    {
        // 1-based so that h_id gets no leading zero; h_id stays below 2^32 up to ~40 000 copies.
        const QByteArray prefix = QByteArray::number(i / objects.size() + 1);
        QByteArray object = objects[i % objects.size()];
        object.replace("\"call-id\":\t\"", QByteArray("\"call-id\":\t\"" + prefix + '-'));
        object.replace("\"h_id\":\t", QByteArray("\"h_id\":\t" + prefix));
        if (i > 0)
        {
            out += ", ";
        }
        out += object;
    }
    return out + "],\n\t\"id\":\t" + QByteArray::number(id) + "\n}";
}

} // namespace RpcClientFixtures
