// SPDX-License-Identifier: GPL-3.0-or-later
// The column chooser: the header menu hides and shows columns, order and widths survive a new
// window, "Reset columns", and header columns reach the settings, the model and the core.
#include <QAction>
#include <QHeaderView>
#include <QMenu>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "backend/eventlog.h"
#include "backend/mirrorsettings.h"
#include "tests/ui/dialogrows.h"
#include "tests/ui/testengine.h"
#include "ui/columnchooser.h"
#include "ui/mainwindow.h"
#include "ui/models/dialogtablemodel.h"

using namespace Qt::StringLiterals;

namespace
{
QAction *actionFor(QMenu *menu, const QString &text)
{
    for (QAction *action : menu->actions())
    {
        if (action->text() == text)
        {
            return action;
        }
    }
    return nullptr;
}
} // namespace

class TestColumnChooser final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void menuHidesAndShowsColumns();
    void layoutSurvivesANewWindow();
    void headerColumnsReachSettingsModelAndCore();

private:
    QTemporaryDir m_dir;
};

void TestColumnChooser::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QCoreApplication::setOrganizationName(u"CallDeckTest"_s);
    QCoreApplication::setApplicationName(u"tst_columnchooser"_s);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
}

void TestColumnChooser::init()
{
    QSettings().clear();
}

void TestColumnChooser::menuHidesAndShowsColumns()
{
    DialogTableModel model;
    model.setTickIntervalMs(0);
    QTableView table;
    table.setModel(&model);
    ColumnChooser chooser(&table, &model, nullptr);
    QHeaderView *header = table.horizontalHeader();
    QVERIFY(header->sectionsMovable());
    QCOMPARE(header->contextMenuPolicy(), Qt::CustomContextMenu);

    std::unique_ptr<QMenu> menu(chooser.createMenu(nullptr));
    QAction *callId = actionFor(menu.get(), u"Call-ID"_s);
    QVERIFY(callId);
    QVERIFY(callId->isChecked());
    callId->trigger();
    QVERIFY(header->isSectionHidden(DialogTableModel::CallIdColumn));
    menu.reset(chooser.createMenu(nullptr));
    callId = actionFor(menu.get(), u"Call-ID"_s);
    QVERIFY(!callId->isChecked());
    callId->trigger();
    QVERIFY(!header->isSectionHidden(DialogTableModel::CallIdColumn));

    // The last shown column cannot be hidden.
    for (int column = 1; column < model.columnCount(); ++column)
    {
        header->hideSection(column);
    }
    menu.reset(chooser.createMenu(nullptr));
    QVERIFY(!actionFor(menu.get(), u"State"_s)->isEnabled());
    QVERIFY(actionFor(menu.get(), u"To"_s)->isEnabled());
    QVERIFY(menu->findChild<QAction *>(u"addHeaderColumnAction"_s));
    menu->findChild<QAction *>(u"resetColumnsAction"_s)->trigger();
    QCOMPARE(header->hiddenSectionCount(), 0);
}

void TestColumnChooser::layoutSurvivesANewWindow()
{
    EventLog log;
    TestEngine engine;
    {
        MainWindow window(&log, engine.services(), {});
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QHeaderView *header = window.dialogTable()->horizontalHeader();
        std::unique_ptr<QMenu> menu(window.columnChooser()->createMenu(nullptr));
        actionFor(menu.get(), u"Caller contact"_s)->trigger();
        header->moveSection(header->visualIndex(DialogTableModel::ToColumn), 0);
        header->resizeSection(DialogTableModel::FromColumn, 333);
        window.close();
    }
    MainWindow window(&log, engine.services(), {});
    QHeaderView *header = window.dialogTable()->horizontalHeader();
    QVERIFY(header->isSectionHidden(DialogTableModel::CallerContactColumn));
    QCOMPARE(header->visualIndex(DialogTableModel::ToColumn), 0);
    QCOMPARE(header->sectionSize(DialogTableModel::FromColumn), 333);
    QVERIFY(!header->isSectionHidden(DialogTableModel::CalleeContactColumn));

    // Rows arriving later do not undo the restored widths.
    emit window.dialogDeltaTaken(DialogRows::upserts(DialogRows::range(1, 3)));
    QCOMPARE(header->sectionSize(DialogTableModel::FromColumn), 333);

    window.columnChooser()->resetColumns();
    QVERIFY(!header->isSectionHidden(DialogTableModel::CallerContactColumn));
    QCOMPARE(header->visualIndex(DialogTableModel::ToColumn), int(DialogTableModel::ToColumn));
    QVERIFY(header->sectionSize(DialogTableModel::FromColumn) != 333);
}

void TestColumnChooser::headerColumnsReachSettingsModelAndCore()
{
    EventLog log;
    TestEngine engine;
    MainWindow window(&log, engine.services(), {});
    ColumnChooser *chooser = window.columnChooser();
    DialogTableModel *model = window.dialogModel();
    const auto coreColumns = [&engine] {
        std::vector<std::string> names;
        engine.worker.call([&names](CoreContext &context) { names = context.engine.config().headerColumns; });
        return names;
    };

    QString error;
    QVERIFY(!chooser->addHeaderColumn(u"Not a header"_s, &error));
    QVERIFY2(error.contains(u"not a SIP header name"_s), qPrintable(error));
    QVERIFY(!chooser->addHeaderColumn(u""_s, &error));
    QVERIFY(chooser->addHeaderColumn(u" P-Asserted-Identity "_s, &error));
    QVERIFY(!chooser->addHeaderColumn(u"p-asserted-identity"_s, &error));
    QVERIFY2(error.contains(u"already"_s), qPrintable(error));
    QVERIFY(chooser->addHeaderColumn(u"X-Account"_s));

    QCOMPARE(model->columnCount(), DialogTableModel::ColumnCount + 2);
    QCOMPARE(model->headerData(DialogTableModel::ColumnCount, Qt::Horizontal).toString(),
             u"P-Asserted-Identity"_s);
    QCOMPARE(MirrorSettings().headerColumns(), (QStringList{u"P-Asserted-Identity"_s, u"X-Account"_s}));
    QCOMPARE(coreColumns(), (std::vector<std::string>{"P-Asserted-Identity", "X-Account"}));

    chooser->removeHeaderColumn(u"P-Asserted-Identity"_s);
    QCOMPARE(model->headerColumns(), QStringList{u"X-Account"_s});
    QCOMPARE(coreColumns(), std::vector<std::string>{"X-Account"});

    // Eight at most.
    for (int i = 1; i < DialogTableModel::MaxHeaderColumns; ++i)
    {
        QVERIFY(chooser->addHeaderColumn(u"X-%1"_s.arg(i)));
    }
    QVERIFY(!chooser->addHeaderColumn(u"X-Nine"_s, &error));
    QVERIFY2(error.contains(u"At most 8"_s), qPrintable(error));
    std::unique_ptr<QMenu> menu(chooser->createMenu(nullptr));
    QVERIFY(!menu->findChild<QAction *>(u"addHeaderColumnAction"_s)->isEnabled());

    // A new window starts with them (read from Mirror/HeaderColumns).
    MainWindow next(&log, engine.services(), {});
    QCOMPARE(next.dialogModel()->headerColumns().size(), DialogTableModel::MaxHeaderColumns);
}

QTEST_MAIN(TestColumnChooser)
#include "tst_columnchooser.moc"
