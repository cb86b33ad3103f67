// SPDX-License-Identifier: GPL-3.0-or-later

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QIcon>
#include <QSignalSpy>
#include <QTest>

#include "tests/ui/dialogrows.h"
#include "ui/models/dialoghistorymodel.h"
#include "ui/models/dialogtablemodel.h"

using namespace Qt::StringLiterals;
using Model = DialogTableModel;

namespace
{
const QList<int> PlainRoles{Qt::DisplayRole, Model::RawValueRole, Qt::ToolTipRole};
const QList<int> VisualRoles{Qt::DisplayRole, Model::RawValueRole, Qt::ToolTipRole, Qt::DecorationRole,
                             Qt::ForegroundRole};
const QList<int> ClockRoles{Qt::DisplayRole, Model::RawValueRole};

// "rows 2-3, columns 6-6, plain": one dataChanged, its roles named after the lists above.
QString span(const int top, const int bottom, const int left, const int right, const QList<int> &roles)
{
    const QString kind = roles == PlainRoles    ? u"plain"_s
                         : roles == VisualRoles ? u"visual"_s
                         : roles == ClockRoles  ? u"clock"_s
                                                : u"other roles"_s;
    return u"rows %1-%2, columns %3-%4, %5"_s.arg(top).arg(bottom).arg(left).arg(right).arg(kind);
}

QStringList spans(const QSignalSpy &spy)
{
    QStringList out;
    for (const QList<QVariant> &signal : spy)
    {
        const auto topLeft = signal.at(0).value<QModelIndex>();
        const auto bottomRight = signal.at(1).value<QModelIndex>();
        out.append(span(topLeft.row(), bottomRight.row(), topLeft.column(), bottomRight.column(),
                        signal.at(2).value<QList<int>>()));
    }
    return out;
}

/// The model under test with a hand-driven clock, no timer, the tester attached and spies.
struct Fixture
{
    qint64 now = DialogRows::BaseSec * 1000;
    DialogHistoryModel history;
    Model model;
    QAbstractItemModelTester tester{&model, QAbstractItemModelTester::FailureReportingMode::Fatal};
    QSignalSpy inserted{&model, &QAbstractItemModel::rowsInserted};
    QSignalSpy aboutToRemove{&model, &QAbstractItemModel::rowsAboutToBeRemoved};
    QSignalSpy removed{&model, &QAbstractItemModel::rowsRemoved};
    QSignalSpy changed{&model, &QAbstractItemModel::dataChanged};
    QSignalSpy reset{&model, &QAbstractItemModel::modelReset};

    Fixture()
    {
        model.setClock([this] { return now; });
        model.setTickIntervalMs(0);
        model.setHistory(&history);
    }
    void fill(const int count)
    {
        model.apply(DialogRows::upserts(DialogRows::range(0, count)));
        inserted.clear();
        changed.clear();
    }
    void advance(const qint64 ms) { now += ms; }
};

// A copy of row @p row with the caller's CSeq bumped (Caller contact column only).
DialogRow bumped(const Model &model, const int row)
{
    DialogRow copy = model.rowAt(row);
    copy.dialog.caller.cseq = std::to_string(std::stoi(copy.dialog.caller.cseq.value_or("1")) + 1);
    return copy;
}

} // namespace

class TestDialogTableModel final : public QObject
{
    Q_OBJECT

private slots:
    void columnsAndRoles();
    void oneInsertPerApply();
    void sameNewKeyTwiceIsOneRow();
    void unchangedUpsertIsSilent();
    void scatteredUpdatesAreSeparateSpans();
    void contiguousUpdatesMergeIntoOneSpan();
    void stateChangeCarriesVisualRoles();
    void moreThanHalfIsOneSignal();
    void endedDialogsLingerThenLeaveInDescendingSpans();
    void rowOfKeyIsRightInsideRemovalSignals();
    void removedKeysLingerIfShown();
    void removedAndReaddedInOneDelta();
    void mixedDeltaNeverResets();
    void tickIsOneSignalForTheClockColumns();
    void clearResets();
};

