// SPDX-License-Identifier: GPL-3.0-or-later
#include <QDir>
#include <QDockWidget>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>
#include <QTreeWidget>

#include "backend/dialogdetailssource.h"
#include "backend/eventlog.h"
#include "backend/rpcoutcome.h"
#include "testengine.h"
#include "tests/support/siptrafficgenerator.h"
#include "ui/callflowview.h"
#include "ui/dialogdetailsdock.h"
#include "ui/dialogdetailspane.h"
#include "ui/mainwindow.h"
#include "ui/models/dialogtablemodel.h"
#include "ui/sipmessagehighlighter.h"

using namespace calldeck;
using namespace calldeck::testsupport;
using namespace Qt::StringLiterals;

namespace
{
std::int64_t nowUs()
{
    return QDateTime::currentMSecsSinceEpoch() * 1000;
}

SipTrafficGenerator::Options bothCopies()
{
    SipTrafficGenerator::Options o;
    o.bothCopies = true;
    return o;
}

/// The console on a running core, shown, with the details dock visible.
struct Console
{
    Console()
        : window(&log, engine.services(), options())
    {
        feed = engine.sources.add(u"hep-udp"_s, u"udp 127.0.0.1:9060"_s);
        window.show();
    }
    static MainWindow::Options options()
    {
        MainWindow::Options o;
        o.refreshIntervalMs = 100;
        return o;
    }
    bool push(const std::vector<GeneratedMessage> &messages)
    {
        PacketBatch batch;
        for (const GeneratedMessage &m : messages)
        {
            batch.add(m.text, m.meta, feed);
        }
        return engine.queue.push(std::move(batch));
    }
    /// The table row (view order) of the dialog with @p callId, -1 when it is not listed.
    int rowOf(const std::string &callId) const
    {
        const QAbstractItemModel *model = window.dialogTable()->model();
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
    DialogDetailsPane *pane() const { return window.detailsDock()->pane(); }
    /// Writes the window to $CALLDECK_TEST_GRAB_DIR/NAME.png when that is set (to look at it).
    void grab(const QString &name)
    {
        const QString dir = qEnvironmentVariable("CALLDECK_TEST_GRAB_DIR");
        if (!dir.isEmpty())
        {
            QDir().mkpath(dir);
            window.grab().save(dir + u'/' + name + u".png"_s);
        }
    }

    EventLog log;
    TestEngine engine;
    MainWindow window;
    quint16 feed = 0;
};
} // namespace

class TestDialogDetailsPane final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void placeholderUntilOneRowIsSelected();
    void selectingARowFillsThePaneWithItsLegs();
    void callFlowHasOneArrowPerMessage();
    void clickingAnArrowShowsItsRawText();
    void upAndDownMoveBetweenArrows();
    void followsTheDialogLiveAndSaysWhenItEnded();
    void proxyOnlyDialogSaysNoSipOnTheMirror();
    void hundredsOfMessagesScroll();

private:
    QTemporaryDir m_dir;
};

void TestDialogDetailsPane::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QCoreApplication::setOrganizationName(u"CallDeckTest"_s);
    QCoreApplication::setApplicationName(u"tst_dialogdetailspane"_s);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
}

void TestDialogDetailsPane::init()
{
    QSettings().clear();
}

void TestDialogDetailsPane::placeholderUntilOneRowIsSelected()
{
    Console c;
    QVERIFY(QTest::qWaitForWindowExposed(&c.window));
    QDockWidget *dock = c.window.detailsDock();
    QVERIFY(dock->isVisible());
    QCOMPARE(c.window.dockWidgetArea(dock), Qt::RightDockWidgetArea);
    QCOMPARE(dock->windowTitle(), u"Dialog details"_s);
    QVERIFY(!c.pane()->isShowingDialog());
    QVERIFY(c.pane()->placeholder()->isVisible());
    QVERIFY(c.pane()->placeholder()->text().startsWith(u"Select a dialog in the table"_s));

    const SipTrafficGenerator gen({});
    std::vector<GeneratedMessage> sent;
    gen.setup(1, CallKind::CallerHangsUp, nowUs(), sent);
    gen.setup(2, CallKind::CallerHangsUp, nowUs(), sent);
    QVERIFY(c.push(sent));
    QTRY_COMPARE(c.window.dialogTable()->model()->rowCount(), 2);
    QVERIFY(!c.pane()->isShowingDialog()); // rows alone select nothing

    c.window.dialogTable()->selectAll();
    QVERIFY(!c.pane()->isShowingDialog());
    QCOMPARE(c.pane()->placeholder()->text(),
             u"2 dialogs selected: select one to see its legs, timers and call flow."_s);
    c.window.dialogTable()->selectRow(c.rowOf(gen.callId(2)));
    QVERIFY(c.pane()->isShowingDialog());
    c.window.dialogTable()->clearSelection();
    QVERIFY(!c.pane()->isShowingDialog());
    QVERIFY(c.pane()->placeholder()->text().startsWith(u"Select a dialog in the table"_s));
}

