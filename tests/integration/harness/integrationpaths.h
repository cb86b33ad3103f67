// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace calldeck::integration
{

/// @brief Where the harness finds its files and the real programs it drives.
///
/// The config and scenarios are read from the source tree (tests/integration), whose path is
/// compiled in; CALLDECK_INTEGRATION_DIR in the environment overrides it. The programs are
/// looked up in PATH and then in /usr/sbin and /usr/local/sbin (Debian installs kamailio in
/// /usr/sbin, which is not in every user's PATH); CALLDECK_KAMAILIO and CALLDECK_SIPP name
/// other binaries.
class IntegrationPaths final
{
public:
    IntegrationPaths() = delete;

    /// @brief tests/integration
    static QString rootDir();
    /// @brief tests/integration/kamailio/calldeck-test.cfg
    static QString kamailioConfig();
    /// @brief resources/kamailio/calldeck-helpers.cfg, the proxy helper CallDeck ships (the
    /// test config includes it); CALLDECK_KAMAILIO_HELPER in the environment names another file.
    static QString kamailioHelper();
    /// @brief tests/integration/scenarios/<fileName>, or @p fileName itself when it is a path.
    static QString scenario(const QString &fileName);

    /// @brief Absolute path of kamailio, or empty with @p error saying how to install it.
    static QString kamailio(QString *error = nullptr);
    /// @brief Absolute path of sipp, or empty with @p error saying how to install it.
    static QString sipp(QString *error = nullptr);

private:
    static QString findProgram(const QString &envName, const QString &name, const QString &package,
                               QString *error);
};

} // namespace calldeck::integration
