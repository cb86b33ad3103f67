// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/mainwindow.h"
#include "ui/models/dialogfilterproxymodel.h"
#include "ui/models/dialogtablemodel.h"

#include <algorithm>

#include <QAction>
#include <QCloseEvent>
#include <QCoreApplication>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontMetrics>
#include <QGuiApplication>
#include <QHeaderView>
#include <QIcon>
#include <QKeySequence>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QVBoxLayout>
#include <QtGlobal>

#include "backend/coreworker.h"
#include "ui/centralpages.h"
#include "ui/columnchooser.h"
#include "ui/dialogactions.h"
#include "ui/dialogdetailsdock.h"
#include "ui/dialogdetailspane.h"
#include "ui/emptystatepanel.h"
#include "ui/eventlogmodel.h"
#include "ui/eventlogpanel.h"
#include "ui/exportmenu.h"
#include "ui/filterbar.h"
#include "ui/profilesdock.h"
#include "ui/profilesmodel.h"
#include "ui/replaycontroller.h"
#include "ui/shortcutsdialog.h"
#include "ui/snapshotactions.h"
#include "ui/sourcespanel.h"
#include "ui/sourcestablemodel.h"
#include "ui/statussummary.h"
#include "ui/uilogging.h"

using namespace Qt::StringLiterals;

namespace
{
constexpr int StatusMessageMs = 4000;
constexpr int FailureMessageMs = 10000;
constexpr int MinSourcesDockWidth = 460;
constexpr int BottomDocksHeight = 220;
} // namespace

MainWindow::MainWindow(EventLog *eventLog, const Services &services, const Options &options, QWidget *parent)
    : QMainWindow(parent)
    , m_options(options)
    , m_services(services)
    , m_geometrySetting(u"MainWindow/Geometry"_s)
    , m_stateSetting(u"MainWindow/State"_s)
    , m_captureDirSetting(u"MainWindow/CaptureDirectory"_s)
{
    Q_ASSERT(m_services.worker && m_services.sources && m_services.queue);
    setObjectName(u"mainWindow"_s);
    setWindowTitle(u"CallDeck"_s);
    setWindowIcon(QIcon(u":/icons/calldeck.png"_s));
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);

    m_emptyState = new EmptyStatePanel;
    m_dialogTable = new QTableView;
    m_dialogTable->setObjectName(u"dialogTable"_s);
    m_dialogTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_dialogTable->verticalHeader()->hide();
    m_dialogTable->verticalHeader()->setDefaultSectionSize(m_dialogTable->fontMetrics().height() + 8);
    m_dialogTable->setSortingEnabled(true);
    m_dialogTable->setAlternatingRowColors(true);
    m_dialogModel = new DialogTableModel(this);
    m_dialogProxy = new DialogFilterProxyModel(this);
    m_dialogProxy->setSourceModel(m_dialogModel);
    m_dialogTable->setModel(m_dialogProxy);
    // Each tick's delta goes to the model in one apply() (house style §6.3); refresh() shows this
    // page while there are rows (live or lingering) and the empty state otherwise.
    m_columns = new ColumnChooser(m_dialogTable, m_dialogModel, m_services.worker, this);
    m_filterBar = new FilterBar(m_dialogProxy, m_dialogModel);
    connect(this, &MainWindow::dialogDeltaTaken, m_dialogModel, [this](const DialogDelta &delta) {
        m_dialogModel->apply(delta);
        m_columns->sizeOnce(); // once, when the table is first filled (house style §6.3.6)
    });
    m_dialogArea = new QStackedWidget;
    m_dialogArea->setObjectName(u"dialogArea"_s);
    m_dialogArea->addWidget(m_emptyState);
    m_dialogArea->addWidget(m_dialogTable);
    m_dialogArea->setCurrentWidget(m_emptyState);
    m_dialogsPage = new QWidget; // the filter bar above the table; hidden with the empty state
    m_dialogsPage->setObjectName(u"dialogsPage"_s);
    auto *centralLayout = new QVBoxLayout(m_dialogsPage);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->addWidget(m_filterBar);
    m_filterBar->hide();
    centralLayout->addWidget(m_dialogArea, 1);
    connect(m_dialogArea, &QStackedWidget::currentChanged, m_filterBar,
            [this](int page) { m_filterBar->setVisible(page == 1); });
    m_pages = new CentralPages;
    m_pages->addPage(m_dialogsPage);
    setCentralWidget(m_pages);

    m_sourcesModel = new SourcesTableModel(m_services.sources, this);
    m_sources = new SourcesPanel(m_sourcesModel, m_options.embeddedListener);
    m_eventLog = new EventLogPanel(eventLog);
    m_eventLog->model()->setRefreshIntervalMs(m_options.refreshIntervalMs);

    m_status = new StatusSummary;
    m_status->setReadOnly(m_options.readOnly);
    statusBar()->addPermanentWidget(m_status);

    m_replay = new ReplayController(*m_services.queue, *m_services.sources, eventLog, this);

    createActions();
    m_actions = new DialogActions({this, m_dialogTable, m_dialogModel, m_services.control, m_services.audit,
                                   m_services.settings, m_options.readOnly, m_options.readOnlyLocked},
                                  this);
    connect(m_actions, &DialogActions::readOnlyChanged, this, [this](bool on) {
        m_options.readOnly = on;
        m_status->setReadOnly(on);
    });
    createDocks();
    createMenus();
    retranslateUi();

    connect(m_emptyState, &EmptyStatePanel::openCaptureRequested, this, &MainWindow::openCapture);
    connect(m_replay, &ReplayController::runningChanged, this, [this](bool running) {
        m_openCaptureAction->setEnabled(!running); // one replay at a time
        m_emptyState->setOpenCaptureEnabled(!running);
        refresh(); // the replay's feed row appears (or settles) at once
    });
    connect(m_emptyState, &EmptyStatePanel::snippetCopied, this, [this] {
        statusBar()->showMessage(tr("Kamailio configuration copied to the clipboard"), StatusMessageMs);
    });

    restoreLayout();

    // The first tick now, so the window opens with the feeds' real state.
    refresh();
    // At most 10 Hz, however the option was set (house style §6.3).
    m_refreshTimer.setInterval(std::clamp(m_options.refreshIntervalMs, AppSettings::MinRefreshIntervalMs,
                                          AppSettings::MaxRefreshIntervalMs));
    connect(&m_refreshTimer, &QTimer::timeout, this, &MainWindow::refresh);
    m_refreshTimer.start();
}

