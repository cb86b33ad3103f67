// SPDX-License-Identifier: GPL-3.0-or-later
// The console's composition root: the same engine as --headless, and start-up problems that
// reach the event log and the Sources panel while the console opens anyway. No test here uses
// the default port 9060, which another program on the machine may hold.
#include <optional>

#include <QApplication>
#include <QLabel>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include "app/application.h"
#include "app/commandlineoptions.h"
#include "app/engine.h"
#include "backend/coreworker.h"
#include "backend/eventlog.h"
#include "ui/mainwindow.h"
#include "ui/replaycontroller.h"
#include "ui/sourcespanel.h"
#include "ui/sourcestablemodel.h"
#include "ui/statussummary.h"

using namespace Qt::StringLiterals;

class TestApplication final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void listenerAddresses();
    void listenersStartAndAreLogged();
    void bindFailureKeepsTheConsoleOpen();
    void replayAtStart();
    void badProfileRuleIsLoggedAndTheConsoleOpens();

private:
    QTemporaryDir m_dir;
};

namespace
{
CommandLineOptions parse(const QStringList &arguments)
{
    return CommandLineOptions::parse(QStringList{u"calldeck"_s} + arguments);
}

QString samplePcap()
{
    return QStringLiteral(CALLDECK_SAMPLES) + u"/calls.pcap"_s;
}

std::optional<EventLogEntry> findEntry(const EventLog &log, EventLogEntry::Severity severity,
                                       const QString &text)
{
    for (const EventLogEntry &e : log.entries())
    {
        if (e.severity == severity && e.message.contains(text))
        {
            return e;
        }
    }
    return std::nullopt;
}

QString logText(const EventLog &log)
{
    QStringList lines;
    for (const EventLogEntry &e : log.entries())
    {
        lines << e.source + u": "_s + e.message;
    }
    return lines.join(u'\n');
}

/// A TCP port that was free a moment ago (the listener binds UDP and TCP on the same number).
quint16 freePort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

bool modalBoxOpen()
{
    for (QWidget *widget : QApplication::topLevelWidgets())
    {
        if (qobject_cast<QMessageBox *>(widget) && widget->isVisible())
        {
            return true;
        }
    }
    return QApplication::activeModalWidget() != nullptr;
}
} // namespace

void TestApplication::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QCoreApplication::setOrganizationName(u"CallDeckTest"_s);
    QCoreApplication::setApplicationName(u"tst_application"_s);
    QCoreApplication::setApplicationVersion(u"0.1.0"_s);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
}

void TestApplication::init()
{
    QSettings().clear();
}

void TestApplication::listenerAddresses()
{
    const QStringList defaults{Engine::defaultListener()};
    QCOMPARE(Engine::defaultListener(), u"127.0.0.1:9060"_s);
    QCOMPARE(Engine::listenerAddresses(parse({}), false), defaults);
    // The console keeps listening beside a replay; headless mode replays alone.
    QCOMPARE(Engine::listenerAddresses(parse({u"--replay"_s, samplePcap()}), false), defaults);
    QVERIFY(Engine::listenerAddresses(parse({u"--replay"_s, samplePcap()}), true).isEmpty());
    QVERIFY(Engine::listenerAddresses(parse({u"--hep"_s, u"off"_s}), false).isEmpty());
    const CommandLineOptions two = parse({u"--hep"_s, u"127.0.0.1:9060"_s, u"--hep"_s, u"[::1]:9061"_s});
    QCOMPARE(Engine::listenerAddresses(two, false), (QStringList{u"127.0.0.1:9060"_s, u"[::1]:9061"_s}));
    QVERIFY(Engine::isImplicitDefault(parse({}), Engine::defaultListener()));
    QVERIFY(!Engine::isImplicitDefault(two, Engine::defaultListener()));
    QVERIFY(Engine::defaultListenerHint().contains(u"--hep off"_s));
}

void TestApplication::listenersStartAndAreLogged()
{
    const quint16 port = freePort();
    QVERIFY(port != 0);
    const QString address = u"127.0.0.1:%1"_s.arg(port);
    const CommandLineOptions options = parse({u"--hep"_s, address, u"--hep-key"_s, u"s3cret"_s});
    QCOMPARE(options.outcome(), CommandLineOptions::Outcome::Run);
    Application app(options);
    QVERIFY(app.engine()->hasCore());
    QVERIFY(app.engine()->worker().running());
    QCOMPARE(app.engine()->listeners().size(), std::size_t(1));
    QVERIFY2(findEntry(*app.eventLog(), EventLogEntry::Severity::Info,
                       u"Listening for HEP and raw SIP on udp %1 and tcp %1."_s.arg(address)),
             qPrintable(logText(*app.eventLog())));
    QVERIFY(findEntry(*app.eventLog(), EventLogEntry::Severity::Info, u"--hep-key"_s));

    MainWindow *window = app.mainWindow();
    QCOMPARE(window->sourcesModel()->rowCount(), 2);
    QCOMPARE(window->sourcesModel()->count(SourceHealth::State::Running), 2);
    QCOMPARE(window->statusSummary()->feedsLabel()->text(), u"Feeds: 2 running"_s);
}

