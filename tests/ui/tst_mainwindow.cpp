// SPDX-License-Identifier: GPL-3.0-or-later
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDockWidget>
#include <QFileDialog>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>
#include <QTranslator>
#include <QTreeView>
#include <QTreeWidget>

#include "backend/eventlog.h"
#include "testengine.h"
#include "ui/emptystatepanel.h"
#include "ui/eventlogmodel.h"
#include "ui/eventlogpanel.h"
#include "ui/filterbar.h"
#include "ui/mainwindow.h"
#include "ui/replaycontroller.h"
#include "ui/shortcutsdialog.h"
#include "ui/sourcespanel.h"
#include "ui/sourcestablemodel.h"
#include "ui/statussummary.h"

using namespace Qt::StringLiterals;

class TestMainWindow final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void windowBuilds();
    void emptyStateShowsSiptraceLines();
    void copyButtonCopiesTheSnippet();
    void docksExist();
    void sourcesWithoutEmbeddedListener();
    void readOnlyShowsInStatusBar();
    void statusBarCounters();
    void openCaptureHasCtrlOAndAsksForAFile();
    void menusAndShortcuts();
    void focusEventLog();
    void eventLogShowsEntries();
    void layoutIsPersisted();
    void aboutShowsVersion();
    void followsLanguageChange();

private:
    QTemporaryDir m_dir;
};

namespace
{
QAction *findAction(const QMenu *menu, const QString &objectName)
{
    for (QAction *action : menu->actions())
    {
        if (action->objectName() == objectName)
        {
            return action;
        }
    }
    return nullptr;
}

QMenu *menuAt(const MainWindow &window, int index)
{
    return window.menuBar()->actions().at(index)->menu();
}
} // namespace

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QCoreApplication::setOrganizationName(u"CallDeckTest"_s);
    QCoreApplication::setApplicationName(u"tst_mainwindow"_s);
    QCoreApplication::setApplicationVersion(u"0.1.0"_s);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
}

void TestMainWindow::init()
{
    QSettings().clear();
}

void TestMainWindow::windowBuilds()
{
    EventLog log;
    TestEngine engine;
    MainWindow window(&log, engine.services(), {});
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.windowTitle(), u"CallDeck"_s);
    QVERIFY(!window.windowIcon().isNull());
    QVERIFY(window.width() <= MainWindow::DefaultWidth);
    QVERIFY(window.height() <= MainWindow::DefaultHeight);
    QVERIFY(window.width() >= 600);
    // The dialogs page is the central area's first tab (its tab bar shows once charts join it);
    // on it the filter bar above the dialog area, shown with the table, hidden with the empty state.
    auto *pages = qobject_cast<QTabWidget *>(window.centralWidget());
    QVERIFY(pages);
    QCOMPARE(pages->count(), 1);
    QVERIFY(pages->tabBar()->isHidden());
    QCOMPARE(pages->tabText(0), u"Dialogs"_s);
    QWidget *dialogsPage = pages->widget(0);
    QCOMPARE(window.dialogArea()->parentWidget(), dialogsPage);
    QCOMPARE(window.filterBar()->parentWidget(), dialogsPage);
    // A page app/ adds (the charts) becomes a tab titled, and retitled, by its window title.
    auto *extra = new QWidget;
    extra->setWindowTitle(u"Extra"_s);
    window.addPage(extra);
    QCOMPARE(pages->count(), 2);
    QVERIFY(!pages->tabBar()->isHidden());
    QCOMPARE(pages->tabText(1), u"Extra"_s);
    extra->setWindowTitle(u"Renamed"_s);
    QCOMPARE(pages->tabText(1), u"Renamed"_s);
    window.showPage(extra);
    QCOMPARE(pages->currentWidget(), extra);
    window.showPage(dialogsPage);
    QVERIFY(!window.filterBar()->isVisible());
    QCOMPARE(window.dialogArea()->count(), 2);
    QCOMPARE(window.dialogArea()->indexOf(window.dialogTable()), 1);
    QVERIFY(!window.isReadOnly());
}

