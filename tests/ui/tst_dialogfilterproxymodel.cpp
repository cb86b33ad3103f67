// SPDX-License-Identifier: GPL-3.0-or-later
#include <memory>

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include "tests/ui/dialogrows.h"
#include "ui/models/dialogfilterproxymodel.h"
#include "ui/models/dialogtablemodel.h"

using namespace Qt::StringLiterals;
using Model = DialogTableModel;
using Proxy = DialogFilterProxyModel;

namespace
{
constexpr QAbstractItemModelTester::FailureReportingMode Fatal =
    QAbstractItemModelTester::FailureReportingMode::Fatal;

/// 40 dialogs, keys 0..39: every third early (no 2xx), the others answered key seconds apart;
/// INVITEs 10 s apart, the oldest (key 0) 400 s before "now".
struct Fixture
{
    qint64 now = DialogRows::BaseSec * 1000;
    Model model;
    Proxy proxy;
    std::unique_ptr<QAbstractItemModelTester> modelTester;
    std::unique_ptr<QAbstractItemModelTester> proxyTester;

    Fixture()
    {
        model.setClock([this] { return now; });
        model.setTickIntervalMs(0);
        std::vector<DialogRow> rows;
        for (quint64 key = 0; key < 40; ++key)
        {
            DialogRow row = DialogRows::make(key, key % 3 == 0 ? 2 : 4);
            row.dialog.initTs = std::uint32_t(DialogRows::BaseSec - 400 + qint64(key) * 10);
            if (row.dialog.startTs != 0)
            {
                row.dialog.startTs = std::uint32_t(DialogRows::BaseSec - 1000 + qint64(key));
            }
            rows.push_back(std::move(row));
        }
        rows[5].origin = u"Proxy-West"_s;
        rows[7].dialog.profiles = {{"trunk", "carrier-x"}};
        rows[10].dialog.profiles = {{"trunk", "carrier-y"}, {"inbound", std::nullopt}};
        rows[8].dialog.callee.contact = "sip:bob@198.51.100.7:5080";
        rows[11].dialog.caller.contact.reset();
        rows[13].dialog.caller.contact.reset();
        model.apply(DialogRows::upserts(std::move(rows)));
        proxy.setSourceModel(&model);
        modelTester = std::make_unique<QAbstractItemModelTester>(&model, Fatal);
        proxyTester = std::make_unique<QAbstractItemModelTester>(&proxy, Fatal);
    }
    QList<quint64> keys() const
    {
        QList<quint64> out;
        for (int row = 0; row < proxy.rowCount(); ++row)
        {
            out.append(proxy.index(row, 0).data(Model::KeyRole).toULongLong());
        }
        return out;
    }
    QList<quint64> sortedKeys() const
    {
        QList<quint64> out = keys();
        std::sort(out.begin(), out.end());
        return out;
    }
};

QList<quint64> keyRange(const quint64 first, const quint64 last)
{
    QList<quint64> out;
    for (quint64 key = first; key <= last; ++key)
    {
        out.append(key);
    }
    return out;
}
} // namespace

class TestDialogFilterProxyModel final : public QObject
{
    Q_OBJECT

private slots:
    void numbersSortWithInvalidLast();
    void textSortsCaseInsensitiveWithEmptyLast();
    void secondarySortBreaksTies();
    void sortAgreesWithRawValueRole();
    void textFilter();
    void stateFilter();
    void profileFilter();
    void originFilter();
    void minimumAgeFollowsTheTick();
    void wildcardFilters();
    void combinedFilters();
    void refiltersOnUpdate();
    void scatteredResultIsRemappedNotRemovedRowByRow();
    void sortFollowsUpdates();
};

