// SPDX-License-Identifier: GPL-3.0-or-later
// The console window on a running engine: capture replays (progress, cancel, failure), the
// refresh tick (status counters, the central area, dialogDeltaTaken) and a failed feed.
#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "backend/eventlog.h"
#include "backend/mirrorlistener.h"
#include "backend/packetbatch.h"
#include "testengine.h"
#include "ui/emptystatepanel.h"
#include "ui/mainwindow.h"
#include "ui/models/dialogtablemodel.h"
#include "ui/replaycontroller.h"
#include "ui/sourcespanel.h"
#include "ui/sourcestablemodel.h"
#include "ui/statussummary.h"

using namespace Qt::StringLiterals;

class TestMainWindowFeeds final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void pacedReplayShowsProgressAndEndsInTheLog();
    void smallReplayDoesNotFlashADialog();
    void cancelStopsTheReplay();
    void failedReplayNamesTheFile();
    void dialogsReachTheStatusBarAndTheTable();
    void failedListenerShowsInSourcesWithoutABox();

private:
    QTemporaryDir m_dir;
};

namespace
{
constexpr int ReplayTimeoutMs = 20000;

QString sample(const QString &name)
{
    return QStringLiteral(CALLDECK_SAMPLES) + u'/' + name;
}

bool logContains(const EventLog &log, EventLogEntry::Severity severity, const QString &text)
{
    const QList<EventLogEntry> entries = log.entries();
    return std::any_of(entries.cbegin(), entries.cend(), [&](const EventLogEntry &e) {
        return e.severity == severity && e.message.contains(text);
    });
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

std::string fixture(const QString &name)
{
    QFile file(QStringLiteral(CALLDECK_TEST_DATA) + u"/sip/"_s + name);
    if (!file.open(QIODevice::ReadOnly))
    {
        return {};
    }
    return file.readAll().toStdString();
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

void TestMainWindowFeeds::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QCoreApplication::setOrganizationName(u"CallDeckTest"_s);
    QCoreApplication::setApplicationName(u"tst_mainwindowfeeds"_s);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
    QVERIFY2(QFile::exists(sample(u"calls.pcap"_s)),
             "tests/data/samples/calls.pcap is part of the repository");
}

void TestMainWindowFeeds::init()
{
    QSettings().clear();
}

void TestMainWindowFeeds::pacedReplayShowsProgressAndEndsInTheLog()
{
    // At the recorded pace the 3-call sample takes about 4 s: long enough for the dialog.
    EventLog log;
    TestEngine engine;
    MainWindow window(&log, engine.services(), {});
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    ReplayController *replay = window.replayController();
    QSignalSpy finished(replay, &ReplayController::finished);
    auto *openButton = window.emptyStatePanel()->findChild<QPushButton *>(u"openCaptureButton"_s);

    QElapsedTimer clock;
    clock.start();
    QVERIFY(window.replayCapture(sample(u"calls.pcap"_s), true));
    QVERIFY(replay->isRunning());
    // One replay at a time: the action and the button are off, a second request is refused.
    QVERIFY(!window.openCaptureAction()->isEnabled());
    QVERIFY(!openButton->isEnabled());
    QVERIFY(!window.replayCapture(sample(u"calls.pcap"_s)));
    QVERIFY(window.statusBar()->currentMessage().contains(u"being replayed"_s));
    QVERIFY(logContains(log, EventLogEntry::Severity::Info, u"at the recorded pace"_s));

    // The dialog comes after the delay, never at once, and shows where the replay is.
    QVERIFY(!replay->progressDialog());
    QTRY_VERIFY_WITH_TIMEOUT(replay->progressDialog() && replay->progressDialog()->isVisible(), 5000);
    QVERIFY(clock.elapsed() >= ReplayController::ProgressDelayMs - 20);
    QProgressDialog *progress = replay->progressDialog();
    QVERIFY(!progress->isModal()); // the console stays usable
    QVERIFY(progress->labelText().contains(u"calls.pcap"_s));
    QTRY_VERIFY_WITH_TIMEOUT(progress->value() > 0, 5000);
    QVERIFY(progress->labelText().contains(u"SIP/HEP messages read so far"_s));
    // The same count as the Sources panel (the replay's feed), not a stale one.
    QTRY_COMPARE(progress->labelText().section(u'\n', 1).section(u' ', 0, 0),
                 window.sourcesModel()->index(0, SourcesTableModel::PacketsColumn).data().toString());
    // The Sources panel lists the replay while it runs.
    QTRY_VERIFY(window.sourcesModel()->rowCount() == 1);
    QCOMPARE(window.sourcesModel()->index(0, SourcesTableModel::FeedColumn).data().toString(),
             u"Capture replay"_s);
    QCOMPARE(window.statusSummary()->feedsLabel()->text(), u"Feeds: 1 running"_s);

    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, ReplayTimeoutMs);
    QCOMPARE(finished.at(0).at(0).toBool(), true);
    QVERIFY(!replay->isRunning());
    QTRY_VERIFY(!replay->progressDialog());
    QVERIFY(window.openCaptureAction()->isEnabled());
    QVERIFY(openButton->isEnabled());
    QVERIFY2(logContains(log, EventLogEntry::Severity::Info, u"Replayed calls.pcap: 39 packets"_s),
             qPrintable(logText(log)));
    QTRY_COMPARE(window.sourcesModel()->index(0, SourcesTableModel::StateColumn).data().toString(),
                 u"Finished"_s);
    // The core took the calls, and all of them ended with their BYE.
    const QLabel *counters = window.statusSummary()->dialogsLabel();
    QTRY_VERIFY2(counters->text().startsWith(u"Dialogs: 0 active · 0 early · "_s) &&
                     !counters->text().endsWith(u" 0 processed"_s),
                 qPrintable(counters->text()));
    QVERIFY(!modalBoxOpen());
}

void TestMainWindowFeeds::smallReplayDoesNotFlashADialog()
{
    EventLog log;
    TestEngine engine;
    MainWindow window(&log, engine.services(), {});
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.dialogModel()->setLingerMs(500); // ended calls leave the table quickly in this test
    ReplayController *replay = window.replayController();
    bool dialogSeen = false;
    connect(replay, &ReplayController::finished, this,
            [&] { dialogSeen = window.findChild<QProgressDialog *>() != nullptr; });
    QSignalSpy finished(replay, &ReplayController::finished);
    QElapsedTimer clock;
    clock.start();
    QVERIFY(window.replayCapture(sample(u"calls.pcap"_s)));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, ReplayTimeoutMs);
    if (clock.elapsed() >= ReplayController::ProgressDelayMs)
    {
        QSKIP("the machine is too busy to replay 39 packets within the progress delay");
    }
    QVERIFY(!dialogSeen);
    QVERIFY(!window.findChild<QProgressDialog *>());
    QVERIFY(logContains(log, EventLogEntry::Severity::Info, u"Replayed calls.pcap"_s));
    QTRY_VERIFY(window.statusSummary()->dialogsLabel()->text().endsWith(u"· 3 processed"_s));
    // The calls ended long ago: once they leave the table, the empty state no longer says "yet".
    const auto *title = window.emptyStatePanel()->findChild<QLabel *>(u"emptyStateTitle"_s);
    QTRY_COMPARE_WITH_TIMEOUT(title->text(), u"No dialogs right now"_s, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(window.dialogArea()->currentWidget(), window.emptyStatePanel(), 10000);
    QVERIFY(window.emptyStatePanel()
                ->findChild<QLabel *>(u"emptyStateIntro"_s)
                ->text()
                .startsWith(u"Dialogs seen so far: 3; all of them have ended."_s));
}

void TestMainWindowFeeds::cancelStopsTheReplay()
{
    EventLog log;
    TestEngine engine;
    MainWindow window(&log, engine.services(), {});
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    ReplayController *replay = window.replayController();
    QSignalSpy finished(replay, &ReplayController::finished);
    QVERIFY(window.replayCapture(sample(u"calls.pcap"_s), true));
    QTRY_VERIFY_WITH_TIMEOUT(replay->progressDialog() && replay->progressDialog()->isVisible(), 5000);

    auto *cancel = replay->progressDialog()->findChild<QPushButton *>();
    QVERIFY(cancel);
    QTest::mouseClick(cancel, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 5000);
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QVERIFY(!replay->failureBox()); // cancelling is not a failure
    QVERIFY(!modalBoxOpen());
    QVERIFY2(logContains(log, EventLogEntry::Severity::Info, u"Replay of calls.pcap cancelled after"_s),
             qPrintable(logText(log)));
    QVERIFY(window.openCaptureAction()->isEnabled());
    QTRY_COMPARE(window.sourcesModel()->index(0, SourcesTableModel::StateColumn).data().toString(),
                 u"Finished"_s);
}

void TestMainWindowFeeds::failedReplayNamesTheFile()
{
    EventLog log;
    TestEngine engine;
    MainWindow window(&log, engine.services(), {});
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QString path = m_dir.filePath(u"notes.pcap"_s);
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("these are notes, not packets\n");
    }
    ReplayController *replay = window.replayController();
    QSignalSpy finished(replay, &ReplayController::finished);
    QVERIFY(window.replayCapture(path));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 5000);
    QCOMPARE(finished.at(0).at(0).toBool(), false);

    // A command the operator gave failed: a box that names the file and the reason.
    QMessageBox *box = replay->failureBox();
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    QCOMPARE(box->objectName(), u"replayFailedMessage"_s);
    QCOMPARE(box->windowTitle(), u"Open capture"_s);
    QVERIFY2(box->text().contains(path), qPrintable(box->text()));
    QVERIFY2(box->informativeText().contains(u"pcap"_s), qPrintable(box->informativeText()));
    QVERIFY(logContains(log, EventLogEntry::Severity::Error, u"Replay of "_s + path + u" failed: "_s));
    QVERIFY(window.openCaptureAction()->isEnabled());
    box->accept();
    QTRY_VERIFY(!replay->failureBox());
    QTRY_COMPARE(window.sourcesModel()->index(0, SourcesTableModel::StateColumn).data().toString(),
                 u"Failed"_s);
}

