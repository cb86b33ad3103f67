// SPDX-License-Identifier: GPL-3.0-or-later
// Header columns end to end: a real INVITE with P-Asserted-Identity through the core, its row in
// the dialog table's model as an extra column that sorts and is searched; columns come and go
// without a reset.
#include <memory>

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include "backend/core/dialogengine.h"
#include "tests/ui/dialogrows.h"
#include "ui/models/dialogfilterproxymodel.h"
#include "ui/models/dialogtablemodel.h"

using namespace Qt::StringLiterals;
using namespace calldeck::core;

namespace
{
constexpr std::int64_t T0 = DialogRows::BaseSec * 1000000LL;

std::string invite(const std::string &callId, const std::string &pai)
{
    return "INVITE sip:+4930123@gw.example.net SIP/2.0\r\n"
           "Via: SIP/2.0/UDP 10.1.2.3:5060;branch=z9hG4bK-" +
           callId +
           "\r\n"
           "From: <sip:alice@a.example>;tag=f-" +
           callId +
           "\r\n"
           "To: <sip:+4930123@b.example>\r\n"
           "Call-ID: " +
           callId +
           "\r\n"
           "CSeq: 1 INVITE\r\n"
           "Contact: <sip:alice@10.1.2.3>\r\n"
           "P-Asserted-Identity: " +
           pai +
           "\r\n"
           "Content-Length: 0\r\n\r\n";
}

/// Rows as CoreWorker publishes them: the engine's snapshots, keyed by the handle.
std::vector<DialogRow> rowsOf(const DialogEngine &engine)
{
    std::vector<DialogRow> rows;
    for (const DialogHandle h : engine.list())
    {
        DialogRow row;
        row.key = (quint64(h.seq) << 32) | h.index;
        row.dialog = engine.snapshot(h);
        row.origin = u"mirror"_s;
        rows.push_back(std::move(row));
    }
    return rows;
}
} // namespace

class TestDialogHeaderColumns final : public QObject
{
    Q_OBJECT

private slots:
    void inviteHeaderShowsInItsColumn();
    void columnsComeAndGoWithoutReset();
};

void TestDialogHeaderColumns::inviteHeaderShowsInItsColumn()
{
    DialogConfig config;
    config.headerColumns = {"P-Asserted-Identity"};
    DialogEngine engine(config);
    PacketMeta meta;
    meta.timeUs = T0;
    meta.src = Endpoint::ipv4(0x0A010203, 5060);
    meta.dst = Endpoint::ipv4(0xC0A80001, 5060);
    QCOMPARE(engine.feed(invite("hc-b@host", "<sip:+4930222@a.example>"), meta).outcome,
             FeedOutcome::Created);
    QCOMPARE(engine.feed(invite("hc-a@host", "\"Zoe\" <sip:+4930111@a.example>"), meta).outcome,
             FeedOutcome::Created);

    DialogTableModel model;
    model.setTickIntervalMs(0);
    model.setHeaderColumns({u"P-Asserted-Identity"_s});
    DialogFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
    std::vector<DialogRow> rows = rowsOf(engine);
    DialogRow proxyOnly = DialogRows::make((quint64(1) << 63) | 5);
    proxyOnly.origin = u"kam1"_s;
    rows.push_back(proxyOnly);
    model.apply(DialogRows::upserts(rows));

    const int column = DialogTableModel::ColumnCount;
    QCOMPARE(model.columnCount(), column + 1);
    QCOMPARE(model.headerData(column, Qt::Horizontal).toString(), u"P-Asserted-Identity"_s);
    QStringList shown;
    for (int row = 0; row < model.rowCount(); ++row)
    {
        shown << model.index(row, column).data().toString();
    }
    shown.sort();
    QCOMPARE(shown,
             (QStringList{QString(), u"\"Zoe\" <sip:+4930111@a.example>"_s, u"<sip:+4930222@a.example>"_s}));
    const int proxyRow = model.rowOfKey(proxyOnly.key);
    QVERIFY(
        !model.index(proxyRow, column).data(DialogTableModel::RawValueRole).isValid()); // empty: sorts last

    // Sorted by the column: text order, the empty one last.
    proxy.sort(column, Qt::AscendingOrder);
    QCOMPARE(proxy.index(0, column).data().toString(), u"\"Zoe\" <sip:+4930111@a.example>"_s);
    QCOMPARE(proxy.index(1, column).data().toString(), u"<sip:+4930222@a.example>"_s);
    QCOMPARE(proxy.index(2, DialogTableModel::OriginColumn).data().toString(), u"kam1"_s);

    // Searched by the text filter.
    proxy.setTextFilter(u"4930222"_s);
    QCOMPARE(proxy.rowCount(), 1);
    QCOMPARE(proxy.index(0, DialogTableModel::CallIdColumn).data().toString(), u"hc-b@host"_s);
    proxy.setTextFilter(u"zoe"_s);
    QCOMPARE(proxy.rowCount(), 1);
}

void TestDialogHeaderColumns::columnsComeAndGoWithoutReset()
{
    DialogTableModel model;
    model.setTickIntervalMs(0);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    DialogRow row = DialogRows::make(1);
    row.dialog.headers = {{"X-Account", "acme"}, {"Diversion", "<sip:100@a.example>"}};
    model.apply(DialogRows::upserts({row}));
    QSignalSpy inserted(&model, &QAbstractItemModel::columnsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::columnsRemoved);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

    model.setHeaderColumns({u"Diversion"_s});
    model.setHeaderColumns({u"Diversion"_s, u"x-account"_s}); // any case finds the value
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(model.index(0, DialogTableModel::ColumnCount).data().toString(), u"<sip:100@a.example>"_s);
    QCOMPARE(model.index(0, DialogTableModel::ColumnCount + 1).data().toString(), u"acme"_s);
    QSignalSpy titles(&model, &QAbstractItemModel::headerDataChanged);
    model.setHeaderColumns({u"Diversion"_s, u"X-Account"_s, u"DIVERSION"_s}); // a duplicate is dropped
    QCOMPARE(model.headerColumns(), (QStringList{u"Diversion"_s, u"X-Account"_s}));
    QCOMPARE(titles.count(), 1); // only the spelling changed
    QCOMPARE(removed.count() + inserted.count(), 2);
    model.setHeaderColumns({u"X-Account"_s});
    QCOMPARE(removed.count(), 1);
    QCOMPARE(model.index(0, DialogTableModel::ColumnCount).data().toString(), u"acme"_s);

    // An update of the headers is announced in the header columns.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    row.dialog.headers = {{"X-Account", "globex"}};
    model.apply(DialogRows::upserts({row}));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(1).value<QModelIndex>().column(), DialogTableModel::ColumnCount);
    QCOMPARE(model.index(0, DialogTableModel::ColumnCount).data().toString(), u"globex"_s);
    QCOMPARE(reset.count(), 0);
}

QTEST_MAIN(TestDialogHeaderColumns)
#include "tst_dialogheadercolumns.moc"
