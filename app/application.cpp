// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/application.h"

#include <QApplication>

#include "app/applogging.h"
#include "app/commandlineoptions.h"
#include "backend/appsettings.h"
#include "backend/eventlog.h"
#include "ui/mainwindow.h"

using namespace Qt::StringLiterals;

Application::Application(const CommandLineOptions &options, const QString &languageNote, QObject *parent)
    : QObject(parent)
{
    // 1. Settings: everything below reads them.
    m_settings = std::make_unique<AppSettings>();

    // 2. Event log: before anything that may report to the operator.
    m_eventLog = std::make_unique<EventLog>(m_settings->eventLogCapacity());
    const QString app = u"app"_s;
    m_eventLog->append(EventLogEntry::Severity::Info, app,
                       tr("CallDeck %1 started (Qt %2).")
                           .arg(QCoreApplication::applicationVersion(), QString::fromLatin1(qVersion())));
    if (!languageNote.isEmpty())
    {
        m_eventLog->append(EventLogEntry::Severity::Warning, app, languageNote);
    }

    MainWindow::Options windowOptions;
    windowOptions.readOnly = options.readOnly() || m_settings->isReadOnly();
    windowOptions.embeddedListener = !options.hepOff();
    windowOptions.refreshIntervalMs = m_settings->refreshIntervalMs();
    if (windowOptions.readOnly)
    {
        m_eventLog->append(EventLogEntry::Severity::Info, app,
                           options.readOnly()
                               ? tr("Read-only mode (--read-only): control actions are refused.")
                               : tr("Read-only mode (set in the settings): control actions are "
                                    "refused."));
    }
    if (windowOptions.embeddedListener)
    {
        m_eventLog->append(
            EventLogEntry::Severity::Warning, u"hep 127.0.0.1:9060"_s,
            tr("The embedded HEP/raw-SIP listener is not available yet; it arrives with the mirror "
               "feed (issue #4). No SIP is received."));
    }
    else
    {
        m_eventLog->append(EventLogEntry::Severity::Info, app,
                           tr("Embedded HEP/raw-SIP listener switched off (--hep off)."));
    }

    // 3. The window last: it shows the objects above.
    m_mainWindow = std::make_unique<MainWindow>(m_eventLog.get(), windowOptions);
    qCDebug(lcApp) << "console ready; read-only:" << windowOptions.readOnly;
}

Application::~Application()
{
    // Reverse order of creation: nothing may outlive what it points to.
    m_mainWindow.reset();
    m_eventLog.reset();
    m_settings.reset();
}

AppSettings *Application::settings() const
{
    return m_settings.get();
}

EventLog *Application::eventLog() const
{
    return m_eventLog.get();
}

MainWindow *Application::mainWindow() const
{
    return m_mainWindow.get();
}

int Application::exec()
{
    m_mainWindow->show();
    return QApplication::exec();
}
