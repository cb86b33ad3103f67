// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <limits>
#include <optional>
#include <string>

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include "backend/consolesnapshot.h"

/// @brief Checked reads of a snapshot's JSON members (SnapshotReader): each getter names the
/// member by its path ("dialogs[3].dialog.state") when it is missing, of the wrong type or out of
/// range. The first problem is kept in error(); after it every getter returns false.
class SnapshotFields final
{
public:
    bool failed() const { return !m_error.ok(); }
    const SnapshotError &error() const { return m_error; }
    /// @brief Records a problem (the first one wins); returns false.
    bool fail(SnapshotError::Kind kind, const QString &where, const QString &detail);

    /// @brief "path.key" (or "key" at the top).
    static QString at(const QString &path, QLatin1StringView key);
    /// @brief "path[index]".
    static QString at(const QString &path, qsizetype index);

    bool object(const QJsonObject &o, QLatin1StringView key, const QString &path, QJsonObject &out);
    bool array(const QJsonObject &o, QLatin1StringView key, const QString &path, QJsonArray &out);
    /// @brief An element of an array that must be an object.
    bool element(const QJsonArray &a, qsizetype index, const QString &path, QJsonObject &out);
    /// @brief An integer in [min, max] (JSON numbers are exact up to 2^53).
    bool integer(const QJsonObject &o, QLatin1StringView key, const QString &path, qint64 min, qint64 max,
                 qint64 &out);
    template<typename T>
    bool number(const QJsonObject &o, QLatin1StringView key, const QString &path, T &out)
    {
        constexpr qint64 Exact = qint64(1) << 53;
        const qint64 min = std::numeric_limits<T>::is_signed ? -Exact : 0;
        const qint64 max = static_cast<quint64>(std::numeric_limits<T>::max()) > static_cast<quint64>(Exact)
                               ? Exact
                               : static_cast<qint64>(std::numeric_limits<T>::max());
        qint64 value = 0;
        if (!integer(o, key, path, min, max, value))
        {
            return false;
        }
        out = static_cast<T>(value);
        return true;
    }
    bool boolean(const QJsonObject &o, QLatin1StringView key, const QString &path, bool &out);
    /// @brief A JSON string (names the console made: origin, labels).
    bool text(const QJsonObject &o, QLatin1StringView key, const QString &path, QString &out);
    /// @brief Bytes as the wire had them: a JSON string (its UTF-8) or {"base64": "..."}.
    bool bytes(const QJsonObject &o, QLatin1StringView key, const QString &path, std::string &out);
    /// @brief The same, or null for none.
    bool optionalBytes(const QJsonObject &o, QLatin1StringView key, const QString &path,
                       std::optional<std::string> &out);

private:
    bool bytesValue(const QJsonValue &v, const QString &where, std::string &out);
    bool present(const QJsonObject &o, QLatin1StringView key, const QString &path, QJsonValue &out);
    bool wrongType(const QString &where, const char *expected, const QJsonValue &found);

    SnapshotError m_error;
};