void TestDialogFilterProxyModel::numbersSortWithInvalidLast()
{
    Fixture f;
    f.proxy.sort(Model::DurationColumn, Qt::AscendingOrder);
    QList<quint64> keys = f.keys();
    // answered: the latest 2xx (highest key) talked least; early ones (key % 3 == 0) have no duration
    QList<quint64> answered;
    QList<quint64> early;
    for (quint64 key = 40; key-- > 0;)
    {
        (key % 3 == 0 ? early : answered).append(key);
    }
    QCOMPARE(keys.mid(0, answered.size()), answered);
    QCOMPARE(keys.mid(answered.size()), [&] {
        QList<quint64> e = early;
        std::sort(e.begin(), e.end()); // ties keep the source order
        return e;
    }());

    // Qt reverses the whole order for descending, so the invalid ones come first there
    f.proxy.sort(Model::DurationColumn, Qt::DescendingOrder);
    keys = f.keys();
    QVERIFY(!f.proxy.index(0, Model::DurationColumn).data(Model::RawValueRole).isValid());
    QVERIFY(!f.proxy.index(13, Model::DurationColumn).data(Model::RawValueRole).isValid());
    QCOMPARE(keys.at(14), quint64(1)); // the longest call
    QCOMPARE(keys.last(), quint64(38));
}

void TestDialogFilterProxyModel::textSortsCaseInsensitiveWithEmptyLast()
{
    Fixture f;
    f.model.apply(DialogRows::upserts({[&] {
        DialogRow row = f.model.rowAt(20);
        row.dialog.caller.contact = "SIP:Aaron@10.0.0.9";
        return row;
    }()}));
    f.proxy.sort(Model::CallerContactColumn, Qt::AscendingOrder);
    QCOMPARE(f.proxy.index(0, Model::CallerContactColumn).data().toString(), u"SIP:Aaron@10.0.0.9"_s);
    const int rows = f.proxy.rowCount();
    QCOMPARE(f.proxy.index(rows - 2, Model::CallerContactColumn).data().toString(), QString());
    QCOMPARE(f.proxy.index(rows - 1, Model::CallerContactColumn).data().toString(), QString());
    QCOMPARE(f.keys().mid(rows - 2), (QList<quint64>{11, 13}));
}

void TestDialogFilterProxyModel::secondarySortBreaksTies()
{
    Fixture f;
    QCOMPARE(f.proxy.secondarySortColumn(), -1);
    f.proxy.sort(Model::IdColumn, Qt::DescendingOrder);
    f.proxy.sort(Model::StateColumn, Qt::AscendingOrder); // the previous column breaks ties
    QCOMPARE(f.proxy.secondarySortColumn(), int(Model::IdColumn));
    QCOMPARE(f.proxy.secondarySortOrder(), Qt::DescendingOrder);
    QList<quint64> keys = f.keys();
    QCOMPARE(keys.first(), quint64(39)); // state 2, highest id first
    QCOMPARE(keys.at(13), quint64(0));   // the 14 early dialogs...
    QCOMPARE(keys.at(14), quint64(38));  // ...then state 4, highest id first
    QCOMPARE(keys.last(), quint64(1));

    // The primary order flips, the tie-breaker keeps its own
    f.proxy.sort(Model::StateColumn, Qt::DescendingOrder);
    keys = f.keys();
    QCOMPARE(keys.first(), quint64(38));
    QCOMPARE(keys.last(), quint64(0));

    f.proxy.setSecondarySortColumn(Model::IdColumn, Qt::AscendingOrder);
    keys = f.keys();
    QCOMPARE(keys.first(), quint64(1));
    QCOMPARE(keys.last(), quint64(39));
}

