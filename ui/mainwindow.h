// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QMainWindow>
#include <QPointer>
#include <QTimer>

#include "backend/appsettings.h"
#include "backend/dialogdelta.h"
#include "backend/settingvalue.h"

class AuditLog;
class CentralPages;
class CoreWorker;
class DialogActions;
class DialogControl;
class ColumnChooser;
class DialogDetailsDock;
class FilterBar;
class ProfilesDock;
class EmptyStatePanel;
class EventLog;
class EventLogPanel;
class ExportMenu;
class IngestQueue;
class QAction;
class QDockWidget;
class QFileDialog;
class QMenu;
class QStackedWidget;
class QTableView;
class DialogFilterProxyModel;
class DialogTableModel;
class ReplayController;
class SnapshotActions;
class SourceRegistry;
class SourcesPanel;
class SourcesTableModel;
class StatusSummary;

/// @brief The console window. It only holds panes, docks and actions; behaviour lives in the
/// panes (house style §6.2). Once per refresh tick (AppSettings' interval, 100–2000 ms, so at
/// most 10 Hz) it takes the engine's batched changes: the feeds' health for the Sources panel,
/// and the core's dialog delta for the status bar and for dialogDeltaTaken(). It never waits for
/// the core.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    struct Options
    {
        bool readOnly = false;        ///< refuse every control action (shown in the status bar)
        bool readOnlyLocked = false;  ///< --read-only: Settings → Read-only mode cannot lift it
        bool embeddedListener = true; ///< the default HEP/raw-SIP feed on 127.0.0.1:9060 (--hep off: false)
        int refreshIntervalMs = AppSettings::DefaultRefreshIntervalMs; ///< how often views take changes
    };
    /// @brief The engine's service objects the window reads and feeds (owned by app/, they
    /// outlive the window). The worker must have deltas enabled.
    struct Services
    {
        CoreWorker *worker = nullptr;
        SourceRegistry *sources = nullptr;
        IngestQueue *queue = nullptr;
        DialogControl *control = nullptr; ///< actions on dialogs (null: the Dialog menu is disabled)
        AuditLog *audit = nullptr;        ///< View → Audit log… (null: none)
        AppSettings *settings = nullptr;  ///< where Settings → Read-only mode is kept (null: not kept)
    };

    static constexpr int DefaultWidth = 1280;
    static constexpr int DefaultHeight = 800;

    MainWindow(EventLog *eventLog, const Services &services, const Options &options,
               QWidget *parent = nullptr);
    ~MainWindow() override;

    bool isReadOnly() const;

    QStackedWidget *dialogArea() const;
    EmptyStatePanel *emptyStatePanel() const;
    QTableView *dialogTable() const;
    DialogTableModel *dialogModel() const;
    SourcesPanel *sourcesPanel() const;
    SourcesTableModel *sourcesModel() const;
    ReplayController *replayController() const;
    /// @brief File → Save snapshot… and Open snapshot… (and the snapshot windows opened).
    SnapshotActions *snapshotActions() const { return m_snapshots; }
    EventLogPanel *eventLogPanel() const;
    StatusSummary *statusSummary() const;
    QDockWidget *sourcesDock() const;
    QDockWidget *eventLogDock() const;
    /// @brief True when the operator's saved layout was restored at start (a dock added later can
    /// then take its place from it with restoreDockWidget()); false on the default layout.
    bool layoutRestored() const { return m_layoutRestored; }
    QAction *openCaptureAction() const;
    QAction *quitAction() const;
    QAction *focusEventLogAction() const;
    QAction *proxiesAction() const { return m_proxiesAction; }
    QAction *listenersAction() const { return m_listenersAction; }
    /// @brief The details pane of the selected dialog (its legs and call flow), docked at the right.
    DialogDetailsDock *detailsDock() const { return m_detailsDock; }
    FilterBar *filterBar() const { return m_filterBar; }
    ProfilesDock *profilesDock() const { return m_profilesDock; }
    ColumnChooser *columnChooser() const { return m_columns; }
    /// @brief The Dialog menu's actions on the selection or the filter, read-only mode, audit log.
    DialogActions *dialogActions() const { return m_actions; }
    /// @brief File → Export (table CSV/JSON, selected dialogs as pcap, incident pack).
    ExportMenu *exportMenu() const { return m_exports; }

    /// @brief Appends @p menu (e.g. the language menu app/ makes) to the Settings menu.
    void addSettingsMenu(QMenu *menu);
    /// @brief Appends @p action (e.g. Alarm rules…) to the Settings menu.
    void addSettingsAction(QAction *action);
    /// @brief Lists @p dock (e.g. Alarms) in the View menu beside the window's own docks.
    void addViewToggle(QDockWidget *dock);
    /// @brief Adds @p page (e.g. the charts) as a tab of the central area, titled by its window title.
    void addPage(QWidget *page);
    void showPage(QWidget *page);

    /// @brief Every action with a shortcut, in menu order (for Help → Keyboard shortcuts).
    QList<QAction *> shortcutActions() const;

    /// @brief Asks for a capture file (not blocking) and replays it (Ctrl+O).
    void openCapture();
    /// @brief Replays @p fileName into the running engine with a progress dialog; what
    /// File → Open capture… and --replay do. False while another replay is running.
    bool replayCapture(const QString &fileName, bool pace = false);
    /// @brief One refresh tick: the feeds' health and the core's changes (the timer calls it).
    void refresh();
    void showAbout();
    void showShortcuts();
    void focusEventLog();