MainWindow::~MainWindow()
{
    m_refreshTimer.stop();
    delete m_replay; // cancels a running replay before the engine goes
    m_replay = nullptr;
}

bool MainWindow::isReadOnly() const
{
    return m_options.readOnly;
}

QStackedWidget *MainWindow::dialogArea() const
{
    return m_dialogArea;
}

EmptyStatePanel *MainWindow::emptyStatePanel() const
{
    return m_emptyState;
}

DialogTableModel *MainWindow::dialogModel() const
{
    return m_dialogModel;
}

QTableView *MainWindow::dialogTable() const
{
    return m_dialogTable;
}

SourcesPanel *MainWindow::sourcesPanel() const
{
    return m_sources;
}

SourcesTableModel *MainWindow::sourcesModel() const
{
    return m_sourcesModel;
}

ReplayController *MainWindow::replayController() const
{
    return m_replay;
}

EventLogPanel *MainWindow::eventLogPanel() const
{
    return m_eventLog;
}

StatusSummary *MainWindow::statusSummary() const
{
    return m_status;
}

QDockWidget *MainWindow::sourcesDock() const
{
    return m_sourcesDock;
}

QDockWidget *MainWindow::eventLogDock() const
{
    return m_eventLogDock;
}

QAction *MainWindow::openCaptureAction() const
{
    return m_openCaptureAction;
}

QAction *MainWindow::quitAction() const
{
    return m_quitAction;
}

QAction *MainWindow::focusEventLogAction() const
{
    return m_focusEventLogAction;
}

QList<QAction *> MainWindow::shortcutActions() const
{
    QList<QAction *> result;
    for (const QMenu *menu : {m_fileMenu, m_viewMenu, m_actions->menu(), m_settingsMenu, m_helpMenu})
    {
        QList<QAction *> actions;
        for (QAction *action : menu->actions())
        {
            // A submenu (File → Export) lists its actions in its place.
            actions += action->menu() != nullptr ? action->menu()->actions() : QList<QAction *>{action};
        }
        for (QAction *action : actions)
        {
            if (!action->isSeparator() && !action->shortcut().isEmpty())
            {
                result.append(action);
            }
        }
    }
    return result;
}