void TestDialogFilterProxyModel::sortAgreesWithRawValueRole()
{
    Fixture f;
    // Text that leaves ASCII, differs only in case, or is a prefix of another
    std::vector<DialogRow> rows;
    const char *froms[] = {"sip:\xc3\x89mile@example.com", "sip:emile@example.com",
                           "SIP:EMILE@example.com",        "sip:emil@example.com",
                           "sip:zo\xc3\xab@example.com",   "sip:Zoe@example.com"};
    quint64 key = 1000;
    for (const char *from : froms)
    {
        DialogRow row = DialogRows::make(key++, 5); // ended: durations frozen
        row.dialog.fromUri = from;
        row.dialog.caller.contact = from;
        rows.push_back(std::move(row));
    }
    f.model.apply(DialogRows::upserts(std::move(rows)));
    f.now += 5000;
    f.model.tick();

    // The reference: RawValueRole through QVariant, invalid last, text case-insensitive first
    const auto reference = [&f](const int column, const int l, const int r) {
        const QVariant a = f.model.index(l, column).data(Model::RawValueRole);
        const QVariant b = f.model.index(r, column).data(Model::RawValueRole);
        if (!a.isValid() || !b.isValid())
        {
            return (a.isValid() == b.isValid()) ? 0 : (a.isValid() ? -1 : 1);
        }
        if (a.typeId() == QMetaType::QString)
        {
            const int folded = QString::compare(a.toString(), b.toString(), Qt::CaseInsensitive);
            const int exact = QString::compare(a.toString(), b.toString());
            const int c = folded != 0 ? folded : exact;
            return (c > 0) - (c < 0);
        }
        return QVariant::compare(a, b) == QPartialOrdering::Less
                   ? -1
                   : (QVariant::compare(a, b) == QPartialOrdering::Greater ? 1 : 0);
    };
    for (int column = 0; column < Model::ColumnCount; ++column)
    {
        f.proxy.sort(column, Qt::AscendingOrder);
        f.proxy.setSecondarySortColumn(-1);
        QList<int> expected;
        for (int row = 0; row < f.model.rowCount(); ++row)
        {
            expected.append(row);
        }
        std::stable_sort(expected.begin(), expected.end(),
                         [&](const int l, const int r) { return reference(column, l, r) < 0; });
        QList<int> actual;
        for (int row = 0; row < f.proxy.rowCount(); ++row)
        {
            actual.append(f.proxy.mapToSource(f.proxy.index(row, column)).row());
        }
        QVERIFY2(actual == expected, qPrintable(u"column %1"_s.arg(column)));
    }
}

void TestDialogFilterProxyModel::textFilter()
{
    Fixture f;
    QVERIFY(!f.proxy.isFiltering());
    f.proxy.setTextFilter(u"ALICE3"_s); // From, any case
    QVERIFY(f.proxy.isFiltering());
    QCOMPARE(f.proxy.textFilter(), u"ALICE3"_s);
    QCOMPARE(f.sortedKeys(), QList<quint64>{3} + keyRange(30, 39));
    f.proxy.setTextFilter(u"call-12@"_s); // Call-ID
    QCOMPARE(f.keys(), QList<quint64>{12});
    f.proxy.setTextFilter(u"bob21@"_s); // To
    QCOMPARE(f.keys(), QList<quint64>{21});
    f.proxy.setTextFilter(u"west"_s); // origin
    QCOMPARE(f.keys(), QList<quint64>{5});
    f.proxy.setTextFilter(u"Carrier-"_s); // profiles
    QCOMPARE(f.sortedKeys(), (QList<quint64>{7, 10}));
    f.proxy.setTextFilter(u"198.51.100"_s); // callee contact
    QCOMPARE(f.keys(), QList<quint64>{8});
    f.proxy.setTextFilter(u"ft12"_s); // tags are not searched
    QCOMPARE(f.proxy.rowCount(), 0);
    f.proxy.setTextFilter(QString());
    QCOMPARE(f.proxy.rowCount(), 40);
}

void TestDialogFilterProxyModel::stateFilter()
{
    Fixture f;
    f.proxy.setStateFilter({2});
    QCOMPARE(f.proxy.rowCount(), 14);
    QCOMPARE(f.proxy.stateFilter(), QList<int>{2});
    f.proxy.setStateFilter({2, 4});
    QCOMPARE(f.proxy.rowCount(), 40);
    f.proxy.setStateFilter({1, 5});
    QCOMPARE(f.proxy.rowCount(), 0);
    f.proxy.setStateFilter({});
    QCOMPARE(f.proxy.rowCount(), 40);
}

