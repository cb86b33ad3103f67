// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QMap>
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include "backend/settingvalue.h"
#include "ui/dialogfilter.h"

/// @brief The operator's named filters (name → DialogFilter), kept in the settings under one key
/// ("FilterBar/SavedFilters" by default) and written at every change, so another window (or
/// the next start) reads the same list.
class SavedFilters final
{
public:
    explicit SavedFilters(const QString &key = QStringLiteral("FilterBar/SavedFilters"));

    /// @brief The names, sorted case-insensitively.
    QStringList names() const;
    bool contains(const QString &name) const;
    std::optional<DialogFilter> filter(const QString &name) const;
    /// @brief Saves @p filter under @p name (trimmed; replaces one of that name). False for an empty name.
    bool save(const QString &name, const DialogFilter &filter);
    bool remove(const QString &name);
    /// @brief Reads the list from the settings again.
    void reload();

private:
    void store();

    SettingValue<QVariantMap> m_setting;
    QMap<QString, DialogFilter> m_filters;
};
