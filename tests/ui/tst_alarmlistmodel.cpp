// SPDX-License-Identifier: GPL-3.0-or-later
// The alarms in the console (issue #8): the list model (rows follow the monitor by id, texts and
// states), the panel's Acknowledge and Shelve on a running AlarmMonitor, the status-bar badge and
// Settings → Alarm rules… in a MainWindow, and the rules editor's validation.
#include <QAction>
#include <QCoreApplication>
#include <QDockWidget>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include "backend/alarmmonitor.h"
#include "backend/alarmrules.h"
#include "backend/eventlog.h"
#include "testengine.h"
#include "ui/alarmlistmodel.h"
#include "ui/alarmrulesdialog.h"
#include "ui/alarmspanel.h"
#include "ui/alarmsui.h"

using namespace Qt::StringLiterals;

namespace
{

Alarm alarm(quint64 id, const QString &what)
{
    Alarm a;
    a.id = id;
    a.rule = u"rule %1"_s.arg(id);
    a.severity = AlarmRule::Severity::Critical;
    a.raisedMs = 1'800'000'000'000;
    a.what = what;
    a.now = what;
    return a;
}

/// A feed that never receives anything: a silent rule of 1 s raises about a second after start.
quint16 silentFeed(SourceRegistry &sources)
{
    const quint16 id = sources.add(u"hep-udp"_s, u"udp 127.0.0.1:1"_s);
    sources.setState(id, SourceHealth::State::Running);
    return id;
}

/// With CALLDECK_TEST_GRAB_DIR set, saves a PNG of @p widget there (to look at it).
void grab(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("CALLDECK_TEST_GRAB_DIR");
    if (!dir.isEmpty())
    {
        widget->grab().save(dir + u'/' + name + u".png"_s);
    }
}

const QString QuietRule = u"name=quiet kind=silent seconds=1 severity=major raise=0 clear=0"_s;

} // namespace

class TestAlarmListModel final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void modelFollowsTheAlarms();
    void panelAcknowledgesAndShelves();
    void windowBadgeAndRulesAction();
    void rulesDialogValidates();

private:
    QTemporaryDir m_dir;
};

void TestAlarmListModel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"CallDeckTest"_s);
    QCoreApplication::setApplicationName(u"tst_alarmlistmodel"_s);
    QVERIFY(m_dir.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.path());
}

void TestAlarmListModel::init()
{
    QSettings().clear();
}

void TestAlarmListModel::modelFollowsTheAlarms()
{
    AlarmListModel model;
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setAlarms({alarm(1, u"trunk 31 ≥ 30"_s), alarm(2, u"x"_s)});
    QCOMPARE(inserted.size(), 1); // one batch
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), int(AlarmListModel::ColumnCount));
    QCOMPARE(model.index(0, AlarmListModel::SeverityColumn).data().toString(), u"Critical"_s);
    QCOMPARE(model.index(0, AlarmListModel::RuleColumn).data().toString(), u"rule 1"_s);
    QCOMPARE(model.index(0, AlarmListModel::WhatColumn).data().toString(), u"trunk 31 ≥ 30"_s);
    QCOMPARE(model.index(0, AlarmListModel::StateColumn).data().toString(), u"Active"_s);
    QCOMPARE(model.index(0, 0).data(AlarmListModel::IdRole).toULongLong(), 1u);
    QCOMPARE(model.index(0, AlarmListModel::RaisedColumn).data(AlarmListModel::RawValueRole).toLongLong(),
             1'800'000'000'000);
    QVERIFY(!model.index(0, AlarmListModel::RaisedColumn).data().toString().isEmpty());

    // Acknowledged, shelved, cleared: one dataChanged per changed row, no reset.
    std::vector<Alarm> next{alarm(1, u"trunk 31 ≥ 30"_s), alarm(2, u"x"_s), alarm(3, u"y"_s)};
    next[0].acknowledged = true;
    next[1].shelvedUntilMs = 1'800'000'900'000;
    model.setAlarms(next);
    QCOMPARE(changed.size(), 2);
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(model.index(0, AlarmListModel::StateColumn).data().toString(), u"Acknowledged"_s);
    QVERIFY(model.index(1, AlarmListModel::StateColumn).data().toString().startsWith(u"Shelved until "_s));
    next[0].clearedMs = 1'800'000'100'000;
    model.setAlarms(next);
    QVERIFY(model.index(0, AlarmListModel::StateColumn).data().toString().startsWith(u"Cleared "_s));
    QVERIFY(model.index(0, AlarmListModel::WhatColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(u"At the clear"_s));

    // The monitor dropped the oldest (cleared) one.
    next.erase(next.begin());
    model.setAlarms(next);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.alarmAt(0).id, 2u);
    QCOMPARE(reset.size(), 0);
}

