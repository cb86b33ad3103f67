// SPDX-License-Identifier: GPL-3.0-or-later
// Settings → Mirror listeners…: add, edit and remove entries; a bad entry or a repeat is refused
// with a message that says what to write; nothing is stored until every entry is fine.
#include <QCoreApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "backend/listenersettings.h"
#include "ui/listenersettingsdialog.h"

using namespace Qt::StringLiterals;

namespace
{
/// The list's line editor while an entry is being edited (a shown dialog), else null.
QLineEdit *openEditor(const QListWidget *list)
{
    for (QLineEdit *editor : list->findChildren<QLineEdit *>())
    {
        if (editor->isVisible())
        {
            return editor;
        }
    }
    return nullptr;
}

/// What the operator does: types @p text into the open editor and presses Return (and waits for
/// the edit to end; false when it does not); without an editor (a hidden dialog), the current
/// entry's text is replaced.
bool typeInto(QListWidget *list, const QString &text)
{
    if (QLineEdit *editor = openEditor(list))
    {
        editor->setText(text);
        QTest::keyClick(editor, Qt::Key_Return);
        return QTest::qWaitFor([list] { return !openEditor(list); }); // the view commits on its next turn
    }
    list->currentItem()->setText(text);
    return true;
}

/// With CALLDECK_TEST_GRAB_DIR set, saves a PNG of @p widget there (to look at the dialog).
void grab(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("CALLDECK_TEST_GRAB_DIR");
    if (!dir.isEmpty())
    {
        widget->grab().save(dir + u'/' + name + u".png"_s);
    }
}
} // namespace