void TestMainWindowFeeds::dialogsReachTheStatusBarAndTheTable()
{
    EventLog log;
    TestEngine engine;
    MainWindow::Options options;
    options.refreshIntervalMs = 200;
    MainWindow window(&log, engine.services(), options);
    QSignalSpy deltas(&window, &MainWindow::dialogDeltaTaken);
    QCOMPARE(window.dialogArea()->currentWidget(), window.emptyStatePanel());

    // INVITE, 180, 200 of one call, as a mirror feed would deliver them.
    const quint16 feed = engine.sources.add(u"hep-udp"_s, u"udp 127.0.0.1:9060"_s);
    calldeck::core::PacketMeta meta;
    meta.timeUs = QDateTime::currentMSecsSinceEpoch() * 1000;
    meta.src = calldeck::core::Endpoint::ipv4(0x7F000001, 5060);
    for (const QString &name : {u"invite-sdp.sip"_s, u"180-ringing.sip"_s, u"200-ok-invite.sip"_s})
    {
        const std::string message = fixture(name);
        QVERIFY2(!message.empty(), qPrintable(name));
        PacketBatch batch;
        batch.add(message, meta, feed);
        QVERIFY(engine.queue.push(std::move(batch)));
    }
    QTRY_COMPARE(window.statusSummary()->dialogsLabel()->text(),
                 u"Dialogs: 1 active · 0 early · 1 total · 1 processed"_s);
    QCOMPARE(window.dialogArea()->currentWidget(), window.dialogTable());
    // Batched: a handful of ticks at most, and each delta carries the dialog's snapshot.
    QVERIFY(!deltas.isEmpty());
    QVERIFY(deltas.size() <= 3);
    const auto delta = deltas.constLast().at(0).value<DialogDelta>();
    QCOMPARE(delta.upserts.size(), std::size_t(1));
    QCOMPARE(delta.upserts.front().dialog.callId, std::string("a84b4c76e66710@pc33.atlanta.example.com"));

    // Nothing new: no delta on the following ticks, the counters stay.
    deltas.clear();
    QTest::qWait(3 * options.refreshIntervalMs);
    QCOMPARE(deltas.size(), 0);
    QCOMPARE(window.statusSummary()->dialogsLabel()->text(),
             u"Dialogs: 1 active · 0 early · 1 total · 1 processed"_s);
}

