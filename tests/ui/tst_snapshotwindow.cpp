// SPDX-License-Identifier: GPL-3.0-or-later
#include <QDir>
#include <QDropEvent>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include "backend/dialogdetailssource.h"
#include "backend/eventlog.h"
#include "backend/snapshotwriter.h"
#include "testengine.h"
#include "tests/support/siptrafficgenerator.h"
#include "ui/callflowview.h"
#include "ui/dialogdetailspane.h"
#include "ui/filterbar.h"
#include "ui/ladderlayout.h"
#include "ui/mainwindow.h"
#include "ui/models/dialogfilterproxymodel.h"
#include "ui/models/dialogformat.h"
#include "ui/models/dialogtablemodel.h"
#include "ui/snapshotactions.h"
#include "ui/snapshotwindow.h"

using namespace calldeck;
using namespace calldeck::testsupport;
using namespace Qt::StringLiterals;

namespace
{
/// The row (view order) of @p callId in @p table, -1 when it is not listed.
int rowOf(const QTableView *table, const std::string &callId)
{
    const QAbstractItemModel *model = table->model();
    for (int r = 0; r < model->rowCount(); ++r)
    {
        if (model->index(r, DialogTableModel::CallIdColumn).data().toString() ==
            QString::fromStdString(callId))
        {
            return r;
        }
    }
    return -1;
}

/// The console on a running core with three calls, and a snapshot of it opened in a window.
struct Opened
{
    explicit Opened(const QString &path)
        : window(&log, engine.services(), options())
    {
        feed = engine.sources.add(u"hep-udp"_s, u"udp 127.0.0.1:9060"_s);
        SipTrafficGenerator::Options go;
        go.bothCopies = true;
        const SipTrafficGenerator gen(go);
        const std::int64_t t = (QDateTime::currentMSecsSinceEpoch() - 10'000) * 1000;
        std::vector<GeneratedMessage> sent;
        gen.setup(1, CallKind::CallerHangsUp, t, sent);
        gen.setup(2, CallKind::Rejected, t + 1000, sent);
        gen.setup(3, CallKind::CallerHangsUp, t + 2000, sent);
        gen.reinvite(3, t + 5'000'000, sent);
        PacketBatch batch;
        for (const GeneratedMessage &m : sent)
        {
            batch.add(m.text, m.meta, feed);
        }
        ok = engine.queue.push(std::move(batch));
        callIds = {gen.callId(1), gen.callId(2), gen.callId(3)};
        callerTag1 = gen.callerTag(1);
        window.show();
        actions = window.snapshotActions();
        // Saved through File → Save snapshot's path, then opened through Open snapshot's.
        QSignalSpy saved(actions, &SnapshotActions::saved);
        ok = ok && actions->saveTo(path) && saved.wait(10000);
        QSignalSpy opened(actions, &SnapshotActions::opened);
        actions->openFile(path);
        ok = ok && opened.wait(10000);
        snapshot = ok ? opened.at(0).at(0).value<SnapshotWindow *>() : nullptr;
    }
    static MainWindow::Options options()
    {
        MainWindow::Options o;
        o.refreshIntervalMs = 100;
        return o;
    }

    EventLog log;
    TestEngine engine;
    MainWindow window;
    quint16 feed = 0;
    bool ok = false;
    std::vector<std::string> callIds;
    std::string callerTag1;
    SnapshotActions *actions = nullptr;
    SnapshotWindow *snapshot = nullptr;
};
} // namespace

class TestSnapshotWindow final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void fileMenuHasTheSnapshotActions();
    void showsTheRowsFrozenAtTheSnapshotTime();
    void selectingARowShowsItsLadder();
    void badFileSaysWhatIsWrong();
    void droppingASnapshotOpensIt();

private:
    QTemporaryDir m_dir;
};

void TestSnapshotWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QCoreApplication::setOrganizationName(u"CallDeckTest"_s);
    QCoreApplication::setApplicationName(u"tst_snapshotwindow"_s);
    QCoreApplication::setApplicationVersion(u"0.0-test"_s);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
}

void TestSnapshotWindow::init()
{
    QSettings().clear();
}

