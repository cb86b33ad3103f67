// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include "backend/dmq/dmqconfig.h"
#include "backend/storeurl.h"

/// @brief The command-line contract of DESIGN.md, parsed and validated. parse() needs no
/// application object, so main() can decide whether a display is needed before creating one;
/// with an application object and translators installed it yields translated messages.
class CommandLineOptions final
{
    Q_DECLARE_TR_FUNCTIONS(CommandLineOptions)

public:
    enum class Outcome
    {
        Run,            ///< open the console with these options
        ShowHelp,       ///< print helpText() and exit 0
        ShowVersion,    ///< print versionText() and exit 0
        UsageError,     ///< print errors() and exit ExitUsage
        NotAvailableYet ///< print errors() and exit ExitNotAvailable
    };

    static constexpr int ExitOk = 0;
    static constexpr int ExitUsage = 2;
    static constexpr int ExitNotAvailable = 3;

    /// @param arguments the full argument list, program name first; Qt's own options
    /// (-platform, -style, ...) are left to QApplication
    static CommandLineOptions parse(const QStringList &arguments);

    Outcome outcome() const { return m_outcome; }
    /// @brief Exit code belonging to outcome() (0 for Run).
    int exitCode() const;
    /// @brief One line per problem, each saying what to do next (UsageError, NotAvailableYet).
    QStringList errors() const { return m_errors; }
    QString helpText() const { return m_helpText; }
    static QString versionText();

    bool headless() const { return m_headless; }
    QStringList hepListeners() const; ///< ADDR:PORT values of --hep (without "off")
    bool hepOff() const;              ///< "--hep off": no embedded listener
    QString hepKey() const { return m_hepKey.value_or(QString()); }
    QString replayFile() const { return m_replay.value_or(QString()); }
    /// @brief The FILE.cdsnap given to open in the console (empty: none).
    QString snapshotFile() const { return m_snapshot.value_or(QString()); }
    bool replayPace() const { return m_replayPace; }
    bool exitAfterReplay() const { return m_exitAfterReplay; }
    QStringList rpcUrls() const { return m_rpc; }
    /// @brief The --proxy-db values (URL[#name]), validated by ProxyDbConfig::parse().
    QStringList proxyDbs() const { return m_proxyDb; }
    /// @brief CallDeck's DMQ node (--dmq, --dmq-notify, --dmq-ping, --dmq-max-rate), nullopt without --dmq.
    const std::optional<DmqConfig> &dmqConfig() const { return m_dmqConfig; }
    QString serveRpc() const { return m_serveRpc.value_or(QString()); }
    /// @brief --rpc-token value, empty when not given.
    QString rpcToken() const { return m_rpcToken.value_or(QString()); }
    bool rpcCompact() const { return m_rpcCompact; }
    QString sipSocket() const { return m_sip.value_or(QString()); }
    QString dbUrl() const { return m_db.value_or(QString()); }
    /// @brief The store --db names, else calldeck.db in the user data directory (StoreUrl::defaultSqlite()).
    StoreUrl storeUrl() const { return m_storeUrl.value_or(StoreUrl::defaultSqlite()); }
    int dbMode() const { return m_dbMode; } ///< -1 when not given
    QString exportFile() const { return m_export.value_or(QString()); }
    bool stats() const { return m_stats; }
    bool readOnly() const { return m_readOnly; }
    /// @brief --lang value, empty when not given.
    QString language() const { return m_language.value_or(QString()); }

private:
    CommandLineOptions() = default;

    void validate();
    void collectNotAvailable();

    Outcome m_outcome = Outcome::Run;
    QStringList m_errors;
    QString m_helpText;

    bool m_headless = false;
    QStringList m_hep;
    std::optional<QString> m_hepKey;
    std::optional<QString> m_replay;
    std::optional<QString> m_snapshot;
    bool m_replayPace = false;
    bool m_exitAfterReplay = false;
    QStringList m_rpc;
    QStringList m_proxyDb;
    std::optional<QString> m_dmq;
    QStringList m_dmqNotify;
    std::optional<QString> m_dmqPing;
    std::optional<QString> m_dmqMaxRate;
    std::optional<DmqConfig> m_dmqConfig;
    std::optional<QString> m_serveRpc;
    std::optional<QString> m_rpcToken;
    bool m_rpcCompact = false;
    std::optional<QString> m_sip;
    std::optional<QString> m_db;
    std::optional<QString> m_dbModeText;
    int m_dbMode = -1;
    std::optional<StoreUrl> m_storeUrl;
    std::optional<QString> m_export;
    bool m_stats = false;
    bool m_readOnly = false;
    std::optional<QString> m_language;
};
