// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

/// @brief One line of the operator-facing event log: a value type that crosses threads.
struct EventLogEntry
{
    enum class Severity
    {
        Info,
        Warning,
        Error
    };

    QDateTime time;
    Severity severity = Severity::Info;
    QString source;  ///< who reported it: "app", "hep 127.0.0.1:9060", "rpc proxy1", ...
    QString message; ///< English technical detail from backend/, translated text from ui/ and app/
};

Q_DECLARE_METATYPE(EventLogEntry)
