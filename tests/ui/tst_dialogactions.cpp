// SPDX-License-Identifier: GPL-3.0-or-later
// The console's actions on dialogs (issue #7) on a real engine: a CoreWorker fed with SIP (mirror
// calls) and polling a fake Kamailio (its dlg.list samples), a real DialogControl routing to it.
// Terminate asks first and sends exactly one action (none when cancelled); read-only disables
// everything; a disabled action says why; a bulk run over the filter acts on each dialog once, at
// the chosen rate, with a result per dialog; the audit log view shows and exports the attempts.
#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include "backend/appsettings.h"
#include "backend/auditlog.h"
#include "backend/dialogcontrol.h"
#include "backend/eventlog.h"
#include "tests/backend/fakekamailio.h"
#include "tests/backend/proxytestbed.h"
#include "ui/actionconfirmdialog.h"
#include "ui/auditlogdialog.h"
#include "ui/auditlogmodel.h"
#include "ui/bulkactiondialog.h"
#include "ui/dialogactions.h"
#include "ui/mainwindow.h"
#include "ui/models/dialogfilterproxymodel.h"
#include "ui/models/dialogtablemodel.h"
#include "ui/statussummary.h"

using namespace Qt::StringLiterals;

namespace
{
constexpr auto CallId = "3-19005@127.0.0.1"; // the first dialog of samples/dlg.list.json
constexpr int ProxyCalls = 5;
constexpr int MirrorCalls = 3;

/// With CALLDECK_TEST_GRAB_DIR set, saves a PNG of @p widget there (to look at the dialogs).
void grab(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("CALLDECK_TEST_GRAB_DIR");
    if (!dir.isEmpty())
    {
        QCoreApplication::processEvents();
        widget->grab().save(dir + u'/' + name + u".png"_s);
    }
}
} // namespace

class TestDialogActions final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void menuAndShortcuts();
    void terminateAsksThenSendsExactlyOne();
    void readOnlyDisablesEveryAction();
    void readOnlySettingIsPersisted();
    void disabledActionSaysWhy();
    void bulkOverTheFilterRespectsTheRate();
    void bulkCanBeCancelled();
    void auditLogViewShowsAndExports();

private:
    void startWindow(MainWindow::Options options = {}, bool helper = true);
    int viewRowOf(const std::string &callId) const;
    void select(const std::string &callId);
    ActionConfirmDialog *waitConfirmation() const;

    QTemporaryDir m_dir;
    std::unique_ptr<FakeKamailio> m_fake;
    std::unique_ptr<ProxyTestBed> m_bed;
    std::unique_ptr<EventLog> m_log;
    std::unique_ptr<AuditLog> m_audit;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<MainWindow> m_window;
    ProxyFeed *m_feed = nullptr;
};

void TestDialogActions::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QCoreApplication::setOrganizationName(u"CallDeckTest"_s);
    QCoreApplication::setApplicationName(u"tst_dialogactions"_s);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
}

void TestDialogActions::init()
{
    QSettings().clear();
    for (const QString &suffix : {u""_s, u"-wal"_s, u"-shm"_s})
    {
        QFile::remove(m_dir.filePath(u"calldeck.db"_s + suffix)); // each test begins with an empty audit
    }
}

void TestDialogActions::cleanup()
{
    m_window.reset();
    m_feed = nullptr;
    m_bed.reset();
    m_fake.reset();
    m_audit.reset();
    m_settings.reset();
    m_log.reset();
}

