// SPDX-License-Identifier: GPL-3.0-or-later
// The DMQ cluster feed (issue #10) in the Sources view: the bus row, one row per node, their
// tooltips and the line below the list; and the DB feed's tooltip, which shows its own facts.
// Set CALLDECK_TEST_GRAB_DIR=/tmp/somewhere to have the panel saved as sources-dmq.png.
#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QSignalSpy>
#include <QStyle>
#include <QTest>
#include <QTreeView>

#include "backend/sourceregistry.h"
#include "ui/sourcespanel.h"
#include "ui/sourcestablemodel.h"

using namespace Qt::StringLiterals;

class TestSourcesDmq final : public QObject
{
    Q_OBJECT

private slots:
    void clusterRowsShowTheirHealth();
    void tooltipsSayWhatANodeDoes();
    void nodeGoingDisabledUpdatesItsRowOnly();
    void counterOnlyChangeIsAnnounced();
    void hintNamesTheNodesThatNeedAction();
    void databaseTooltipShowsDatabaseFacts();
    void panelRendersTheCluster();
};

namespace
{
enum Row
{
    HepRow,
    BusRow,
    PeerRow,    ///< active notification peer
    TimeoutRow, ///< no answer to pings
    PendingRow, ///< announced, no answer yet
    RowCount
};

/// A bus (CallDeck's node) and three nodes in different states, behind a HEP listener.
struct Cluster
{
    Cluster()
    {
        hep = registry.add(u"hep-udp"_s, u"udp 127.0.0.1:9060"_s);
        registry.setState(hep, SourceHealth::State::Running);
        bus = registry.add(u"dmq"_s, u"sip:127.0.0.1:5090"_s);
        peer = registry.add(u"dmq-node"_s, u"sip:127.0.0.1:5062"_s);
        timeout = registry.add(u"dmq-node"_s, u"sip:127.0.0.1:5162"_s);
        pending = registry.add(u"dmq-node"_s, u"sip:127.0.0.1:5262;transport=tcp"_s);

        busHealth.uri = u"sip:127.0.0.1:5090"_s;
        busHealth.status = u"active"_s;
        busHealth.local = true;
        busHealth.dialogs = 120;
        busHealth.updates = 300;
        busHealth.states = 200;
        busHealth.removes = 80;
        busHealth.syncs = 1;
        busHealth.nodeLists = 6;
        busHealth.messagesPerSecond = 14.2;
        busHealth.lastMessageMs = now - 400;
        busHealth.lastSyncMs = now - 60'000;
        busHealth.lastSyncDialogs = 95;
        busHealth.rejected = 3;
        registry.setDmqHealth(bus, busHealth);

        peerHealth.uri = u"sip:127.0.0.1:5062"_s;
        peerHealth.status = u"active"_s;
        peerHealth.notificationPeer = true;
        peerHealth.dialogs = 70;
        peerHealth.updates = 180;
        peerHealth.states = 120;
        peerHealth.removes = 50;
        peerHealth.nodeLists = 4;
        peerHealth.messagesPerSecond = 8.5;
        peerHealth.lastMessageMs = now - 400;
        peerHealth.lastReplyMs = now - 20'000;
        peerHealth.lastSyncMs = now - 60'000;
        peerHealth.lastSyncDialogs = 57;
        peerHealth.rejected = 3;
        registry.setDmqHealth(peer, peerHealth);

        timeoutHealth.uri = u"sip:127.0.0.1:5162"_s;
        timeoutHealth.status = u"timeout"_s;
        timeoutHealth.dialogs = 50;
        timeoutHealth.updates = 120;
        timeoutHealth.floodDrops = 12;
        timeoutHealth.consecutiveFailures = 2;
        timeoutHealth.lastMessageMs = now - 90'000;
        timeoutHealth.lastSyncMs = now - 60'000;
        timeoutHealth.lastSyncDialogs = 38;
        registry.setDmqHealth(timeout, timeoutHealth);

        pendingHealth.uri = u"sip:127.0.0.1:5262;transport=tcp"_s;
        pendingHealth.status = u"pending"_s;
        registry.setDmqHealth(pending, pendingHealth);
    }

    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    SourceRegistry registry;
    quint16 hep = 0;
    quint16 bus = 0;
    quint16 peer = 0;
    quint16 timeout = 0;
    quint16 pending = 0;
    DmqNodeHealth busHealth;
    DmqNodeHealth peerHealth;
    DmqNodeHealth timeoutHealth;
    DmqNodeHealth pendingHealth;
};

QString text(const SourcesTableModel &model, int row, int column, int role = Qt::DisplayRole)
{
    return model.index(row, column).data(role).toString();
}

/// The colour in the middle of a row's state dot.
QColor dotColour(const SourcesTableModel &model, int row)
{
    const auto icon =
        model.index(row, SourcesTableModel::StateColumn).data(Qt::DecorationRole).value<QIcon>();
    return icon.pixmap(12, 12).toImage().pixelColor(6, 6);
}

QString clockOf(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(u"HH:mm:ss"_s);
}
} // namespace