class TestListenerSettingsDialog final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"CallDeckTest"_s);
        QCoreApplication::setApplicationName(u"tst_listenersettingsdialog"_s);
        QVERIFY(m_dir.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
    }
    void init() { QSettings().clear(); }

    void addEditRemove()
    {
        ListenerSettingsDialog dialog({}, false);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QListWidget *list = dialog.list();
        QCOMPARE(list->count(), 0);
        QVERIFY(!dialog.editButton()->isEnabled());
        QVERIFY(!dialog.removeButton()->isEnabled());

        // Add proposes the default and opens it for typing.
        QTest::mouseClick(dialog.addButton(), Qt::LeftButton);
        QCOMPARE(list->count(), 1);
        QCOMPARE(list->currentRow(), 0);
        QCOMPARE(list->item(0)->text(), u"127.0.0.1:9060"_s);
        QTRY_VERIFY(openEditor(list));
        QVERIFY(typeInto(list, u"0.0.0.0:9060"_s));
        QTRY_VERIFY(!openEditor(list));
        QCOMPARE(list->item(0)->text(), u"0.0.0.0:9060"_s);
        QVERIFY(dialog.isVisible()); // Return ends the edit, not the dialog
        QVERIFY(ListenerSettings().listeners().isEmpty());
        // A second Add proposes the next port on the same host.
        QTest::mouseClick(dialog.addButton(), Qt::LeftButton);
        QCOMPARE(list->item(1)->text(), u"0.0.0.0:9061"_s);
        QVERIFY(!dialog.errorLabel()->isVisibleTo(&dialog));
        QTRY_VERIFY(openEditor(list));
        QVERIFY(typeInto(list, u"0.0.0.0:9061"_s));
        QTest::mouseClick(dialog.addButton(), Qt::LeftButton);
        QTRY_VERIFY(openEditor(list));
        QVERIFY(typeInto(list, u"[::1]:9070"_s));
        QTRY_VERIFY(!openEditor(list));

        // Edit opens the selected entry for typing.
        list->setCurrentRow(1);
        QVERIFY(dialog.editButton()->isEnabled());
        QTest::mouseClick(dialog.editButton(), Qt::LeftButton);
        QTRY_VERIFY(openEditor(list));
        QCOMPARE(openEditor(list)->text(), u"0.0.0.0:9061"_s);
        QVERIFY(typeInto(list, u"10.0.0.5:5999"_s));
        QTRY_VERIFY(!openEditor(list));

        // Remove drops the selected entry.
        list->setCurrentRow(0);
        QTest::mouseClick(dialog.removeButton(), Qt::LeftButton);
        QCOMPARE(dialog.entries(), (QStringList{u"10.0.0.5:5999"_s, u"[::1]:9070"_s}));

        QVERIFY2(dialog.apply(), qPrintable(dialog.errorLabel()->text()));
        QCOMPARE(ListenerSettings().listeners(), (QStringList{u"10.0.0.5:5999"_s, u"[::1]:9070"_s}));

        // The stored list comes back in a new dialog.
        ListenerSettingsDialog again({}, false);
        QCOMPARE(again.entries(), (QStringList{u"10.0.0.5:5999"_s, u"[::1]:9070"_s}));
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        grab(&again, u"listener-settings"_s);
    }

    void invalidEntryIsRefusedWithTheReason()
    {
        ListenerSettings().setListeners({u"127.0.0.1:9080"_s}, nullptr);
        ListenerSettingsDialog dialog({}, false);
        QListWidget *list = dialog.list();
        QTest::mouseClick(dialog.addButton(), Qt::LeftButton);
        QVERIFY(typeInto(list, u"10.0.0.1"_s));
        // Said at once, below the list and on the entry.
        QVERIFY(dialog.errorLabel()->isVisibleTo(&dialog));
        QVERIFY2(dialog.errorLabel()->text().startsWith(u"Listener 2: '10.0.0.1' is not ADDR:PORT"_s),
                 qPrintable(dialog.errorLabel()->text()));
        QVERIFY(dialog.errorLabel()->text().contains(u"0.0.0.0:9060"_s));
        QVERIFY(dialog.errorLabel()->text().contains(u"[::1]:9060"_s));
        QCOMPARE(list->item(1)->toolTip(), dialog.errorLabel()->text());
        QVERIFY(list->item(0)->toolTip().isEmpty());
        QVERIFY(!list->item(1)->icon().isNull()); // seen even when the entry is selected
        QVERIFY(list->item(0)->icon().isNull());

        // OK refuses, selects the entry and stores nothing.
        list->setCurrentRow(0);
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(!dialog.apply());
        QCOMPARE(list->currentRow(), 1);
        QCOMPARE(ListenerSettings().listeners(), QStringList{u"127.0.0.1:9080"_s});
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        grab(&dialog, u"listener-settings-invalid"_s);

        QVERIFY(typeInto(list, u"::1:9060"_s));
        QVERIFY2(
            dialog.errorLabel()->text().contains(u"write IPv6 addresses in brackets, such as [::1]:9060"_s),
            qPrintable(dialog.errorLabel()->text()));
        QVERIFY(typeInto(list, u"10.0.0.1:99999"_s));
        QVERIFY2(dialog.errorLabel()->text().contains(u"from 1 to 65535"_s),
                 qPrintable(dialog.errorLabel()->text()));

        // Fixed: the message goes and OK stores.
        QVERIFY(typeInto(list, u"10.0.0.1:9081"_s));
        QVERIFY(!dialog.errorLabel()->isVisibleTo(&dialog));
        QVERIFY(list->item(1)->toolTip().isEmpty());
        QVERIFY(dialog.apply());
        QCOMPARE(ListenerSettings().listeners(), (QStringList{u"127.0.0.1:9080"_s, u"10.0.0.1:9081"_s}));
    }

    void duplicateIsRefused()
    {
        ListenerSettings().setListeners({u"0.0.0.0:9060"_s, u"[::1]:9061"_s}, nullptr);
        ListenerSettingsDialog dialog({}, false);
        QListWidget *list = dialog.list();
        QTest::mouseClick(dialog.addButton(), Qt::LeftButton);
        QVERIFY(typeInto(list, u"[0::1]:9061"_s)); // the same address written another way
        QVERIFY2(dialog.errorLabel()->text() ==
                     u"Listener 3 ([0::1]:9061) is the same as listener 2; remove one of them."_s,
                 qPrintable(dialog.errorLabel()->text()));
        QVERIFY(!dialog.apply());
        QCOMPARE(ListenerSettings().listeners(), (QStringList{u"0.0.0.0:9060"_s, u"[::1]:9061"_s}));
        QTest::mouseClick(dialog.removeButton(), Qt::LeftButton);
        QVERIFY(!dialog.errorLabel()->isVisibleTo(&dialog));
        QVERIFY(dialog.apply());
    }

    void emptyListMeansTheDefault()
    {
        ListenerSettings().setListeners({u"0.0.0.0:9060"_s}, nullptr);
        ListenerSettingsDialog dialog({}, false);
        dialog.list()->setCurrentRow(0);
        QTest::mouseClick(dialog.removeButton(), Qt::LeftButton);
        // An entry left empty is dropped, not refused.
        QTest::mouseClick(dialog.addButton(), Qt::LeftButton);
        QVERIFY(typeInto(dialog.list(), u"  "_s));
        QVERIFY(dialog.apply());
        QVERIFY(ListenerSettings().listeners().isEmpty());
        QCOMPARE(ListenerSettings().effective(), QStringList{u"127.0.0.1:9060"_s});
        bool said = false;
        for (const QLabel *label : dialog.findChildren<QLabel *>())
        {
            said = said || label->text().contains(u"Leave the list empty for the default 127.0.0.1:9060"_s);
        }
        QVERIFY(said);
    }

    void commandLineIsShown()
    {
        ListenerSettings().setListeners({u"0.0.0.0:9060"_s, u"[::]:9060"_s}, nullptr);
        ListenerSettingsDialog dialog({u"127.0.0.1:9999"_s}, false);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        grab(&dialog, u"listener-settings-command-line"_s);
        auto *cli = dialog.findChild<QLabel *>(u"commandLineLabel"_s);
        QVERIFY(cli);
        QVERIFY(cli->text().contains(u"127.0.0.1:9999"_s));
        QVERIFY(cli->text().contains(u"without --hep"_s));
        ListenerSettingsDialog off({}, true);
        QVERIFY(off.findChild<QLabel *>(u"commandLineLabel"_s)->text().contains(u"--hep off"_s));
        ListenerSettingsDialog none({}, false);
        QVERIFY(!none.findChild<QLabel *>(u"commandLineLabel"_s));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestListenerSettingsDialog)
#include "tst_listenersettingsdialog.moc"
