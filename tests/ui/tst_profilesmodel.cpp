// SPDX-License-Identifier: GPL-3.0-or-later
// The Profiles view's model: live sizes from per-tick deltas, announced in batches, never reset.
#include <memory>

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include "tests/ui/dialogrows.h"
#include "ui/profilesmodel.h"

using namespace Qt::StringLiterals;

namespace
{
DialogRow inProfiles(const quint64 key,
                     const std::vector<std::pair<std::string, std::optional<std::string>>> &p,
                     const std::uint8_t state = 4)
{
    DialogRow row = DialogRows::make(key, state);
    row.dialog.profiles = p;
    return row;
}

struct Spies
{
    explicit Spies(ProfilesModel &model)
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
    }
    QSignalSpy inserted;
    QSignalSpy removed;
    QSignalSpy changed;
    QSignalSpy reset;
    QSignalSpy layout;
};
} // namespace

class TestProfilesModel final : public QObject
{
    Q_OBJECT

private slots:
    void newDialogsInOneTickAreOneInsert();
    void sizesFollowUpdatesAndEnds();
    void mirrorAndProxyRowsAreMerged();
    void valuesLeaveAtZeroInSpans();
};

void TestProfilesModel::newDialogsInOneTickAreOneInsert()
{
    ProfilesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    Spies spies(model);

    // 300 dialogs in one tick: trunk with 3 values, and inbound without a value.
    std::vector<DialogRow> rows;
    for (quint64 key = 0; key < 300; ++key)
    {
        rows.push_back(
            inProfiles(key, {{"trunk", "gw-" + std::to_string(key % 3)}, {"inbound", std::nullopt}}));
    }
    model.apply(DialogRows::upserts(rows));
    QCOMPARE(spies.inserted.count(), 1); // both profiles, their values inside
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.size(u"trunk"_s), 300);
    QCOMPARE(model.size(u"trunk"_s, u"gw-1"_s), 100);
    QCOMPARE(model.size(u"inbound"_s), 300);
    QCOMPARE(model.rowCount(model.find(u"trunk"_s)), 3);
    QCOMPARE(model.rowCount(model.find(u"inbound"_s)), 0);

    // 200 more, two new values: one insert under trunk, one dataChanged per changed span.
    spies.clear();
    rows.clear();
    for (quint64 key = 300; key < 500; ++key)
    {
        rows.push_back(inProfiles(key, {{"trunk", "gw-" + std::to_string(key % 5)}}));
    }
    model.apply(DialogRows::upserts(rows));
    QCOMPARE(spies.inserted.count(), 1);
    QCOMPARE(spies.inserted.first().at(0).value<QModelIndex>(), model.find(u"trunk"_s));
    QCOMPARE(spies.inserted.first().at(1).toInt(), 3);
    QCOMPARE(spies.inserted.first().at(2).toInt(), 4);
    QCOMPARE(spies.changed.count(), 2); // gw-0..gw-2 under trunk (one span), trunk's own size
    QCOMPARE(model.size(u"trunk"_s), 500);
    QCOMPARE(model.size(u"trunk"_s, u"gw-4"_s), 40);
    QCOMPARE(model.size(u"inbound"_s), 300);
    QCOMPARE(spies.reset.count(), 0);
    QCOMPARE(spies.layout.count(), 0);
}