void MainWindow::openCapture()
{
    if (m_replay->isRunning())
    {
        return;
    }
    if (m_fileDialog)
    {
        m_fileDialog->raise();
        m_fileDialog->activateWindow();
        return;
    }
    QString directory = m_captureDirSetting.get();
    if (directory.isEmpty() || !QFileInfo(directory).isDir())
    {
        directory = QStandardPaths::writableLocation(QStandardPaths::HomeLocation);
    }
    // open(), not exec(): no nested event loop, the console stays live while the operator chooses.
    m_fileDialog = new QFileDialog(this, tr("Open capture"), directory);
    m_fileDialog->setObjectName(u"openCaptureDialog"_s);
    m_fileDialog->setAcceptMode(QFileDialog::AcceptOpen);
    m_fileDialog->setFileMode(QFileDialog::ExistingFile);
    //: File dialog filters: keep the patterns in brackets as they are
    m_fileDialog->setNameFilters({tr("Captures (*.pcap *.pcapng *.cap)"), tr("All files (*)")});
    m_fileDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_fileDialog, &QFileDialog::fileSelected, this, [this](const QString &file) {
        m_captureDirSetting.set(QFileInfo(file).absolutePath());
        replayCapture(file);
    });
    m_fileDialog->open();
}

bool MainWindow::replayCapture(const QString &fileName, const bool pace)
{
    if (!m_replay->start(fileName, pace))
    {
        statusBar()->showMessage(tr("A capture is being replayed; wait for it to finish or cancel it."),
                                 StatusMessageMs);
        return false;
    }
    return true;
}

void MainWindow::refresh()
{
    m_sourcesModel->refresh();
    updateFeedHealth();

    DialogDelta delta = m_services.worker->takeDelta();
    if (!delta.empty())
    {
        emit dialogDeltaTaken(delta);
    }
    updateDialogCounters(delta);
}

void MainWindow::updateFeedHealth()
{
    const int failed = m_sourcesModel->count(SourceHealth::State::Failed);
    m_status->setFeedHealth(m_sourcesModel->count(SourceHealth::State::Running), failed,
                            m_sourcesModel->rowCount());
    if (failed > m_failedFeeds)
    {
        // A background failure: a passing note here, the details in Sources and the event log.
        statusBar()->showMessage(tr("A feed failed; the Sources panel says why and what to do."),
                                 FailureMessageMs);
    }
    m_failedFeeds = failed;
}

void MainWindow::updateDialogCounters(const DialogDelta &delta)
{
    // A delta carries the counters of its moment; without changes there is none to read.
    if (!delta.empty())
    {
        m_active = static_cast<int>(delta.active.answering + delta.active.ongoing);
        m_early = static_cast<int>(delta.active.connecting);
        m_processed = delta.stats.processedDialogs;
    }
    const int total = static_cast<int>(m_services.worker->stats().dialogs);
    m_status->setDialogCounts(m_active, m_early, total, m_processed);
    m_emptyState->setProcessedDialogs(m_processed);
    const bool rows = total > 0 || m_dialogModel->rowCount() > 0;
    m_dialogArea->setCurrentWidget(rows ? static_cast<QWidget *>(m_dialogTable)
                                        : static_cast<QWidget *>(m_emptyState));
}