void TestMainWindow::emptyStateShowsSiptraceLines()
{
    EventLog log;
    TestEngine engine;
    MainWindow window(&log, engine.services(), {});
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.dialogArea()->currentWidget(), window.emptyStatePanel());
    QVERIFY(window.emptyStatePanel()->isVisible());
    QVERIFY(!window.dialogTable()->isVisible());

    auto *snippet = window.emptyStatePanel()->findChild<QPlainTextEdit *>(u"siptraceSnippet"_s);
    QVERIFY(snippet);
    QVERIFY(snippet->isVisible());
    QVERIFY(snippet->isReadOnly());
    QVERIFY(snippet->textInteractionFlags() & Qt::TextSelectableByMouse);
    const QString text = snippet->toPlainText();
    QVERIFY(text.contains(u"loadmodule \"siptrace.so\""_s));
    QVERIFY(text.contains(u"modparam(\"siptrace\", \"duplicate_uri\", \"sip:127.0.0.1:9060\")"_s));
    QVERIFY(text.contains(u"modparam(\"siptrace\", \"hep_mode_on\", 1)"_s));
    QVERIFY(text.contains(u"modparam(\"siptrace\", \"hep_version\", 3)"_s));
    QVERIFY(text.contains(u"modparam(\"siptrace\", \"trace_on\", 1)"_s));
    QVERIFY(text.contains(u"modparam(\"siptrace\", \"trace_mode\", 1)"_s));
    // The offscreen platform has no fonts to resolve against, so check what is asked for.
    QVERIFY(snippet->font().fixedPitch());
    QCOMPARE(snippet->font().styleHint(), QFont::TypeWriter);
    // All six lines fit without scrolling.
    QCOMPARE(text.count(u'\n'), 5);
    QVERIFY(!snippet->verticalScrollBar()->isVisible());

    const auto labels = window.emptyStatePanel()->findChildren<QLabel *>();
    QString all;
    for (const QLabel *label : labels)
    {
        QTextDocument rich; // what the operator reads, without the markup
        rich.setHtml(label->text());
        all += rich.toPlainText().replace(QChar(0x00a0), u' ') + u'\n';
    }
    QVERIFY(all.contains(u"No dialogs yet"_s));
    QVERIFY(all.contains(u"Open capture"_s));
    QVERIFY(all.contains(u"Ctrl+O"_s));
    QVERIFY(all.contains(u"--rpc URL"_s));
    QVERIFY(all.contains(u"calldeck-helpers.cfg"_s)); // the include REFER, timeouts and profiles need
    QVERIFY(!all.contains(u"not available yet"_s));
    QVERIFY(all.contains(u"File → Open capture…"_s));
    QVERIFY(window.emptyStatePanel()->findChild<QPushButton *>(u"copySnippetButton"_s)->isVisible());
}

void TestMainWindow::copyButtonCopiesTheSnippet()
{
    EventLog log;
    TestEngine engine;
    MainWindow window(&log, engine.services(), {});
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QGuiApplication::clipboard()->clear();
    auto *copy = window.emptyStatePanel()->findChild<QPushButton *>(u"copySnippetButton"_s);
    QVERIFY(copy);
    QCOMPARE(copy->text(), u"Copy"_s);
    QTest::mouseClick(copy, Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), EmptyStatePanel::siptraceSnippet() + u'\n');
    QVERIFY(window.statusBar()->currentMessage().contains(u"clipboard"_s));
}

