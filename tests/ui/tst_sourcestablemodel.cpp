// SPDX-License-Identifier: GPL-3.0-or-later
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include "backend/core/dialogtypes.h"
#include "backend/sourceregistry.h"
#include "ui/sourcestablemodel.h"

using namespace Qt::StringLiterals;

class TestSourcesTableModel final : public QObject
{
    Q_OBJECT

private slots:
    void emptyRegistry();
    void newFeedsArriveInOneInsert();
    void changedRowsAreMergedIntoSpans();
    void mostRowsChangedIsOneSignal();
    void nothingChangedIsSilent();
    void showsTheFeedsHealth();
    void failedFeedShowsItsError();
    void tooltipListsTheSenders();
    void replayProgress();
};

namespace
{
struct Spies
{
    explicit Spies(const QAbstractItemModel &model)
        : inserted(&model, &QAbstractItemModel::rowsInserted)
        , removed(&model, &QAbstractItemModel::rowsRemoved)
        , changed(&model, &QAbstractItemModel::dataChanged)
        , reset(&model, &QAbstractItemModel::modelReset)
        , layout(&model, &QAbstractItemModel::layoutChanged)
    {}
    void clear()
    {
        inserted.clear();
        removed.clear();
        changed.clear();
        reset.clear();
        layout.clear();
    }
    QSignalSpy inserted;
    QSignalSpy removed;
    QSignalSpy changed;
    QSignalSpy reset;
    QSignalSpy layout;
};

QPair<int, int> span(const QSignalSpy &spy, int i)
{
    const QModelIndex from = spy.at(i).at(0).toModelIndex();
    const QModelIndex to = spy.at(i).at(1).toModelIndex();
    return {from.row(), to.row()};
}

/// 192.0.2.@p host (TEST-NET-1):@p port
calldeck::core::Endpoint endpoint(std::uint8_t host, quint16 port)
{
    return calldeck::core::Endpoint::ipv4(0xC0000200u | host, port);
}
} // namespace

void TestSourcesTableModel::emptyRegistry()
{
    SourceRegistry registry;
    SourcesTableModel model(&registry);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.refresh();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), SourcesTableModel::ColumnCount);
    QCOMPARE(model.headerData(SourcesTableModel::FeedColumn, Qt::Horizontal).toString(), u"Feed"_s);
    QCOMPARE(model.headerData(SourcesTableModel::DropsColumn, Qt::Horizontal).toString(), u"Drops"_s);
    QCOMPARE(model.headerData(SourcesTableModel::AuthFailuresColumn, Qt::Horizontal).toString(),
             u"Auth failures"_s);
    QCOMPARE(model.count(SourceHealth::State::Running), 0);
}