void TestDialogDetailsPane::selectingARowFillsThePaneWithItsLegs()
{
    Console c;
    const SipTrafficGenerator gen({});
    std::vector<GeneratedMessage> sent;
    gen.setup(1, CallKind::CallerHangsUp, nowUs(), sent);
    gen.setup(2, CallKind::Rejected, nowUs(), sent);
    QVERIFY(c.push(sent));
    QTRY_VERIFY(c.rowOf(gen.callId(1)) >= 0 && c.rowOf(gen.callId(2)) >= 0);

    DialogDetailsPane *pane = c.pane();
    c.window.dialogTable()->selectRow(c.rowOf(gen.callId(1)));
    QVERIFY(pane->isShowingDialog());
    const QString caller = u"Caller leg"_s;
    const QString callee = u"Callee leg"_s;
    // At once from the table's row, then from the core's answer.
    QCOMPARE(pane->fieldValue(u"Dialog"_s, u"Call-ID"_s), QString::fromStdString(gen.callId(1)));
    QCOMPARE(pane->fieldValue(caller, u"Tag"_s), QString::fromStdString(gen.callerTag(1)));
    QCOMPARE(pane->fieldValue(callee, u"Tag"_s), QString::fromStdString(gen.calleeTag(1)));
    QTRY_COMPARE(pane->messages().size(), std::size_t(5));
    QCOMPARE(pane->fieldValue(caller, u"CSeq"_s), u"1"_s);
    QVERIFY(pane->fieldValue(caller, u"Contact"_s).contains(u"10.0.0.1:5060"_s));
    QVERIFY(pane->fieldValue(callee, u"Contact"_s).contains(u"10.0.0.3:5060"_s));
    QVERIFY(!pane->fieldValue(caller, u"Route set"_s).isNull());
    QVERIFY(!pane->fieldValue(callee, u"Socket"_s).isNull());
    QCOMPARE(pane->fieldValue(u"Dialog"_s, u"State"_s), u"Confirmed (4)"_s);
    QCOMPARE(pane->fieldValue(u"Dialog"_s, u"Origin"_s), u"mirror"_s);
    QVERIFY(!pane->fieldValue(u"Timers"_s, u"Created"_s).isEmpty());
    QVERIFY(!pane->fieldValue(u"Timers"_s, u"Duration"_s).isEmpty());
    QVERIFY(!pane->fieldValue(u"Timers"_s, u"Lifetime"_s).isNull());
    QVERIFY(pane->fieldValue(u"Flags"_s, u"Dialog flags"_s).startsWith(u"0x"_s));
    QCOMPARE(pane->fieldValue(u"Profiles"_s, u"(none)"_s), QString());
    QVERIFY(!pane->note()->isVisible());
    QVERIFY(pane->fields()->topLevelItemCount() >= 7);
    c.grab(u"details-fields"_s);

    // Another row: the other dialog's legs.
    c.window.dialogTable()->selectRow(c.rowOf(gen.callId(2)));
    QCOMPARE(pane->fieldValue(caller, u"Tag"_s), QString::fromStdString(gen.callerTag(2)));
    QCOMPARE(pane->fieldValue(u"Dialog"_s, u"Call-ID"_s), QString::fromStdString(gen.callId(2)));
    QTRY_COMPARE(pane->messages().size(), std::size_t(4)); // INVITE, 100, 486, ACK
    QVERIFY(pane->note()->isVisible());                    // a rejected call is over
    QVERIFY(pane->note()->text().contains(u"ended"_s));
}

