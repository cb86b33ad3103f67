// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/jsontypename.h"

using namespace Qt::StringLiterals;

QString jsonTypeName(const QJsonValue &v)
{
    switch (v.type())
    {
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Bool:
        return u"a boolean"_s;
    case QJsonValue::Double:
        return u"a number"_s;
    case QJsonValue::String:
        return u"a string"_s;
    case QJsonValue::Array:
        return u"an array"_s;
    case QJsonValue::Object:
        return u"an object"_s;
    case QJsonValue::Undefined:
        break;
    }
    return u"missing"_s;
}