signals:
    /// @brief The dialogs that changed since the previous tick (emitted once per tick when any
    /// did): what the dialog table applies.
    void dialogDeltaTaken(const DialogDelta &delta);
    /// @brief Settings → Proxies… was chosen; app/ opens the dialog and restarts the feeds.
    void proxySettingsRequested();
    /// @brief Settings → Mirror listeners… was chosen; app/ opens the dialog and restarts the
    /// listeners.
    void listenerSettingsRequested();

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

    void updateDialogCounters(const DialogDelta &delta);
    void updateFeedHealth();

    Options m_options;
    Services m_services;
    SettingValue<QByteArray> m_geometrySetting;
    SettingValue<QByteArray> m_stateSetting;
    bool m_layoutRestored = false;
    SettingValue<QString> m_captureDirSetting;
    QTimer m_refreshTimer;
    int m_active = 0;
    int m_early = 0;
    quint64 m_processed = 0;
    int m_failedFeeds = 0;

    QStackedWidget *m_dialogArea = nullptr;
    QWidget *m_dialogsPage = nullptr;
    CentralPages *m_pages = nullptr;
    EmptyStatePanel *m_emptyState = nullptr;
    QTableView *m_dialogTable = nullptr;
    DialogTableModel *m_dialogModel = nullptr;
    DialogFilterProxyModel *m_dialogProxy = nullptr;
    FilterBar *m_filterBar = nullptr;
    ColumnChooser *m_columns = nullptr;
    ProfilesDock *m_profilesDock = nullptr;
    SourcesTableModel *m_sourcesModel = nullptr;
    SourcesPanel *m_sources = nullptr;
    ReplayController *m_replay = nullptr;
    SnapshotActions *m_snapshots = nullptr;
    QPointer<QFileDialog> m_fileDialog;
    EventLogPanel *m_eventLog = nullptr;
    StatusSummary *m_status = nullptr;
    QDockWidget *m_sourcesDock = nullptr;
    QDockWidget *m_eventLogDock = nullptr;
    DialogDetailsDock *m_detailsDock = nullptr;
    DialogActions *m_actions = nullptr;
    ExportMenu *m_exports = nullptr;

    QMenu *m_fileMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QMenu *m_settingsMenu = nullptr;
    QAction *m_proxiesAction = nullptr;
    QAction *m_listenersAction = nullptr;
    QAction *m_openCaptureAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_focusEventLogAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QAction *m_shortcutsAction = nullptr;
};
