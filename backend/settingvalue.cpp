// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/settingvalue.h"

#include <QSettings>

#include "backend/logging.h"

namespace SettingsAccess
{
QVariant read(const QString &key)
{
    const QSettings settings;
    return settings.value(key);
}

void write(const QString &key, const QVariant &value)
{
    QSettings settings;
    settings.setValue(key, value);
    settings.sync();
    if (settings.status() != QSettings::NoError)
    {
        qCWarning(lcBackend) << "could not write setting" << key << "to" << settings.fileName()
                             << "- check that the directory is writable";
    }
}

void remove(const QString &key)
{
    QSettings settings;
    settings.remove(key);
}
} // namespace SettingsAccess
