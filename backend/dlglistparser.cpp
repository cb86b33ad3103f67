// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/dlglistparser.h"

#include "backend/jsontypename.h"

#include <cmath>
#include <limits>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;
using calldeck::core::DialogLegSnapshot;
using calldeck::core::DialogSnapshot;

namespace
{

using Profiles = std::vector<std::pair<std::string, std::optional<std::string>>>;
using Variables = std::vector<std::pair<std::string, std::string>>;

/// UTF-8 of a JSON string without the intermediate QByteArray when it is ASCII (nearly always:
/// SIP URIs, tags, Call-IDs), which saves an allocation per field on big lists.
std::string toStd(const QJsonValue &v)
{
    const QString s = v.toString();
    std::string out(static_cast<std::size_t>(s.size()), '\0');
    const QChar *in = s.constData();
    for (qsizetype i = 0; i < s.size(); ++i)
    {
        if (in[i].unicode() >= 0x80)
        {
            return s.toStdString();
        }
        out[static_cast<std::size_t>(i)] = static_cast<char>(in[i].unicode());
    }
    return out;
}

/// Reads a whole number that fits @p T; a missing key keeps @p out unless @p required.
template<typename T>
bool readNumber(const QJsonObject &o, QLatin1StringView key, T &out, QString &error, bool required = false)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() && !required)
    {
        return true;
    }
    if (!v.isDouble())
    {
        error = u"'%1' is %2, expected a number"_s.arg(key, jsonTypeName(v));
        return false;
    }
    const double d = v.toDouble();
    if (!(d >= static_cast<double>(std::numeric_limits<T>::min()) &&
          d <= static_cast<double>(std::numeric_limits<T>::max())) ||
        std::trunc(d) != d)
    {
        error = u"'%1' is %2, not a whole number in range"_s.arg(key, QString::number(d, 'g', 17));
        return false;
    }
    out = static_cast<T>(d);
    return true;
}

/// A top-level text field; missing or null leaves it empty.
bool readString(const QJsonObject &o, QLatin1StringView key, std::string &out, QString &error)
{
    const QJsonValue v = o.value(key);
    if (v.isString())
    {
        out = toStd(v);
        return true;
    }
    if (v.isUndefined() || v.isNull())
    {
        return true;
    }
    error = u"'%1' is %2, expected a string"_s.arg(key, jsonTypeName(v));
    return false;
}

bool readLegField(const QJsonObject &leg, QLatin1StringView legName, QLatin1StringView key,
                  std::optional<std::string> &out, QString &error)
{
    const QJsonValue v = leg.value(key);
    if (v.isString())
    {
        out = toStd(v);
        return true;
    }
    if (v.isUndefined() || v.isNull())
    {
        out.reset();
        return true;
    }
    error = u"'%1.%2' is %3, expected a string or null"_s.arg(legName, key, jsonTypeName(v));
    return false;
}

bool readLeg(const QJsonObject &o, QLatin1StringView key, DialogLegSnapshot &leg, QString &error)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
    {
        return true;
    }
    if (!v.isObject())
    {
        error = u"'%1' is %2, expected an object"_s.arg(key, jsonTypeName(v));
        return false;
    }
    const QJsonObject l = v.toObject();
    return readLegField(l, key, "tag"_L1, leg.tag, error) &&
           readLegField(l, key, "contact"_L1, leg.contact, error) &&
           readLegField(l, key, "cseq"_L1, leg.cseq, error) &&
           readLegField(l, key, "route_set"_L1, leg.routeSet, error) &&
           readLegField(l, key, "socket"_L1, leg.socket, error);
}

bool readProfiles(const QJsonValue &v, Profiles &out, QString &error)
{
    if (v.isUndefined() || v.isNull())
    {
        return true;
    }
    if (v.isObject()) // dlg.dump_file: {"name": "value-or-empty"}
    {
        const QJsonObject o = v.toObject();
        for (auto it = o.constBegin(); it != o.constEnd(); ++it)
        {
            if (!it.value().isString())
            {
                error = u"profile '%1' has %2 as value, expected a string"_s.arg(it.key(),
                                                                                 jsonTypeName(it.value()));
                return false;
            }
            const QString value = it.value().toString();
            out.emplace_back(it.key().toStdString(), value.isEmpty()
                                                         ? std::nullopt
                                                         : std::optional<std::string>(value.toStdString()));
        }
        return true;
    }
    if (!v.isArray())
    {
        error = u"'profiles' is %1, expected an array"_s.arg(jsonTypeName(v));
        return false;
    }
    const QJsonArray profiles = v.toArray();
    out.reserve(static_cast<std::size_t>(profiles.size()));
    for (qsizetype i = 0; i < profiles.size(); ++i)
    {
        const QJsonValue p = profiles.at(i);
        if (p.isString())
        {
            out.emplace_back(toStd(p), std::nullopt);
            continue;
        }
        const QJsonObject o = p.toObject();
        if (!p.isObject() || o.size() != 1 || !o.constBegin().value().isString())
        {
            error = u"'profiles' item %1 is not a name or a one-key object with a string value"_s.arg(i);
            return false;
        }
        out.emplace_back(o.constBegin().key().toStdString(), toStd(o.constBegin().value()));
    }
    return true;
}

