// SPDX-License-Identifier: GPL-3.0-or-later
// The console's composition root: the same engine as --headless, and start-up problems that
// reach the event log and the Sources panel while the console opens anyway. No test here uses
// the default port 9060, which another program on the machine may hold.
#include <optional>

#include <QApplication>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

#include "app/application.h"
#include "app/commandlineoptions.h"
#include "app/engine.h"
#include "backend/coreworker.h"
#include "backend/eventlog.h"
#include "backend/listenersettings.h"
#include "backend/mirrorlistener.h"
#include "ui/listenersettingsdialog.h"
#include "ui/mainwindow.h"
#include "ui/models/dialogtablemodel.h"
#include "ui/replaycontroller.h"
#include "ui/snapshotactions.h"
#include "ui/snapshotwindow.h"
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
    void snapshotFileAtStart();
    void savedListenersAtStart();
    void applyingListenersRestartsThem();
    void applyingAListenerThatCannotOpen();
    void commandLineListenersWinForTheRun();
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

/// A free port other than those in @p taken.
quint16 freePortBut(const QList<quint16> &taken)
{
    for (int attempt = 0; attempt < 20; ++attempt)
    {
        const quint16 port = freePort();
        if (port != 0 && !taken.contains(port))
        {
            return port;
        }
    }
    return 0;
}

QString loopback(quint16 port)
{
    return u"127.0.0.1:%1"_s.arg(port);
}

/// Nothing listens on @p port any more: both protocols can bind it.
bool portIsFree(quint16 port)
{
    QTcpServer tcp;
    QUdpSocket udp;
    return tcp.listen(QHostAddress::LocalHost, port) && udp.bind(QHostAddress::LocalHost, port);
}

const MirrorListener *listenerOn(const Engine &engine, const QString &address)
{
    for (const auto &listener : engine.listeners())
    {
        if (listener->address() == address)
        {
            return listener.get();
        }
    }
    return nullptr;
}

/// Settings → Mirror listeners… as the operator uses it: opens the dialog from the menu, puts
/// @p entries in the list and presses OK.
bool applyListeners(MainWindow *window, const QStringList &entries)
{
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete); // the previous dialog
    window->listenersAction()->trigger();
    ListenerSettingsDialog *dialog = nullptr;
    for (ListenerSettingsDialog *open : window->findChildren<ListenerSettingsDialog *>())
    {
        dialog = open->isVisible() ? open : dialog;
    }
    if (!dialog)
    {
        return false;
    }
    dialog->list()->clear();
    for (const QString &entry : entries)
    {
        auto *item = new QListWidgetItem(entry, dialog->list());
        item->setFlags(item->flags() | Qt::ItemIsEditable);
    }
    dialog->accept();
    return dialog->result() == QDialog::Accepted;
}

