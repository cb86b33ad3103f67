// SPDX-License-Identifier: GPL-3.0-or-later
// The filter bar: each field filter through its widget, their combination, the count, Esc and
// Ctrl+F, saved filters across instances, and a click in the Profiles view filtering the table.
#include <memory>

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QInputDialog>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

#include "tests/ui/dialogrows.h"
#include "ui/filterbar.h"
#include "ui/models/dialogfilterproxymodel.h"
#include "ui/models/dialogtablemodel.h"
#include "ui/profilesdock.h"
#include "ui/profilesmodel.h"

using namespace Qt::StringLiterals;

namespace
{
/// 30 dialogs, keys 0..29: states 2 (key % 3 == 0) or 4; INVITE key minutes before "now" (so
/// key 10 is 10 minutes old); origins mirror, "kam1" (keys 20..24) and "mirror + kam1" (25..29);
/// trunk=gw-a for even keys, trunk=gw-b for 1, 3, 5.
struct Fixture
{
    qint64 now = DialogRows::BaseSec * 1000;
    DialogTableModel model;
    DialogFilterProxyModel proxy;
    std::unique_ptr<FilterBar> bar;
    std::unique_ptr<QAbstractItemModelTester> tester;

    Fixture()
    {
        model.setClock([this] { return now; });
        model.setTickIntervalMs(0);
        std::vector<DialogRow> rows;
        for (quint64 key = 0; key < 30; ++key)
        {
            DialogRow row = DialogRows::make(key, key % 3 == 0 ? 2 : 4);
            row.dialog.initTs = std::uint32_t(DialogRows::BaseSec - qint64(key) * 60);
            if (key % 2 == 0)
            {
                row.dialog.profiles = {{"trunk", "gw-a"}};
            }
            else if (key < 6)
            {
                row.dialog.profiles = {{"trunk", "gw-b"}, {"inbound", std::nullopt}};
            }
            if (key >= 20)
            {
                row.origin = key < 25 ? u"kam1"_s : u"mirror + kam1"_s;
            }
            rows.push_back(std::move(row));
        }
        model.apply(DialogRows::upserts(std::move(rows)));
        model.tick();
        proxy.setSourceModel(&model);
        bar = std::make_unique<FilterBar>(&proxy, &model);
        tester = std::make_unique<QAbstractItemModelTester>(
            &proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
    }
    template<typename T>
    T *child(const QString &name) const
    {
        auto *found = bar->findChild<T *>(name);
        Q_ASSERT_X(found, "Fixture::child", qPrintable(name));
        return found;
    }
    QList<quint64> keys() const
    {
        QList<quint64> out;
        for (int row = 0; row < proxy.rowCount(); ++row)
        {
            out.append(proxy.index(row, 0).data(DialogTableModel::KeyRole).toULongLong());
        }
        std::sort(out.begin(), out.end());
        return out;
    }
};

QList<quint64> keysWhere(const std::function<bool(quint64)> &keep)
{
    QList<quint64> out;
    for (quint64 key = 0; key < 30; ++key)
    {
        if (keep(key))
        {
            out.append(key);
        }
    }
    return out;
}
} // namespace

class TestFilterBar final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void textFilterWaitsForAPauseInTyping();
    void stateFilter();
    void profileAndValueFilter();
    void originFilter();
    void ageFilter();
    void fromAndToPatterns();
    void filtersCombine();
    void escapeClearsAndCtrlFFocuses();
    void savedFiltersRoundTrip();
    void clickInProfilesViewFiltersTheTable();

private:
    QTemporaryDir m_dir;
};

void TestFilterBar::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QCoreApplication::setOrganizationName(u"CallDeckTest"_s);
    QCoreApplication::setApplicationName(u"tst_filterbar"_s);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
}

void TestFilterBar::init()
{
    QSettings().clear();
}

void TestFilterBar::textFilterWaitsForAPauseInTyping()
{
    Fixture f;
    QCOMPARE(f.bar->countText(), u"30 dialogs"_s);
    QTest::keyClicks(f.bar->textEdit(), u"ALICE2"_s);
    QCOMPARE(f.proxy.rowCount(), 30); // not per key
    QTRY_COMPARE(f.keys(), keysWhere([](quint64 k) { return k == 2 || (k >= 20 && k <= 29); }));
    QCOMPARE(f.bar->countText(), u"11 of 30 dialogs"_s);
    QCOMPARE(f.proxy.textFilter(), u"ALICE2"_s);
    // Return applies at once.
    QTest::keyClick(f.bar->textEdit(), Qt::Key_1);
    QTest::keyClick(f.bar->textEdit(), Qt::Key_Return);
    QCOMPARE(f.keys(), QList<quint64>{21});
}