void TestMainWindow::docksExist()
{
    EventLog log;
    TestEngine engine;
    MainWindow window(&log, engine.services(), {});
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    QDockWidget *sources = window.sourcesDock();
    QVERIFY(sources);
    QCOMPARE(sources->windowTitle(), u"Sources"_s);
    QVERIFY(sources->isVisible());
    QCOMPARE(window.dockWidgetArea(sources), Qt::BottomDockWidgetArea);
    QCOMPARE(sources->widget(), window.sourcesPanel());

    QDockWidget *eventLog = window.eventLogDock();
    QVERIFY(eventLog);
    QCOMPARE(eventLog->windowTitle(), u"Event log"_s);
    QVERIFY(eventLog->isVisible());
    QCOMPARE(window.dockWidgetArea(eventLog), Qt::BottomDockWidgetArea);
    QVERIFY(sources->geometry().right() < eventLog->geometry().left()); // side by side
    QVERIFY(window.centralWidget()->geometry().bottom() < sources->geometry().top());
    QCOMPARE(eventLog->widget(), window.eventLogPanel());

    // The engine's feeds are listed with their state, from the next refresh tick on.
    QCOMPARE(window.sourcesPanel()->view()->model(), window.sourcesModel());
    QCOMPARE(window.sourcesPanel()->configuredCount(), 0);
    const quint16 udp = engine.sources.add(u"hep-udp"_s, u"udp 127.0.0.1:9060"_s);
    engine.sources.setState(udp, SourceHealth::State::Running);
    QTRY_COMPARE(window.sourcesPanel()->configuredCount(), 1);
    const QModelIndex state = window.sourcesModel()->index(0, SourcesTableModel::StateColumn);
    QCOMPARE(window.sourcesModel()->index(0, SourcesTableModel::FeedColumn).data().toString(),
             u"HEP/SIP UDP"_s);
    QCOMPARE(window.sourcesModel()->index(0, SourcesTableModel::AddressColumn).data().toString(),
             u"127.0.0.1:9060"_s);
    QCOMPARE(state.data().toString(), u"Running"_s);
    QVERIFY(window.sourcesPanel()->hint()->text().contains(u"Hover over a feed"_s));
    QTRY_COMPARE(window.statusSummary()->feedsLabel()->text(), u"Feeds: 1 running"_s);
    // Every column fits the dock's first width.
    QVERIFY(window.sourcesDock()->width() >= window.sourcesPanel()->preferredWidth() ||
            window.sourcesDock()->width() >= window.width() * 55 / 100 - 10);

    // Docks can be hidden from the View menu and come back.
    sources->toggleViewAction()->trigger();
    QVERIFY(!sources->isVisible());
    sources->toggleViewAction()->trigger();
    QVERIFY(sources->isVisible());
}

void TestMainWindow::sourcesWithoutEmbeddedListener()
{
    EventLog log;
    TestEngine engine;
    MainWindow::Options options;
    options.embeddedListener = false;
    MainWindow window(&log, engine.services(), options);
    QCOMPARE(window.sourcesPanel()->configuredCount(), 0);
    auto *hint = window.sourcesPanel()->findChild<QLabel *>(u"sourcesHint"_s);
    QVERIFY(hint);
    QVERIFY(hint->text().contains(u"--hep off"_s));
    QVERIFY(hint->text().contains(u"Open capture"_s));
    QCOMPARE(window.statusSummary()->feedsLabel()->text(), u"No feeds"_s);
}

void TestMainWindow::readOnlyShowsInStatusBar()
{
    EventLog log;
    TestEngine engine;
    {
        MainWindow window(&log, engine.services(), {});
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(!window.statusSummary()->readOnlyLabel()->isVisible());
    }
    MainWindow::Options options;
    options.readOnly = true;
    MainWindow window(&log, engine.services(), options);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.isReadOnly());
    QLabel *badge = window.statusSummary()->readOnlyLabel();
    QVERIFY(badge->isVisible());
    QCOMPARE(badge->text(), u"Read-only"_s);
    QVERIFY(window.statusBar()->isAncestorOf(badge));
}

void TestMainWindow::statusBarCounters()
{
    EventLog log;
    TestEngine engine;
    MainWindow window(&log, engine.services(), {});
    StatusSummary *status = window.statusSummary();
    QCOMPARE(status->dialogsLabel()->text(), u"Dialogs: 0 active · 0 early · 0 total · 0 processed"_s);
    QCOMPARE(status->feedsLabel()->text(), u"No feeds"_s);
    status->setDialogCounts(3, 1, 7, 12);
    QCOMPARE(status->dialogsLabel()->text(), u"Dialogs: 3 active · 1 early · 7 total · 12 processed"_s);
    QVERIFY(status->dialogsLabel()->toolTip().contains(u"processed_dialogs"_s));
    status->setFeedHealth(2, 0, 2);
    QCOMPARE(status->feedsLabel()->text(), u"Feeds: 2 running"_s);
    status->setFeedHealth(2, 1, 4);
    QCOMPARE(status->feedsLabel()->text(), u"Feeds: 2 running, 1 failed"_s);
    QVERIFY(status->feedsLabel()->toolTip().contains(u"why a feed failed"_s));
    status->setFeedHealth(0, 2, 2);
    QCOMPARE(status->feedsLabel()->text(), u"Feeds: 2 failed"_s);
    status->setFeedHealth(0, 0, 1); // a finished replay
    QCOMPARE(status->feedsLabel()->text(), u"No feeds running"_s);
    status->setFeedHealth(0, 0, 0);
    QCOMPARE(status->feedsLabel()->text(), u"No feeds"_s);
}

