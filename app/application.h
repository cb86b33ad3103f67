// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include <QObject>

class AppSettings;
class AuditLog;
class CommandLineOptions;
class Engine;
class EventLog;
class MainWindow;

/// @brief The composition root of the console: the only place that creates the long-lived
/// objects. They are created in a fixed order (settings, event log, engine, main window) and
/// freed in the reverse order. The console runs the same engine as --headless, on the wall
/// clock with deltas for the views; a problem at start-up (a bad profile rule, a port that is
/// taken) goes to the event log and the Sources panel, and the console opens anyway.
class Application final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Application)

public:
    /// @param languageNote a warning to put into the event log (e.g. a missing translation)
    explicit Application(const CommandLineOptions &options, const QString &languageNote = {},
                         QObject *parent = nullptr);
    ~Application() override;

    AppSettings *settings() const;
    EventLog *eventLog() const;
    Engine *engine() const;
    AuditLog *auditLog() const { return m_audit.get(); }
    MainWindow *mainWindow() const;

    /// @brief Shows the main window and runs the event loop; returns the exit code.
    int exec();

private:
    void startEngine(const CommandLineOptions &options);
    void editProxies(const QStringList &commandLineUrls);
    /// Settings → Mirror listeners…: with --hep (or --hep off) the command line wins for this run.
    void editListeners(const QStringList &commandLineListeners, bool commandLineOff);
    /// Puts the outcome of opening the listener on @p address into the event log; @p hint is
    /// added to a failure (what else to do besides the backend's advice).
    void reportListener(const QString &address, bool started, const QString &error, const QString &hint);

    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<EventLog> m_eventLog;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<AuditLog> m_audit; ///< every action attempt, the served RPC's too
    std::unique_ptr<MainWindow> m_mainWindow;
};
