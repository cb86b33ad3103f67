// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QMainWindow>

#include "backend/appsettings.h"
#include "backend/settingvalue.h"

class EmptyStatePanel;
class EventLog;
class EventLogPanel;
class QAction;
class QDockWidget;
class QMenu;
class QStackedWidget;
class QTableView;
class SourcesPanel;
class StatusSummary;

/// @brief The console window. It only holds panes, docks and actions; behaviour lives in the
/// panes (house style §6.2).
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    struct Options
    {
        bool readOnly = false;        ///< refuse every control action (shown in the status bar)
        bool embeddedListener = true; ///< the default HEP/raw-SIP feed on 127.0.0.1:9060 (--hep off: false)
        int refreshIntervalMs = AppSettings::DefaultRefreshIntervalMs; ///< how often views take changes
    };

    static constexpr int DefaultWidth = 1280;
    static constexpr int DefaultHeight = 800;

    explicit MainWindow(EventLog *eventLog, const Options &options, QWidget *parent = nullptr);

    bool isReadOnly() const;

    QStackedWidget *dialogArea() const;
    EmptyStatePanel *emptyStatePanel() const;
    QTableView *dialogTable() const;
    SourcesPanel *sourcesPanel() const;
    EventLogPanel *eventLogPanel() const;
    StatusSummary *statusSummary() const;
    QDockWidget *sourcesDock() const;
    QDockWidget *eventLogDock() const;
    QAction *openCaptureAction() const;
    QAction *quitAction() const;
    QAction *focusEventLogAction() const;

    /// @brief Every action with a shortcut, in menu order (for Help → Keyboard shortcuts).
    QList<QAction *> shortcutActions() const;

    void openCapture();
    void showAbout();
    void showShortcuts();
    void focusEventLog();

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createDocks();
    void restoreLayout();
    void saveLayout();
    void retranslateUi();

    Options m_options;
    SettingValue<QByteArray> m_geometrySetting;
    SettingValue<QByteArray> m_stateSetting;

    QStackedWidget *m_dialogArea = nullptr;
    EmptyStatePanel *m_emptyState = nullptr;
    QTableView *m_dialogTable = nullptr;
    SourcesPanel *m_sources = nullptr;
    EventLogPanel *m_eventLog = nullptr;
    StatusSummary *m_status = nullptr;
    QDockWidget *m_sourcesDock = nullptr;
    QDockWidget *m_eventLogDock = nullptr;

    QMenu *m_fileMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QAction *m_openCaptureAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_focusEventLogAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QAction *m_shortcutsAction = nullptr;
};
