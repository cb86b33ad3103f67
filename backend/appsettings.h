// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QtGlobal>

#include "backend/settingvalue.h"

/// @brief The application's own persistent settings (keys "AppSettings/<Key>").
/// Created once by the composition root and used from the GUI thread.
class AppSettings final
{
    Q_DISABLE_COPY_MOVE(AppSettings)

public:
    static constexpr int MinRefreshIntervalMs = 100;
    static constexpr int MaxRefreshIntervalMs = 2000;
    static constexpr int DefaultRefreshIntervalMs = 200;
    static constexpr int MinEventLogCapacity = 100;
    static constexpr int MaxEventLogCapacity = 1000000;
    static constexpr int DefaultEventLogCapacity = 20000;

    AppSettings();

    /// @brief Refuse every control action (the command line's --read-only adds to this).
    bool isReadOnly() const;
    void setReadOnly(bool readOnly);

    /// @brief How often views take the engine's changes, in ms; clamped to 100–2000.
    int refreshIntervalMs() const;
    void setRefreshIntervalMs(int milliseconds);

    /// @brief Maximum number of event-log entries kept; clamped to 100–1 000 000.
    int eventLogCapacity() const;
    void setEventLogCapacity(int entries);

    /// @brief Language override such as "de" or "fr_CA"; empty means the system locale.
    QString language() const;
    void setLanguage(const QString &language);

private:
    CachedSettingValue<bool> m_readOnly;
    CachedSettingValue<int> m_refreshIntervalMs;
    CachedSettingValue<int> m_eventLogCapacity;
    CachedSettingValue<QString> m_language;
};
