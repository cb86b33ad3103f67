// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/mainwindow.h"

#include <QAction>
#include <QCloseEvent>
#include <QCoreApplication>
#include <QDockWidget>
#include <QGuiApplication>
#include <QHeaderView>
#include <QIcon>
#include <QKeySequence>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QtGlobal>

#include "ui/emptystatepanel.h"
#include "ui/eventlogmodel.h"
#include "ui/eventlogpanel.h"
#include "ui/shortcutsdialog.h"
#include "ui/sourcespanel.h"
#include "ui/statussummary.h"
#include "ui/uilogging.h"

using namespace Qt::StringLiterals;

namespace
{
constexpr int StatusMessageMs = 4000;
constexpr int SourcesDockWidth = 460;
constexpr int BottomDocksHeight = 220;
} // namespace

MainWindow::MainWindow(EventLog *eventLog, const Options &options, QWidget *parent)
    : QMainWindow(parent)
    , m_options(options)
    , m_geometrySetting(u"MainWindow/Geometry"_s)
    , m_stateSetting(u"MainWindow/State"_s)
{
    setObjectName(u"mainWindow"_s);
    setWindowTitle(u"CallDeck"_s);
    setWindowIcon(QIcon(u":/icons/calldeck.png"_s));
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);

    m_emptyState = new EmptyStatePanel;
    m_dialogTable = new QTableView;
    m_dialogTable->setObjectName(u"dialogTable"_s);
    m_dialogTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_dialogTable->verticalHeader()->hide();
    // TODO(dialog-table): the engine's dialog model goes here, and the area switches to this page
    // when the first dialog arrives.
    m_dialogArea = new QStackedWidget;
    m_dialogArea->setObjectName(u"dialogArea"_s);
    m_dialogArea->addWidget(m_emptyState);
    m_dialogArea->addWidget(m_dialogTable);
    m_dialogArea->setCurrentWidget(m_emptyState);
    setCentralWidget(m_dialogArea);

    m_sources = new SourcesPanel(m_options.embeddedListener);
    m_eventLog = new EventLogPanel(eventLog);
    m_eventLog->model()->setRefreshIntervalMs(m_options.refreshIntervalMs);

    m_status = new StatusSummary;
    m_status->setReadOnly(m_options.readOnly);
    m_status->setDialogCounts(0, 0, 0);
    m_status->setFeedHealth(0, m_sources->configuredCount());
    statusBar()->addPermanentWidget(m_status);

    createActions();
    createDocks();
    createMenus();
    retranslateUi();

    connect(m_emptyState, &EmptyStatePanel::openCaptureRequested, this, &MainWindow::openCapture);
    connect(m_emptyState, &EmptyStatePanel::snippetCopied, this, [this] {
        statusBar()->showMessage(tr("Kamailio configuration copied to the clipboard"), StatusMessageMs);
    });

    restoreLayout();
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

QTableView *MainWindow::dialogTable() const
{
    return m_dialogTable;
}

SourcesPanel *MainWindow::sourcesPanel() const
{
    return m_sources;
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
    for (const QMenu *menu : {m_fileMenu, m_viewMenu, m_helpMenu})
    {
        for (QAction *action : menu->actions())
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
    auto *box =
        new QMessageBox(QMessageBox::Information, tr("Open capture"),
                        tr("Replaying captures is not available yet — it arrives with the mirror feed "
                           "(issue #4)."),
                        QMessageBox::Ok, this);
    box->setObjectName(u"openCaptureMessage"_s);
    box->setInformativeText(
        tr("Until then, feed CallDeck live: mirror a Kamailio proxy with siptrace as shown "
           "in the main window."));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
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
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addAction(m_openCaptureAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quitAction);

    m_viewMenu = menuBar()->addMenu(QString());
    m_viewMenu->addAction(m_sourcesDock->toggleViewAction());
    m_viewMenu->addAction(m_eventLogDock->toggleViewAction());
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_focusEventLogAction);

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
        return;
    }
    if (!state.isEmpty())
    {
        qCWarning(lcUi) << "the saved window layout could not be restored; using the default layout";
    }
    resizeDocks({m_sourcesDock, m_eventLogDock}, {SourcesDockWidth, width() - SourcesDockWidth},
                Qt::Horizontal);
    resizeDocks({m_sourcesDock}, {BottomDocksHeight}, Qt::Vertical);
}

void MainWindow::saveLayout()
{
    m_geometrySetting.set(saveGeometry());
    m_stateSetting.set(saveState());
}

void MainWindow::retranslateUi()
{
    m_fileMenu->setTitle(tr("&File"));
    m_viewMenu->setTitle(tr("&View"));
    m_helpMenu->setTitle(tr("&Help"));

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