void TestSourcesDmq::clusterRowsShowTheirHealth()
{
    Cluster c;
    SourcesTableModel model(&c.registry);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.refresh();
    QCOMPARE(model.rowCount(), int(RowCount));

    QCOMPARE(text(model, BusRow, SourcesTableModel::FeedColumn), u"DMQ bus"_s);
    QCOMPARE(text(model, PeerRow, SourcesTableModel::FeedColumn), u"DMQ node (notify)"_s);
    QCOMPARE(text(model, TimeoutRow, SourcesTableModel::FeedColumn), u"DMQ node"_s);
    QCOMPARE(text(model, PendingRow, SourcesTableModel::AddressColumn),
             u"sip:127.0.0.1:5262;transport=tcp"_s);

    // The bus: its own status and the nodes' at a glance, the cluster's totals.
    QCOMPARE(text(model, BusRow, SourcesTableModel::StateColumn), u"Active · 1 of 3 nodes up"_s);
    QCOMPARE(text(model, BusRow, SourcesTableModel::PacketsColumn), u"120 dialog(s)"_s);
    QCOMPARE(text(model, BusRow, SourcesTableModel::RateColumn), QLocale().toString(14.2, 'f', 0));
    QCOMPARE(text(model, BusRow, SourcesTableModel::MalformedColumn), u"3"_s);

    // Nodes: Kamailio's status, dialogs, message rate, last message, flood drops, rejected.
    QCOMPARE(text(model, PeerRow, SourcesTableModel::StateColumn), u"Active"_s);
    QCOMPARE(text(model, TimeoutRow, SourcesTableModel::StateColumn), u"Timeout"_s);
    QCOMPARE(text(model, PendingRow, SourcesTableModel::StateColumn), u"Pending"_s);
    QCOMPARE(text(model, PeerRow, SourcesTableModel::PacketsColumn), u"70 dialog(s)"_s);
    QCOMPARE(text(model, PendingRow, SourcesTableModel::PacketsColumn), u"0 dialog(s)"_s);
    QCOMPARE(text(model, PeerRow, SourcesTableModel::RateColumn), QLocale().toString(8.5, 'f', 1));
    QCOMPARE(text(model, PeerRow, SourcesTableModel::LastSeenColumn), clockOf(c.peerHealth.lastMessageMs));
    QCOMPARE(text(model, PendingRow, SourcesTableModel::LastSeenColumn), u"—"_s);
    QCOMPARE(text(model, TimeoutRow, SourcesTableModel::DropsColumn), u"12"_s);
    QCOMPARE(text(model, PeerRow, SourcesTableModel::MalformedColumn), u"3"_s);
    QCOMPARE(text(model, PeerRow, SourcesTableModel::AuthFailuresColumn), QString());
    QCOMPARE(model.index(PeerRow, SourcesTableModel::PacketsColumn).data(SourcesTableModel::RawValueRole),
             QVariant::fromValue<quint64>(70));
    QCOMPARE(model.index(PeerRow, SourcesTableModel::RateColumn).data(SourcesTableModel::RawValueRole), 8.5);

    // Coloured like the proxies' Up/Down: active green, timeout red, pending grey.
    const QColor up = dotColour(model, HepRow);
    QCOMPARE(dotColour(model, PeerRow), up);
    QCOMPARE(dotColour(model, BusRow), up);
    const QColor down = dotColour(model, TimeoutRow);
    QVERIFY(down.red() > 150 && down.green() < 100);
    const QColor waiting = dotColour(model, PendingRow);
    QVERIFY(waiting != up && waiting != down);
    // Problem counters stand out.
    QVERIFY(model.index(TimeoutRow, SourcesTableModel::DropsColumn).data(Qt::ForegroundRole).isValid());
    QVERIFY(model.index(PeerRow, SourcesTableModel::MalformedColumn).data(Qt::ForegroundRole).isValid());
    QVERIFY(!model.index(PeerRow, SourcesTableModel::DropsColumn).data(Qt::ForegroundRole).isValid());
}

