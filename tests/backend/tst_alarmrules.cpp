// SPDX-License-Identifier: GPL-3.0-or-later
// Alarm rules (issue #8): the settings line, the settings round trip, validation messages, and
// the profile limits shared with the charts.
#include <QCoreApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "backend/alarmrules.h"
#include "backend/settingvalue.h"

using namespace Qt::StringLiterals;

class TestAlarmRules final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void lineRoundTrip_data();
    void lineRoundTrip();
    void defaults();
    void parseErrors_data();
    void parseErrors();
    void validation_data();
    void validation();
    void duplicateNamesAndComments();
    void settingsRoundTrip();
    void badStoredLineIsReportedAndSkipped();
    void profileLimits();

private:
    QTemporaryDir m_dir;
};

void TestAlarmRules::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QCoreApplication::setOrganizationName(u"CallDeckTest"_s);
    QCoreApplication::setApplicationName(u"tst_alarmrules"_s);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.path());
    QVERIFY(QSettings().fileName().startsWith(m_dir.path()));
}

void TestAlarmRules::init()
{
    QSettings settings;
    settings.clear();
    settings.sync();
}

void TestAlarmRules::lineRoundTrip_data()
{
    QTest::addColumn<QString>("line");
    QTest::newRow("profile %") << u"name=\"trunk nearly full\" kind=profile target=trunk=gw1 threshold=80% "
                                  u"hysteresis=5 severity=major raise=0 clear=10"_s;
    QTest::newRow("profile count") << u"name=busy kind=profile target=inbound threshold=30 severity=critical "
                                      u"raise=2 clear=5 enabled=no"_s;
    QTest::newRow("age") << u"name=long kind=age seconds=3600 count=1 severity=minor raise=0 clear=5"_s;
    QTest::newRow("early")
        << u"name=ringing kind=early seconds=120 count=3 severity=warning raise=0 clear=5"_s;
    QTest::newRow("noack")
        << u"name=\"no ack\" kind=noack seconds=10 count=1 severity=major raise=0 clear=5"_s;
    QTest::newRow("silent")
        << u"name=quiet kind=silent target=\"udp 127.0.0.1:9060\" seconds=60 severity=major "
           u"raise=0 clear=5"_s;
    QTest::newRow("proxy-down")
        << u"name=kam kind=proxy-down target=kam1 severity=critical raise=0 clear=5"_s;
    QTest::newRow("failure-rate") << u"name=failing kind=failure-rate threshold=20% seconds=300 count=10 "
                                     u"severity=major raise=0 clear=30"_s;
}

void TestAlarmRules::lineRoundTrip()
{
    QFETCH(QString, line);
    QString error;
    const std::optional<AlarmRule> rule = AlarmRule::parse(line, &error);
    QVERIFY2(rule, qPrintable(error));
    QCOMPARE(rule->toLine(), line);
    QCOMPARE(AlarmRule::parse(rule->toLine(), &error), rule);
}

void TestAlarmRules::defaults()
{
    QString error;
    const std::optional<AlarmRule> f =
        AlarmRule::parse(u"name=f kind=failure-rate threshold=20 seconds=60"_s, &error);
    QVERIFY2(f, qPrintable(error));
    QCOMPARE(f->count, 10);
    QVERIFY(f->percent);
    QCOMPARE(f->severity, AlarmRule::Severity::Warning);
    QCOMPARE(f->clearAfter, 5);
    QVERIFY(f->enabled);
    const std::optional<AlarmRule> a = AlarmRule::parse(u"name=a kind=age seconds=60"_s, &error);
    QCOMPARE(a->count, 1);
}

void TestAlarmRules::parseErrors_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no kind") << u"name=x threshold=3"_s << u"the rule has no kind: add kind=profile|age"_s;
    QTest::newRow("bad kind") << u"name=x kind=size"_s << u"kind=size is unknown; use one of profile, age"_s;
    QTest::newRow("bad word") << u"name=x kind=age 60"_s << u"'60' is not key=value"_s;
    QTest::newRow("bad key") << u"name=x kind=age secs=60"_s << u"'secs' is not a rule key"_s;
    QTest::newRow("bad number") << u"name=x kind=age seconds=ten"_s << u"seconds=ten is not a whole number"_s;
    QTest::newRow("bad threshold") << u"name=x kind=profile threshold=lots"_s
                                   << u"threshold=lots is not a number"_s;
    QTest::newRow("bad severity") << u"name=x kind=age severity=high"_s << u"severity=high is unknown"_s;
    QTest::newRow("bad enabled") << u"name=x kind=age enabled=true"_s
                                 << u"enabled=true: write enabled=yes or enabled=no"_s;
    QTest::newRow("open quote") << u"name=\"x kind=age"_s << u"a double quote is not closed"_s;
}

void TestAlarmRules::parseErrors()
{
    QFETCH(QString, line);
    QFETCH(QString, expected);
    QString error;
    QVERIFY(!AlarmRule::parse(line, &error));
    QVERIFY2(error.startsWith(expected), qPrintable(error));
}

