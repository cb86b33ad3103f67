// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <algorithm>
#include <functional>
#include <utility>

#include <QMetaType>
#include <QString>
#include <QVariant>

// Typed handles on QSettings (house style §6.5, after qBittorrent's settingvalue.h).
// Keys take the form "<ClassName>/<Key>". The store is the application's default QSettings
// (organisation and application name set by app/); tests point it at a temporary directory.

namespace SettingsAccess
{
/// @brief Reads the raw value stored under @p key; an invalid QVariant when there is none.
QVariant read(const QString &key);
/// @brief Writes @p value under @p key.
void write(const QString &key, const QVariant &value);
/// @brief Removes @p key from the store.
void remove(const QString &key);

/// @brief Converts a stored value to T; @p fallback when it is missing or does not convert.
template<typename T>
T convert(const QVariant &stored, const T &fallback)
{
    if (!stored.isValid())
    {
        return fallback;
    }
    if (stored.metaType() == QMetaType::fromType<T>())
    {
        return stored.value<T>();
    }
    QVariant copy = stored;
    if (!copy.convert(QMetaType::fromType<T>()))
    {
        return fallback;
    }
    return copy.value<T>();
}
} // namespace SettingsAccess

/// @brief Read-through setting: every get() asks QSettings. For keys read rarely
/// (window geometry, dock state).
template<typename T>
class SettingValue
{
public:
    explicit SettingValue(QString key)
        : m_key(std::move(key))
    {}

    const QString &key() const { return m_key; }

    T get(const T &defaultValue = T{}) const
    {
        return SettingsAccess::convert<T>(SettingsAccess::read(m_key), defaultValue);
    }

    void set(const T &value) { SettingsAccess::write(m_key, QVariant::fromValue(value)); }

    void remove() { SettingsAccess::remove(m_key); }

private:
    QString m_key;
};

/// @brief Cached setting: read once, kept in memory, written back only when set() changes
/// the value. An optional sanitiser (e.g. clamp()) is applied to what is read and to
/// what is set. Not thread-safe: use it from the thread that owns it.
template<typename T>
class CachedSettingValue
{
public:
    using Sanitiser = std::function<T(const T &)>;

    explicit CachedSettingValue(QString key, const T &defaultValue = T{}, Sanitiser sanitiser = {})
        : m_setting(std::move(key))
        , m_sanitiser(std::move(sanitiser))
        , m_value(sanitised(m_setting.get(defaultValue)))
    {}

    /// @brief A sanitiser that keeps a value inside [low, high].
    static Sanitiser clamp(T low, T high)
    {
        return [low, high](const T &value) { return std::clamp(value, low, high); };
    }

    const QString &key() const { return m_setting.key(); }

    T get() const { return m_value; }

    /// @brief Sanitises @p value and stores it if it differs from the cached value.
    /// @return true when the value changed (and was written).
    bool set(const T &value)
    {
        const T clean = sanitised(value);
        if (clean == m_value)
        {
            return false;
        }
        m_value = clean;
        m_setting.set(m_value);
        return true;
    }

private:
    T sanitised(const T &value) const { return m_sanitiser ? m_sanitiser(value) : value; }

    SettingValue<T> m_setting;
    Sanitiser m_sanitiser;
    T m_value;
};