void TestSourcesDmq::tooltipsSayWhatANodeDoes()
{
    Cluster c;
    SourcesTableModel model(&c.registry);
    model.refresh();
    const QString peer = text(model, PeerRow, SourcesTableModel::AddressColumn, Qt::ToolTipRole);
    QVERIFY2(peer.startsWith(u"<b>sip:127.0.0.1:5062</b> — DMQ node (notify)"_s), qPrintable(peer));
    QVERIFY2(peer.contains(u"Status: Active"_s), qPrintable(peer));
    QVERIFY2(peer.contains(u"Notification peer (--dmq-notify)"_s), qPrintable(peer));
    QVERIFY2(peer.contains(u"Dialogs it owns: 70"_s), qPrintable(peer));
    QVERIFY2(peer.contains(u"UPDATE 180 · STATE 120 · RM 50 · SYNC 0 · node lists and pings 4"_s),
             qPrintable(peer));
    QVERIFY2(peer.contains(u"Last sync: %1, 57 dialog(s)"_s.arg(clockOf(c.peerHealth.lastSyncMs))),
             qPrintable(peer));
    QVERIFY2(peer.contains(u"last answer to a ping: %1"_s.arg(clockOf(c.peerHealth.lastReplyMs))),
             qPrintable(peer));
    QVERIFY2(peer.contains(u"Rejected: 3"_s), qPrintable(peer));
    // Not the HEP nor the RPC lines.
    QVERIFY2(!peer.contains(u"Senders"_s) && !peer.contains(u"dlg.list"_s) && !peer.contains(u"Received:"_s),
             qPrintable(peer));
    QVERIFY2(!peer.contains(u"Last error"_s), qPrintable(peer));

    const QString timeout = text(model, TimeoutRow, SourcesTableModel::FeedColumn, Qt::ToolTipRole);
    QVERIFY2(timeout.contains(u"2 ping(s) in a row without an answer"_s), qPrintable(timeout));
    QVERIFY2(timeout.contains(u"Timeout: no answer to the pings"_s), qPrintable(timeout));
    QVERIFY2(timeout.contains(u"flood drops: 12"_s), qPrintable(timeout));
    QVERIFY2(!timeout.contains(u"Notification peer"_s), qPrintable(timeout));

    const QString pending = text(model, PendingRow, SourcesTableModel::FeedColumn, Qt::ToolTipRole);
    QVERIFY2(pending.contains(u"Last sync: none yet"_s), qPrintable(pending));
    // HTML-escaped: the address's ";transport=tcp" and an error's "<" cannot break the tooltip.
    c.pendingHealth.lastError = u"408 <no answer> from the peer"_s;
    c.registry.setDmqHealth(c.pending, c.pendingHealth);
    model.refresh();
    QVERIFY(text(model, PendingRow, 0, Qt::ToolTipRole).contains(u"Pending: 408 &lt;no answer&gt;"_s));

    const QString bus = text(model, BusRow, SourcesTableModel::FeedColumn, Qt::ToolTipRole);
    QVERIFY2(bus.contains(u"CallDeck's own node on the bus: Active · 1 of 3 nodes up"_s.toHtmlEscaped()),
             qPrintable(bus));
    QVERIFY2(bus.contains(u"Dialogs from the whole cluster: 120"_s), qPrintable(bus));
    QVERIFY2(!bus.contains(u"answer to a ping"_s), qPrintable(bus)); // CallDeck does not ping itself
    QVERIFY2(bus.contains(u"Last sync: %1, 95 dialog(s)"_s.arg(clockOf(c.busHealth.lastSyncMs))),
             qPrintable(bus));
}

