// SPDX-License-Identifier: GPL-3.0-or-later
// Issue #7's proof for the console's actions: the GUI (an in-process MainWindow on a real Engine,
// offscreen) polls a real Kamailio 5.6 that carries a real sipp call; the operator selects the
// call's row, presses Delete (Terminate), accepts the confirmation, and both sipp ends receive a
// BYE; the call leaves Kamailio's dlg.list and the audit log records the attempt.
#include <memory>

#include <curl/curl.h>

#include <QJsonArray>
#include <QJsonObject>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include "app/engine.h"
#include "backend/auditlog.h"
#include "backend/dialogcontrol.h"
#include "backend/eventlog.h"
#include "backend/proxyconfig.h"
#include "backend/rpcendpoint.h"
#include "harness/kamailioinstance.h"
#include "harness/proxytestbed.h"
#include "harness/sippcallpair.h"
#include "harness/sippprocess.h"
#include "ui/actionconfirmdialog.h"
#include "ui/dialogactions.h"
#include "ui/mainwindow.h"
#include "ui/models/dialogtablemodel.h"

using namespace calldeck::integration;
using namespace Qt::StringLiterals;

namespace
{
constexpr int Confirmed = 4;
constexpr int HoldMs = 30000; // the caller waits this long for a BYE from the network
} // namespace

class TestConsoleActionsKamailio final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void cleanupTestCase();
    void terminateFromTheTableEndsTheCall();

private:
    int viewRowOf(const QString &callId) const;
    QString details() const;

    QTemporaryDir m_dir;
    std::unique_ptr<KamailioInstance> m_kamailio;
    std::unique_ptr<EventLog> m_log;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<AuditLog> m_audit;
    std::unique_ptr<MainWindow> m_window;
};

void TestConsoleActionsKamailio::initTestCase()
{
    QVERIFY(curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK);
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QCoreApplication::setOrganizationName(u"CallDeckTest"_s);
    QCoreApplication::setApplicationName(u"tst_consoleactionskamailio"_s);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
    QSettings().clear();

    m_kamailio = std::make_unique<KamailioInstance>(); // free SIP and RPC ports
    QVERIFY2(m_kamailio->start(), qPrintable(m_kamailio->errorString()));

    // The console's engine, as Application wires it: a core with deltas and one proxy feed.
    m_log = std::make_unique<EventLog>();
    m_engine = std::make_unique<Engine>(m_log.get());
    CoreWorker::Options core;
    core.clock = CoreWorker::Clock::Live;
    m_engine->startCore(std::move(core), true);
    ProxyConfig proxy;
    proxy.name = u"kam-test"_s;
    QString error;
    QVERIFY2(RpcEndpoint::parse(m_kamailio->rpcUrl().toString(), proxy.endpoint, &error), qPrintable(error));
    proxy.options.intervalMs = 300;
    ProxyFeed *feed = m_engine->startProxy(proxy);
    m_audit = std::make_unique<AuditLog>(StoreUrl::sqliteFile(m_dir.filePath(u"calldeck.db"_s)), m_log.get());
    m_audit->attach(m_engine->control());

    MainWindow::Options options;
    options.refreshIntervalMs = 100;
    const MainWindow::Services services{&m_engine->worker(), &m_engine->sources(), &m_engine->queue(),
                                        &m_engine->control(), m_audit.get()};
    m_window = std::make_unique<MainWindow>(m_log.get(), services, options);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QVERIFY2(QTest::qWaitFor([feed] { return feed->status().state == ProxyStatus::State::Up; }, 10000),
             qPrintable(details()));
}

void TestConsoleActionsKamailio::cleanup()
{
    // A failed test may leave the call up (its sipp is gone): end it on Kamailio itself.
    if (m_kamailio && m_kamailio->isRunning())
    {
        QVERIFY2(ProxyTestBed::endLeftovers(*m_kamailio), "Kamailio still lists dialogs after dlg.end_dlg");
    }
}

void TestConsoleActionsKamailio::cleanupTestCase()
{
    // The window before the engine it shows, the engine before the log; Kamailio last (by PID).
    m_window.reset();
    m_engine.reset();
    m_audit.reset();
    m_log.reset();
    if (m_kamailio)
    {
        QVERIFY(m_kamailio->stop());
        m_kamailio.reset();
    }
}

int TestConsoleActionsKamailio::viewRowOf(const QString &callId) const
{
    const QAbstractItemModel *shown = m_window->dialogTable()->model();
    const DialogTableModel *model = m_window->dialogModel();
    for (int row = 0; row < shown->rowCount(); ++row)
    {
        const int source =
            model->rowOfKey(shown->index(row, 0).data(DialogTableModel::KeyRole).toULongLong());
        if (source >= 0 && QString::fromStdString(model->rowAt(source).dialog.callId) == callId &&
            model->rowAt(source).dialog.state == Confirmed)
        {
            return row;
        }
    }
    return -1;
}