void TestFilterBar::stateFilter()
{
    Fixture f;
    auto *button = f.child<QToolButton>(u"filterStates"_s);
    QCOMPARE(button->text(), u"Any state"_s);
    const QList<QAction *> states = button->menu()->actions();
    QCOMPARE(states.size(), 5);
    states[1]->trigger(); // state 2, early
    QCOMPARE(f.keys(), keysWhere([](quint64 k) { return k % 3 == 0; }));
    QCOMPARE(button->text(), states[1]->text());
    states[3]->trigger(); // and 4
    QCOMPARE(f.proxy.rowCount(), 30);
    QCOMPARE(f.proxy.stateFilter(), (QList<int>{2, 4}));
    states[1]->trigger();
    QCOMPARE(f.keys(), keysWhere([](quint64 k) { return k % 3 != 0; }));
}

void TestFilterBar::profileAndValueFilter()
{
    Fixture f;
    auto *profile = f.child<QLineEdit>(u"filterProfile"_s);
    auto *value = f.child<QLineEdit>(u"filterProfileValue"_s);
    QTest::keyClicks(profile, u"trunk"_s);
    QTest::keyClick(profile, Qt::Key_Return);
    QCOMPARE(f.keys(), keysWhere([](quint64 k) { return k % 2 == 0 || k < 6; }));
    QTest::keyClicks(value, u"gw-b"_s);
    QTest::keyClick(value, Qt::Key_Return);
    QCOMPARE(f.keys(), (QList<quint64>{1, 3, 5}));
    QCOMPARE(f.proxy.profileValue(), u"gw-b"_s);
    value->clear();
    profile->setText(u"inbound"_s);
    f.bar->applyNow();
    QCOMPARE(f.keys(), (QList<quint64>{1, 3, 5}));
    QVERIFY(f.proxy.profileValue().isNull()); // an empty value field: any value
}

void TestFilterBar::originFilter()
{
    Fixture f;
    auto *origin = f.child<QComboBox>(u"filterOrigin"_s);
    // Learnt from the rows: every part of every origin, once.
    QCOMPARE(origin->count(), 3);
    QCOMPARE(origin->itemData(1).toString(), u"kam1"_s);
    QCOMPARE(origin->itemData(2).toString(), u"mirror"_s);
    origin->setCurrentIndex(1);
    QCOMPARE(f.keys(), keysWhere([](quint64 k) { return k >= 20; })); // its own rows and the merged ones
    origin->setCurrentIndex(2);
    QCOMPARE(f.keys(), keysWhere([](quint64 k) { return k < 20 || k >= 25; }));

    // A proxy that appears later joins the list.
    DialogRow late = DialogRows::make(100);
    late.origin = u"mirror + kam2"_s;
    f.model.apply(DialogRows::upserts({late}));
    QCOMPARE(origin->count(), 4);
    QCOMPARE(origin->currentData().toString(), u"mirror"_s); // the choice stays
}

void TestFilterBar::ageFilter()
{
    Fixture f;
    auto *age = f.child<QSpinBox>(u"filterAge"_s);
    age->setValue(10);
    QTRY_COMPARE(f.keys(), keysWhere([](quint64 k) { return k >= 10; }));
    QCOMPARE(f.proxy.minimumAge(), 600);
    age->setValue(0);
    QTRY_COMPARE(f.proxy.rowCount(), 30);
}

void TestFilterBar::fromAndToPatterns()
{
    Fixture f;
    auto *from = f.child<QLineEdit>(u"filterFrom"_s);
    auto *to = f.child<QLineEdit>(u"filterTo"_s);
    QTest::keyClicks(from, u"SIP:ALICE1?@*"_s);
    QTRY_COMPARE(f.keys(), keysWhere([](quint64 k) { return k >= 10 && k <= 19; }));
    QTest::keyClicks(to, u"*bob1[5]*"_s); // brackets are literal, nothing matches
    QTRY_COMPARE(f.proxy.rowCount(), 0);
    to->clear();
    QTest::keyClicks(to, u"*5@example.net"_s);
    QTRY_COMPARE(f.keys(), QList<quint64>{15});
}

void TestFilterBar::filtersCombine()
{
    Fixture f;
    DialogFilter filter;
    filter.states = {4};
    filter.profileName = u"trunk"_s;
    filter.profileValue = u"gw-a"_s;
    filter.minimumAgeSeconds = 5 * 60;
    filter.fromPattern = u"*alice2?@*"_s;
    filter.origin = u"kam1"_s;
    f.bar->setFilter(filter);
    // state 4: k % 3 != 0; gw-a: even; >= 5 min; alice2x; kam1 or mirror + kam1: 20..29
    QCOMPARE(f.keys(), (QList<quint64>{20, 22, 26, 28}));
    QCOMPARE(f.proxy.filter(), filter.normalized());
    QCOMPARE(f.bar->filter(), filter.normalized()); // the fields show it
    QCOMPARE(f.child<QComboBox>(u"filterOrigin"_s)->currentData().toString(), u"kam1"_s);
    QCOMPARE(f.child<QSpinBox>(u"filterAge"_s)->value(), 5);
    QCOMPARE(f.bar->countText(), u"4 of 30 dialogs"_s);
}