void TestAlarmListModel::panelAcknowledgesAndShelves()
{
    AlarmRules::save({*AlarmRule::parse(QuietRule, nullptr)});
    TestEngine engine;
    silentFeed(engine.sources);
    EventLog log;
    AlarmMonitor monitor(engine.worker, engine.sources, nullptr, &log);
    QSignalSpy raised(&monitor, &AlarmMonitor::raised);
    monitor.start();
    AlarmsPanel panel(monitor);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QVERIFY(raised.wait(4000));
    QCOMPARE(panel.model()->rowCount(), 1);
    QCOMPARE(monitor.attentionCount(), 1);
    QVERIFY(!panel.acknowledgeButton()->isEnabled()); // nothing selected

    panel.view()->selectRow(0);
    QVERIFY(panel.acknowledgeButton()->isEnabled());
    QTest::mouseClick(panel.acknowledgeButton(), Qt::LeftButton);
    QCOMPARE(panel.model()->alarmAt(0).state(), Alarm::State::Acknowledged);
    QCOMPARE(monitor.attentionCount(), 0);
    QVERIFY(!panel.acknowledgeButton()->isEnabled());

    QVERIFY(panel.shelveButton()->isEnabled());
    QCOMPARE(panel.shelveButton()->menu()->actions().size(), 4);
    panel.shelveButton()->menu()->actions().at(1)->trigger(); // an hour
    QCOMPARE(panel.model()->alarmAt(0).state(), Alarm::State::Shelved);
    const qint64 until = panel.model()->alarmAt(0).shelvedUntilMs - QDateTime::currentMSecsSinceEpoch();
    QVERIFY(until > 59 * 60'000 && until <= 60 * 60'000);

    // Each action is in the event log under "alarm".
    QStringList texts;
    for (const EventLogEntry &e : log.entries())
    {
        if (e.source == AlarmMonitor::logSource())
        {
            texts << e.message;
        }
    }
    QCOMPARE(texts.size(), 3);
    QVERIFY2(texts[0].startsWith(u"raised [major] quiet: udp 127.0.0.1:1: nothing received in "_s),
             qPrintable(texts[0]));
    QVERIFY2(texts[1].startsWith(u"acknowledged [major] quiet"_s), qPrintable(texts[1]));
    QVERIFY2(texts[2].startsWith(u"shelved [major] quiet until "_s), qPrintable(texts[2]));
}