void TestDialogActions::startWindow(MainWindow::Options options, const bool helper)
{
    m_fake = std::make_unique<FakeKamailio>();
    m_fake->setHelper(helper);
    QVERIFY(m_fake->start());
    m_bed = std::make_unique<ProxyTestBed>();
    ProxyFeed::Options o;
    o.intervalMs = 200;
    m_feed = &m_bed->addProxy(u"kam1"_s, m_fake->url(), o);
    QVERIFY(m_bed->feedMirrorCalls(MirrorCalls));
    QTRY_VERIFY_WITH_TIMEOUT(m_feed->status().state == ProxyStatus::State::Up, 5000);
    m_log = std::make_unique<EventLog>();
    m_audit = std::make_unique<AuditLog>(StoreUrl::sqliteFile(m_dir.filePath(u"calldeck.db"_s)), m_log.get());
    m_audit->setUser(u"noc-bob"_s);
    m_audit->attach(m_bed->control());
    m_settings = std::make_unique<AppSettings>();
    options.refreshIntervalMs = 100;
    const MainWindow::Services services{&m_bed->worker(),  &m_bed->sources(), &m_bed->queue(),
                                        &m_bed->control(), m_audit.get(),     m_settings.get()};
    m_window = std::make_unique<MainWindow>(m_log.get(), services, options);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->dialogModel()->rowCount(), ProxyCalls + MirrorCalls, 10000);
    // The helper probe answers with the first polls: wait until the proxy's actions are known.
    QTRY_VERIFY_WITH_TIMEOUT(m_feed->status().helper == helper && !m_feed->status().methods.isEmpty(), 5000);
}

int TestDialogActions::viewRowOf(const std::string &callId) const
{
    const QAbstractItemModel *shown = m_window->dialogTable()->model();
    const DialogTableModel *model = m_window->dialogModel();
    for (int row = 0; row < shown->rowCount(); ++row)
    {
        const quint64 key = shown->index(row, 0).data(DialogTableModel::KeyRole).toULongLong();
        if (model->rowAt(model->rowOfKey(key)).dialog.callId == callId)
        {
            return row;
        }
    }
    return -1;
}

void TestDialogActions::select(const std::string &callId)
{
    const int row = viewRowOf(callId);
    QVERIFY2(row >= 0, callId.c_str());
    m_window->dialogTable()->setFocus();
    m_window->dialogTable()->selectRow(row);
    QCOMPARE(m_window->dialogActions()->selectedRows().size(), 1);
    QCOMPARE(m_window->dialogActions()->selectedRows().first().dialog.callId, callId);
}

ActionConfirmDialog *TestDialogActions::waitConfirmation() const
{
    ActionConfirmDialog *dialog = nullptr;
    const bool shown = QTest::qWaitFor(
        [&] {
            dialog = m_window->dialogActions()->confirmation();
            return dialog && dialog->isVisible();
        },
        3000);
    return shown ? dialog : nullptr;
}

void TestDialogActions::menuAndShortcuts()
{
    startWindow();
    DialogActions *actions = m_window->dialogActions();
    QVERIFY(m_window->menuBar()->actions().contains(actions->menu()->menuAction()));
    QCOMPARE(actions->menu()->title(), u"&Dialog"_s);
    QCOMPARE(actions->action(ActionKind::Terminate)->shortcut(), QKeySequence(Qt::Key_Delete));
    QCOMPARE(actions->action(ActionKind::Transfer)->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_T));
    QCOMPARE(actions->action(ActionKind::Bridge)->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_B));
    QCOMPARE(actions->auditLogAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    QVERIFY(m_window->shortcutActions().contains(actions->action(ActionKind::Terminate)));
    QVERIFY(m_window->shortcutActions().contains(actions->auditLogAction()));
    // The same actions on the table's context menu; nothing selected: terminate is off and says why.
    QCOMPARE(m_window->dialogTable()->contextMenuPolicy(), Qt::CustomContextMenu);
    QVERIFY(!actions->action(ActionKind::Terminate)->isEnabled());
    QVERIFY(actions->action(ActionKind::Terminate)->toolTip().contains(u"Select one or more dialogs"_s));
}