void TestProfilesModel::sizesFollowUpdatesAndEnds()
{
    ProfilesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    Spies spies(model);
    std::vector<DialogRow> rows;
    for (quint64 key = 0; key < 10; ++key)
    {
        rows.push_back(inProfiles(key, {{"trunk", "gw-a"}}, 2));
    }
    model.apply(DialogRows::upserts(rows));
    QCOMPARE(model.size(u"trunk"_s, u"gw-a"_s), 10);

    // A tick where nothing about profiles changes (answered, timers move): no signal.
    spies.clear();
    for (DialogRow &row : rows)
    {
        row.dialog.state = 4;
    }
    model.apply(DialogRows::upserts(rows));
    QCOMPARE(spies.changed.count() + spies.inserted.count() + spies.removed.count(), 0);

    // 3 end (state 5), 2 are dropped by the core, 1 moves to another value.
    DialogDelta delta;
    for (quint64 key : {0, 1, 2})
    {
        delta.upserts.push_back(inProfiles(key, {{"trunk", "gw-a"}}, 5));
    }
    delta.upserts.push_back(inProfiles(9, {{"trunk", "gw-b"}}));
    delta.removed = {3, 4, 42}; // 42 was never counted
    model.apply(delta);
    QCOMPARE(model.size(u"trunk"_s, u"gw-a"_s), 4);
    QCOMPARE(model.size(u"trunk"_s, u"gw-b"_s), 1);
    QCOMPARE(model.size(u"trunk"_s), 5);

    // An ended dialog that comes back counts again; a removed key upserted again too.
    delta = {};
    delta.upserts.push_back(inProfiles(0, {{"trunk", "gw-a"}}));
    model.apply(delta);
    QCOMPARE(model.size(u"trunk"_s, u"gw-a"_s), 5);
    // Every dialog ends: the values go, the profile stays at 0.
    delta = {};
    delta.removed = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    model.apply(delta);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.size(u"trunk"_s), 0);
    QCOMPARE(model.rowCount(model.find(u"trunk"_s)), 0);
    QCOMPARE(spies.reset.count(), 0);
}

void TestProfilesModel::mirrorAndProxyRowsAreMerged()
{
    ProfilesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    // A mirror row, a proxy-only row (key bit 63), and a merged row carrying the proxy's profiles.
    DialogRow mirror = inProfiles(1, {{"caller", "alice"}});
    DialogRow proxyOnly = inProfiles((quint64(1) << 63) | 7, {{"caller", "alice"}});
    proxyOnly.origin = u"kam1"_s;
    DialogRow merged = inProfiles(2, {{"caller", "bob"}});
    merged.origin = u"mirror + kam1"_s;
    model.apply(DialogRows::upserts({mirror, proxyOnly, merged}));
    QCOMPARE(model.size(u"caller"_s, u"alice"_s), 2);
    QCOMPARE(model.size(u"caller"_s), 3);
    // The proxy row links to the mirror's dialog: its own row goes, one dialog stays.
    DialogDelta link;
    link.removed = {proxyOnly.key};
    mirror.origin = u"mirror + kam1"_s;
    link.upserts = {mirror};
    model.apply(link);
    QCOMPARE(model.size(u"caller"_s, u"alice"_s), 1);
    QCOMPARE(model.size(u"caller"_s), 2);
    const QModelIndex alice = model.find(u"caller"_s, u"alice"_s);
    QCOMPARE(alice.data(ProfilesModel::ProfileNameRole).toString(), u"caller"_s);
    QCOMPARE(alice.data(ProfilesModel::ProfileValueRole).toString(), u"alice"_s);
    QVERIFY(!model.find(u"caller"_s).data(ProfilesModel::ProfileValueRole).isValid());
    QCOMPARE(alice.siblingAtColumn(ProfilesModel::SizeColumn).data().toLongLong(), 1);
}

void TestProfilesModel::valuesLeaveAtZeroInSpans()
{
    ProfilesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    Spies spies(model);
    std::vector<DialogRow> rows;
    for (quint64 key = 0; key < 10; ++key)
    {
        rows.push_back(inProfiles(key, {{"caller", "user" + std::to_string(key)}}));
    }
    model.apply(DialogRows::upserts(rows));
    spies.clear();
    // Values 2, 3, 4 and 7 drop to zero: two removals (7, then 2..4), highest first.
    DialogDelta delta;
    delta.removed = {2, 3, 4, 7};
    model.apply(delta);
    QCOMPARE(spies.removed.count(), 2);
    QCOMPARE(spies.removed.at(0).at(1).toInt(), 7);
    QCOMPARE(spies.removed.at(1).at(1).toInt(), 2);
    QCOMPARE(spies.removed.at(1).at(2).toInt(), 4);
    QCOMPARE(model.rowCount(model.find(u"caller"_s)), 6);
    QCOMPARE(model.size(u"caller"_s, u"user8"_s), 1);
    QVERIFY(!model.find(u"caller"_s, u"user3"_s).isValid());
    QCOMPARE(model.size(u"caller"_s), 6);
    QCOMPARE(spies.reset.count(), 0);
}

QTEST_MAIN(TestProfilesModel)
#include "tst_profilesmodel.moc"
