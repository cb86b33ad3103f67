// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>

/// @brief Syntax check of the command line's ADDR:PORT values (--hep, --serve-rpc, --sip).
class HostPort final
{
    Q_DECLARE_TR_FUNCTIONS(HostPort)

public:
    HostPort() = delete;

    /// @brief Checks "ADDR:PORT": an IPv4 address, a bracketed IPv6 address or a host name, and a
    /// port in 1-65535 (0-65535 with @p anyPort: port 0 asks the system for a free one).
    /// @param option the option's name for the message, e.g. "--hep"
    /// @return empty when @p value is fine, otherwise a translated reason with an example
    static QString check(const QString &option, const QString &value, bool anyPort = false);
    /// @brief Splits a value check() accepted into the host (brackets removed) and the port.
    static bool split(const QString &value, QString *host, quint16 *port);
};