void TestDialogDetailsPane::callFlowHasOneArrowPerMessage()
{
    Console c;
    const SipTrafficGenerator gen(bothCopies());
    std::vector<GeneratedMessage> sent;
    gen.setup(4, CallKind::CallerHangsUp, nowUs(), sent);
    QVERIFY(c.push(sent));
    QTRY_VERIFY(c.rowOf(gen.callId(4)) >= 0);
    c.window.dialogTable()->selectRow(c.rowOf(gen.callId(4)));
    DialogDetailsPane *pane = c.pane();
    pane->tabs()->setCurrentIndex(DialogDetailsPane::CallFlowTab);
    QTRY_COMPARE(pane->callFlow()->layout().arrowCount(), int(sent.size()));
    QCOMPARE(pane->tabs()->tabText(DialogDetailsPane::CallFlowTab), u"Call flow (9)"_s);
    const LadderLayout &layout = pane->callFlow()->layout();
    QCOMPARE(layout.hosts(), QStringList({u"10.0.0.1:5060"_s, u"10.0.0.2:5060"_s, u"10.0.0.3:5060"_s}));
    for (int i = 0; i < layout.arrowCount(); ++i)
    {
        QCOMPARE(layout.host(layout.arrow(i).from), LadderLayout::hostText(sent[std::size_t(i)].meta.src));
        QCOMPARE(layout.host(layout.arrow(i).to), LadderLayout::hostText(sent[std::size_t(i)].meta.dst));
    }
    QVERIFY(!pane->flowNote()->isVisible());
    // The first message is current from the start, so the raw view is never empty for nothing.
    QCOMPARE(pane->callFlow()->currentIndex(), 0);
    QVERIFY(pane->rawView()->toPlainText().startsWith(u"INVITE sip:"_s));
    c.grab(u"details-callflow"_s);
}

void TestDialogDetailsPane::clickingAnArrowShowsItsRawText()
{
    Console c;
    QVERIFY(QTest::qWaitForWindowExposed(&c.window));
    const SipTrafficGenerator gen(bothCopies());
    std::vector<GeneratedMessage> sent;
    gen.setup(5, CallKind::CallerHangsUp, nowUs(), sent);
    QVERIFY(c.push(sent));
    QTRY_VERIFY(c.rowOf(gen.callId(5)) >= 0);
    c.window.dialogTable()->selectRow(c.rowOf(gen.callId(5)));
    DialogDetailsPane *pane = c.pane();
    pane->tabs()->setCurrentIndex(DialogDetailsPane::CallFlowTab);
    CallFlowView *view = pane->callFlow();
    QTRY_COMPARE(view->layout().arrowCount(), 9);
    QVERIFY(view->viewport()->height() > view->layout().metrics().headerHeight);

    for (const int i : {3, 6, 0})
    {
        // Scrolled to the arrow's row first when the view is too short for all nine.
        const int headerHeight = view->layout().metrics().headerHeight;
        view->verticalScrollBar()->setValue(view->layout().rowRect(i).top() - headerHeight);
        const QRect row = view->visualRect(i);
        QVERIFY(row.top() >= headerHeight && row.center().y() < view->viewport()->height());
        const QPoint onArrow(view->layout().columnX(view->layout().arrow(i).from) + 10 -
                                 view->horizontalScrollBar()->value(),
                             row.center().y());
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, onArrow);
        QCOMPARE(view->currentIndex(), i);
        QString expected = QString::fromStdString(sent[std::size_t(i)].text);
        expected.replace(u"\r\n"_s, u"\n"_s);
        QCOMPARE(pane->rawView()->toPlainText(), expected);
    }
    // A click on the hosts' header selects nothing new.
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, QPoint(view->layout().columnX(1), 5));
    QCOMPARE(view->currentIndex(), 0);

    // Header names are highlighted where the core found them; the body is not.
    const QTextDocument *doc = pane->rawView()->document();
    const QColor nameColour = pane->highlighter()->headerNameFormat().foreground().color();
    int highlighted = 0;
    for (QTextBlock block = doc->begin(); block.isValid(); block = block.next())
    {
        const QList<QTextLayout::FormatRange> formats = block.layout()->formats();
        const bool isName = !formats.isEmpty() && formats.front().start == 0 &&
                            formats.front().format.foreground().color() == nameColour;
        if (block.text().startsWith(u"Call-ID: "_s) || block.text().startsWith(u"CSeq: "_s))
        {
            QVERIFY2(isName, qPrintable(block.text()));
            QCOMPARE(formats.front().length, int(block.text().indexOf(u':')));
        }
        if (block.text().startsWith(u"v=0"_s) || block.text().startsWith(u"m=audio"_s))
        {
            QVERIFY2(!isName, qPrintable(block.text())); // SDP lines are body, not headers
        }
        highlighted += isName ? 1 : 0;
    }
    QVERIFY(highlighted >= 8);
    QVERIFY(doc->begin().layout()->formats().front().format.fontWeight() == QFont::Bold); // start line
}

