// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/savedfilters.h"

#include <algorithm>

SavedFilters::SavedFilters(const QString &key)
    : m_setting(key)
{
    reload();
}

QStringList SavedFilters::names() const
{
    QStringList names = m_filters.keys();
    std::sort(names.begin(), names.end(), [](const QString &l, const QString &r) {
        return QString::compare(l, r, Qt::CaseInsensitive) < 0;
    });
    return names;
}

bool SavedFilters::contains(const QString &name) const
{
    return m_filters.contains(name.trimmed());
}

std::optional<DialogFilter> SavedFilters::filter(const QString &name) const
{
    const auto it = m_filters.constFind(name.trimmed());
    if (it == m_filters.cend())
    {
        return std::nullopt;
    }
    return *it;
}

bool SavedFilters::save(const QString &name, const DialogFilter &filter)
{
    const QString key = name.trimmed();
    if (key.isEmpty())
    {
        return false;
    }
    m_filters.insert(key, filter.normalized());
    store();
    return true;
}

bool SavedFilters::remove(const QString &name)
{
    if (m_filters.remove(name.trimmed()) == 0)
    {
        return false;
    }
    store();
    return true;
}

void SavedFilters::reload()
{
    m_filters.clear();
    const QVariantMap stored = m_setting.get();
    for (auto it = stored.cbegin(); it != stored.cend(); ++it)
    {
        if (!it.key().trimmed().isEmpty())
        {
            m_filters.insert(it.key().trimmed(), DialogFilter::fromVariantMap(it.value().toMap()));
        }
    }
}

void SavedFilters::store()
{
    QVariantMap map;
    for (auto it = m_filters.cbegin(); it != m_filters.cend(); ++it)
    {
        map.insert(it.key(), it.value().toVariantMap());
    }
    m_setting.set(map);
}
