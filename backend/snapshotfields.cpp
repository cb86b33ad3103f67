// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/snapshotfields.h"

#include <cmath>

#include "backend/jsontypename.h"

using namespace Qt::StringLiterals;

bool SnapshotFields::fail(const SnapshotError::Kind kind, const QString &where, const QString &detail)
{
    if (m_error.ok())
    {
        m_error = {kind, where, detail};
    }
    return false;
}

QString SnapshotFields::at(const QString &path, const QLatin1StringView key)
{
    return path.isEmpty() ? QString(key) : path + u'.' + key;
}

QString SnapshotFields::at(const QString &path, const qsizetype index)
{
    return path + u'[' + QString::number(index) + u']';
}

bool SnapshotFields::wrongType(const QString &where, const char *expected, const QJsonValue &found)
{
    return fail(SnapshotError::Kind::BadField, where,
                u"expected %1, found %2"_s.arg(QLatin1StringView(expected), jsonTypeName(found)));
}

bool SnapshotFields::present(const QJsonObject &o, const QLatin1StringView key, const QString &path,
                             QJsonValue &out)
{
    if (failed())
    {
        return false;
    }
    const auto it = o.constFind(key);
    if (it == o.constEnd())
    {
        return fail(SnapshotError::Kind::BadField, at(path, key), u"missing"_s);
    }
    out = it.value();
    return true;
}

bool SnapshotFields::object(const QJsonObject &o, const QLatin1StringView key, const QString &path,
                            QJsonObject &out)
{
    QJsonValue v;
    if (!present(o, key, path, v))
    {
        return false;
    }
    if (!v.isObject())
    {
        return wrongType(at(path, key), "an object", v);
    }
    out = v.toObject();
    return true;
}

bool SnapshotFields::array(const QJsonObject &o, const QLatin1StringView key, const QString &path,
                           QJsonArray &out)
{
    QJsonValue v;
    if (!present(o, key, path, v))
    {
        return false;
    }
    if (!v.isArray())
    {
        return wrongType(at(path, key), "an array", v);
    }
    out = v.toArray();
    return true;
}

bool SnapshotFields::element(const QJsonArray &a, const qsizetype index, const QString &path,
                             QJsonObject &out)
{
    if (failed())
    {
        return false;
    }
    const QJsonValue v = a.at(index);
    if (!v.isObject())
    {
        return wrongType(at(path, index), "an object", v);
    }
    out = v.toObject();
    return true;
}

bool SnapshotFields::integer(const QJsonObject &o, const QLatin1StringView key, const QString &path,
                             const qint64 min, const qint64 max, qint64 &out)
{
    QJsonValue v;
    if (!present(o, key, path, v))
    {
        return false;
    }
    if (!v.isDouble())
    {
        return wrongType(at(path, key), "a number", v);
    }
    const double d = v.toDouble();
    if (!std::isfinite(d) || std::trunc(d) != d)
    {
        return fail(SnapshotError::Kind::BadField, at(path, key),
                    u"expected a whole number, found %1"_s.arg(d));
    }
    if (d < double(min) || d > double(max))
    {
        return fail(SnapshotError::Kind::BadField, at(path, key),
                    u"%1 is out of range (%2 to %3)"_s.arg(qint64(d)).arg(min).arg(max));
    }
    out = qint64(d);
    return true;
}

bool SnapshotFields::boolean(const QJsonObject &o, const QLatin1StringView key, const QString &path,
                             bool &out)
{
    QJsonValue v;
    if (!present(o, key, path, v))
    {
        return false;
    }
    if (!v.isBool())
    {
        return wrongType(at(path, key), "true or false", v);
    }
    out = v.toBool();
    return true;
}

bool SnapshotFields::text(const QJsonObject &o, const QLatin1StringView key, const QString &path,
                          QString &out)
{
    QJsonValue v;
    if (!present(o, key, path, v))
    {
        return false;
    }
    if (!v.isString())
    {
        return wrongType(at(path, key), "a string", v);
    }
    out = v.toString();
    return true;
}

bool SnapshotFields::bytesValue(const QJsonValue &v, const QString &where, std::string &out)
{
    if (v.isString())
    {
        out = v.toString().toStdString();
        return true;
    }
    if (v.isObject())
    {
        const QJsonValue encoded = v.toObject().value(u"base64"_s);
        if (!encoded.isString())
        {
            return wrongType(where + u".base64"_s, "a string", encoded);
        }
        const auto decoded = QByteArray::fromBase64Encoding(encoded.toString().toLatin1(),
                                                            QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
        {
            return fail(SnapshotError::Kind::BadField, where + u".base64"_s, u"not valid base64"_s);
        }
        out.assign(decoded.decoded.constData(), std::size_t(decoded.decoded.size()));
        return true;
    }
    return wrongType(where, "a string or {\"base64\": ...}", v);
}

bool SnapshotFields::bytes(const QJsonObject &o, const QLatin1StringView key, const QString &path,
                           std::string &out)
{
    QJsonValue v;
    return present(o, key, path, v) && bytesValue(v, at(path, key), out);
}

bool SnapshotFields::optionalBytes(const QJsonObject &o, const QLatin1StringView key, const QString &path,
                                   std::optional<std::string> &out)
{
    QJsonValue v;
    if (!present(o, key, path, v))
    {
        return false;
    }
    if (v.isNull())
    {
        out.reset();
        return true;
    }
    std::string value;
    if (!bytesValue(v, at(path, key), value))
    {
        return false;
    }
    out = std::move(value);
    return true;
}
