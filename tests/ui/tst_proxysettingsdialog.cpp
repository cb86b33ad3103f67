// SPDX-License-Identifier: GPL-3.0-or-later
// Settings → Proxies…: validation with clear messages, nothing stored until every entry is valid.
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include "backend/proxysettings.h"
#include "ui/proxysettingsdialog.h"

using namespace Qt::StringLiterals;

class TestProxySettingsDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"CallDeckTest"_s);
        QCoreApplication::setApplicationName(u"tst_proxysettingsdialog"_s);
        QVERIFY(m_dir.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
    }
    void init() { QSettings().clear(); }

    void badUrlIsNamedAndNothingIsStored()
    {
        ProxySettingsDialog dialog({});
        QTableWidget *t = dialog.table();
        t->insertRow(0);
        t->setItem(0, 0, new QTableWidgetItem(u"kam1"_s));
        t->setItem(0, 1, new QTableWidgetItem(u"http://127.0.0.1:5071/RPC"_s));
        t->insertRow(1);
        t->setItem(1, 0, new QTableWidgetItem(u"kam2"_s));
        t->setItem(1, 1, new QTableWidgetItem(u"ftp://10.0.0.6/RPC"_s));
        QVERIFY(!dialog.apply());
        QVERIFY(dialog.errorLabel()->isVisibleTo(&dialog));
        QVERIFY2(dialog.errorLabel()->text().startsWith(u"Proxy 2:"_s),
                 qPrintable(dialog.errorLabel()->text()));
        QCOMPARE(t->currentRow(), 1);
        QVERIFY(ProxySettings().urls().isEmpty());
    }

    void validEntriesAreStoredAndReloaded()
    {
        {
            ProxySettingsDialog dialog({u"http://user:secret@10.9.9.9:5071/RPC"_s});
            QTableWidget *t = dialog.table();
            t->insertRow(0);
            t->setItem(0, 0, new QTableWidgetItem(u" edge-1 "_s));
            t->setItem(0, 1, new QTableWidgetItem(u"https://admin:pw@10.0.0.5:5071/RPC"_s));
            dialog.findChild<QDoubleSpinBox *>(u"intervalSpin"_s)->setValue(2.5);
            dialog.findChild<QLineEdit *>(u"profilesEdit"_s)->setText(u"trunk, inbound,,"_s);
            dialog.findChild<QLineEdit *>(u"helperPathEdit"_s)->setText(u"cd-helper"_s);
            // The --rpc URL is shown without its password.
            bool shown = false;
            for (const QLabel *l : dialog.findChildren<QLabel *>())
            {
                shown = shown || (l->text().contains(u"10.9.9.9"_s) && !l->text().contains(u"secret"_s));
            }
            QVERIFY(shown);
            QVERIFY(dialog.apply());
        }
        const ProxySettings s;
        QCOMPARE(s.urls(), QStringList{u"https://admin:pw@10.0.0.5:5071/RPC"_s});
        QCOMPARE(s.names(), QStringList{u"edge-1"_s});
        QCOMPARE(s.intervalMs(), 2500);
        QCOMPARE(s.profiles(), (QStringList{u"trunk"_s, u"inbound"_s}));
        QCOMPARE(s.helperPath(), u"/cd-helper"_s);

        QList<ProxyConfig> configs;
        QString error;
        QVERIFY(s.configs({u"http://127.0.0.1:5071/RPC"_s}, configs, &error));
        QCOMPARE(configs.size(), 2);
        QCOMPARE(configs[0].name, u"edge-1"_s);
        QCOMPARE(configs[0].options.intervalMs, 2500);
        QCOMPARE(configs[0].options.helperPath, u"/cd-helper"_s);
        QCOMPARE(configs[1].name, u"127.0.0.1:5071"_s);

        ProxySettingsDialog again({});
        QCOMPARE(again.table()->rowCount(), 1);
        QCOMPARE(again.table()->item(0, 1)->text(), u"https://admin:pw@10.0.0.5:5071/RPC"_s);
    }

    void unreadableCaFileIsRefused()
    {
        ProxySettingsDialog dialog({});
        dialog.findChild<QLineEdit *>(u"caFileEdit"_s)->setText(u"/nonexistent/ca.pem"_s);
        QVERIFY(!dialog.apply());
        QVERIFY(dialog.errorLabel()->text().contains(u"/nonexistent/ca.pem"_s));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestProxySettingsDialog)
#include "tst_proxysettingsdialog.moc"