void TestSourcesTableModel::newFeedsArriveInOneInsert()
{
    SourceRegistry registry;
    SourcesTableModel model(&registry);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Spies spies(model);

    constexpr int N = 6;
    for (int i = 0; i < N; ++i)
    {
        registry.add(i % 2 ? u"hep-tcp"_s : u"hep-udp"_s, u"udp 10.0.0.%1:9060"_s.arg(i));
    }
    model.refresh();
    QCOMPARE(spies.inserted.size(), 1);
    QCOMPARE(spies.inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(spies.inserted.at(0).at(2).toInt(), N - 1);
    QCOMPARE(model.rowCount(), N);

    // Two more later: one more insert, appended below.
    spies.clear();
    registry.add(u"replay"_s, u"calls.pcap"_s);
    registry.add(u"replay"_s, u"more.pcapng"_s);
    model.refresh();
    QCOMPARE(spies.inserted.size(), 1);
    QCOMPARE(spies.inserted.at(0).at(1).toInt(), N);
    QCOMPARE(spies.inserted.at(0).at(2).toInt(), N + 1);
    QCOMPARE(spies.reset.size(), 0);
    QCOMPARE(spies.layout.size(), 0);
    QCOMPARE(spies.removed.size(), 0);
    QCOMPARE(spies.changed.size(), 0);
    QCOMPARE(model.index(N + 1, SourcesTableModel::AddressColumn).data().toString(), u"more.pcapng"_s);
}

void TestSourcesTableModel::changedRowsAreMergedIntoSpans()
{
    SourceRegistry registry;
    QList<quint16> ids;
    for (int i = 0; i < 10; ++i)
    {
        ids.append(registry.add(u"hep-udp"_s, u"udp 10.0.0.%1:9060"_s.arg(i)));
    }
    SourcesTableModel model(&registry);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.refresh();
    Spies spies(model);

    // Rows 1 and 2 (neighbours) and row 6: two spans.
    registry.countReceived(ids.at(1), 5, 500);
    registry.countReceived(ids.at(2), 1, 100);
    registry.setState(ids.at(6), SourceHealth::State::Running);
    model.refresh();
    QCOMPARE(spies.changed.size(), 2);
    QCOMPARE(span(spies.changed, 0), qMakePair(1, 2));
    QCOMPARE(span(spies.changed, 1), qMakePair(6, 6));
    // Whole rows, with the roles that change.
    QCOMPARE(spies.changed.at(0).at(0).toModelIndex().column(), 0);
    QCOMPARE(spies.changed.at(0).at(1).toModelIndex().column(), SourcesTableModel::ColumnCount - 1);
    const auto roles = spies.changed.at(0).at(2).value<QList<int>>();
    QVERIFY(roles.contains(Qt::DisplayRole));
    QVERIFY(roles.contains(Qt::ToolTipRole));
    QCOMPARE(spies.inserted.size(), 0);
    QCOMPARE(spies.reset.size(), 0);
    QCOMPARE(model.index(1, SourcesTableModel::PacketsColumn).data().toString(), u"5"_s);
    QCOMPARE(model.index(6, SourcesTableModel::StateColumn).data().toString(), u"Running"_s);

    // Three scattered rows: three signals, never more.
    spies.clear();
    registry.countReceived(ids.at(0), 1, 1);
    registry.countReceived(ids.at(4), 1, 1);
    registry.countReceived(ids.at(9), 1, 1);
    model.refresh();
    QCOMPARE(spies.changed.size(), 3);
    QCOMPARE(span(spies.changed, 2), qMakePair(9, 9));
}

void TestSourcesTableModel::mostRowsChangedIsOneSignal()
{
    SourceRegistry registry;
    QList<quint16> ids;
    for (int i = 0; i < 8; ++i)
    {
        ids.append(registry.add(u"hep-udp"_s, u"udp 10.0.0.%1:9060"_s.arg(i)));
    }
    SourcesTableModel model(&registry);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.refresh();
    Spies spies(model);
    for (const int i : {0, 2, 3, 5, 7})
    {
        registry.countQueueDrops(ids.at(i), 1);
    }
    model.refresh();
    QCOMPARE(spies.changed.size(), 1);
    QCOMPARE(span(spies.changed, 0), qMakePair(0, 7));
}

void TestSourcesTableModel::nothingChangedIsSilent()
{
    SourceRegistry registry;
    registry.add(u"hep-udp"_s, u"udp 127.0.0.1:9060"_s);
    SourcesTableModel model(&registry);
    model.refresh();
    Spies spies(model);
    for (int tick = 0; tick < 5; ++tick)
    {
        model.refresh();
    }
    QCOMPARE(spies.changed.size(), 0);
    QCOMPARE(spies.inserted.size(), 0);
    QCOMPARE(spies.reset.size(), 0);
}

void TestSourcesTableModel::showsTheFeedsHealth()
{
    SourceRegistry registry;
    const quint16 udp = registry.add(u"hep-udp"_s, u"udp 127.0.0.1:9060"_s);
    const quint16 tcp = registry.add(u"hep-tcp"_s, u"tcp 127.0.0.1:9060"_s);
    registry.setState(udp, SourceHealth::State::Running);
    registry.setState(tcp, SourceHealth::State::Running);
    registry.countReceived(udp, 1234, 100000);
    registry.countQueueDrops(udp, 3);
    registry.countKernelDrops(udp, 4);
    const calldeck::core::Endpoint sender = endpoint(1, 5060);
    registry.countDecoded(udp, sender, 100, calldeck::core::MirrorDrop::HepMalformed, false, 1000);
    registry.countDecoded(udp, sender, 100, calldeck::core::MirrorDrop::AuthFailed, false, 1000);
    registry.countDecoded(udp, sender, 100, calldeck::core::MirrorDrop::AuthFailed, false, 1000);

    SourcesTableModel model(&registry);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.refresh();
    QCOMPARE(model.rowCount(), 2);
    const auto text = [&model](int row, int column) { return model.index(row, column).data().toString(); };
    QCOMPARE(text(0, SourcesTableModel::FeedColumn), u"HEP/SIP UDP"_s);
    QCOMPARE(text(1, SourcesTableModel::FeedColumn), u"HEP/SIP TCP"_s);
    QCOMPARE(text(0, SourcesTableModel::AddressColumn), u"127.0.0.1:9060"_s); // the Feed column says udp
    QCOMPARE(text(0, SourcesTableModel::StateColumn), u"Running"_s);
    QCOMPARE(text(0, SourcesTableModel::PacketsColumn), QLocale().toString(1234));
    QCOMPARE(text(0, SourcesTableModel::DropsColumn), u"7"_s); // queue + kernel
    QCOMPARE(text(0, SourcesTableModel::MalformedColumn), u"1"_s);
    QCOMPARE(text(0, SourcesTableModel::AuthFailuresColumn), u"2"_s);
    QCOMPARE(text(1, SourcesTableModel::LastSeenColumn), u"—"_s);
    // 1970 is not today: the date comes first.
    const QDateTime seen = QDateTime::fromMSecsSinceEpoch(1000);
    QCOMPARE(text(0, SourcesTableModel::LastSeenColumn),
             QLocale().toString(seen.date(), QLocale::ShortFormat) + u' ' + seen.toString(u"HH:mm:ss"_s));
    QCOMPARE(
        model.index(0, SourcesTableModel::DropsColumn).data(SourcesTableModel::RawValueRole).toULongLong(),
        7u);
    QVERIFY(model.index(0, SourcesTableModel::StateColumn).data(Qt::DecorationRole).value<QIcon>().isNull() ==
            false);
    QVERIFY(model.index(0, SourcesTableModel::DropsColumn).data(Qt::ForegroundRole).isValid());
    QVERIFY(!model.index(1, SourcesTableModel::DropsColumn).data(Qt::ForegroundRole).isValid());
    QCOMPARE(model.index(0, SourcesTableModel::PacketsColumn).data(Qt::TextAlignmentRole).toInt(),
             int(Qt::AlignRight | Qt::AlignVCenter));
    QCOMPARE(model.count(SourceHealth::State::Running), 2);
}

void TestSourcesTableModel::failedFeedShowsItsError()
{
    SourceRegistry registry;
    const quint16 id = registry.add(u"hep-udp"_s, u"udp 127.0.0.1:9060"_s);
    registry.setState(id, SourceHealth::State::Failed,
                      u"address already in use: use --hep ADDR:PORT to pick another port"_s);
    SourcesTableModel model(&registry);
    model.refresh();
    QCOMPARE(model.index(0, SourcesTableModel::StateColumn).data().toString(), u"Failed"_s);
    QCOMPARE(model.count(SourceHealth::State::Failed), 1);
    for (int column = 0; column < SourcesTableModel::ColumnCount; ++column)
    {
        QVERIFY(
            model.index(0, column).data(Qt::ToolTipRole).toString().contains(u"address already in use"_s));
    }
}

void TestSourcesTableModel::tooltipListsTheSenders()
{
    SourceRegistry registry;
    const quint16 id = registry.add(u"hep-udp"_s, u"udp 127.0.0.1:9060"_s);
    registry.setState(id, SourceHealth::State::Running);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (int i = 0; i < SourcesTableModel::MaxTooltipSenders + 3; ++i)
    {
        const calldeck::core::Endpoint sender = endpoint(10, static_cast<quint16>(5060 + i));
        for (int p = 0; p <= i; ++p)
        {
            registry.countDecoded(id, sender, 200, calldeck::core::MirrorDrop::None, false, now);
        }
    }
    registry.countDecoded(id, endpoint(99, 5060), 10, calldeck::core::MirrorDrop::AuthFailed, false, now);
    SourcesTableModel model(&registry);
    model.refresh();
    const QString tip = model.index(0, SourcesTableModel::FeedColumn).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(u"Senders (16):"_s), qPrintable(tip));
    // The busiest first; the rest summed up.
    QVERIFY2(tip.indexOf(u"192.0.2.10:5074"_s) < tip.indexOf(u"192.0.2.10:5073"_s), qPrintable(tip));
    QVERIFY2(!tip.contains(u"192.0.2.10:5060:"_s), qPrintable(tip));
    QVERIFY2(tip.contains(u"… and 4 more"_s), qPrintable(tip));
    QVERIFY2(tip.contains(u"Dropped: 0 by the queue"_s), qPrintable(tip));
    QVERIFY2(tip.contains(QDateTime::fromMSecsSinceEpoch(now).toString(u"HH:mm:ss"_s)), qPrintable(tip));
}

void TestSourcesTableModel::replayProgress()
{
    SourceRegistry registry;
    const quint16 id = registry.add(u"replay"_s, u"calls.pcap"_s);
    registry.setState(id, SourceHealth::State::Running);
    registry.setProgress(id, 0.42);
    SourcesTableModel model(&registry);
    model.refresh();
    QCOMPARE(model.index(0, SourcesTableModel::FeedColumn).data().toString(), u"Capture replay"_s);
    QCOMPARE(model.index(0, SourcesTableModel::AddressColumn).data().toString(), u"calls.pcap"_s);
    QCOMPARE(model.index(0, SourcesTableModel::StateColumn).data().toString(), u"Running (42 %)"_s);
    registry.setState(id, SourceHealth::State::Finished);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.refresh();
    QCOMPARE(changed.size(), 1);
    QCOMPARE(model.index(0, SourcesTableModel::StateColumn).data().toString(), u"Finished"_s);
}

QTEST_MAIN(TestSourcesTableModel)
#include "tst_sourcestablemodel.moc"