QString TestConsoleActionsKamailio::details() const
{
    QStringList lines;
    for (const EventLogEntry &e : m_log->entries())
    {
        lines << e.source + u": "_s + e.message;
    }
    return u"\nevent log:\n"_s + lines.join(u'\n') + u"\nkamailio errors:\n"_s +
           (m_kamailio ? m_kamailio->logErrors().join(u'\n') : QString());
}

void TestConsoleActionsKamailio::terminateFromTheTableEndsTheCall()
{
    KamailioInstance &k = *m_kamailio;
    SippCallPair calls(u"tst_consoleactionskamailio"_s);
    QVERIFY2(calls.start(k, ProxyTestBed::callerOptions(k, u"console"_s, 1, HoldMs)),
             qPrintable(calls.errorString()));
    SippProcess &uac = calls.uac();
    SippProcess &uas = calls.uas();
    QVERIFY2(ProxyTestBed::waitConfirmed(k, 1), qPrintable(calls.describe()));
    QStringList callIds;
    QVERIFY(QTest::qWaitFor(
        [&] {
            callIds = uac.callIds();
            return callIds.size() == 1;
        },
        5000));
    const QString callId = callIds.first();

    // The row appears (polled from Kamailio, confirmed); the operator selects it.
    int row = -1;
    QVERIFY2(QTest::qWaitFor(
                 [&] {
                     row = viewRowOf(callId);
                     return row >= 0;
                 },
                 10000),
             qPrintable(u"no confirmed row for "_s + callId + details()));
    QTableView *table = m_window->dialogTable();
    table->setFocus();
    table->selectRow(row);
    DialogActions *actions = m_window->dialogActions();
    QVERIFY(QTest::qWaitFor([&] { return actions->action(ActionKind::Terminate)->isEnabled(); }, 5000));
    QCOMPARE(actions->action(ActionKind::Terminate)->toolTip(), u"Goes via proxy kam-test (dlg.end_dlg)"_s);

    // Delete = Terminate: the confirmation names the call and the way; the operator accepts.
    QTest::keyClick(table, Qt::Key_Delete);
    ActionConfirmDialog *dialog = nullptr;
    QVERIFY(QTest::qWaitFor(
        [&] {
            dialog = actions->confirmation();
            return dialog && dialog->isVisible();
        },
        5000));
    QCOMPARE(dialog->targetList()->topLevelItemCount(), 1);
    QCOMPARE(dialog->targetList()->topLevelItem(0)->text(0), callId);
    QCOMPARE(dialog->targetList()->topLevelItem(0)->text(3), u"proxy kam-test (dlg.end_dlg)"_s);
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);

    // Both sipp ends receive their BYE (through Kamailio), once.
    const bool byes = QTest::qWaitFor(
        [&] {
            return uac.messages().countRequests(u"BYE"_s, true, callId) == 1 &&
                   uas.messages().countRequests(u"BYE"_s, true, callId) == 1;
        },
        10000);
    QVERIFY2(byes, qPrintable(u"caller got %1 BYE, callee %2"_s
                                  .arg(uac.messages().countRequests(u"BYE"_s, true, callId))
                                  .arg(uas.messages().countRequests(u"BYE"_s, true, callId)) +
                              details()));
    QVERIFY2(calls.finish(15000, 1), qPrintable(calls.errorString()));
    QVERIFY2(ProxyTestBed::waitEmpty(k), qPrintable(ProxyTestBed::json(ProxyTestBed::kamailioDialogs(k))));
    QCOMPARE(uac.messages().countRequests(u"BYE"_s, true, callId), 1);
    QCOMPARE(uas.messages().countRequests(u"BYE"_s, true, callId), 1);

    // One audit line: the operator's attempt, the way it went, ok.
    const QList<QJsonObject> audit = m_audit->read();
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit.first().value(u"dialog"_s).toObject().value(u"callId"_s).toString(), callId);
    QCOMPARE(audit.first().value(u"path"_s).toString(), u"proxy kam-test (dlg.end_dlg)"_s);
    QVERIFY(audit.first().value(u"result"_s).toObject().value(u"ok"_s).toBool());
    QVERIFY(audit.first().value(u"requestedBy"_s).toString().startsWith(u"console ("_s));
}

QTEST_MAIN(TestConsoleActionsKamailio)
#include "tst_consoleactionskamailio.moc"
