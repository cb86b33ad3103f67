// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/appsettings.h"

using namespace Qt::StringLiterals;

namespace
{
QString settingsKey(const QString &name)
{
    return u"AppSettings/"_s + name;
}
} // namespace

AppSettings::AppSettings()
    : m_readOnly(settingsKey(u"ReadOnly"_s), false)
    , m_refreshIntervalMs(settingsKey(u"RefreshIntervalMs"_s), DefaultRefreshIntervalMs,
                          CachedSettingValue<int>::clamp(MinRefreshIntervalMs, MaxRefreshIntervalMs))
    , m_eventLogCapacity(settingsKey(u"EventLogCapacity"_s), DefaultEventLogCapacity,
                         CachedSettingValue<int>::clamp(MinEventLogCapacity, MaxEventLogCapacity))
    , m_language(settingsKey(u"Language"_s), QString(), [](const QString &value) { return value.trimmed(); })
{}

bool AppSettings::isReadOnly() const
{
    return m_readOnly.get();
}

void AppSettings::setReadOnly(const bool readOnly)
{
    m_readOnly.set(readOnly);
}

int AppSettings::refreshIntervalMs() const
{
    return m_refreshIntervalMs.get();
}

void AppSettings::setRefreshIntervalMs(const int milliseconds)
{
    m_refreshIntervalMs.set(milliseconds);
}

int AppSettings::eventLogCapacity() const
{
    return m_eventLogCapacity.get();
}

void AppSettings::setEventLogCapacity(const int entries)
{
    m_eventLogCapacity.set(entries);
}

QString AppSettings::language() const
{
    return m_language.get();
}

void AppSettings::setLanguage(const QString &language)
{
    m_language.set(language);
}
