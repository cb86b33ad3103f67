// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogrowcomparer.h"

#include <algorithm>
#include <cstdlib>

#include <QJsonDocument>
#include <QMap>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace calldeck::integration
{

namespace
{

QString compact(const QJsonValue &value)
{
    if (value.isObject())
    {
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    }
    if (value.isArray())
    {
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    }
    return QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact))
        .mid(1)
        .chopped(1);
}

/// A mixed array (objects and strings) as a sorted array of their compact texts.
QJsonArray sortedTexts(const QJsonArray &array)
{
    QStringList texts;
    for (const QJsonValue &v : array)
    {
        texts << compact(v);
    }
    std::sort(texts.begin(), texts.end());
    QJsonArray out;
    for (const QString &t : std::as_const(texts))
    {
        out.append(t);
    }
    return out;
}

QMap<QString, QJsonObject> byCallId(const QJsonArray &list)
{
    QMap<QString, QJsonObject> map;
    for (const QJsonValue &v : list)
    {
        const QJsonObject o = v.toObject();
        map.insert(DialogRowComparer::dialogOf(o).value(u"call-id"_s).toString(), o);
    }
    return map;
}

} // namespace

QJsonArray DialogRowComparer::rowsOf(const QJsonArray &rows, const QString &origin)
{
    QJsonArray out;
    for (const QJsonValue &v : rows)
    {
        if (v.toObject().value(u"origin"_s).toString() == origin)
        {
            out.append(v);
        }
    }
    return out;
}

QJsonObject DialogRowComparer::dialogOf(const QJsonObject &rowOrDialog)
{
    return rowOrDialog.contains(u"dialog"_s) ? rowOrDialog.value(u"dialog"_s).toObject() : rowOrDialog;
}

QJsonObject DialogRowComparer::findByCallId(const QJsonArray &list, const QString &callId)
{
    for (const QJsonValue &v : list)
    {
        if (dialogOf(v.toObject()).value(u"call-id"_s).toString() == callId)
        {
            return v.toObject();
        }
    }
    return {};
}

QJsonObject DialogRowComparer::normalised(const QJsonObject &dialog)
{
    QJsonObject o = dialog;
    o.remove(u"duration"_s);
    o.remove(u"ref"_s);
    o.insert(u"profiles"_s, sortedTexts(o.value(u"profiles"_s).toArray()));
    o.insert(u"variables"_s, sortedTexts(o.value(u"variables"_s).toArray()));
    return o;
}

QString DialogRowComparer::differences(const QJsonArray &kamailioList, const QJsonArray &calldeckRows,
                                       const QString &origin, const int maxLines)
{
    const QMap<QString, QJsonObject> kam = byCallId(kamailioList);
    const QMap<QString, QJsonObject> cd = byCallId(calldeckRows);
    QStringList lines;
    if (kam.size() != kamailioList.size() || cd.size() != calldeckRows.size())
    {
        lines
            << u"a Call-ID is listed twice: Kamailio %1 entries / %2 Call-IDs, CallDeck %3 rows / %4 Call-IDs"_s
                   .arg(kamailioList.size())
                   .arg(kam.size())
                   .arg(calldeckRows.size())
                   .arg(cd.size());
    }
    for (auto it = kam.begin(); it != kam.end(); ++it)
    {
        const QJsonObject k = *it;
        if (!cd.contains(it.key()))
        {
            lines << u"only in Kamailio: %1 state %2 [%3:%4]"_s.arg(it.key())
                         .arg(k.value(u"state"_s).toInt())
                         .arg(k.value(u"h_entry"_s).toInt())
                         .arg(k.value(u"h_id"_s).toInt());
            continue;
        }
        const QJsonObject row = cd.value(it.key());
        QStringList what;
        if (row.value(u"origin"_s).toString() != origin)
        {
            what << u"origin '%1' (expected '%2')"_s.arg(row.value(u"origin"_s).toString(), origin);
        }
        if (!row.value(u"flags"_s).toArray().isEmpty())
        {
            what << u"flags %1"_s.arg(compact(row.value(u"flags"_s)));
        }
        if (row.value(u"proxy_h_entry"_s) != k.value(u"h_entry"_s) ||
            row.value(u"proxy_h_id"_s) != k.value(u"h_id"_s))
        {
            what << u"proxy ids %1:%2 (Kamailio %3:%4)"_s.arg(
                compact(row.value(u"proxy_h_entry"_s)), compact(row.value(u"proxy_h_id"_s)),
                compact(k.value(u"h_entry"_s)), compact(k.value(u"h_id"_s)));
        }
        const QJsonObject want = normalised(k);
        const QJsonObject got = normalised(dialogOf(row));
        for (auto f = want.begin(); f != want.end(); ++f)
        {
            // Kamailio computes "timeout" at each dlg.list as time(0) + the timer's remaining
            // ticks: two listings of one dialog a moment apart can differ by one second.
            const bool nearTimeout = f.key() == u"timeout"_s && got.value(f.key()).isDouble() &&
                                     std::abs(got.value(f.key()).toInteger() - f.value().toInteger()) <= 1;
            if (got.value(f.key()) != f.value() && !nearTimeout)
            {
                what << u"%1 = %2 (Kamailio %3)"_s.arg(f.key(), compact(got.value(f.key())),
                                                       compact(f.value()));
            }
        }
        for (auto f = got.begin(); f != got.end(); ++f)
        {
            if (!want.contains(f.key()))
            {
                what << u"extra key %1"_s.arg(f.key());
            }
        }
        if (!what.isEmpty())
        {
            lines << u"differs: %1: %2"_s.arg(it.key(), what.join(u"; "_s));
        }
    }
    for (auto it = cd.begin(); it != cd.end(); ++it)
    {
        if (!kam.contains(it.key()))
        {
            lines << u"only in CallDeck: %1 state %2 flags %3"_s.arg(it.key())
                         .arg(dialogOf(*it).value(u"state"_s).toInt())
                         .arg(compact(it->value(u"flags"_s)));
        }
    }
    if (lines.size() > maxLines)
    {
        const qsizetype more = lines.size() - maxLines;
        lines = lines.mid(0, maxLines);
        lines << u"... and %1 more"_s.arg(more);
    }
    return lines.join(u'\n');
}

} // namespace calldeck::integration