QByteArray rawInvite(const QByteArray &callId)
{
    return "INVITE sip:bob@b.example SIP/2.0\r\n"
           "Via: SIP/2.0/UDP 10.1.2.3:5060;branch=z9hG4bK-" +
           callId +
           "\r\n"
           "From: <sip:alice@a.example>;tag=f-1\r\n"
           "To: <sip:bob@b.example>\r\n"
           "Call-ID: " +
           callId +
           "\r\n"
           "CSeq: 1 INVITE\r\n"
           "Contact: <sip:alice@10.1.2.3>\r\n"
           "Content-Length: 0\r\n\r\n";
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

void TestApplication::snapshotFileAtStart()
{
    // A snapshot of the replayed sample, saved through the console, then `calldeck FILE.cdsnap`.
    QTemporaryDir dir;
    const QString path = dir.filePath(u"calls.cdsnap"_s);
    {
        Application app(parse({u"--hep"_s, u"off"_s, u"--replay"_s, samplePcap()}));
        QTRY_VERIFY_WITH_TIMEOUT(
            findEntry(*app.eventLog(), EventLogEntry::Severity::Info, u"Replayed calls.pcap"_s), 20000);
        QSignalSpy saved(app.mainWindow()->snapshotActions(), &SnapshotActions::saved);
        QVERIFY(app.mainWindow()->snapshotActions()->saveTo(path));
        QVERIFY(saved.wait(10000));
        QCOMPARE(saved.at(0).at(1).toLongLong(), 3);
    }
    Application app(parse({u"--hep"_s, u"off"_s, path}));
    SnapshotActions *snapshots = app.mainWindow()->snapshotActions();
    QTRY_COMPARE_WITH_TIMEOUT(snapshots->windows().size(), 1, 10000);
    SnapshotWindow *window = snapshots->windows().front();
    QVERIFY(window->windowTitle().startsWith(u"calls.cdsnap — snapshot of "_s));
    QCOMPARE(window->dialogModel()->rowCount(), 3);
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

void TestApplication::savedListenersAtStart()
{
    const quint16 a = freePort();
    const quint16 b = freePortBut({a});
    QVERIFY(a != 0 && b != 0);
    QVERIFY(ListenerSettings().setListeners({loopback(a), loopback(b)}, nullptr));
    // Without --hep the saved list replaces the default; --hep wins over it; a headless replay
    // replaces it as it replaces the default.
    QCOMPARE(Engine::listenerAddresses(parse({}), false), (QStringList{loopback(a), loopback(b)}));
    QCOMPARE(Engine::listenerAddresses(parse({u"--hep"_s, u"[::1]:9061"_s}), false),
             QStringList{u"[::1]:9061"_s});
    QVERIFY(Engine::listenerAddresses(parse({u"--hep"_s, u"off"_s}), false).isEmpty());
    QVERIFY(Engine::listenerAddresses(parse({u"--replay"_s, samplePcap()}), true).isEmpty());

    Application app(parse({}));
    QCOMPARE(app.engine()->listeners().size(), std::size_t(2));
    QVERIFY(listenerOn(*app.engine(), loopback(a)));
    QVERIFY(listenerOn(*app.engine(), loopback(b)));
    QVERIFY2(findEntry(*app.eventLog(), EventLogEntry::Severity::Info,
                       u"Listening for HEP and raw SIP on udp %1 and tcp %1."_s.arg(loopback(b))),
             qPrintable(logText(*app.eventLog())));
}

void TestApplication::applyingListenersRestartsThem()
{
    const quint16 a = freePort();
    const quint16 c = freePortBut({a});
    QVERIFY(a != 0 && c != 0);
    QVERIFY(ListenerSettings().setListeners({loopback(a), loopback(c)}, nullptr));
    Application app(parse({}));
    MainWindow *window = app.mainWindow();
    QCOMPARE(app.engine()->listeners().size(), std::size_t(2));
    const MirrorListener *kept = listenerOn(*app.engine(), loopback(c));
    QVERIFY(kept);
    const quint16 keptSource = kept->udpSourceId();
    const quint16 removedSource = listenerOn(*app.engine(), loopback(a))->udpSourceId();

    const quint16 b = freePortBut({a, c});
    QVERIFY(b != 0);
    QVERIFY(applyListeners(window, {loopback(c), loopback(b)}));
    QCOMPARE(ListenerSettings().listeners(), (QStringList{loopback(c), loopback(b)}));

    // The removed listener is closed and its feeds say why; the kept one was not touched.
    QVERIFY(!listenerOn(*app.engine(), loopback(a)));
    QVERIFY(portIsFree(a));
    QCOMPARE(app.engine()->sources().source(removedSource).state, SourceHealth::State::Finished);
    QCOMPARE(app.engine()->sources().source(removedSource).error, u"removed in the settings"_s);
    QCOMPARE(listenerOn(*app.engine(), loopback(c)), kept);
    QCOMPARE(kept->udpSourceId(), keptSource);
    QVERIFY(kept->running());
    QVERIFY(findEntry(*app.eventLog(), EventLogEntry::Severity::Info,
                      u"Stopped listening on %1: removed in the settings."_s.arg(loopback(a))));
    QVERIFY2(findEntry(*app.eventLog(), EventLogEntry::Severity::Info,
                       u"Listening for HEP and raw SIP on udp %1 and tcp %1."_s.arg(loopback(b))),
             qPrintable(logText(*app.eventLog())));
    QVERIFY(findEntry(*app.eventLog(), EventLogEntry::Severity::Info, u"2 listener(s) running"_s));

    // The new listener receives: a raw SIP INVITE becomes a dialog in the core.
    const MirrorListener *added = listenerOn(*app.engine(), loopback(b));
    QVERIFY(added && added->running());
    QUdpSocket sender;
    QCOMPARE(sender.writeDatagram(rawInvite("listener-reload-1"), QHostAddress::LocalHost, b),
             qint64(rawInvite("listener-reload-1").size()));
    QTRY_COMPARE(app.engine()->sources().source(added->udpSourceId()).packets, quint64(1));
    QTRY_COMPARE(app.engine()->worker().stats().dialogs, std::size_t(1));
    QCOMPARE(app.engine()->worker().stats().sipMessages, quint64(1));
    // Sources shows the new feeds running beside the stopped ones.
    QTRY_COMPARE(window->sourcesModel()->count(SourceHealth::State::Finished), 2);
    QCOMPARE(window->sourcesModel()->count(SourceHealth::State::Running), 4);
    QCOMPARE(window->sourcesModel()->rowCount(), 6);
}

void TestApplication::applyingAListenerThatCannotOpen()
{
    const quint16 a = freePort();
    QVERIFY(a != 0);
    QVERIFY(ListenerSettings().setListeners({loopback(a)}, nullptr));
    Application app(parse({}));
    MainWindow *window = app.mainWindow();
    auto holder = std::make_unique<QTcpServer>();
    QVERIFY(holder->listen(QHostAddress::LocalHost, 0));
    const QString taken = loopback(holder->serverPort());

    QVERIFY(applyListeners(window, {loopback(a), taken}));
    const std::optional<EventLogEntry> entry = findEntry(*app.eventLog(), EventLogEntry::Severity::Error,
                                                         u"Cannot listen for HEP/SIP on %1: "_s.arg(taken));
    QVERIFY2(entry, qPrintable(logText(*app.eventLog())));
    QCOMPARE(entry->source, u"hep "_s + taken);
    QVERIFY2(entry->message.contains(u"address already in use"_s), qPrintable(entry->message));
    QVERIFY(entry->message.contains(u"The other listeners keep running; pick another address in Settings"_s));
    QVERIFY(!modalBoxOpen());
    // The other listener runs on; Sources shows the failed feeds with the reason.
    QVERIFY(listenerOn(*app.engine(), loopback(a)) && listenerOn(*app.engine(), loopback(a))->running());
    QTRY_COMPARE(window->sourcesModel()->count(SourceHealth::State::Failed), 2);
    QCOMPARE(window->sourcesModel()->count(SourceHealth::State::Running), 2);
    for (int row = 0; row < window->sourcesModel()->rowCount(); ++row)
    {
        const QModelIndex state = window->sourcesModel()->index(row, SourcesTableModel::StateColumn);
        if (window->sourcesModel()->feedAt(row).state == SourceHealth::State::Failed)
        {
            const QString tip = state.data(Qt::ToolTipRole).toString();
            QVERIFY2(tip.contains(u"address already in use"_s) &&
                         tip.contains(u"Settings → Mirror listeners"_s),
                     qPrintable(tip));
        }
    }

    // Freed and applied again: the same feeds come back running, no new rows.
    holder.reset();
    QVERIFY(applyListeners(window, {loopback(a), taken}));
    QVERIFY(listenerOn(*app.engine(), taken));
    QTRY_COMPARE(window->sourcesModel()->count(SourceHealth::State::Running), 4);
    QCOMPARE(window->sourcesModel()->rowCount(), 4);
}

void TestApplication::commandLineListenersWinForTheRun()
{
    const quint16 a = freePort();
    const quint16 b = freePortBut({a});
    QVERIFY(a != 0 && b != 0);
    Application app(parse({u"--hep"_s, loopback(a)}));
    MainWindow *window = app.mainWindow();
    QVERIFY(applyListeners(window, {loopback(b)}));
    // Stored for the next start, but this run keeps listening where the command line said.
    QCOMPARE(ListenerSettings().listeners(), QStringList{loopback(b)});
    QCOMPARE(app.engine()->listeners().size(), std::size_t(1));
    QVERIFY(listenerOn(*app.engine(), loopback(a)));
    QVERIFY(portIsFree(b));
    QVERIFY2(findEntry(*app.eventLog(), EventLogEntry::Severity::Info,
                       u"This run keeps the listeners of the command line (--hep)"_s),
             qPrintable(logText(*app.eventLog())));
}

QTEST_MAIN(TestApplication)
#include "tst_application.moc"
