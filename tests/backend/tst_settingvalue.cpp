// SPDX-License-Identifier: GPL-3.0-or-later
#include <QCoreApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "backend/settingvalue.h"

using namespace Qt::StringLiterals;

class TestSettingValue final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void readThroughDefaultsAndRoundTrip();
    void readThroughByteArray();
    void readThroughUnconvertibleFallsBack();
    void readThroughRemove();
    void cachedReadsStoredValueOnce();
    void cachedWritesOnlyOnChange();
    void cachedSanitiserClampsSetAndRead();
    void cachedDefaultIsSanitised();

private:
    QTemporaryDir m_dir;
};

void TestSettingValue::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QCoreApplication::setOrganizationName(u"CallDeckTest"_s);
    QCoreApplication::setApplicationName(u"tst_settingvalue"_s);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.path());
    QVERIFY(QSettings().fileName().startsWith(m_dir.path()));
}

void TestSettingValue::init()
{
    QSettings settings;
    settings.clear();
    settings.sync();
}

void TestSettingValue::readThroughDefaultsAndRoundTrip()
{
    SettingValue<int> value(u"Test/Number"_s);
    QCOMPARE(value.key(), u"Test/Number"_s);
    QCOMPARE(value.get(), 0);
    QCOMPARE(value.get(42), 42);
    value.set(7);
    QCOMPARE(value.get(42), 7);
    QCOMPARE(QSettings().value(u"Test/Number"_s).toInt(), 7);

    // Read-through: a change made behind its back is seen at once.
    QSettings().setValue(u"Test/Number"_s, 9);
    QCOMPARE(value.get(), 9);

    SettingValue<QString> text(u"Test/Text"_s);
    text.set(u"grüß dich"_s);
    QCOMPARE(SettingValue<QString>(u"Test/Text"_s).get(), u"grüß dich"_s);
}

void TestSettingValue::readThroughByteArray()
{
    const QByteArray blob("\x00\x01\xff geometry", 12);
    SettingValue<QByteArray> geometry(u"MainWindow/Geometry"_s);
    QVERIFY(geometry.get().isEmpty());
    geometry.set(blob);
    QCOMPARE(SettingValue<QByteArray>(u"MainWindow/Geometry"_s).get(), blob);
}

void TestSettingValue::readThroughUnconvertibleFallsBack()
{
    QSettings().setValue(u"Test/Number"_s, u"not a number"_s);
    QCOMPARE(SettingValue<int>(u"Test/Number"_s).get(5), 5);
    QSettings().setValue(u"Test/Number"_s, u"12"_s);
    QCOMPARE(SettingValue<int>(u"Test/Number"_s).get(5), 12);
}

void TestSettingValue::readThroughRemove()
{
    SettingValue<int> value(u"Test/Number"_s);
    value.set(3);
    QVERIFY(QSettings().contains(u"Test/Number"_s));
    value.remove();
    QVERIFY(!QSettings().contains(u"Test/Number"_s));
    QCOMPARE(value.get(11), 11);
}

void TestSettingValue::cachedReadsStoredValueOnce()
{
    QSettings().setValue(u"Test/Cached"_s, 300);
    const CachedSettingValue<int> value(u"Test/Cached"_s, 200);
    QCOMPARE(value.key(), u"Test/Cached"_s);
    QCOMPARE(value.get(), 300);
    // Cached: a later change in the store is not seen.
    QSettings().setValue(u"Test/Cached"_s, 400);
    QCOMPARE(value.get(), 300);
}

void TestSettingValue::cachedWritesOnlyOnChange()
{
    CachedSettingValue<int> value(u"Test/Cached"_s, 200);
    QCOMPARE(value.get(), 200);
    QVERIFY(!QSettings().contains(u"Test/Cached"_s)); // reading writes nothing

    // Setting the cached value again must not write: a marker put into the store stays.
    QSettings().setValue(u"Test/Cached"_s, 999);
    QVERIFY(!value.set(200));
    QCOMPARE(QSettings().value(u"Test/Cached"_s).toInt(), 999);

    QVERIFY(value.set(250));
    QCOMPARE(value.get(), 250);
    QCOMPARE(QSettings().value(u"Test/Cached"_s).toInt(), 250);

    QSettings().setValue(u"Test/Cached"_s, 999);
    QVERIFY(!value.set(250));
    QCOMPARE(QSettings().value(u"Test/Cached"_s).toInt(), 999);
}

void TestSettingValue::cachedSanitiserClampsSetAndRead()
{
    QSettings().setValue(u"Test/Interval"_s, 5000);
    CachedSettingValue<int> interval(u"Test/Interval"_s, 200, CachedSettingValue<int>::clamp(100, 2000));
    QCOMPARE(interval.get(), 2000); // clamped on read

    QVERIFY(interval.set(50));
    QCOMPARE(interval.get(), 100);
    QCOMPARE(QSettings().value(u"Test/Interval"_s).toInt(), 100);

    QVERIFY(!interval.set(10)); // clamps to 100 again: no change, no write
    QVERIFY(interval.set(1500));
    QCOMPARE(interval.get(), 1500);
    QVERIFY(interval.set(100000));
    QCOMPARE(interval.get(), 2000);

    CachedSettingValue<QString> trimmed(u"Test/Lang"_s, QString(),
                                        [](const QString &v) { return v.trimmed(); });
    QVERIFY(trimmed.set(u"  de "_s));
    QCOMPARE(trimmed.get(), u"de"_s);
    QCOMPARE(QSettings().value(u"Test/Lang"_s).toString(), u"de"_s);
}

void TestSettingValue::cachedDefaultIsSanitised()
{
    const CachedSettingValue<int> value(u"Test/Missing"_s, 5, CachedSettingValue<int>::clamp(100, 2000));
    QCOMPARE(value.get(), 100);
}

QTEST_GUILESS_MAIN(TestSettingValue)
#include "tst_settingvalue.moc"