void TestMainWindow::openCaptureHasCtrlOAndAsksForAFile()
{
    EventLog log;
    TestEngine engine;
    MainWindow window(&log, engine.services(), {});
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QAction *open = window.openCaptureAction();
    QCOMPARE(open->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_O));
    QCOMPARE(open->text(), u"&Open capture…"_s);
    QCOMPARE(findAction(menuAt(window, 0), u"openCaptureAction"_s), open);

    // Ctrl+O opens a file dialog without blocking (open(), not exec()) for the capture formats.
    QVERIFY(!window.findChild<QFileDialog *>(u"openCaptureDialog"_s));
    QTest::keyClick(&window, Qt::Key_O, Qt::ControlModifier);
    auto *dialog = window.findChild<QFileDialog *>(u"openCaptureDialog"_s);
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QCOMPARE(dialog->fileMode(), QFileDialog::ExistingFile);
    QCOMPARE(dialog->nameFilters().size(), 2);
    QVERIFY(dialog->nameFilters().at(0).contains(u"(*.pcap *.pcapng *.cap)"_s));
    QVERIFY(dialog->nameFilters().at(1).contains(u"(*)"_s));
    QCOMPARE(dialog->windowTitle(), u"Open capture"_s);
    // Asking again raises the same dialog.
    window.openCapture();
    QCOMPARE(window.findChildren<QFileDialog *>().size(), 1);
    dialog->reject();
    QTRY_VERIFY(!window.findChild<QFileDialog *>(u"openCaptureDialog"_s));
    QVERIFY(!window.replayController()->isRunning());

    // The empty state's button does the same.
    auto *button = window.emptyStatePanel()->findChild<QPushButton *>(u"openCaptureButton"_s);
    QVERIFY(button);
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(window.findChild<QFileDialog *>(u"openCaptureDialog"_s));
    window.findChild<QFileDialog *>(u"openCaptureDialog"_s)->reject();
}