void TestDialogFilterProxyModel::profileFilter()
{
    Fixture f;
    f.proxy.setProfileFilter(u"trunk"_s);
    QCOMPARE(f.sortedKeys(), (QList<quint64>{7, 10}));
    f.proxy.setProfileFilter(u"trunk"_s, u"carrier-y"_s);
    QCOMPARE(f.keys(), QList<quint64>{10});
    QCOMPARE(f.proxy.profileValue(), u"carrier-y"_s);
    f.proxy.setProfileFilter(u"inbound"_s);
    QCOMPARE(f.keys(), QList<quint64>{10});
    f.proxy.setProfileFilter(u"inbound"_s, u""_s); // a value is asked for; a no-value profile has none
    QCOMPARE(f.proxy.rowCount(), 0);
    f.proxy.setProfileFilter(u"Trunk"_s); // names are exact
    QCOMPARE(f.proxy.rowCount(), 0);
    f.proxy.setProfileFilter(QString());
    QCOMPARE(f.proxy.rowCount(), 40);
}

void TestDialogFilterProxyModel::originFilter()
{
    Fixture f;
    f.proxy.setOriginFilter(u"Proxy-West"_s);
    QCOMPARE(f.keys(), QList<quint64>{5});
    f.proxy.setOriginFilter(u"mirror"_s);
    QCOMPARE(f.proxy.rowCount(), 39);
    QCOMPARE(f.proxy.originFilter(), u"mirror"_s);
}

void TestDialogFilterProxyModel::minimumAgeFollowsTheTick()
{
    Fixture f;
    f.proxy.setMinimumAge(300); // INVITE at least 300 s ago: keys 0..10
    QCOMPARE(f.sortedKeys(), keyRange(0, 10));
    QSignalSpy proxyInserted(&f.proxy, &QAbstractItemModel::rowsInserted);
    f.now += 25'000; // keys 11 and 12 come of age...
    QCOMPARE(f.proxy.rowCount(), 11);
    f.model.tick(); // ...and appear with the once-a-second signal
    QCOMPARE(f.sortedKeys(), keyRange(0, 12));
    QVERIFY(proxyInserted.count() >= 1);
    f.proxy.setMinimumAge(0);
    QCOMPARE(f.proxy.rowCount(), 40);
}

void TestDialogFilterProxyModel::wildcardFilters()
{
    Fixture f;
    f.proxy.setFromPattern(u"SIP:ALICE1?@*"_s);
    QCOMPARE(f.sortedKeys(), keyRange(10, 19));
    f.proxy.setFromPattern(u"alice1?@*"_s); // the pattern covers the whole URI
    QCOMPARE(f.proxy.rowCount(), 0);
    f.proxy.setFromPattern(u"*alice1?@example.com"_s);
    QCOMPARE(f.proxy.rowCount(), 10);
    f.proxy.setFromPattern(u"sip:alice.*"_s); // regex characters are literal
    QCOMPARE(f.proxy.rowCount(), 0);
    f.proxy.setFromPattern(QString());
    f.proxy.setToPattern(u"sip:bob2*"_s);
    QCOMPARE(f.sortedKeys(), QList<quint64>{2} + keyRange(20, 29));
    QCOMPARE(f.proxy.toPattern(), u"sip:bob2*"_s);
    f.proxy.setToPattern(u"*@example.org"_s);
    QCOMPARE(f.proxy.rowCount(), 0);
}

void TestDialogFilterProxyModel::combinedFilters()
{
    Fixture f;
    QSignalSpy proxyRemoved(&f.proxy, &QAbstractItemModel::rowsRemoved);
    QSignalSpy proxyReset(&f.proxy, &QAbstractItemModel::modelReset);
    f.proxy.setTextFilter(u"alice1"_s);  // 1, 10..19
    f.proxy.setStateFilter({4});         // not 12, 15, 18
    f.proxy.setToPattern(u"*bob1?@*"_s); // not 1
    f.proxy.setMinimumAge(200);          // INVITE 200 s ago or more: keys up to 20
    QCOMPARE(f.sortedKeys(), (QList<quint64>{10, 11, 13, 14, 16, 17, 19}));
    f.proxy.setProfileFilter(u"trunk"_s);
    QCOMPARE(f.keys(), QList<quint64>{10});
    f.proxy.setOriginFilter(u"Proxy-West"_s);
    QCOMPARE(f.proxy.rowCount(), 0);
    f.proxy.clearFilters();
    QVERIFY(!f.proxy.isFiltering());
    QCOMPARE(f.proxy.rowCount(), 40);
    QVERIFY(proxyRemoved.count() > 0);
    QCOMPARE(proxyReset.count(), 0); // filtering never resets the view
}