void TestDialogDetailsPane::upAndDownMoveBetweenArrows()
{
    Console c;
    QVERIFY(QTest::qWaitForWindowExposed(&c.window));
    const SipTrafficGenerator gen({});
    std::vector<GeneratedMessage> sent;
    gen.setup(6, CallKind::CallerHangsUp, nowUs(), sent);
    QVERIFY(c.push(sent));
    QTRY_VERIFY(c.rowOf(gen.callId(6)) >= 0);
    c.window.dialogTable()->selectRow(c.rowOf(gen.callId(6)));
    DialogDetailsPane *pane = c.pane();
    pane->tabs()->setCurrentIndex(DialogDetailsPane::CallFlowTab);
    CallFlowView *view = pane->callFlow();
    QTRY_COMPARE(view->layout().arrowCount(), 5);
    QCOMPARE(view->currentIndex(), 0);
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Down);
    QCOMPARE(view->currentIndex(), 1);
    QVERIFY(pane->rawView()->toPlainText().startsWith(u"SIP/2.0 100 Trying"_s));
    QTest::keyClick(view, Qt::Key_Down);
    QTest::keyClick(view, Qt::Key_Down);
    QCOMPARE(view->currentIndex(), 3);
    QVERIFY(pane->rawView()->toPlainText().startsWith(u"SIP/2.0 200 OK"_s));
    QTest::keyClick(view, Qt::Key_Up);
    QCOMPARE(view->currentIndex(), 2);
    QTest::keyClick(view, Qt::Key_End);
    QCOMPARE(view->currentIndex(), 4);
    QTest::keyClick(view, Qt::Key_Down); // stays on the last
    QCOMPARE(view->currentIndex(), 4);
    QVERIFY(pane->rawView()->toPlainText().startsWith(u"ACK sip:"_s));
    QTest::keyClick(view, Qt::Key_Home);
    QCOMPARE(view->currentIndex(), 0);
    QTest::keyClick(view, Qt::Key_Up); // stays on the first
    QCOMPARE(view->currentIndex(), 0);
}

void TestDialogDetailsPane::followsTheDialogLiveAndSaysWhenItEnded()
{
    Console c;
    const SipTrafficGenerator gen(bothCopies());
    std::vector<GeneratedMessage> sent;
    gen.setup(8, CallKind::CallerHangsUp, nowUs(), sent);
    QVERIFY(c.push(sent));
    QTRY_VERIFY(c.rowOf(gen.callId(8)) >= 0);
    c.window.dialogTable()->selectRow(c.rowOf(gen.callId(8)));
    DialogDetailsPane *pane = c.pane();
    QTRY_COMPARE(pane->messages().size(), std::size_t(9));
    pane->callFlow()->setCurrentIndex(2);
    QVERIFY(!pane->note()->isVisible());

    // The caller hangs up: the same dialog stays selected and the pane follows the ticks.
    std::vector<GeneratedMessage> bye;
    gen.teardown(8, CallKind::CallerHangsUp, nowUs(), bye);
    QVERIFY(c.push(bye));
    QTRY_COMPARE(pane->messages().size(), std::size_t(13));
    QTRY_COMPARE(pane->fieldValue(u"Dialog"_s, u"State"_s), u"Deleted (5)"_s);
    QCOMPARE(pane->callFlow()->layout().arrowCount(), 13);
    QCOMPARE(pane->callFlow()->currentIndex(), 2); // the operator's place in the flow stays
    QVERIFY(pane->note()->isVisible());
    QVERIFY(pane->note()->text().startsWith(u"This dialog ended at "_s));
    QVERIFY(!pane->fieldValue(u"Timers"_s, u"Ended"_s).isEmpty());
    QCOMPARE(pane->tabs()->tabText(DialogDetailsPane::CallFlowTab), u"Call flow (13)"_s);

    // Gone from the core (the table would drop it later): the last state stays, with a note.
    pane->showDialog(CoreWorker::keyOf({4000, 4000}));
    QTRY_COMPARE(pane->note()->text(),
                 u"The core no longer holds this dialog. Select another dialog in the table."_s);
}

