// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>

#include "backend/proxystatus.h"

/// @brief How the Sources view words a polled proxy's health (translated).
class ProxyStatusText final
{
    Q_DECLARE_TR_FUNCTIONS(ProxyStatusText)

public:
    /// @brief "Up · 12 ms", "Degraded: …", "Down, retry in 8 s".
    static QString state(const ProxyStatus &status, qint64 nowMs);
    /// @brief "42 dialogs".
    static QString dialogs(const ProxyStatus &status);
    /// @brief HTML lines for the tooltip: version, uptime, latency, interval, helper, actions, error.
    static QStringList details(const ProxyStatus &status);
    /// @brief HTML lines for the tooltip of a proxy read from its dialog table (kind "db"): the
    /// database, table versions, the last read, reads and failures, skipped rows, error.
    static QStringList databaseDetails(const ProxyStatus &status);
    /// @brief Whether two snapshots show the same (the Sources view announces a row only when not).
    static bool same(const ProxyStatus &a, const ProxyStatus &b);
};
