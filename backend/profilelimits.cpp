// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/profilelimits.h"

#include "backend/settingvalue.h"

using namespace Qt::StringLiterals;

QString ProfileLimits::settingKey()
{
    return u"Charts/Limits"_s;
}

ProfileLimits ProfileLimits::fromSettings(QStringList *bad)
{
    ProfileLimits limits;
    const QStringList rejected = limits.parse(SettingValue<QString>(settingKey()).get());
    if (bad)
    {
        *bad = rejected;
    }
    return limits;
}

QStringList ProfileLimits::parse(const QString &text)
{
    QStringList bad;
    m_limits.clear();
    for (const QString &raw : text.split(u'\n'))
    {
        const QString line = raw.trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
        {
            continue;
        }
        const qsizetype space = line.lastIndexOf(u' ');
        bool ok = false;
        const double limit = space > 0 ? line.mid(space + 1).toDouble(&ok) : 0;
        if (!ok || limit < 0)
        {
            bad << line;
            continue;
        }
        m_limits.insert(line.left(space).trimmed(), limit);
    }
    return bad;
}

std::optional<double> ProfileLimits::limit(const QString &series) const
{
    const QString key = series.startsWith(u"profile:"_s) ? series.mid(8) : series;
    const auto it = m_limits.constFind(key);
    if (it == m_limits.constEnd())
    {
        return std::nullopt;
    }
    return *it;
}