void TestAlarmRules::validation_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("expected"); // empty: valid
    QTest::newRow("fine") << u"name=a kind=profile target=inbound threshold=3"_s << QString();
    QTest::newRow("fine value %") << u"name=a kind=profile target=trunk=gw1 threshold=80%"_s << QString();
    QTest::newRow("prefix") << u"name=a kind=profile target=profile:inbound threshold=3"_s << QString();
    QTest::newRow("no name") << u"kind=profile target=inbound threshold=3"_s << u"the rule has no name"_s;
    QTest::newRow("unknown profile") << u"name=a kind=profile target=outbound threshold=3"_s
                                     << u"there is no profile 'outbound' (known: inbound, trunk)"_s;
    QTest::newRow("no target") << u"name=a kind=profile threshold=3"_s << u"name the profile: target=trunk"_s;
    QTest::newRow("zero threshold") << u"name=a kind=profile target=inbound threshold=0"_s
                                    << u"threshold= must be more than 0"_s;
    QTest::newRow("% without limit")
        << u"name=a kind=profile target=inbound threshold=80%"_s
        << u"threshold=80% needs a limit for 'inbound': add a line \"inbound 100\""_s;
    QTest::newRow("negative seconds")
        << u"name=a kind=age seconds=-5"_s << u"seconds=-5: give the age in seconds"_s;
    QTest::newRow("zero count") << u"name=a kind=early seconds=5 count=0"_s << u"count=0: give how many"_s;
    QTest::newRow("silent 0") << u"name=a kind=silent"_s << u"seconds=0: give the silence"_s;
    QTest::newRow("rate > 100") << u"name=a kind=failure-rate threshold=120 seconds=60"_s
                                << u"threshold=120%: give a share"_s;
    QTest::newRow("short window") << u"name=a kind=failure-rate threshold=20 seconds=5"_s
                                  << u"seconds=5: give the window"_s;
    QTest::newRow("negative hold") << u"name=a kind=age seconds=5 clear=-1"_s
                                   << u"raise= and clear= are seconds"_s;
    QTest::newRow("negative hysteresis") << u"name=a kind=profile target=inbound threshold=3 hysteresis=-1"_s
                                         << u"hysteresis=-1 is negative"_s;
}

void TestAlarmRules::validation()
{
    QFETCH(QString, line);
    QFETCH(QString, expected);
    AlarmRules::Context context;
    context.profiles = QStringList{u"inbound"_s, u"trunk"_s};
    context.limits.parse(u"trunk=gw1 40"_s);
    QList<AlarmRule> rules;
    const QStringList problems = AlarmRules::parseText(line, rules, context);
    if (expected.isEmpty())
    {
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        QCOMPARE(rules.size(), 1);
        return;
    }
    QCOMPARE(problems.size(), 1);
    QVERIFY2(problems[0].startsWith(u"line 1: "_s + expected), qPrintable(problems[0]));
}

void TestAlarmRules::duplicateNamesAndComments()
{
    QList<AlarmRule> rules;
    const QStringList problems = AlarmRules::parseText(
        u"# busy trunks\n\nname=a kind=age seconds=5\n  name=a kind=noack seconds=5\nname=b kind=x\n"_s,
        rules, {});
    QCOMPARE(problems.size(), 2);
    QVERIFY2(problems[0].startsWith(u"line 4: another rule is already named 'a'"_s), qPrintable(problems[0]));
    QVERIFY2(problems[1].startsWith(u"line 5: kind=x is unknown"_s), qPrintable(problems[1]));
    QCOMPARE(rules.size(), 2);
}

void TestAlarmRules::settingsRoundTrip()
{
    QList<AlarmRule> rules;
    const QString text =
        u"name=\"inbound busy\" kind=profile target=inbound threshold=3 severity=major raise=0 clear=2\n"
        u"name=quiet kind=silent seconds=60 severity=warning raise=0 clear=5"_s;
    QVERIFY(AlarmRules::parseText(text, rules, {}).isEmpty());
    AlarmRules::save(rules);
    QSettings().sync();
    QCOMPARE(SettingValue<QStringList>(u"Alarms/Rules"_s).get().size(), 2);
    QStringList errors;
    QCOMPARE(AlarmRules::load(&errors), rules);
    QVERIFY(errors.isEmpty());
    QCOMPARE(AlarmRules::toText(rules), text);
}

void TestAlarmRules::badStoredLineIsReportedAndSkipped()
{
    SettingValue<QStringList>(u"Alarms/Rules"_s)
        .set({u"name=a kind=age seconds=5"_s, u"name=b kind=bogus"_s, u"name=c kind=noack seconds=3"_s});
    QStringList errors;
    const QList<AlarmRule> rules = AlarmRules::load(&errors);
    QCOMPARE(rules.size(), 2);
    QCOMPARE(rules[1].name, u"c"_s);
    QCOMPARE(errors.size(), 1);
    QVERIFY2(
        errors[0].startsWith(u"rule 2 of Alarms/Rules in the settings ('name=b kind=bogus'): kind=bogus is "
                             u"unknown"_s),
        qPrintable(errors[0]));
    QVERIFY(errors[0].endsWith(u"fix it in Settings → Alarm rules"_s));
}

void TestAlarmRules::profileLimits()
{
    ProfileLimits limits;
    const QStringList bad =
        limits.parse(u"# limits\ntrunk 100\ntrunk=gw1 30\n  inbound   12.5 \nbroken\nneg -1\nx y"_s);
    QCOMPARE(bad, (QStringList{u"broken"_s, u"neg -1"_s, u"x y"_s}));
    QCOMPARE(limits.all().size(), 3);
    QCOMPARE(limits.limit(u"trunk"_s), 100.0);
    QCOMPARE(limits.limit(u"profile:trunk=gw1"_s), 30.0);
    QCOMPARE(limits.limit(u"inbound"_s), 12.5);
    QVERIFY(!limits.limit(u"caller"_s));
    SettingValue<QString>(ProfileLimits::settingKey()).set(u"trunk 7\nbad"_s);
    QStringList stored;
    QCOMPARE(ProfileLimits::fromSettings(&stored).limit(u"trunk"_s), 7.0);
    QCOMPARE(stored, QStringList{u"bad"_s});
}

QTEST_GUILESS_MAIN(TestAlarmRules)
#include "tst_alarmrules.moc"