void TestDialogActions::terminateAsksThenSendsExactlyOne()
{
    startWindow();
    select(CallId);
    QAction *terminate = m_window->dialogActions()->action(ActionKind::Terminate);
    QTRY_VERIFY(terminate->isEnabled());
    QCOMPARE(terminate->toolTip(), u"Goes via proxy kam1 (dlg.end_dlg)"_s);

    // Delete asks first, showing exactly that dialog and the way the BYE goes. Cancel: nothing sent.
    QTest::keyClick(m_window->dialogTable(), Qt::Key_Delete);
    ActionConfirmDialog *dialog = waitConfirmation();
    QVERIFY(dialog);
    QCOMPARE(dialog->targetList()->topLevelItemCount(), 1);
    const QTreeWidgetItem *item = dialog->targetList()->topLevelItem(0);
    QCOMPARE(item->text(0), QString::fromLatin1(CallId));
    QCOMPARE(item->text(1), u"sip:sipp@127.0.0.1:5070 → sip:1000@127.0.0.1:5060"_s);
    QCOMPARE(item->text(2), u"kam1"_s);
    QCOMPARE(item->text(3), u"proxy kam1 (dlg.end_dlg)"_s);
    QVERIFY(dialog->confirmButton()->isEnabled());
    grab(dialog, u"confirm-terminate"_s);
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"cancelButton"_s), Qt::LeftButton);
    QTRY_VERIFY(!m_window->dialogActions()->confirmation());
    QTest::qWait(500);
    QCOMPARE(m_fake->count(u"dlg.end_dlg"_s), 0);

    // Again, confirmed: exactly one dlg.end_dlg, with that dialog's ids on the proxy.
    m_window->activateWindow(); // the window manager's part when a dialog closes
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(m_window->dialogTable(), Qt::Key_Delete);
    dialog = waitConfirmation();
    QVERIFY(dialog);
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_fake->count(u"dlg.end_dlg"_s), 1, 5000);
    QCOMPARE(m_fake->calls(u"dlg.end_dlg"_s).first().params, (QJsonArray{707, 8109}));
    QTRY_VERIFY(m_window->statusBar()->currentMessage().contains(u"done via proxy kam1 (dlg.end_dlg)"_s));
    QTest::qWait(500);
    QCOMPARE(m_fake->count(u"dlg.end_dlg"_s), 1);
    QCOMPARE(m_fake->count(u"dlg.terminate_dlg"_s), 0);
    QCOMPARE(m_audit->read().size(), 1);
}

void TestDialogActions::readOnlyDisablesEveryAction()
{
    MainWindow::Options options;
    options.readOnly = true;
    options.readOnlyLocked = true; // --read-only
    startWindow(options);
    QVERIFY(m_bed->control().readOnly());
    select(CallId);
    DialogActions *actions = m_window->dialogActions();
    actions->updateActions();
    actions->updateFilteredActions();
    int checked = 0;
    for (int k = 0; k < ActionKindCount; ++k)
    {
        for (QAction *a : {actions->action(ActionKind(k)), actions->filteredAction(ActionKind(k))})
        {
            if (!a)
            {
                continue;
            }
            ++checked;
            QVERIFY2(!a->isEnabled(), qPrintable(a->objectName()));
            QVERIFY2(a->toolTip().contains(u"--read-only"_s), qPrintable(a->toolTip()));
        }
    }
    QCOMPARE(checked, 2 * ActionKindCount - 1);
    QVERIFY(actions->readOnlyAction()->isChecked());
    QVERIFY(!actions->readOnlyAction()->isEnabled()); // locked by the command line
    QTest::keyClick(m_window->dialogTable(), Qt::Key_Delete);
    QTest::qWait(300);
    QVERIFY(!actions->confirmation());
    actions->trigger(ActionKind::Terminate); // even asked directly: nothing
    QVERIFY(!actions->confirmation());
    QCOMPARE(m_fake->count(u"dlg.end_dlg"_s), 0);
}