void TestSourcesDmq::nodeGoingDisabledUpdatesItsRowOnly()
{
    Cluster c;
    SourcesTableModel model(&c.registry);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.refresh();
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);

    c.peerHealth.status = u"disabled"_s;
    c.registry.setDmqHealth(c.peer, c.peerHealth);
    model.refresh();
    // The node's row, and the bus row whose node count changed; nothing else.
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), int(BusRow));
    QCOMPARE(changed.at(0).at(1).toModelIndex().row(), int(PeerRow));
    QCOMPARE(changed.at(0).at(1).toModelIndex().column(), SourcesTableModel::ColumnCount - 1);
    QVERIFY(changed.at(0).at(2).value<QList<int>>().contains(Qt::DecorationRole));
    QCOMPARE(reset.size() + inserted.size() + removed.size() + layout.size(), 0);
    QCOMPARE(text(model, PeerRow, SourcesTableModel::StateColumn), u"Disabled"_s);
    QCOMPARE(text(model, BusRow, SourcesTableModel::StateColumn), u"Active · 0 of 3 nodes up"_s);
    QCOMPARE(dotColour(model, PeerRow), dotColour(model, TimeoutRow));

    // The same snapshot again: silence.
    changed.clear();
    model.refresh();
    QCOMPARE(changed.size(), 0);
}

void TestSourcesDmq::counterOnlyChangeIsAnnounced()
{
    Cluster c;
    SourcesTableModel model(&c.registry);
    model.refresh();
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    // Only the dialogs a node owns: no message counter, state or time moved.
    c.timeoutHealth.dialogs = 0;
    c.registry.setDmqHealth(c.timeout, c.timeoutHealth);
    model.refresh();
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), int(TimeoutRow));
    QCOMPARE(changed.at(0).at(1).toModelIndex().row(), int(TimeoutRow));
    QCOMPARE(text(model, TimeoutRow, SourcesTableModel::PacketsColumn), u"0 dialog(s)"_s);
}

void TestSourcesDmq::hintNamesTheNodesThatNeedAction()
{
    Cluster c;
    SourcesTableModel model(&c.registry);
    model.refresh();
    SourcesPanel panel(&model, true);
    const QString hint = panel.hint()->text();
    QVERIFY2(hint.contains(u"<b>sip:127.0.0.1:5162</b> (DMQ node): Timeout: no answer to the pings"_s),
             qPrintable(hint));
    // Still joining, and the healthy ones: nothing to do.
    QVERIFY2(!hint.contains(u"5262"_s) && !hint.contains(u"5062"_s) && !hint.contains(u"5090"_s),
             qPrintable(hint));
    QVERIFY2(!hint.contains(u"failed"_s), qPrintable(hint));

    // The node comes back: the line goes back to the tip.
    c.timeoutHealth.status = u"active"_s;
    c.registry.setDmqHealth(c.timeout, c.timeoutHealth);
    model.refresh();
    QVERIFY2(!panel.hint()->text().contains(u"5162"_s), qPrintable(panel.hint()->text()));
    QVERIFY(panel.hint()->text().startsWith(u"Hover over a feed"_s));

    // CallDeck not (yet) on the bus: the bus row says why.
    c.busHealth.status = u"pending"_s;
    c.busHealth.lastError = u"waiting for a notification peer to answer (--dmq-notify)"_s;
    c.registry.setDmqHealth(c.bus, c.busHealth);
    model.refresh();
    QVERIFY2(panel.hint()->text().contains(u"<b>sip:127.0.0.1:5090</b> (DMQ bus): Pending: waiting for a "
                                           "notification peer to answer (--dmq-notify)"_s),
             qPrintable(panel.hint()->text()));
    QCOMPARE(text(model, BusRow, SourcesTableModel::StateColumn), u"Pending · 2 of 3 nodes up"_s);
}