void TestFilterBar::escapeClearsAndCtrlFFocuses()
{
    QWidget window; // outlives the fixture, whose bar it holds
    Fixture f;
    f.bar->setParent(&window);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));

    QCOMPARE(f.bar->focusAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_F));
    QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(f.bar->textEdit()->hasFocus());

    f.child<QLineEdit>(u"filterFrom"_s)->setText(u"*alice1*"_s);
    QTest::keyClicks(f.bar->textEdit(), u"bob1"_s);
    QTest::keyClick(f.bar->textEdit(), Qt::Key_Return);
    QVERIFY(f.proxy.isFiltering());
    QTest::keyClick(f.bar->textEdit(), Qt::Key_Escape);
    QVERIFY(!f.proxy.isFiltering());
    QVERIFY(f.bar->textEdit()->text().isEmpty());
    QVERIFY(f.child<QLineEdit>(u"filterFrom"_s)->text().isEmpty());
    QCOMPARE(f.bar->countText(), u"30 dialogs"_s);
}

void TestFilterBar::savedFiltersRoundTrip()
{
    DialogFilter saved;
    saved.text = u"alice"_s;
    saved.states = {4, 2};
    saved.profileName = u"trunk"_s;
    saved.profileValue = u""_s; // the empty value, not "any"
    saved.origin = u"kam1"_s;
    saved.minimumAgeSeconds = 120;
    saved.toPattern = u"*@example.net"_s;
    QCOMPARE(DialogFilter::fromVariantMap(saved.toVariantMap()), saved.normalized());
    QVERIFY(!DialogFilter::fromVariantMap(saved.toVariantMap()).profileValue.isNull());
    DialogFilter anyValue = saved;
    anyValue.profileValue = QString();
    QVERIFY(anyValue != saved);
    QVERIFY(DialogFilter::fromVariantMap(anyValue.toVariantMap()).profileValue.isNull());

    {
        Fixture f;
        f.bar->setFilter(saved);
        // Save through the dialog the Save button opens.
        f.child<QToolButton>(u"saveFilter"_s)->click();
        auto *dialog = f.bar->findChild<QInputDialog *>(u"saveFilterDialog"_s);
        QVERIFY(dialog);
        dialog->setTextValue(u"  West trunk  "_s);
        dialog->accept();
        f.bar->clear();
        QVERIFY(!f.proxy.isFiltering());
        DialogFilter other;
        other.states = {1};
        f.bar->setFilter(other);
        f.bar->saveAs(u"unconfirmed"_s);
    }
    // A new bar (another window, the next start) reads them from the settings.
    Fixture f;
    auto *list = f.child<QComboBox>(u"savedFilters"_s);
    QCOMPARE(list->count(), 3);
    QCOMPARE(list->itemText(1), u"unconfirmed"_s);
    QCOMPARE(list->itemText(2), u"West trunk"_s);
    QCOMPARE(f.bar->savedFilters().names(), (QStringList{u"unconfirmed"_s, u"West trunk"_s}));
    QVERIFY(f.bar->applySaved(u"West trunk"_s));
    QCOMPARE(f.proxy.filter(), saved.normalized());
    QCOMPARE(list->currentText(), u"West trunk"_s);
    f.child<QToolButton>(u"deleteFilter"_s)->click();
    QCOMPARE(SavedFilters().names(), QStringList{u"unconfirmed"_s});
    QVERIFY(!f.bar->applySaved(u"West trunk"_s));
}

void TestFilterBar::clickInProfilesViewFiltersTheTable()
{
    Fixture f;
    ProfilesDock dock;
    dock.model()->apply(DialogRows::upserts([&] {
        std::vector<DialogRow> rows;
        for (int row = 0; row < f.model.rowCount(); ++row)
        {
            rows.push_back(f.model.rowAt(row));
        }
        return rows;
    }()));
    QObject::connect(&dock, &ProfilesDock::profileActivated, f.bar.get(), &FilterBar::setProfileFilter);
    dock.resize(300, 400);
    dock.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dock));
    QTreeView *view = dock.view();
    view->expandAll();
    const auto click = [view](const QModelIndex &sourceIndex) {
        const auto *sorted = static_cast<const QSortFilterProxyModel *>(view->model());
        const QModelIndex at = sorted->mapFromSource(sourceIndex);
        QVERIFY(at.isValid());
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(at).center());
    };

    click(dock.model()->find(u"trunk"_s, u"gw-b"_s));
    QCOMPARE(f.keys(), (QList<quint64>{1, 3, 5}));
    QCOMPARE(f.child<QLineEdit>(u"filterProfile"_s)->text(), u"trunk"_s);
    QCOMPARE(f.child<QLineEdit>(u"filterProfileValue"_s)->text(), u"gw-b"_s);
    click(dock.model()->find(u"trunk"_s));
    QCOMPARE(f.keys(), keysWhere([](quint64 k) { return k % 2 == 0 || k < 6; }));
    QVERIFY(f.proxy.profileValue().isNull());
    QCOMPARE(f.bar->countText(), u"18 of 30 dialogs"_s);
}

QTEST_MAIN(TestFilterBar)
#include "tst_filterbar.moc"