void TestDialogActions::readOnlySettingIsPersisted()
{
    startWindow();
    select(CallId);
    DialogActions *actions = m_window->dialogActions();
    QTRY_VERIFY(actions->action(ActionKind::Terminate)->isEnabled());
    QVERIFY(actions->readOnlyAction()->isEnabled());
    // Settings → Read-only mode: kept, DialogControl refuses, everything disabled, status bar says so.
    actions->readOnlyAction()->trigger();
    QVERIFY(m_settings->isReadOnly());
    QCOMPARE(QSettings().value(u"AppSettings/ReadOnly"_s).toBool(), true);
    QVERIFY(m_bed->control().readOnly());
    QVERIFY(m_window->isReadOnly());
    QVERIFY(m_window->statusSummary()->readOnlyLabel()->isVisibleTo(m_window.get()));
    QVERIFY(!actions->action(ActionKind::Terminate)->isEnabled());
    QVERIFY(actions->action(ActionKind::Terminate)->toolTip().contains(u"Settings → Read-only mode"_s));
    actions->readOnlyAction()->trigger();
    QVERIFY(!m_settings->isReadOnly());
    QVERIFY(!m_bed->control().readOnly());
    QVERIFY(actions->action(ActionKind::Terminate)->isEnabled());
}

void TestDialogActions::disabledActionSaysWhy()
{
    startWindow({}, false); // the proxy has no CallDeck helper include
    DialogActions *actions = m_window->dialogActions();
    select(CallId);
    actions->updateActions();
    QAction *transfer = actions->action(ActionKind::Transfer);
    QVERIFY(!transfer->isEnabled());
    QVERIFY2(transfer->toolTip().contains(u"proxy kam1 has no CallDeck helper"_s) &&
                 transfer->toolTip().contains(u"resources/kamailio/calldeck-helpers.cfg"_s),
             qPrintable(transfer->toolTip()));
    QVERIFY(!actions->action(ActionKind::SetProfile)->isEnabled());
    if (qEnvironmentVariableIsSet("CALLDECK_TEST_GRAB_DIR"))
    {
        actions->menu()->popup(m_window->mapToGlobal(QPoint(40, 40)));
        QTest::qWait(100);
        grab(actions->menu(), u"dialog-menu-no-helper"_s);
        actions->menu()->hide();
    }
    // dlg.end_dlg ends both legs: one side needs the mirror and CallDeck's own user agent.
    QVERIFY(actions->action(ActionKind::Terminate)->isEnabled());
    QAction *caller = actions->action(ActionKind::TerminateCaller);
    QVERIFY(!caller->isEnabled());
    QVERIFY2(caller->toolTip().contains(u"can only end both legs"_s), qPrintable(caller->toolTip()));

    // A call only the mirror sees, and no SIP user agent: BYE and REFER cannot go; profiles can.
    DialogRow mirror;
    for (int row = 0; row < m_window->dialogModel()->rowCount(); ++row)
    {
        if (m_window->dialogModel()->rowAt(row).proxy == 0)
        {
            mirror = m_window->dialogModel()->rowAt(row);
        }
    }
    QVERIFY(mirror.key != 0);
    select(mirror.dialog.callId);
    actions->updateActions();
    QAction *terminate = actions->action(ActionKind::Terminate);
    QVERIFY(!terminate->isEnabled());
    QVERIFY2(terminate->toolTip().contains(u"embedded SIP user agent (--sip)"_s),
             qPrintable(terminate->toolTip()));
    QVERIFY(actions->action(ActionKind::SetProfile)->isEnabled());
    QCOMPARE(actions->action(ActionKind::SetProfile)->toolTip(), u"Goes via CallDeck core"_s);
    QTest::keyClick(m_window->dialogTable(), Qt::Key_Delete); // a disabled action asks nothing
    QTest::qWait(300);
    QVERIFY(!actions->confirmation());
}