bool readVariables(const QJsonValue &v, Variables &out, QString &error)
{
    if (v.isUndefined() || v.isNull())
    {
        return true;
    }
    if (v.isObject()) // dlg.dump_file: {"key": "value"}
    {
        const QJsonObject o = v.toObject();
        for (auto it = o.constBegin(); it != o.constEnd(); ++it)
        {
            if (!it.value().isString())
            {
                error = u"variable '%1' has %2 as value, expected a string"_s.arg(it.key(),
                                                                                  jsonTypeName(it.value()));
                return false;
            }
            out.emplace_back(it.key().toStdString(), toStd(it.value()));
        }
        return true;
    }
    if (!v.isArray())
    {
        error = u"'variables' is %1, expected an array"_s.arg(jsonTypeName(v));
        return false;
    }
    const QJsonArray variables = v.toArray();
    out.reserve(static_cast<std::size_t>(variables.size()));
    for (qsizetype i = 0; i < variables.size(); ++i)
    {
        const QJsonValue item = variables.at(i);
        const QJsonObject o = item.toObject();
        if (!item.isObject() || o.size() != 1 || !o.constBegin().value().isString())
        {
            error = u"'variables' item %1 is not a one-key object with a string value"_s.arg(i);
            return false;
        }
        out.emplace_back(o.constBegin().key().toStdString(), toStd(o.constBegin().value()));
    }
    return true;
}

/// " (call-id 'x')" when the malformed entry still names its Call-ID, for the message.
QString callIdLabel(const QJsonObject &o)
{
    QJsonValue callId = o.value("call-id"_L1);
    if (callId.isUndefined())
    {
        callId = o.value("call_id"_L1);
    }
    return callId.isString() ? u" (call-id '"_s + callId.toString() + u"')"_s : QString();
}

} // namespace

bool DlgListParser::parseDialog(const QJsonObject &o, DialogSnapshot &out, QString *error)
{
    QString why;
    DialogSnapshot d;
    QJsonValue callId = o.value("call-id"_L1);
    if (callId.isUndefined())
    {
        callId = o.value("call_id"_L1); // dlg.dump_file
    }
    bool ok = readNumber(o, "h_entry"_L1, d.hEntry, why, true) && readNumber(o, "h_id"_L1, d.hId, why, true);
    if (ok && !callId.isString())
    {
        why = u"'call-id' is %1, expected a string"_s.arg(jsonTypeName(callId));
        ok = false;
    }
    if (ok)
    {
        d.callId = toStd(callId);
        ok = readNumber(o, "ref"_L1, d.ref, why) && readString(o, "from_uri"_L1, d.fromUri, why) &&
             readString(o, "to_uri"_L1, d.toUri, why) && readNumber(o, "state"_L1, d.state, why) &&
             readNumber(o, "start_ts"_L1, d.startTs, why) && readNumber(o, "init_ts"_L1, d.initTs, why) &&
             readNumber(o, "end_ts"_L1, d.endTs, why) && readNumber(o, "duration"_L1, d.duration, why) &&
             readNumber(o, "timeout"_L1, d.timeout, why) && readNumber(o, "lifetime"_L1, d.lifetime, why) &&
             readNumber(o, "dflags"_L1, d.dflags, why) && readNumber(o, "sflags"_L1, d.sflags, why) &&
             readNumber(o, "iflags"_L1, d.iflags, why) && readLeg(o, "caller"_L1, d.caller, why) &&
             readLeg(o, "callee"_L1, d.callee, why) &&
             readProfiles(o.value("profiles"_L1), d.profiles, why) &&
             readVariables(o.value("variables"_L1), d.variables, why);
    }
    if (!ok)
    {
        if (error)
        {
            *error = why;
        }
        return false;
    }
    out = std::move(d);
    return true;
}

DlgListParser::Result DlgListParser::parseList(const QJsonValue &result)
{
    Result r;
    if (!result.isArray())
    {
        r.errors.append(u"the result is %1, expected an array of dialogs"_s.arg(jsonTypeName(result)));
        return r;
    }
    const QJsonArray list = result.toArray();
    r.dialogs.reserve(static_cast<std::size_t>(list.size()));
    QString why;
    for (qsizetype i = 0; i < list.size(); ++i)
    {
        const QJsonValue entry = list.at(i);
        if (!entry.isObject())
        {
            r.errors.append(u"dialog %1: is %2, expected an object"_s.arg(i).arg(jsonTypeName(entry)));
            continue;
        }
        DialogSnapshot d;
        if (parseDialog(entry.toObject(), d, &why))
        {
            r.dialogs.push_back(std::move(d));
        }
        else
        {
            r.errors.append(u"dialog "_s + QString::number(i) + callIdLabel(entry.toObject()) + u": "_s +
                            why);
        }
    }
    return r;
}

DlgListParser::Result DlgListParser::parseDumpFile(QByteArrayView ndjson)
{
    Result r;
    qsizetype lineNumber = 0;
    while (!ndjson.isEmpty())
    {
        ++lineNumber;
        const qsizetype end = ndjson.indexOf('\n');
        const QByteArrayView line = (end < 0 ? ndjson : ndjson.first(end)).trimmed();
        ndjson = end < 0 ? QByteArrayView() : ndjson.sliced(end + 1);
        if (line.isEmpty())
        {
            continue;
        }
        QJsonParseError parseError{};
        const QJsonDocument doc = QJsonDocument::fromJson(line.toByteArray(), &parseError);
        if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        {
            r.errors.append(u"line "_s + QString::number(lineNumber) + u": "_s +
                            (doc.isArray() ? u"an array, expected a dialog object"_s
                                           : u"not valid JSON ("_s + parseError.errorString() + u')'));
            continue;
        }
        DialogSnapshot d;
        QString why;
        if (parseDialog(doc.object(), d, &why))
        {
            r.dialogs.push_back(std::move(d));
        }
        else
        {
            r.errors.append(u"line "_s + QString::number(lineNumber) + callIdLabel(doc.object()) + u": "_s +
                            why);
        }
    }
    return r;
}
