// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string_view>

#include <QByteArray>
#include <QStringBuilder>

/// @brief The few names and helpers of KDMQ that DmqWorker's files share.
namespace dmqwire
{
inline const QByteArray NotificationChannel = QByteArrayLiteral("notification_peer");
inline const QByteArray DialogChannel = QByteArrayLiteral("dialog");
inline const QByteArray TextPlain = QByteArrayLiteral("text/plain");
inline const QByteArray Json = QByteArrayLiteral("application/json");
/// Nodes CallDeck keeps at most (a flood of made-up From addresses must not grow the table).
constexpr std::size_t MaxNodes = 256;

inline QByteArray bytes(std::string_view s)
{
    return QByteArray(s.data(), static_cast<qsizetype>(s.size()));
}
} // namespace dmqwire