void TestMainWindow::menusAndShortcuts()
{
    EventLog log;
    TestEngine engine;
    MainWindow window(&log, engine.services(), {});
    QCOMPARE(window.menuBar()->actions().size(), 5);
    QCOMPARE(menuAt(window, 0)->title(), u"&File"_s);
    QCOMPARE(menuAt(window, 1)->title(), u"&View"_s);
    QCOMPARE(menuAt(window, 2)->title(), u"&Dialog"_s);
    QCOMPARE(menuAt(window, 3)->title(), u"&Settings"_s);
    QCOMPARE(menuAt(window, 4)->title(), u"&Help"_s);
    QCOMPARE(findAction(menuAt(window, 3), u"proxiesAction"_s), window.proxiesAction());
    QVERIFY(findAction(menuAt(window, 3), u"readOnlyAction"_s));
    QVERIFY(findAction(menuAt(window, 2), u"terminateAction"_s));
    QVERIFY(findAction(menuAt(window, 1), u"auditLogAction"_s));
    QSignalSpy proxies(&window, &MainWindow::proxySettingsRequested);
    window.proxiesAction()->trigger();
    QCOMPARE(proxies.count(), 1);
    QCOMPARE(findAction(menuAt(window, 3), u"listenersAction"_s), window.listenersAction());
    QCOMPARE(window.listenersAction()->text(), u"&Mirror listeners…"_s);
    QCOMPARE(window.listenersAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    QSignalSpy listeners(&window, &MainWindow::listenerSettingsRequested);
    window.listenersAction()->trigger();
    QCOMPARE(listeners.count(), 1);
    QCOMPARE(proxies.count(), 1);
    QCOMPARE(window.quitAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Q));
    QCOMPARE(findAction(menuAt(window, 0), u"quitAction"_s), window.quitAction());
    QCOMPARE(window.focusEventLogAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_L));
    QVERIFY(menuAt(window, 1)->actions().contains(window.sourcesDock()->toggleViewAction()));
    QVERIFY(menuAt(window, 1)->actions().contains(window.eventLogDock()->toggleViewAction()));
    QVERIFY(findAction(menuAt(window, 4), u"aboutAction"_s));
    QVERIFY(findAction(menuAt(window, 4), u"shortcutsAction"_s));

    const QList<QAction *> shortcuts = window.shortcutActions();
    QStringList names;
    for (const QAction *action : shortcuts)
    {
        names << action->objectName();
    }
    QCOMPARE(names,
             (QStringList{u"openCaptureAction"_s, u"openSnapshotAction"_s, u"saveSnapshotAction"_s,
                          u"exportCsvAction"_s, u"exportJsonAction"_s, u"exportPcapAction"_s,
                          u"exportPackAction"_s, u"quitAction"_s, u"focusFilterAction"_s,
                          u"focusEventLogAction"_s, u"auditLogAction"_s, u"terminateAction"_s,
                          u"transferAction"_s, u"bridgeAction"_s, u"proxiesAction"_s, u"listenersAction"_s}));
    const ShortcutsDialog dialog(shortcuts);
    QCOMPARE(dialog.list()->topLevelItemCount(), 16);
    QCOMPARE(dialog.list()->topLevelItem(0)->text(0), u"Open capture…"_s);
    QCOMPARE(dialog.list()->topLevelItem(0)->text(1),
             QKeySequence(Qt::CTRL | Qt::Key_O).toString(QKeySequence::NativeText));
    QCOMPARE(dialog.list()->topLevelItem(1)->text(0), u"Open snapshot…"_s);
    QCOMPARE(dialog.list()->topLevelItem(1)->text(1),
             QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O).toString(QKeySequence::NativeText));
    QCOMPARE(dialog.list()->topLevelItem(2)->text(0), u"Save snapshot…"_s);
    QCOMPARE(dialog.list()->topLevelItem(2)->text(1),
             QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S).toString(QKeySequence::NativeText));
    QCOMPARE(dialog.list()->topLevelItem(3)->text(0), u"Table as CSV…"_s);
    QCOMPARE(dialog.list()->topLevelItem(7)->text(0), u"Quit"_s);
    QCOMPARE(dialog.list()->topLevelItem(9)->text(0), u"Focus event log"_s);
    QCOMPARE(dialog.list()->topLevelItem(10)->text(0), u"Audit log…"_s);
    QCOMPARE(dialog.list()->topLevelItem(11)->text(0), u"Terminate…"_s);
    QCOMPARE(dialog.list()->topLevelItem(11)->text(1),
             QKeySequence(Qt::Key_Delete).toString(QKeySequence::NativeText));
    QCOMPARE(dialog.list()->topLevelItem(14)->text(0), u"Proxies…"_s);
    QCOMPARE(dialog.list()->topLevelItem(15)->text(0), u"Mirror listeners…"_s);
    QCOMPARE(dialog.list()->topLevelItem(15)->text(1),
             QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M).toString(QKeySequence::NativeText));

    findAction(menuAt(window, 4), u"shortcutsAction"_s)->trigger();
    QVERIFY(window.findChild<ShortcutsDialog *>());
}

void TestMainWindow::focusEventLog()
{
    EventLog log;
    TestEngine engine;
    log.append(EventLogEntry::Severity::Info, u"app"_s, u"hello"_s);
    MainWindow window(&log, engine.services(), {});
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    window.eventLogDock()->hide();
    QTest::keyClick(&window, Qt::Key_L, Qt::ControlModifier);
    QVERIFY(window.eventLogDock()->isVisible());
    QTRY_VERIFY(window.eventLogPanel()->view()->hasFocus());
    QVERIFY(window.eventLogPanel()->view()->currentIndex().isValid());
}

