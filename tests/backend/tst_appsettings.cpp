// SPDX-License-Identifier: GPL-3.0-or-later
#include <QCoreApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "backend/appsettings.h"

using namespace Qt::StringLiterals;

class TestAppSettings final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void defaults();
    void persistsAcrossInstances();
    void refreshIntervalIsClamped();
    void eventLogCapacityIsClamped();
    void storedValuesOutOfRangeAreClamped();
    void languageIsTrimmed();

private:
    QTemporaryDir m_dir;
};

void TestAppSettings::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QCoreApplication::setOrganizationName(u"CallDeckTest"_s);
    QCoreApplication::setApplicationName(u"tst_appsettings"_s);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
    QVERIFY(QSettings().fileName().startsWith(m_dir.path()));
}

void TestAppSettings::init()
{
    QSettings().clear();
}

void TestAppSettings::defaults()
{
    const AppSettings settings;
    QCOMPARE(settings.isReadOnly(), false);
    QCOMPARE(settings.refreshIntervalMs(), 200);
    QCOMPARE(settings.eventLogCapacity(), 20000);
    QCOMPARE(settings.language(), QString());
}

void TestAppSettings::persistsAcrossInstances()
{
    {
        AppSettings settings;
        settings.setReadOnly(true);
        settings.setRefreshIntervalMs(500);
        settings.setEventLogCapacity(1000);
        settings.setLanguage(u"fr"_s);
    }
    const AppSettings again;
    QCOMPARE(again.isReadOnly(), true);
    QCOMPARE(again.refreshIntervalMs(), 500);
    QCOMPARE(again.eventLogCapacity(), 1000);
    QCOMPARE(again.language(), u"fr"_s);
    QCOMPARE(QSettings().value(u"AppSettings/RefreshIntervalMs"_s).toInt(), 500);
    QCOMPARE(QSettings().value(u"AppSettings/ReadOnly"_s).toBool(), true);
}

void TestAppSettings::refreshIntervalIsClamped()
{
    AppSettings settings;
    settings.setRefreshIntervalMs(10);
    QCOMPARE(settings.refreshIntervalMs(), 100);
    settings.setRefreshIntervalMs(60000);
    QCOMPARE(settings.refreshIntervalMs(), 2000);
    settings.setRefreshIntervalMs(-5);
    QCOMPARE(settings.refreshIntervalMs(), 100);
}

void TestAppSettings::eventLogCapacityIsClamped()
{
    AppSettings settings;
    settings.setEventLogCapacity(0);
    QCOMPARE(settings.eventLogCapacity(), 100);
    settings.setEventLogCapacity(50000000);
    QCOMPARE(settings.eventLogCapacity(), 1000000);
}

void TestAppSettings::storedValuesOutOfRangeAreClamped()
{
    QSettings().setValue(u"AppSettings/RefreshIntervalMs"_s, 1);
    QSettings().setValue(u"AppSettings/EventLogCapacity"_s, u"lots"_s);
    const AppSettings settings;
    QCOMPARE(settings.refreshIntervalMs(), 100);
    QCOMPARE(settings.eventLogCapacity(), 20000); // unreadable: the default
}

void TestAppSettings::languageIsTrimmed()
{
    AppSettings settings;
    settings.setLanguage(u" es "_s);
    QCOMPARE(settings.language(), u"es"_s);
}

QTEST_GUILESS_MAIN(TestAppSettings)
#include "tst_appsettings.moc"