void MainWindow::showAbout()
{
    auto *box = new QMessageBox(this);
    box->setObjectName(u"aboutBox"_s);
    box->setWindowTitle(tr("About CallDeck"));
    box->setIconPixmap(windowIcon().pixmap(64, 64));
    box->setTextFormat(Qt::RichText);
    box->setText(u"<h3>CallDeck "_s + QCoreApplication::applicationVersion().toHtmlEscaped() + u"</h3>"_s +
                 u"<p>"_s + tr("A live SIP dialog console for network operations centres.").toHtmlEscaped() +
                 u"</p><p>"_s +
                 tr("Built with Qt %1, running on Qt %2.")
                     .arg(QString::fromLatin1(QT_VERSION_STR), QString::fromLatin1(qVersion()))
                     .toHtmlEscaped() +
                 u"</p><p>"_s + tr("Licence: GPL-3.0-or-later").toHtmlEscaped() + u"</p>"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::showShortcuts()
{
    auto *dialog = new ShortcutsDialog(shortcutActions(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::focusEventLog()
{
    m_eventLogDock->show();
    m_eventLogDock->raise();
    m_eventLog->focusLog();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    QMainWindow::closeEvent(event);
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
    {
        retranslateUi();
    }
    QMainWindow::changeEvent(event);
}

void MainWindow::createActions()
{
    m_openCaptureAction = new QAction(this);
    m_openCaptureAction->setObjectName(u"openCaptureAction"_s);
    m_openCaptureAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_O));
    connect(m_openCaptureAction, &QAction::triggered, this, &MainWindow::openCapture);

    m_quitAction = new QAction(this);
    m_quitAction->setObjectName(u"quitAction"_s);
    m_quitAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_focusEventLogAction = new QAction(this);
    m_focusEventLogAction->setObjectName(u"focusEventLogAction"_s);
    m_focusEventLogAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    connect(m_focusEventLogAction, &QAction::triggered, this, &MainWindow::focusEventLog);

    m_proxiesAction = new QAction(this);
    m_proxiesAction->setObjectName(u"proxiesAction"_s);
    m_proxiesAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    connect(m_proxiesAction, &QAction::triggered, this, &MainWindow::proxySettingsRequested);

    m_listenersAction = new QAction(this);
    m_listenersAction->setObjectName(u"listenersAction"_s);
    m_listenersAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    connect(m_listenersAction, &QAction::triggered, this, &MainWindow::listenerSettingsRequested);

    m_shortcutsAction = new QAction(this);
    m_shortcutsAction->setObjectName(u"shortcutsAction"_s);
    connect(m_shortcutsAction, &QAction::triggered, this, &MainWindow::showShortcuts);

    m_aboutAction = new QAction(this);
    m_aboutAction->setObjectName(u"aboutAction"_s);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::createDocks()
{
    // Both docks share the bottom edge (Sources left, event log right), so the dialog table
    // above them gets the window's full width for its many columns.
    m_sourcesDock = new QDockWidget(this);
    m_sourcesDock->setObjectName(u"sourcesDock"_s);
    m_sourcesDock->setWidget(m_sources);
    addDockWidget(Qt::BottomDockWidgetArea, m_sourcesDock);

    m_eventLogDock = new QDockWidget(this);
    m_eventLogDock->setObjectName(u"eventLogDock"_s);
    m_eventLogDock->setWidget(m_eventLog);
    addDockWidget(Qt::BottomDockWidgetArea, m_eventLogDock);
    splitDockWidget(m_sourcesDock, m_eventLogDock, Qt::Horizontal);

    // The selected dialog's details at the right, read again on the ticks that change it.
    m_detailsDock = new DialogDetailsDock(*m_services.worker, m_services.sources, this);
    m_detailsDock->follow(m_dialogTable, m_dialogModel);
    addDockWidget(Qt::RightDockWidgetArea, m_detailsDock);
    connect(this, &MainWindow::dialogDeltaTaken, m_detailsDock->pane(), &DialogDetailsPane::noteDelta);
    m_profilesDock = new ProfilesDock(this); // live profile sizes; a click filters the table
    splitDockWidget(m_detailsDock, m_profilesDock, Qt::Vertical);
    connect(this, &MainWindow::dialogDeltaTaken, m_profilesDock->model(), &ProfilesModel::apply);
    connect(m_profilesDock, &ProfilesDock::profileActivated, m_filterBar, &FilterBar::setProfileFilter);
    m_filterBar->setProfileNames(m_profilesDock->model());
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addAction(m_openCaptureAction);
    m_snapshots = new SnapshotActions(this, m_services.worker, m_services.sources);
    m_fileMenu->addActions({m_snapshots->openAction(), m_snapshots->saveAction()});
    m_exports = new ExportMenu(this, m_dialogTable, m_dialogModel, m_services.worker);
    m_fileMenu->addMenu(m_exports->menu());
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quitAction);

    m_viewMenu = menuBar()->addMenu(QString());
    m_viewMenu->addAction(m_sourcesDock->toggleViewAction());
    m_viewMenu->addAction(m_eventLogDock->toggleViewAction());
    m_viewMenu->addAction(m_detailsDock->toggleViewAction());
    m_viewMenu->addAction(m_profilesDock->toggleViewAction());
    m_viewMenu->addAction(m_filterBar->focusAction());
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_focusEventLogAction);
    m_viewMenu->addAction(m_actions->auditLogAction());
    menuBar()->addMenu(m_actions->menu());

    m_settingsMenu = menuBar()->addMenu(QString());
    m_settingsMenu->addAction(m_proxiesAction);
    m_settingsMenu->addAction(m_listenersAction);
    m_settingsMenu->addAction(m_actions->readOnlyAction());

    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addAction(m_shortcutsAction);
    m_helpMenu->addSeparator();
    m_helpMenu->addAction(m_aboutAction);
}

void MainWindow::restoreLayout()
{
    const QByteArray geometry = m_geometrySetting.get();
    if (geometry.isEmpty() || !restoreGeometry(geometry))
    {
        QSize size(DefaultWidth, DefaultHeight);
        if (const QScreen *screen = QGuiApplication::primaryScreen())
        {
            size = size.boundedTo(screen->availableSize() * 0.95);
        }
        resize(size);
    }
    const QByteArray state = m_stateSetting.get();
    if (!state.isEmpty() && restoreState(state))
    {
        m_layoutRestored = true;
        return;
    }
    if (!state.isEmpty())
    {
        qCWarning(lcUi) << "the saved window layout could not be restored; using the default layout";
    }
    // Sources gets room for all its columns, up to a bit more than half the width (it scrolls
    // beyond): the event log needs room for its messages too.
    const int sourcesWidth = std::clamp(m_sources->preferredWidth(), MinSourcesDockWidth,
                                        std::max(MinSourcesDockWidth, width() * 55 / 100));
    resizeDocks({m_sourcesDock, m_eventLogDock}, {sourcesWidth, width() - sourcesWidth}, Qt::Horizontal);
    const int rightColumn = height() - BottomDocksHeight; // details over profiles, 2:1
    resizeDocks({m_detailsDock, m_profilesDock}, {rightColumn * 2 / 3, rightColumn / 3}, Qt::Vertical);
    resizeDocks({m_sourcesDock}, {BottomDocksHeight}, Qt::Vertical);
    resizeDocks({m_detailsDock}, {width() * 2 / 5}, Qt::Horizontal);
}

void MainWindow::saveLayout()
{
    m_geometrySetting.set(saveGeometry());
    m_stateSetting.set(saveState());
    m_columns->save();
}

void MainWindow::addSettingsMenu(QMenu *menu)
{
    m_settingsMenu->addMenu(menu);
}

void MainWindow::addSettingsAction(QAction *action)
{
    m_settingsMenu->addAction(action);
}

void MainWindow::addViewToggle(QDockWidget *dock)
{
    m_viewMenu->insertAction(m_filterBar->focusAction(), dock->toggleViewAction());
}

void MainWindow::addPage(QWidget *page)
{
    m_pages->addPage(page);
}

void MainWindow::showPage(QWidget *page)
{
    m_pages->setCurrentWidget(page);
}

void MainWindow::retranslateUi()
{
    m_dialogsPage->setWindowTitle(tr("Dialogs"));
    m_fileMenu->setTitle(tr("&File"));
    m_viewMenu->setTitle(tr("&View"));
    m_helpMenu->setTitle(tr("&Help"));
    m_settingsMenu->setTitle(tr("&Settings"));
    m_actions->retranslate();
    m_proxiesAction->setText(tr("&Proxies…"));
    m_proxiesAction->setStatusTip(tr("Add, edit or remove the proxies watched over JSON-RPC"));
    m_listenersAction->setText(tr("&Mirror listeners…"));
    m_listenersAction->setStatusTip(tr("Add, edit or remove the addresses that receive HEP and raw SIP"));

    m_openCaptureAction->setText(tr("&Open capture…"));
    m_openCaptureAction->setStatusTip(tr("Replay a pcap or pcapng file"));
    m_quitAction->setText(tr("&Quit"));
    m_quitAction->setStatusTip(tr("Close CallDeck"));
    m_focusEventLogAction->setText(tr("Focus &event log"));
    m_focusEventLogAction->setStatusTip(tr("Show the event log and move the keyboard focus to it"));
    m_shortcutsAction->setText(tr("&Keyboard shortcuts"));
    m_shortcutsAction->setStatusTip(tr("List the keyboard shortcuts"));
    m_aboutAction->setText(tr("&About CallDeck"));
    m_aboutAction->setStatusTip(tr("Version and licence"));

    m_sourcesDock->setWindowTitle(tr("Sources"));
    m_eventLogDock->setWindowTitle(tr("Event log"));
    m_sourcesDock->toggleViewAction()->setStatusTip(tr("Show or hide the list of feeds"));
    m_eventLogDock->toggleViewAction()->setStatusTip(tr("Show or hide the event log"));
}