void TestDialogTableModel::columnsAndRoles()
{
    Fixture f;
    DialogRow row = DialogRows::make(7);
    row.dialog.profiles = {{"trunk", "carrier-a"}, {"inbound", std::nullopt}};
    f.model.apply(DialogRows::upserts({row}));
    f.advance(3723'000); // 1:02:03 later...
    QCOMPARE(f.model.index(0, Model::DurationColumn).data().toString(), u"0:00:50"_s);
    f.model.tick(); // ...which the clock columns show from the next tick
    QCOMPARE(f.model.secondsNow(), DialogRows::BaseSec + 3723);
    const auto cell = [&f](const int column, const int role = Qt::DisplayRole) {
        return f.model.index(0, column).data(role);
    };

    QCOMPARE(f.model.columnCount(), int(Model::ColumnCount));
    QCOMPARE(cell(Model::StateColumn).toString(), u"Confirmed"_s);
    QCOMPARE(cell(Model::StateColumn, Model::RawValueRole).toInt(), 4);
    QVERIFY(cell(Model::StateColumn, Qt::DecorationRole).value<QIcon>().availableSizes().size() >= 1);
    QVERIFY(!cell(Model::CallIdColumn, Qt::DecorationRole).isValid());
    QCOMPARE(cell(Model::CallIdColumn).toString(), u"Call-7@Test.Invalid"_s);
    QCOMPARE(cell(Model::CallIdColumn, Qt::ToolTipRole).toString(), u"Call-7@Test.Invalid"_s);
    QCOMPARE(cell(Model::FromColumn).toString(), u"sip:alice7@example.com"_s);
    QCOMPARE(cell(Model::ToColumn).toString(), u"sip:bob7@example.net"_s);
    QCOMPARE(cell(Model::DurationColumn).toString(), u"1:02:53"_s); // answered 50 s before
    QCOMPARE(cell(Model::DurationColumn, Model::RawValueRole).toLongLong(), 3773);
    QCOMPARE(cell(Model::StateAgeColumn).toString(), u"1:02:53"_s); // seen in 4: since start_ts
    QCOMPARE(cell(Model::TimeoutColumn).toString(), u"0:00:00"_s);  // the timer is overdue
    QCOMPARE(cell(Model::TimeoutColumn, Model::RawValueRole).toLongLong(), 0);
    QCOMPARE(cell(Model::ProfilesColumn).toString(), u"trunk=carrier-a, inbound"_s);
    QCOMPARE(cell(Model::ProfilesColumn, Qt::ToolTipRole).toString(), u"trunk = carrier-a\ninbound"_s);
    QCOMPARE(cell(Model::OriginColumn).toString(), u"mirror"_s);
    QCOMPARE(cell(Model::IdColumn).toString(), u"7:8"_s);
    QCOMPARE(cell(Model::IdColumn, Model::RawValueRole).toULongLong(), (quint64(7) << 32) | 8);
    QCOMPARE(cell(Model::CallerContactColumn).toString(), u"sip:alice@10.0.0.1:5060"_s);
    QVERIFY(cell(Model::CallerContactColumn, Qt::ToolTipRole).toString().contains(u"udp:192.0.2.10:5060"_s));
    QCOMPARE(cell(Model::CalleeContactColumn).toString(), u"sip:bob@10.0.0.2:5060"_s);
    QCOMPARE(cell(Model::DurationColumn, Qt::TextAlignmentRole).toInt(),
             int(Qt::AlignRight | Qt::AlignVCenter));
    QVERIFY(!cell(Model::FromColumn, Qt::TextAlignmentRole).isValid());
    QCOMPARE(cell(Model::CallIdColumn, Model::KeyRole).toULongLong(), quint64(7));
    QVERIFY(!cell(Model::FromColumn, Qt::ForegroundRole).isValid()); // live and confirmed: palette

    // Not answered: no duration, no timer (raw values invalid), its own state text
    f.model.apply(DialogRows::upserts({DialogRows::make(8, 2)}));
    const QModelIndex early = f.model.index(1, Model::DurationColumn);
    QCOMPARE(early.data().toString(), QString());
    QVERIFY(!early.data(Model::RawValueRole).isValid());
    QVERIFY(!f.model.index(1, Model::TimeoutColumn).data(Model::RawValueRole).isValid());
    QCOMPARE(f.model.index(1, Model::StateColumn).data().toString(), u"Early"_s);

    QCOMPARE(f.model.headerData(Model::StateAgeColumn, Qt::Horizontal).toString(), u"State age"_s);
    QCOMPARE(f.model.headerData(Model::CalleeContactColumn, Qt::Horizontal).toString(), u"Callee contact"_s);
    QCOMPARE(f.model.rowOfKey(8), 1);
    QCOMPARE(f.model.rowOfKey(99), -1);
    QCOMPARE(f.model.rowAt(0).key, quint64(7));
}

void TestDialogTableModel::oneInsertPerApply()
{
    Fixture f;
    f.model.apply(DialogRows::upserts(DialogRows::range(0, 100)));
    QCOMPARE(f.inserted.count(), 1);
    QCOMPARE(f.inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(f.inserted.at(0).at(2).toInt(), 99);

    f.model.apply(DialogRows::upserts(DialogRows::range(100, 5)));
    QCOMPARE(f.inserted.count(), 2);
    QCOMPARE(f.inserted.at(1).at(1).toInt(), 100);
    QCOMPARE(f.inserted.at(1).at(2).toInt(), 104);
    QCOMPARE(f.model.rowCount(), 105);
    QCOMPARE(f.model.rowOfKey(104), 104);
    QCOMPARE(f.changed.count(), 0);
    QCOMPARE(f.reset.count(), 0);

    f.model.apply(DialogDelta{}); // an empty tick does nothing
    QCOMPARE(f.inserted.count(), 2);
    QCOMPARE(f.changed.count(), 0);
}

void TestDialogTableModel::sameNewKeyTwiceIsOneRow()
{
    Fixture f;
    DialogRow later = DialogRows::make(1);
    later.dialog.toUri = "sip:carol@example.net";
    f.model.apply(DialogRows::upserts({DialogRows::make(1, 2), DialogRows::make(2), later}));
    QCOMPARE(f.inserted.count(), 1);
    QCOMPARE(f.model.rowCount(), 2);
    QCOMPARE(f.model.rowAt(f.model.rowOfKey(1)).dialog.toUri, std::string("sip:carol@example.net"));
}

void TestDialogTableModel::unchangedUpsertIsSilent()
{
    Fixture f;
    f.fill(10);
    DialogRow same = f.model.rowAt(3);
    same.updatedMs += 500; // a newer stamp alone changes nothing shown
    f.model.apply(DialogRows::upserts({same}));
    QCOMPARE(f.changed.count(), 0);
    QCOMPARE(f.inserted.count(), 0);
}

void TestDialogTableModel::scatteredUpdatesAreSeparateSpans()
{
    Fixture f;
    f.fill(20);
    DialogRow profiled = f.model.rowAt(9);
    profiled.dialog.profiles = {{"trunk", "b"}};
    DialogRow moved = f.model.rowAt(2);
    moved.dialog.timeout += 60;
    f.model.apply(DialogRows::upserts({bumped(f.model, 15), profiled, moved}));

    QVERIFY(f.changed.count() <= 3);
    QCOMPARE(spans(f.changed),
             (QStringList{span(2, 2, Model::TimeoutColumn, Model::TimeoutColumn, PlainRoles),
                          span(9, 9, Model::ProfilesColumn, Model::ProfilesColumn, PlainRoles),
                          span(15, 15, Model::CallerContactColumn, Model::CallerContactColumn, PlainRoles)}));
    QCOMPARE(f.model.index(9, Model::ProfilesColumn).data().toString(), u"trunk=b"_s);
    QCOMPARE(f.reset.count(), 0);
}

void TestDialogTableModel::contiguousUpdatesMergeIntoOneSpan()
{
    Fixture f;
    f.fill(20);
    DialogRow six = f.model.rowAt(6);
    six.dialog.toUri = "sip:carol@example.net";
    DialogRow seven = f.model.rowAt(7);
    seven.dialog.profiles = {{"inbound", std::nullopt}};
    // out of order in the delta on purpose
    f.model.apply(DialogRows::upserts({seven, bumped(f.model, 4), six, bumped(f.model, 5)}));

    // the union of the columns, as one rectangle
    QCOMPARE(spans(f.changed),
             QStringList{span(4, 7, Model::ToColumn, Model::CallerContactColumn, PlainRoles)});
}

void TestDialogTableModel::stateChangeCarriesVisualRoles()
{
    Fixture f;
    f.model.apply(DialogRows::upserts(DialogRows::range(0, 10, 2)));
    f.changed.clear();
    f.advance(5000);
    f.model.tick();
    f.changed.clear();
    DialogRow answered = DialogRows::make(3, 4);
    answered.updatedMs = f.now;
    f.model.apply(DialogRows::upserts({answered}));

    // the row's colour follows the state: every column
    QCOMPARE(spans(f.changed), QStringList{span(3, 3, 0, Model::ColumnCount - 1, VisualRoles)});
    QCOMPARE(f.model.index(3, Model::StateColumn).data().toString(), u"Confirmed"_s);
    QCOMPARE(f.model.index(3, Model::StateAgeColumn).data(Model::RawValueRole).toLongLong(), 0);
    QCOMPARE(f.model.index(4, Model::StateAgeColumn).data(Model::RawValueRole).toLongLong(), 65);
}

void TestDialogTableModel::moreThanHalfIsOneSignal()
{
    Fixture f;
    f.fill(10);
    std::vector<DialogRow> rows;
    for (const int row : {0, 2, 4, 6, 8, 9})
    {
        rows.push_back(bumped(f.model, row));
    }
    f.model.apply(DialogRows::upserts(rows));
    QCOMPARE(spans(f.changed),
             QStringList{span(0, 9, Model::CallerContactColumn, Model::CallerContactColumn, PlainRoles)});

    // exactly half stays in spans
    f.changed.clear();
    rows.clear();
    for (const int row : {0, 2, 4, 6, 8})
    {
        rows.push_back(bumped(f.model, row));
    }
    f.model.apply(DialogRows::upserts(rows));
    QCOMPARE(f.changed.count(), 5);
}

void TestDialogTableModel::endedDialogsLingerThenLeaveInDescendingSpans()
{
    Fixture f;
    f.fill(10);
    QSignalSpy historyInserted(&f.history, &QAbstractItemModel::rowsInserted);
    f.model.apply(
        DialogRows::upserts({DialogRows::make(7, 5), DialogRows::make(2, 5), DialogRows::make(3, 5)}));
    const int last = Model::ColumnCount - 1; // rows 2-3 and row 7, with the ended colour
    QCOMPARE(spans(f.changed),
             (QStringList{span(2, 3, 0, last, VisualRoles), span(7, 7, 0, last, VisualRoles)}));
    QVERIFY(f.model.isLingering(2));
    QVERIFY(!f.model.isLingering(4));
    QCOMPARE(f.model.index(7, Model::FromColumn).data(Qt::ForegroundRole).value<QBrush>().color(),
             QColor(0x80, 0x80, 0x80));

    f.advance(Model::DefaultLingerMs - 1);
    f.model.tick();
    f.model.apply(DialogDelta{});
    QCOMPARE(f.model.rowCount(), 10);
    QCOMPARE(f.removed.count(), 0);

    f.advance(1);
    f.model.tick();
    QCOMPARE(f.aboutToRemove.count(), 2);
    QCOMPARE(f.removed.count(), 2);
    QCOMPARE(f.removed.at(0).at(1).toInt(), 7); // the highest span first...
    QCOMPARE(f.removed.at(0).at(2).toInt(), 7);
    QCOMPARE(f.removed.at(1).at(1).toInt(), 2); // ...then the next one down
    QCOMPARE(f.removed.at(1).at(2).toInt(), 3);
    QCOMPARE(f.model.rowCount(), 7);
    for (const quint64 key : {0, 1, 4, 5, 6, 8, 9})
    {
        const int row = f.model.rowOfKey(key);
        QVERIFY(row >= 0);
        QCOMPARE(f.model.rowAt(row).key, key);
    }
    for (const quint64 key : {2, 3, 7})
    {
        QCOMPARE(f.model.rowOfKey(key), -1);
    }
    QCOMPARE(f.reset.count(), 0);

    // One insert into the history, in table order for the same end time
    QCOMPARE(historyInserted.count(), 1);
    QCOMPARE(f.history.rowCount(), 3);
    QCOMPARE(f.history.rowAt(0).key, quint64(2));
    QCOMPARE(f.history.rowAt(1).key, quint64(3));
    QCOMPARE(f.history.rowAt(2).key, quint64(7));
    QCOMPARE(f.history.endedAt(0), DialogRows::BaseSec);

    // A shorter linger applies to what is lingering now
    f.model.setLingerMs(5000);
    f.model.apply(DialogRows::upserts({DialogRows::make(0, 5)}));
    f.advance(5000);
    f.model.apply(DialogDelta{});
    QCOMPARE(f.model.rowCount(), 6);
    QCOMPARE(f.model.rowOfKey(1), 0);
    QCOMPARE(f.history.rowCount(), 4);
}

void TestDialogTableModel::rowOfKeyIsRightInsideRemovalSignals()
{
    Fixture f;
    f.fill(30);
    std::vector<DialogRow> ended;
    for (const quint64 key : {1, 2, 9, 10, 11, 20, 28})
    {
        ended.push_back(DialogRows::make(key, 5));
    }
    f.model.apply(DialogRows::upserts(ended));

    int checks = 0;
    const auto verifyIndex = [&f, &checks] {
        for (int row = 0; row < f.model.rowCount(); ++row)
        {
            const quint64 key = f.model.rowAt(row).key;
            const int found = f.model.rowOfKey(key);
            const bool leaving = f.model.isLingering(row); // the batch's keys read -1 at once
            QCOMPARE(found, leaving ? -1 : row);
            ++checks;
        }
    };
    connect(&f.model, &QAbstractItemModel::rowsAboutToBeRemoved, this, verifyIndex);
    connect(&f.model, &QAbstractItemModel::rowsRemoved, this, verifyIndex);
    f.advance(Model::DefaultLingerMs);
    f.model.tick();
    QCOMPARE(f.removed.count(), 4); // 28 | 20 | 9-11 | 1-2
    QVERIFY(checks > 0);
    QCOMPARE(f.model.rowCount(), 23);
    for (int row = 0; row < f.model.rowCount(); ++row)
    {
        QCOMPARE(f.model.rowOfKey(f.model.rowAt(row).key), row);
    }
}

void TestDialogTableModel::removedKeysLingerIfShown()
{
    Fixture f;
    f.fill(5);
    DialogDelta delta;
    delta.removed = {1, 4, 12345}; // 12345 was never shown
    f.model.apply(std::move(delta));
    QCOMPARE(f.model.rowCount(), 5); // still there for the linger
    QVERIFY(f.model.isLingering(1));
    QVERIFY(f.model.isLingering(4));
    const int last = Model::ColumnCount - 1;
    QCOMPARE(spans(f.changed),
             (QStringList{span(1, 1, 0, last, VisualRoles), span(4, 4, 0, last, VisualRoles)}));
    QVERIFY(f.model.index(1, Model::StateColumn).data(Qt::ForegroundRole).isValid());

    // an ended dialog that the core then destroys keeps its first linger start
    f.advance(10'000);
    f.model.apply(DialogRows::upserts({DialogRows::make(2, 5)}));
    f.advance(5000);
    DialogDelta destroyed;
    destroyed.removed = {2};
    f.model.apply(std::move(destroyed));

    f.advance(Model::DefaultLingerMs - 15'000);
    f.model.tick();
    QCOMPARE(f.model.rowCount(), 3);
    QCOMPARE(f.model.rowOfKey(2), 1);
    f.advance(10'000);
    f.model.tick();
    QCOMPARE(f.model.rowCount(), 2);
    QCOMPARE(f.model.rowOfKey(3), 1);
    QCOMPARE(f.history.rowCount(), 3);
    QCOMPARE(f.reset.count(), 0);
}

void TestDialogTableModel::removedAndReaddedInOneDelta()
{
    Fixture f;
    f.fill(5);
    DialogDelta delta;
    delta.removed = {2, 40};
    DialogRow back = f.model.rowAt(2);
    back.origin = u"proxy-a"_s;
    delta.upserts = {back, DialogRows::make(40)};
    f.model.apply(std::move(delta));

    QCOMPARE(f.model.rowCount(), 6); // 40 was not shown: the upsert adds it
    QCOMPARE(f.inserted.count(), 1);
    QCOMPARE(f.model.rowOfKey(40), 5);
    QCOMPARE(f.model.rowOfKey(2), 2);
    QVERIFY(!f.model.isLingering(2));
    QCOMPARE(f.model.index(2, Model::OriginColumn).data().toString(), u"proxy-a"_s);

    f.advance(2 * Model::DefaultLingerMs);
    f.model.tick();
    QCOMPARE(f.model.rowCount(), 6);
    QCOMPARE(f.removed.count(), 0);
    QCOMPARE(f.reset.count(), 0);
}

void TestDialogTableModel::mixedDeltaNeverResets()
{
    Fixture f;
    f.fill(20);
    f.model.apply(DialogRows::upserts({DialogRows::make(5, 5)}));
    f.advance(Model::DefaultLingerMs);
    f.changed.clear();

    DialogDelta delta;
    delta.upserts = DialogRows::range(100, 3);
    delta.upserts.push_back(bumped(f.model, 10));
    delta.removed = {12};
    f.model.apply(std::move(delta));
    QCOMPARE(f.inserted.count(), 1);
    QCOMPARE(f.removed.count(), 1); // key 5's linger is over
    QCOMPARE(f.changed.count(), 2); // row 10 bumped, row 12 starts lingering
    QCOMPARE(f.model.rowCount(), 22);
    QCOMPARE(f.model.rowOfKey(102), 21);
    QCOMPARE(f.reset.count(), 0);
}

void TestDialogTableModel::tickIsOneSignalForTheClockColumns()
{
    Fixture f;
    f.fill(50);
    f.model.tick();
    const QStringList once{span(0, 49, Model::DurationColumn, Model::TimeoutColumn, ClockRoles)};
    QCOMPARE(spans(f.changed), once);

    const QString before = f.model.index(0, Model::DurationColumn).data().toString();
    f.advance(1000);
    QCOMPARE(f.model.index(0, Model::DurationColumn).data().toString(), before); // all rows move together...
    f.model.tick();
    QCOMPARE(f.model.index(0, Model::DurationColumn).data().toString(), u"0:00:51"_s); // ...at the tick
    QCOMPARE(f.model.stateAgeAt(0), 51);

    // The built-in timer does the same on its own
    f.changed.clear();
    f.model.setTickIntervalMs(20);
    QCOMPARE(f.model.tickIntervalMs(), 20);
    QVERIFY(f.changed.wait(5000));
    f.model.setTickIntervalMs(0);
    QCOMPARE(f.model.tickIntervalMs(), 0);
    QCOMPARE(spans(f.changed).first(), once.first());
}

void TestDialogTableModel::clearResets()
{
    Fixture f;
    f.fill(5);
    f.model.clear();
    QCOMPARE(f.reset.count(), 1);
    QCOMPARE(f.model.rowCount(), 0);
    QCOMPARE(f.model.rowOfKey(1), -1);
    QCOMPARE(f.history.rowCount(), 0);
    f.model.apply(DialogRows::upserts(DialogRows::range(1, 2)));
    QCOMPARE(f.model.rowOfKey(2), 1);
}

QTEST_MAIN(TestDialogTableModel)
#include "tst_dialogtablemodel.moc"