void TestDialogActions::bulkOverTheFilterRespectsTheRate()
{
    startWindow();
    auto *proxy = qobject_cast<DialogFilterProxyModel *>(m_window->dialogTable()->model());
    QVERIFY(proxy);
    proxy->setTextFilter(u"19005@"_s); // the proxy's five calls, not the mirror's
    QCOMPARE(proxy->rowCount(), ProxyCalls);
    DialogActions *actions = m_window->dialogActions();
    actions->updateActions();
    QVERIFY(actions->filteredAction(ActionKind::Terminate)->isEnabled());
    actions->filteredAction(ActionKind::Terminate)->trigger();
    ActionConfirmDialog *dialog = waitConfirmation();
    QVERIFY(dialog);
    // The preview lists each dialog the filter shows, with its way.
    QCOMPARE(dialog->targetList()->topLevelItemCount(), ProxyCalls);
    for (int i = 0; i < ProxyCalls; ++i)
    {
        QVERIFY(dialog->targetList()->topLevelItem(i)->text(0).endsWith(u"-19005@127.0.0.1"_s));
        QCOMPARE(dialog->targetList()->topLevelItem(i)->text(3), u"proxy kam1 (dlg.end_dlg)"_s);
    }
    QVERIFY(dialog->rateSpin());
    dialog->rateSpin()->setValue(4); // one every 250 ms
    grab(dialog, u"confirm-bulk"_s);
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
    QTRY_VERIFY(actions->bulkRun());
    BulkActionDialog *bulk = actions->bulkRun();
    QTRY_COMPARE_WITH_TIMEOUT(bulk->finished(), ProxyCalls, 10000);
    QCOMPARE(bulk->succeeded(), ProxyCalls);
    grab(bulk, u"bulk-results"_s);
    QCOMPARE(bulk->progressBar()->value(), ProxyCalls);

    // Each dialog once, none of the mirror's, at most 4 per second.
    const QList<FakeKamailio::Call> sent = m_fake->calls(u"dlg.end_dlg"_s);
    QCOMPARE(sent.size(), ProxyCalls);
    QSet<QString> ids;
    for (const FakeKamailio::Call &call : sent)
    {
        ids.insert(u"%1:%2"_s.arg(call.params.at(0).toInteger()).arg(call.params.at(1).toInteger()));
    }
    QCOMPARE(ids,
             (QSet<QString>{u"707:8109"_s, u"2246:11657"_s, u"2494:8613"_s, u"3263:6828"_s, u"4033:185"_s}));
    const qint64 span = sent.last().receivedMs - sent.first().receivedMs;
    QVERIFY2(span >= (ProxyCalls - 1) * 250 * 9 / 10, qPrintable(QString::number(span)));
    for (qsizetype i = 1; i < sent.size(); ++i)
    {
        const qint64 gap = sent.at(i).receivedMs - sent.at(i - 1).receivedMs;
        QVERIFY2(gap >= 100, qPrintable(u"gap %1 ms"_s.arg(gap)));
    }
    // A result per dialog: the path it took and the outcome.
    QCOMPARE(bulk->resultList()->topLevelItemCount(), ProxyCalls);
    for (int i = 0; i < ProxyCalls; ++i)
    {
        const QTreeWidgetItem *item = bulk->resultList()->topLevelItem(i);
        QCOMPARE(item->text(BulkActionDialog::PathColumn), u"proxy kam1 (dlg.end_dlg)"_s);
        QCOMPARE(item->text(BulkActionDialog::ResultColumn), u"ok"_s);
    }
    QVERIFY(!bulk->cancelButton()->isEnabled());
    QCOMPARE(m_audit->read().size(), ProxyCalls);
    QCOMPARE(QSettings().value(u"DialogActions/BulkRatePerSecond"_s).toInt(), 4); // kept for next time
}

void TestDialogActions::bulkCanBeCancelled()
{
    startWindow();
    auto *proxy = qobject_cast<DialogFilterProxyModel *>(m_window->dialogTable()->model());
    proxy->setTextFilter(u"19005@"_s);
    DialogActions *actions = m_window->dialogActions();
    actions->updateActions();
    actions->filteredAction(ActionKind::ChangeTimeout)->trigger();
    ActionConfirmDialog *dialog = waitConfirmation();
    QVERIFY(dialog);
    dialog->secondsSpin()->setValue(120);
    dialog->rateSpin()->setValue(1);
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
    QTRY_VERIFY(actions->bulkRun());
    BulkActionDialog *bulk = actions->bulkRun();
    QTRY_COMPARE_WITH_TIMEOUT(bulk->finished(), 1, 5000);
    QTest::mouseClick(bulk->cancelButton(), Qt::LeftButton);
    QVERIFY(!bulk->isRunning());
    const int started = bulk->started();
    QVERIFY(started < ProxyCalls);
    QTest::qWait(1500); // nothing more leaves after the cancel
    QCOMPARE(bulk->started(), started);
    QCOMPARE(m_fake->count(u"calldeck.set_timeout"_s), started);
    QCOMPARE(m_fake->calls(u"calldeck.set_timeout"_s).first().params.last().toInt(), 120);
    QCOMPARE(bulk->resultList()->topLevelItemCount(), started);
    grab(bulk, u"bulk-cancelled"_s);
}

