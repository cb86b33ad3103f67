// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QCoreApplication>
#include <QString>
#include <QStringList>

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

    Outcome outcome() const;
    /// @brief Exit code belonging to outcome() (0 for Run).
    int exitCode() const;
    /// @brief One line per problem, each saying what to do next (UsageError, NotAvailableYet).
    QStringList errors() const;
    QString helpText() const;
    static QString versionText();

    bool headless() const;
    QStringList hepListeners() const; ///< ADDR:PORT values of --hep (without "off")
    bool hepOff() const;              ///< "--hep off": no embedded listener
    QString hepKey() const;
    QString replayFile() const;
    bool replayPace() const;
    bool exitAfterReplay() const;
    QStringList rpcUrls() const;
    QString serveRpc() const;
    QString sipSocket() const;
    QString dbUrl() const;
    int dbMode() const; ///< -1 when not given
    QString exportFile() const;
    bool stats() const;
    bool readOnly() const;
    QString language() const; ///< --lang value, empty when not given

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
    bool m_replayPace = false;
    bool m_exitAfterReplay = false;
    QStringList m_rpc;
    std::optional<QString> m_serveRpc;
    std::optional<QString> m_sip;
    std::optional<QString> m_db;
    std::optional<QString> m_dbModeText;
    int m_dbMode = -1;
    std::optional<QString> m_export;
    bool m_stats = false;
    bool m_readOnly = false;
    std::optional<QString> m_language;
};
