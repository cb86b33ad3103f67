// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogfilter.h"

#include <algorithm>

#include <QVariantList>

using namespace Qt::StringLiterals;

namespace
{
const QString TextKey = u"text"_s;
const QString StatesKey = u"states"_s;
const QString ProfileKey = u"profile"_s;
const QString ValueKey = u"profileValue"_s;
const QString OriginKey = u"origin"_s;
const QString AgeKey = u"minimumAgeSeconds"_s;
const QString FromKey = u"from"_s;
const QString ToKey = u"to"_s;
} // namespace

bool DialogFilter::isEmpty() const
{
    return text.isEmpty() && states.isEmpty() && profileName.isEmpty() && origin.isEmpty() &&
           minimumAgeSeconds <= 0 && fromPattern.isEmpty() && toPattern.isEmpty();
}

DialogFilter DialogFilter::normalized() const
{
    DialogFilter out = *this;
    out.states.clear();
    for (const int state : states)
    {
        if (state >= 0 && state < 32 && !out.states.contains(state))
        {
            out.states.append(state);
        }
    }
    std::sort(out.states.begin(), out.states.end());
    out.minimumAgeSeconds = std::max<qint64>(minimumAgeSeconds, 0);
    if (out.profileName.isEmpty())
    {
        out.profileValue = QString(); // a value means nothing without its profile
    }
    return out;
}

QVariantMap DialogFilter::toVariantMap() const
{
    QVariantMap map;
    map.insert(TextKey, text);
    QVariantList stateList;
    for (const int state : states)
    {
        stateList.append(state);
    }
    map.insert(StatesKey, stateList);
    map.insert(ProfileKey, profileName);
    if (!profileValue.isNull())
    {
        map.insert(ValueKey, profileValue); // absent: any value
    }
    map.insert(OriginKey, origin);
    map.insert(AgeKey, minimumAgeSeconds);
    map.insert(FromKey, fromPattern);
    map.insert(ToKey, toPattern);
    return map;
}

DialogFilter DialogFilter::fromVariantMap(const QVariantMap &map)
{
    DialogFilter filter;
    filter.text = map.value(TextKey).toString();
    for (const QVariant &state : map.value(StatesKey).toList())
    {
        filter.states.append(state.toInt());
    }
    filter.profileName = map.value(ProfileKey).toString();
    if (map.contains(ValueKey))
    {
        filter.profileValue = map.value(ValueKey).toString();
        if (filter.profileValue.isNull())
        {
            filter.profileValue = u""_s;
        }
    }
    filter.origin = map.value(OriginKey).toString();
    filter.minimumAgeSeconds = map.value(AgeKey).toLongLong();
    filter.fromPattern = map.value(FromKey).toString();
    filter.toPattern = map.value(ToKey).toString();
    return filter.normalized();
}

bool operator==(const DialogFilter &left, const DialogFilter &right)
{
    return left.text == right.text && left.states == right.states && left.profileName == right.profileName &&
           left.profileValue == right.profileValue &&
           left.profileValue.isNull() == right.profileValue.isNull() && left.origin == right.origin &&
           left.minimumAgeSeconds == right.minimumAgeSeconds && left.fromPattern == right.fromPattern &&
           left.toPattern == right.toPattern;
}