void TestMainWindow::eventLogShowsEntries()
{
    EventLog log;
    TestEngine engine;
    log.append(EventLogEntry::Severity::Info, u"app"_s, u"before the window"_s);
    MainWindow window(&log, engine.services(), {});
    const EventLogModel *model = window.eventLogPanel()->model();
    QCOMPARE(model->rowCount(), 1);
    log.append(EventLogEntry::Severity::Error, u"rpc"_s, u"after the window"_s);
    QTRY_COMPARE(model->rowCount(), 2);
    QCOMPARE(model->index(1, EventLogModel::MessageColumn).data().toString(), u"after the window"_s);
}

void TestMainWindow::layoutIsPersisted()
{
    EventLog log;
    TestEngine engine;
    {
        MainWindow window(&log, engine.services(), {});
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.resize(700, 520);
        window.sourcesDock()->hide();
        QTRY_COMPARE(window.size(), QSize(700, 520));
        window.close();
    }
    QVERIFY(!QSettings().value(u"MainWindow/Geometry"_s).toByteArray().isEmpty());
    QVERIFY(!QSettings().value(u"MainWindow/State"_s).toByteArray().isEmpty());

    MainWindow again(&log, engine.services(), {});
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    QCOMPARE(again.size(), QSize(700, 520));
    QVERIFY(!again.sourcesDock()->isVisible());
    QVERIFY(again.eventLogDock()->isVisible());
}

void TestMainWindow::aboutShowsVersion()
{
    EventLog log;
    TestEngine engine;
    MainWindow window(&log, engine.services(), {});
    window.show();
    window.showAbout();
    auto *box = window.findChild<QMessageBox *>(u"aboutBox"_s);
    QVERIFY(box);
    QVERIFY(box->text().contains(u"CallDeck 0.1.0"_s));
    QVERIFY(box->text().contains(QString::fromLatin1(qVersion())));
    QCOMPARE(box->windowTitle(), u"About CallDeck"_s);
}

void TestMainWindow::followsLanguageChange()
{
#ifndef CALLDECK_QM_DIR
    QSKIP("the translations are built with the calldeck executable (CALLDECK_BUILD_GUI)");
#else
    EventLog log;
    TestEngine engine;
    MainWindow window(&log, engine.services(), {});
    window.show();
    QTranslator german;
    QVERIFY2(german.load(u"calldeck_de"_s, QString::fromUtf8(CALLDECK_QM_DIR)),
             "build the calldeck_lrelease target first");
    QVERIFY(QCoreApplication::installTranslator(&german));
    QTRY_COMPARE(menuAt(window, 0)->title(), u"&Datei"_s);
    QCOMPARE(window.sourcesDock()->windowTitle(), u"Quellen"_s);
    QCOMPARE(window.eventLogDock()->windowTitle(), u"Ereignisprotokoll"_s);
    QCOMPARE(window.openCaptureAction()->text(), u"Mitschnitt ö&ffnen…"_s);
    QCOMPARE(window.emptyStatePanel()->findChild<QLabel *>(u"emptyStateTitle"_s)->text(),
             u"Noch keine Dialoge"_s);
    QCOMPARE(window.emptyStatePanel()->findChild<QPushButton *>(u"copySnippetButton"_s)->text(),
             u"Kopieren"_s);
    QCOMPARE(window.sourcesModel()->headerData(SourcesTableModel::StateColumn, Qt::Horizontal).toString(),
             u"Zustand"_s);
    QVERIFY(window.statusSummary()->dialogsLabel()->text().startsWith(u"Dialoge:"_s));
    QCOMPARE(
        window.eventLogPanel()->model()->headerData(EventLogModel::MessageColumn, Qt::Horizontal).toString(),
        u"Meldung"_s);

    QVERIFY(QCoreApplication::removeTranslator(&german));
    QTRY_COMPARE(menuAt(window, 0)->title(), u"&File"_s);
    QCOMPARE(window.sourcesDock()->windowTitle(), u"Sources"_s);
#endif
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