void TestMainWindowFeeds::failedListenerShowsInSourcesWithoutABox()
{
    EventLog log;
    TestEngine engine;
    // An address this host does not have (TEST-NET-1): the bind fails whoever runs the test.
    MirrorListener listener(u"192.0.2.1:9060"_s, engine.queue, engine.sources);
    QString error;
    QVERIFY(!listener.start(&error));
    MainWindow window(&log, engine.services(), {});
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    // At once (the window's first tick), both feeds of the listener, with the reason.
    QCOMPARE(window.sourcesModel()->rowCount(), 2);
    for (int row = 0; row < 2; ++row)
    {
        QCOMPARE(window.sourcesModel()->index(row, SourcesTableModel::StateColumn).data().toString(),
                 u"Failed"_s);
    }
    QLabel *hint = window.sourcesPanel()->hint();
    QVERIFY(hint->isVisible());
    QVERIFY2(hint->text().contains(error.toHtmlEscaped()), qPrintable(hint->text()));
    QVERIFY(hint->text().contains(u"udp 192.0.2.1:9060, tcp 192.0.2.1:9060"_s));
    QCOMPARE(window.statusSummary()->feedsLabel()->text(), u"Feeds: 2 failed"_s);
    QVERIFY(window.statusBar()->currentMessage().contains(u"feed failed"_s));
    QVERIFY(!modalBoxOpen());
}

QTEST_MAIN(TestMainWindowFeeds)
#include "tst_mainwindowfeeds.moc"