void TestDialogFilterProxyModel::refiltersOnUpdate()
{
    Fixture f;
    f.proxy.setTextFilter(u"carol"_s);
    QCOMPARE(f.proxy.rowCount(), 0);
    QSignalSpy proxyInserted(&f.proxy, &QAbstractItemModel::rowsInserted);
    QSignalSpy proxyRemoved(&f.proxy, &QAbstractItemModel::rowsRemoved);

    DialogRow row = f.model.rowAt(3);
    row.dialog.toUri = "sip:Carol@example.net";
    f.model.apply(DialogRows::upserts({row}));
    QCOMPARE(f.keys(), QList<quint64>{3});
    QCOMPARE(proxyInserted.count(), 1);

    row.dialog.toUri = "sip:dave@example.net";
    f.model.apply(DialogRows::upserts({row}));
    QCOMPARE(f.proxy.rowCount(), 0);
    QCOMPARE(proxyRemoved.count(), 1);

    f.model.apply(DialogRows::upserts({[] {
        DialogRow fresh = DialogRows::make(100);
        fresh.dialog.fromUri = "sip:carol@example.com";
        return fresh;
    }()}));
    QCOMPARE(f.keys(), QList<quint64>{100});
}

void TestDialogFilterProxyModel::scatteredResultIsRemappedNotRemovedRowByRow()
{
    qint64 now = DialogRows::BaseSec * 1000;
    Model model;
    model.setClock([&now] { return now; });
    model.setTickIntervalMs(0);
    model.apply(DialogRows::upserts(DialogRows::range(0, 2000)));
    Proxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, Fatal);
    QSignalSpy removed(&proxy, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&proxy, &QAbstractItemModel::rowsInserted);
    QSignalSpy layout(&proxy, &QAbstractItemModel::layoutChanged);
    QSignalSpy reset(&proxy, &QAbstractItemModel::modelReset);
    const QPersistentModelIndex kept = proxy.index(1237, Model::CallIdColumn);

    // Every tenth row: 200 intervals of removals would each shift Qt's maps; one remap instead
    proxy.setTextFilter(u"7@example.com"_s);
    QCOMPARE(proxy.rowCount(), 200);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(layout.count(), 1);
    QVERIFY(kept.isValid()); // the selection survives
    QCOMPARE(kept.data(Model::KeyRole).toULongLong(), quint64(1237));
    QCOMPARE(kept.row(), 123);

    // Narrowing to one row is a couple of intervals: rows removed the ordinary way
    proxy.setTextFilter(u"alice1237@"_s);
    QCOMPARE(proxy.rowCount(), 1);
    QCOMPARE(layout.count(), 1);
    QVERIFY(removed.count() >= 1);
    QVERIFY(removed.count() <= 2);
    QCOMPARE(kept.row(), 0);

    // Back to everything: 2000 rows around one kept row, two places to insert at
    proxy.setTextFilter(QString());
    QCOMPARE(proxy.rowCount(), 2000);
    QCOMPARE(layout.count(), 1);
    QVERIFY(inserted.count() <= 2);
    QCOMPARE(kept.row(), 1237);
    QCOMPARE(reset.count(), 0);
}

void TestDialogFilterProxyModel::sortFollowsUpdates()
{
    Fixture f;
    f.proxy.sort(Model::ToColumn);
    QCOMPARE(f.keys().first(), quint64(0)); // sip:bob0@
    DialogRow row = f.model.rowAt(25);
    row.dialog.toUri = "sip:Aardvark@example.net";
    f.model.apply(DialogRows::upserts({row}));
    QCOMPARE(f.keys().first(), quint64(25));
}

QTEST_MAIN(TestDialogFilterProxyModel)
#include "tst_dialogfilterproxymodel.moc"