void TestDialogDetailsPane::proxyOnlyDialogSaysNoSipOnTheMirror()
{
    Console c;
    const quint16 proxy = c.engine.sources.add(u"rpc"_s, u"kam-edge-1"_s);
    auto listing = std::make_shared<DialogListPayload>();
    core::DialogSnapshot d;
    d.hEntry = 3;
    d.hId = 99;
    d.callId = "proxy-only@test";
    d.fromUri = "sip:carol@example.com";
    d.toUri = "sip:dave@example.com";
    d.state = 4;
    d.caller.tag = "c-tag";
    d.caller.contact = "sip:carol@192.0.2.7:5060";
    d.callee.tag = "d-tag";
    d.profiles.push_back({"trunk", std::string("gw-01")});
    d.variables.push_back({"account", "acme"});
    listing->dialogs.push_back(d);
    c.engine.worker.applyProxyListing(proxy, u"kam-edge-1"_s, std::move(listing));
    QTRY_VERIFY(c.rowOf(d.callId) >= 0);
    c.window.dialogTable()->selectRow(c.rowOf(d.callId));
    DialogDetailsPane *pane = c.pane();
    pane->tabs()->setCurrentIndex(DialogDetailsPane::CallFlowTab);
    QTRY_VERIFY(pane->flowNote()->text().startsWith(u"No SIP seen on the mirror for this dialog"_s));
    QVERIFY(pane->flowNote()->isVisible());
    QVERIFY(pane->flowNote()->text().contains(u"kam-edge-1"_s));
    QCOMPARE(pane->callFlow()->layout().arrowCount(), 0);
    QVERIFY(!pane->callFlow()->isVisible()); // no empty ladder under the note
    QCOMPARE(pane->fieldValue(u"Caller leg"_s, u"Contact"_s), u"sip:carol@192.0.2.7:5060"_s);
    QCOMPARE(pane->fieldValue(u"Profiles"_s, u"trunk"_s), u"gw-01"_s);
    QCOMPARE(pane->fieldValue(u"Variables"_s, u"account"_s), u"acme"_s);
    QCOMPARE(pane->fieldValue(u"Dialog"_s, u"ID"_s), u"3:99"_s);
    QVERIFY(pane->fieldValue(u"Dialog"_s, u"Origin"_s).contains(u"kam-edge-1"_s));
    QCOMPARE(pane->tabs()->tabText(DialogDetailsPane::CallFlowTab), u"Call flow (0)"_s);
    c.grab(u"details-proxyonly"_s);
}

void TestDialogDetailsPane::hundredsOfMessagesScroll()
{
    Console c;
    QVERIFY(QTest::qWaitForWindowExposed(&c.window));
    const SipTrafficGenerator gen({});
    std::vector<GeneratedMessage> sent;
    const std::int64_t t0 = nowUs() - 60'000'000;
    gen.setup(9, CallKind::CallerHangsUp, t0, sent);
    for (int i = 0; i < 100; ++i) // 100 re-INVITE exchanges (INVITE, 200, ACK): 305 messages in all
    {
        gen.reinvite(9, t0 + 1'000'000 + i * 100'000, sent);
    }
    QVERIFY(c.push(sent));
    QTRY_VERIFY(c.rowOf(gen.callId(9)) >= 0);
    c.window.dialogTable()->selectRow(c.rowOf(gen.callId(9)));
    DialogDetailsPane *pane = c.pane();
    pane->tabs()->setCurrentIndex(DialogDetailsPane::CallFlowTab);
    CallFlowView *view = pane->callFlow();
    QTRY_COMPARE(view->layout().arrowCount(), 305);
    QVERIFY(view->verticalScrollBar()->maximum() > 0);
    view->setFocus();
    QTest::keyClick(view, Qt::Key_End);
    QCOMPARE(view->currentIndex(), 304);
    QVERIFY(view->visualRect(304).top() >= view->layout().metrics().headerHeight);
    QVERIFY(view->visualRect(304).bottom() < view->viewport()->height());
    QCOMPARE(view->verticalScrollBar()->value(), view->verticalScrollBar()->maximum());
    QTest::keyClick(view, Qt::Key_PageUp);
    QVERIFY(view->currentIndex() < 304 && view->currentIndex() > 280);
    QVERIFY(view->visualRect(view->currentIndex()).top() >= view->layout().metrics().headerHeight);
    // Repeated re-INVITEs (same CSeq and branch on the same hop) are marked as retransmissions.
    QVERIFY(!view->layout().arrow(5).retransmission);
    QVERIFY(view->layout().arrow(8).retransmission);
    c.grab(u"details-hundreds"_s);
}

QTEST_MAIN(TestDialogDetailsPane)
#include "tst_dialogdetailspane.moc"