void TestAlarmListModel::windowBadgeAndRulesAction()
{
    AlarmRules::save({*AlarmRule::parse(QuietRule, nullptr)});
    EventLog log;
    TestEngine engine;
    silentFeed(engine.sources);
    MainWindow window(&log, engine.services(), {});
    AlarmMonitor monitor(engine.worker, engine.sources, nullptr, &log);
    QSignalSpy raised(&monitor, &AlarmMonitor::raised);
    monitor.start();
    auto *ui = new AlarmsUi(monitor, window);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.findChild<QDockWidget *>(u"alarmsDock"_s));
    QCOMPARE(ui->dock()->windowTitle(), u"Alarms"_s);
    QVERIFY(!ui->badge()->isVisible());
    QVERIFY(raised.wait(4000));
    QVERIFY(ui->badge()->isVisible());
    QCOMPARE(ui->badge()->text(), u"1 alarm(s)"_s);
    grab(&window, u"alarms-window"_s);
    ui->dock()->hide();
    QTest::mouseClick(ui->badge(), Qt::LeftButton);
    QVERIFY(ui->dock()->isVisible());
    // The default layout puts the list as a tab behind the event log; View lists it.
    QVERIFY(window.tabifiedDockWidgets(window.eventLogDock()).contains(ui->dock()));
    bool inView = false;
    for (const QMenu *menu : window.findChildren<QMenu *>())
    {
        inView |= menu->title() == u"&View"_s && menu->actions().contains(ui->dock()->toggleViewAction());
    }
    QVERIFY(inView);
    monitor.acknowledge(monitor.alarms().front().id);
    QVERIFY(!ui->badge()->isVisible());

    // Settings → Alarm rules… opens the editor with the stored rules.
    bool inSettings = false;
    for (const QMenu *menu : window.findChildren<QMenu *>())
    {
        inSettings |= menu->title() == u"&Settings"_s && menu->actions().contains(ui->rulesAction());
    }
    QVERIFY(inSettings);
    QCOMPARE(ui->rulesAction()->text(), u"&Alarm rules…"_s);
    ui->rulesAction()->trigger();
    auto *dialog = window.findChild<AlarmRulesDialog *>();
    QVERIFY(dialog);
    QCOMPARE(dialog->editor()->toPlainText(), QuietRule);
    dialog->editor()->setPlainText(u""_s);
    dialog->accept(); // no rules: the monitor reloads and the raised alarm clears
    QVERIFY(AlarmRules::load().isEmpty());
    QTRY_VERIFY(monitor.rules().isEmpty());
    QCOMPARE(monitor.alarms().front().state(), Alarm::State::Cleared);
}

void TestAlarmListModel::rulesDialogValidates()
{
    AlarmRules::Context context;
    context.profiles = {u"inbound"_s, u"trunk"_s};
    context.limits.parse(u"trunk 100"_s);
    AlarmRulesDialog dialog(context);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(dialog.editor()->toPlainText().isEmpty());
    dialog.editor()->setPlainText(
        u"# mine\nname=a kind=profile target=outbound threshold=3\n"
        u"name=b kind=profile target=inbound threshold=80%\nname=c kind=age seconds=-1"_s);
    QVERIFY(dialog.errorLabel()->isVisible());
    const QString text = dialog.errorLabel()->text();
    QVERIFY2(text.contains(u"line 2: there is no profile 'outbound'"_s), qPrintable(text));
    QVERIFY2(text.contains(u"line 3: threshold=80% needs a limit for 'inbound'"_s), qPrintable(text));
    QVERIFY2(text.contains(u"line 4: seconds=-1"_s), qPrintable(text));
    grab(&dialog, u"alarm-rules-dialog"_s);
    dialog.accept();
    QVERIFY(dialog.isVisible()); // nothing saved, still open
    QVERIFY(AlarmRules::load().isEmpty());

    dialog.editor()->setPlainText(u"name=b kind=profile target=trunk threshold=80% severity=critical"_s);
    QVERIFY(!dialog.errorLabel()->isVisible());
    dialog.accept();
    QVERIFY(!dialog.isVisible());
    const QList<AlarmRule> saved = AlarmRules::load();
    QCOMPARE(saved.size(), 1);
    QCOMPARE(saved[0].target, u"trunk"_s);
    QVERIFY(saved[0].percent);
    QCOMPARE(saved[0].severity, AlarmRule::Severity::Critical);
}

QTEST_MAIN(TestAlarmListModel)
#include "tst_alarmlistmodel.moc"