void TestSourcesDmq::databaseTooltipShowsDatabaseFacts()
{
    SourceRegistry registry;
    const quint16 id = registry.add(u"db"_s, u"edge1"_s);
    ProxyStatus status;
    status.state = ProxyStatus::State::Degraded;
    status.name = u"edge1"_s;
    status.endpoint = u"postgresql://kamailio@db.example.net/kamailio"_s;
    status.version = u"dialog table version 7, dialog_vars version 1"_s;
    status.latencyMs = 18;
    status.intervalMs = 2000;
    status.dialogs = 42;
    status.polls = 30;
    status.failures = 1;
    status.skippedEntries = 2;
    status.lastError = u"2 malformed dialog row(s) skipped; first: h_entry 3"_s;
    registry.setProxyStatus(id, status);
    SourcesTableModel model(&registry);
    model.refresh();
    const QString tip = text(model, 0, SourcesTableModel::FeedColumn, Qt::ToolTipRole);
    QVERIFY2(tip.contains(u"Database: postgresql://kamailio@db.example.net/kamailio"_s), qPrintable(tip));
    QVERIFY2(tip.contains(u"Tables: dialog table version 7, dialog_vars version 1"_s), qPrintable(tip));
    QVERIFY2(tip.contains(u"Last read: 18 ms, 42 dialog(s); read every 2 s"_s), qPrintable(tip));
    QVERIFY2(tip.contains(u"Reads: 30, failed: 1"_s), qPrintable(tip));
    QVERIFY2(tip.contains(u"2 malformed dialog row(s) skipped in the last read"_s), qPrintable(tip));
    QVERIFY2(tip.contains(u"Last error: 2 malformed"_s), qPrintable(tip));
    // None of the JSON-RPC facts a table does not have.
    QVERIFY2(!tip.contains(u"dlg.list"_s) && !tip.contains(u"CallDeck helper"_s) && !tip.contains(u"Polls"_s),
             qPrintable(tip));

    // Another failed read with the same error still changes the row: its counters moved.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    ++status.polls;
    ++status.failures;
    ++status.consecutiveErrors;
    registry.setProxyStatus(id, status);
    model.refresh();
    QCOMPARE(changed.size(), 1);
    QVERIFY(
        text(model, 0, SourcesTableModel::FeedColumn, Qt::ToolTipRole).contains(u"Reads: 31, failed: 2"_s));

    // A JSON-RPC proxy keeps its RPC lines.
    const quint16 rpc = registry.add(u"rpc"_s, u"edge2"_s);
    status.endpoint = u"http://127.0.0.1:5071/RPC"_s;
    registry.setProxyStatus(rpc, status);
    model.refresh();
    QVERIFY(text(model, 1, SourcesTableModel::FeedColumn, Qt::ToolTipRole).contains(u"Last dlg.list"_s));
}

void TestSourcesDmq::panelRendersTheCluster()
{
    Cluster c;
    const quint16 db = c.registry.add(u"db"_s, u"edge1"_s);
    ProxyStatus status;
    status.state = ProxyStatus::State::Up;
    status.latencyMs = 12;
    status.dialogs = 42;
    status.lastSuccessMs = c.now - 1500;
    c.registry.setProxyStatus(db, status);
    SourcesTableModel model(&c.registry);
    model.refresh();
    SourcesPanel panel(&model, true);
    panel.resize(panel.preferredWidth(), 260);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));

    // Every text of the cluster's rows fits its column as sized at start: the operator reads it
    // whole (only a non-UDP node's ";transport=" may need a wider Address column).
    const QFontMetrics metrics = panel.view()->fontMetrics();
    const int icon = panel.style()->pixelMetric(QStyle::PM_SmallIconSize);
    for (const int row : {BusRow, PeerRow, TimeoutRow, RowCount})
    {
        for (int column = 0; column < SourcesTableModel::ColumnCount; ++column)
        {
            const QString cell = text(model, row, column);
            const int width = panel.view()->header()->sectionSize(column);
            const int needed =
                metrics.horizontalAdvance(cell) + (column == SourcesTableModel::StateColumn ? icon : 0);
            QVERIFY2(needed < width, qPrintable(u"row %1 column %2: %3"_s.arg(row).arg(column).arg(cell)));
        }
    }

    const QPixmap pixmap = panel.grab();
    QVERIFY(!pixmap.isNull());
    const QString dir = qEnvironmentVariable("CALLDECK_TEST_GRAB_DIR");
    if (!dir.isEmpty())
    {
        QDir().mkpath(dir);
        QVERIFY(pixmap.save(dir + u"/sources-dmq.png"_s));
        // And the tooltips of the bus and of a node in trouble, as QToolTip shows rich text.
        for (const int row : {BusRow, PeerRow, TimeoutRow})
        {
            QLabel tip(text(model, row, SourcesTableModel::FeedColumn, Qt::ToolTipRole));
            tip.setTextFormat(Qt::RichText);
            tip.setWordWrap(true);
            tip.setMargin(4);
            tip.setMaximumWidth(560);
            tip.adjustSize();
            QVERIFY(tip.grab().save(dir + u"/sources-dmq-tip%1.png"_s.arg(row)));
        }
    }
}

QTEST_MAIN(TestSourcesDmq)
#include "tst_sourcesdmq.moc"