void TestDialogActions::auditLogViewShowsAndExports()
{
    startWindow();
    select(CallId);
    DialogActions *actions = m_window->dialogActions();
    QTRY_VERIFY(actions->action(ActionKind::SetVariable)->isEnabled());
    actions->action(ActionKind::SetVariable)->trigger();
    ActionConfirmDialog *dialog = waitConfirmation();
    QVERIFY(dialog);
    dialog->nameBox()->setCurrentText(u"note"_s);
    dialog->valueEdit()->setText(u"checked by NOC"_s);
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_fake->count(u"calldeck.set_var"_s), 1, 5000);
    QTRY_COMPARE(m_audit->read().size(), 1);

    actions->auditLogAction()->trigger();
    AuditLogDialog *view = actions->auditLogDialog();
    QVERIFY(view && view->isVisible());
    QCOMPARE(view->model()->rowCount(), 1);
    QCOMPARE(view->model()->index(0, AuditLogModel::UserColumn).data().toString(), u"noc-bob"_s);
    QCOMPARE(view->model()->index(0, AuditLogModel::CallIdColumn).data().toString(),
             QString::fromLatin1(CallId));
    QCOMPARE(view->model()->index(0, AuditLogModel::PathColumn).data().toString(),
             u"proxy kam1 (calldeck.set_var)"_s);
    // A new attempt while the view is open comes in at the top.
    ControlRequest r;
    r.action = DialogAction::IsAlive;
    r.callId = "gone-call";
    m_bed->control().execute(r, {});
    QTRY_COMPARE(view->model()->rowCount(), 2);
    QCOMPARE(view->model()->index(0, AuditLogModel::CallIdColumn).data().toString(), u"gone-call"_s);
    grab(view, u"audit-log"_s);
    view->filterEdit()->setText(u"set_var"_s);
    QCOMPARE(view->view()->model()->rowCount(), 1);

    const QString csvFile = m_dir.filePath(u"export.csv"_s);
    const QString jsonFile = m_dir.filePath(u"export.jsonl"_s);
    QVERIFY(view->exportTo(csvFile, AuditLogDialog::Format::Csv));
    QVERIFY(view->exportTo(jsonFile, AuditLogDialog::Format::JsonLines));
    QFile csv(csvFile);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QList<QByteArray> csvLines = csv.readAll().split('\n');
    QCOMPARE(csvLines.size(), 3);                    // header, the one shown, the empty tail
    QVERIFY(csvLines.at(0).startsWith("\xEF\xBB\xBF" // the table export's writer: BOM, CRLF
                                      "time,user,requested_by,action,call_id"));
    QVERIFY(csvLines.at(0).endsWith('\r'));
    QVERIFY(csvLines.at(1).contains("noc-bob") && csvLines.at(1).contains(CallId) &&
            csvLines.at(1).contains("calldeck.set_var") && csvLines.at(1).contains("checked by NOC"));
    QFile json(jsonFile);
    QVERIFY(json.open(QIODevice::ReadOnly));
    const QList<QByteArray> jsonLines = json.readAll().trimmed().split('\n');
    QCOMPARE(jsonLines.size(), 1);
    const QJsonObject entry = QJsonDocument::fromJson(jsonLines.first()).object();
    QCOMPARE(entry, m_audit->read().first());
}

QTEST_MAIN(TestDialogActions)
#include "tst_dialogactions.moc"