void TestApplication::bindFailureKeepsTheConsoleOpen()
{
    // Someone holds the TCP side of the port: the listener opens both or neither.
    QTcpServer holder;
    QVERIFY(holder.listen(QHostAddress::LocalHost, 0));
    const QString address = u"127.0.0.1:%1"_s.arg(holder.serverPort());
    Application app(parse({u"--hep"_s, address}));
    MainWindow *window = app.mainWindow();
    QVERIFY(window);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window));

    // The event log says what went wrong and what to do; nothing modal stops the operator.
    const std::optional<EventLogEntry> entry = findEntry(*app.eventLog(), EventLogEntry::Severity::Error,
                                                         u"Cannot listen for HEP/SIP on %1: "_s.arg(address));
    QVERIFY2(entry, qPrintable(logText(*app.eventLog())));
    QCOMPARE(entry->source, u"hep "_s + address);
    QVERIFY2(entry->message.contains(u"--hep ADDR:PORT"_s), qPrintable(entry->message));
    QVERIFY(!entry->message.contains(u"default listener"_s)); // it was asked for
    QVERIFY(!modalBoxOpen());

    // Sources lists the listener's two feeds as failed, with the reason below the list.
    SourcesTableModel *model = window->sourcesModel();
    QCOMPARE(model->rowCount(), 2);
    QCOMPARE(model->count(SourceHealth::State::Failed), 2);
    QCOMPARE(model->index(0, SourcesTableModel::StateColumn).data().toString(), u"Failed"_s);
    QVERIFY(model->index(0, SourcesTableModel::StateColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(u"address already in use"_s));
    QVERIFY(window->sourcesPanel()->hint()->isVisible());
    QVERIFY(window->sourcesPanel()->hint()->text().contains(u"address already in use"_s));
    QCOMPARE(window->statusSummary()->feedsLabel()->text(), u"Feeds: 2 failed"_s);
    // The engine runs on: a capture can still be replayed.
    QVERIFY(app.engine()->worker().running());
    QVERIFY(window->replayCapture(samplePcap()));
    QTRY_VERIFY_WITH_TIMEOUT(!window->replayController()->isRunning(), 20000);
    QVERIFY(!modalBoxOpen());
}

void TestApplication::replayAtStart()
{
    Application app(parse({u"--hep"_s, u"off"_s, u"--replay"_s, samplePcap()}));
    QVERIFY(findEntry(*app.eventLog(), EventLogEntry::Severity::Info, u"switched off (--hep off)"_s));
    QVERIFY(findEntry(*app.eventLog(), EventLogEntry::Severity::Info, u"Replaying "_s));
    QTRY_VERIFY2_WITH_TIMEOUT(
        findEntry(*app.eventLog(), EventLogEntry::Severity::Info, u"Replayed calls.pcap: 39 packets"_s),
        qPrintable(logText(*app.eventLog())), 20000);
    MainWindow *window = app.mainWindow();
    QTRY_VERIFY2(window->statusSummary()->dialogsLabel()->text().endsWith(u"· 3 processed"_s),
                 qPrintable(window->statusSummary()->dialogsLabel()->text()));
    QCOMPARE(window->sourcesModel()->rowCount(), 1); // only the replay: --hep off
    QTRY_COMPARE(window->sourcesModel()->index(0, SourcesTableModel::StateColumn).data().toString(),
                 u"Finished"_s);
}

void TestApplication::badProfileRuleIsLoggedAndTheConsoleOpens()
{
    QSettings().setValue(u"Mirror/ProfileRules"_s, u"this is not a rule\n"_s);
    Application app(parse({u"--hep"_s, u"off"_s}));
    const std::optional<EventLogEntry> entry =
        findEntry(*app.eventLog(), EventLogEntry::Severity::Error, u"Mirror/ProfileRules"_s);
    QVERIFY2(entry, qPrintable(logText(*app.eventLog())));
    QCOMPARE(entry->source, u"settings"_s);
    QVERIFY(entry->message.contains(QSettings().fileName()));
    QVERIFY(entry->message.contains(u"restart CallDeck"_s));
    QVERIFY(app.mainWindow());
    QVERIFY(app.engine()->worker().running());
    QVERIFY(!modalBoxOpen());
}

QTEST_MAIN(TestApplication)
#include "tst_application.moc"