void TestSnapshotWindow::fileMenuHasTheSnapshotActions()
{
    EventLog log;
    TestEngine engine;
    MainWindow window(&log, engine.services(), {});
    SnapshotActions *actions = window.snapshotActions();
    QVERIFY(actions);
    const QList<QAction *> file = window.menuBar()->actions().at(0)->menu()->actions();
    QVERIFY(file.contains(actions->openAction()));
    QVERIFY(file.contains(actions->saveAction()));
    QCOMPARE(actions->saveAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    QCOMPARE(actions->openAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    QCOMPARE(actions->saveAction()->text(), u"&Save snapshot…"_s);
    // No shortcut of the window is taken twice.
    QList<QKeySequence> seen;
    for (const QAction *a : window.shortcutActions())
    {
        QVERIFY2(!seen.contains(a->shortcut()), qPrintable(a->shortcut().toString()));
        seen.append(a->shortcut());
    }
}

void TestSnapshotWindow::showsTheRowsFrozenAtTheSnapshotTime()
{
    const QString path = m_dir.filePath(u"three.cdsnap"_s);
    Opened o(path);
    QVERIFY(o.ok);
    SnapshotWindow *w = o.snapshot;
    QVERIFY(w && w->isVisible());
    QCOMPARE(o.actions->windows(), QList<SnapshotWindow *>{w});
    QCOMPARE(w->fileName(), path);
    const qint64 taken = w->snapshot().takenMs / 1000;
    QVERIFY(w->windowTitle().startsWith(u"three.cdsnap — snapshot of "_s));
    QVERIFY(w->windowTitle().contains(DialogFormat::longLocalTime(taken)));
    QVERIFY(w->summary()->text().contains(u"udp 127.0.0.1:9060"_s));
    QVERIFY(w->summary()->text().contains(u"0.0-test"_s));

    // Every dialog the core held, one row each, all listed in the table.
    QCOMPARE(w->snapshot().dialogs.size(), std::size_t(3));
    QCOMPARE(w->dialogModel()->rowCount(), 3);
    QCOMPARE(w->dialogTable()->model()->rowCount(), 3);
    for (const std::string &callId : o.callIds)
    {
        QVERIFY(rowOf(w->dialogTable(), callId) >= 0);
    }
    // Durations count to the moment of the snapshot, and stay there; nothing leaves.
    const int row = rowOf(w->dialogTable(), o.callIds[0]);
    const QModelIndex duration = w->dialogTable()->model()->index(row, DialogTableModel::DurationColumn);
    const qint64 seconds = duration.data(DialogTableModel::RawValueRole).toLongLong();
    const DialogDetails &first =
        *std::find_if(w->snapshot().dialogs.begin(), w->snapshot().dialogs.end(),
                      [&](const DialogDetails &d) { return d.row.dialog.callId == o.callIds[0]; });
    QCOMPARE(seconds, std::max<qint64>(0, taken - qint64(first.row.dialog.startTs)));
    QTest::qWait(2100); // a live table would have counted on by now
    QCOMPARE(duration.data(DialogTableModel::RawValueRole).toLongLong(), seconds);
    QCOMPARE(w->dialogTable()->model()->rowCount(), 3);

    // The filter bar works on it as on the live table.
    w->filterBar()->textEdit()->setText(QString::fromStdString(o.callIds[1]));
    w->filterBar()->applyNow();
    QCOMPARE(w->dialogTable()->model()->rowCount(), 1);
    w->filterBar()->clear();
    QCOMPARE(w->dialogTable()->model()->rowCount(), 3);

    // It closes with the console.
    QSignalSpy gone(w, &QObject::destroyed);
    o.window.close();
    QVERIFY(gone.wait(2000) || gone.count() == 1);
}

void TestSnapshotWindow::selectingARowShowsItsLadder()
{
    const QString path = m_dir.filePath(u"ladder.cdsnap"_s);
    Opened o(path);
    QVERIFY(o.ok);
    SnapshotWindow *w = o.snapshot;
    DialogDetailsPane *pane = w->detailsPane();
    QVERIFY(!pane->isShowingDialog());

    // As the live pane shows it: the same rows and messages as the core's.
    DialogDetailsSource live(o.engine.worker, &o.engine.sources);
    for (std::size_t i = 0; i < o.callIds.size(); ++i)
    {
        w->dialogTable()->selectRow(rowOf(w->dialogTable(), o.callIds[i]));
        QVERIFY(pane->isShowingDialog());
        QCOMPARE(pane->fieldValue(u"Dialog"_s, u"Call-ID"_s), QString::fromStdString(o.callIds[i]));
        const quint64 key = pane->key();
        const std::optional<DialogDetails> now = live.fetch(key);
        QVERIFY(now && now->found);
        QCOMPARE(pane->messages().size(), now->messages.size());
        QVERIFY(pane->messages() == now->messages);
        pane->tabs()->setCurrentIndex(DialogDetailsPane::CallFlowTab);
        QCOMPARE(pane->callFlow()->layout().arrowCount(), int(now->messages.size()));
        QCOMPARE(pane->tabs()->tabText(DialogDetailsPane::CallFlowTab),
                 u"Call flow (%1)"_s.arg(now->messages.size()));
    }
    // Call 1, both copies: INVITE, 100, 180, 200, ACK through the proxy = 9 arrows.
    w->dialogTable()->selectRow(rowOf(w->dialogTable(), o.callIds[0]));
    QCOMPARE(pane->callFlow()->layout().arrowCount(), 9);
    QCOMPARE(pane->fieldValue(u"Caller leg"_s, u"Tag"_s), QString::fromStdString(o.callerTag1));
    QCOMPARE(pane->callFlow()->currentIndex(), 0);
    QVERIFY(pane->rawView()->toPlainText().startsWith(u"INVITE "_s));
    w->dialogTable()->selectRow(rowOf(w->dialogTable(), o.callIds[2]));
    QVERIFY(pane->callFlow()->layout().arrowCount() > 9); // and the re-INVITE's
    // The rejected call: ended when the snapshot was taken (no "stays in the table" of the live one).
    w->dialogTable()->selectRow(rowOf(w->dialogTable(), o.callIds[1]));
    QVERIFY(pane->note()->text().contains(u"when the snapshot was taken"_s));
    QVERIFY(!pane->note()->text().contains(u"history"_s));
    // To look at: CALLDECK_TEST_GRAB_DIR keeps the snapshot and a picture of its window there
    // (`calldeck DIR/ladder.cdsnap` opens it again, e.g. under scripts/screenshot).
    if (const QString dir = qEnvironmentVariable("CALLDECK_TEST_GRAB_DIR"); !dir.isEmpty())
    {
        QDir().mkpath(dir);
        QFile::remove(dir + u"/ladder.cdsnap"_s);
        QVERIFY(QFile::copy(path, dir + u"/ladder.cdsnap"_s));
        w->grab().save(dir + u"/snapshot-window.png"_s);
    }
    w->dialogTable()->clearSelection();
    QVERIFY(!pane->isShowingDialog());
}

void TestSnapshotWindow::badFileSaysWhatIsWrong()
{
    EventLog log;
    TestEngine engine;
    MainWindow window(&log, engine.services(), {});
    window.show();
    SnapshotActions *actions = window.snapshotActions();
    const QString path = m_dir.filePath(u"broken.cdsnap"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"format": "calldeck-snapshot", "version": 7})");
    file.close();

    QSignalSpy failed(actions, &SnapshotActions::failed);
    QSignalSpy opened(actions, &SnapshotActions::opened);
    actions->openFile(path);
    QVERIFY(failed.wait(10000));
    QCOMPARE(opened.count(), 0);
    QMessageBox *box = actions->failureBox();
    QVERIFY(box);
    QVERIFY(box->text().contains(u"broken.cdsnap"_s));
    QVERIFY(box->informativeText().contains(u"newer CallDeck"_s));
    QVERIFY(box->detailedText().startsWith(u"version: format version 7"_s));
    box->close();

    // A file that is not there, then one that is not a snapshot.
    actions->openFile(m_dir.filePath(u"nowhere.cdsnap"_s));
    QVERIFY(failed.wait(10000));
    QTRY_VERIFY(actions->failureBox());
    QVERIFY(actions->failureBox()->informativeText().contains(u"exist"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("[]");
    file.close();
    actions->openFile(path);
    QVERIFY(failed.wait(10000));
    QVERIFY(actions->failureBox()->informativeText().contains(u"not a CallDeck snapshot"_s));
    QVERIFY(actions->windows().isEmpty());
    // The console carries on.
    QVERIFY(window.isVisible());
}

void TestSnapshotWindow::droppingASnapshotOpensIt()
{
    EventLog log;
    TestEngine engine;
    MainWindow window(&log, engine.services(), {});
    window.show();
    ConsoleSnapshot empty;
    empty.takenMs = QDateTime::currentMSecsSinceEpoch();
    const QString path = m_dir.filePath(u"dropped.cdsnap"_s);
    SnapshotError error;
    QVERIFY(SnapshotWriter::write(empty, path, {}, &error));

    QMimeData other;
    other.setUrls({QUrl::fromLocalFile(m_dir.filePath(u"capture.pcap"_s))});
    QDragEnterEvent refused(QPoint(10, 10), Qt::CopyAction, &other, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &refused);
    QVERIFY(!refused.isAccepted()); // not a snapshot: left to others

    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &enter);
    QVERIFY(enter.isAccepted());
    QSignalSpy opened(window.snapshotActions(), &SnapshotActions::opened);
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &drop);
    QVERIFY(opened.wait(10000));
    SnapshotWindow *w = window.snapshotActions()->windows().front();
    QCOMPARE(w->dialogModel()->rowCount(), 0);
    QVERIFY(w->summary()->text().contains(u"no feeds"_s));
}

QTEST_MAIN(TestSnapshotWindow)
#include "tst_snapshotwindow.moc"
