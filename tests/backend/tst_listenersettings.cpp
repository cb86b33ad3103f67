// SPDX-License-Identifier: GPL-3.0-or-later
// Settings → Mirror listeners, the backend side: the stored list, its round trip through the
// settings file and the messages that say what to write instead of a bad entry.
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "backend/listenersettings.h"

using namespace Qt::StringLiterals;

class TestListenerSettings final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init() { QSettings().clear(); }

    void emptyMeansTheDefault();
    void roundTrip();
    void goodEntries_data();
    void goodEntries();
    void badEntries_data();
    void badEntries();
    void duplicatesAreRefused();
    void badListStoresNothing();

private:
    QTemporaryDir m_dir;
};

void TestListenerSettings::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.path());
    QCoreApplication::setOrganizationName(u"CallDeckTest"_s);
    QCoreApplication::setApplicationName(u"tst_listenersettings"_s);
}

void TestListenerSettings::emptyMeansTheDefault()
{
    const ListenerSettings s;
    QVERIFY(s.listeners().isEmpty());
    QCOMPARE(ListenerSettings::defaultListener(), u"127.0.0.1:9060"_s);
    QCOMPARE(s.effective(), QStringList{u"127.0.0.1:9060"_s});
}

void TestListenerSettings::roundTrip()
{
    {
        ListenerSettings s;
        QString error;
        QVERIFY2(
            s.setListeners({u" 0.0.0.0:9060 "_s, QString(), u"[::1]:9061"_s, u"localhost:5999"_s}, &error),
            qPrintable(error));
        QCOMPARE(s.listeners(), (QStringList{u"0.0.0.0:9060"_s, u"[::1]:9061"_s, u"localhost:5999"_s}));
    }
    // Another instance reads what the first wrote, under the documented key.
    QCOMPARE(QSettings().value(u"Mirror/Listeners"_s).toStringList(),
             (QStringList{u"0.0.0.0:9060"_s, u"[::1]:9061"_s, u"localhost:5999"_s}));
    const ListenerSettings again;
    QCOMPARE(again.effective(), (QStringList{u"0.0.0.0:9060"_s, u"[::1]:9061"_s, u"localhost:5999"_s}));

    ListenerSettings cleared;
    QVERIFY(cleared.setListeners({}, nullptr));
    QCOMPARE(ListenerSettings().effective(), QStringList{ListenerSettings::defaultListener()});
}

void TestListenerSettings::goodEntries_data()
{
    QTest::addColumn<QString>("entry");
    QTest::newRow("any v4") << u"0.0.0.0:9060"_s;
    QTest::newRow("loopback") << u"127.0.0.1:1"_s;
    QTest::newRow("top port") << u"10.1.2.3:65535"_s;
    QTest::newRow("v6 loopback") << u"[::1]:9060"_s;
    QTest::newRow("v6 any") << u"[::]:9060"_s;
    QTest::newRow("host name") << u"mirror.example.net:9060"_s;
}

void TestListenerSettings::goodEntries()
{
    QFETCH(QString, entry);
    QCOMPARE(ListenerSettings::check(entry), QString());
}

void TestListenerSettings::badEntries_data()
{
    QTest::addColumn<QString>("entry");
    QTest::addColumn<QString>("expected"); // what the message must name: the way out
    QTest::newRow("no port") << u"10.0.0.1"_s << u"write the address and the port, such as 0.0.0.0:9060"_s;
    QTest::newRow("empty port") << u"10.0.0.1:"_s << u"is not ADDR:PORT"_s;
    QTest::newRow("port 0") << u"10.0.0.1:0"_s << u"the port '0' must be a number from 1 to 65535"_s;
    QTest::newRow("port too big") << u"10.0.0.1:70000"_s
                                  << u"the port '70000' must be a number from 1 to 65535"_s;
    QTest::newRow("port not a number") << u"10.0.0.1:sip"_s << u"the port 'sip' must be a number"_s;
    QTest::newRow("bare v6") << u"::1:9060"_s << u"write IPv6 addresses in brackets, such as [::1]:9060"_s;
    QTest::newRow("bad v6") << u"[fe80::zz]:9060"_s << u"'fe80::zz' is not an IPv6 address"_s;
    QTest::newRow("v4 in brackets") << u"[127.0.0.1]:9060"_s << u"is not an IPv6 address"_s;
    QTest::newRow("bad v4") << u"300.1.1.1:9060"_s << u"neither an IPv4 address nor a host name"_s;
    QTest::newRow("space") << u"my host:9060"_s << u"neither an IPv4 address nor a host name"_s;
    QTest::newRow("url") << u"udp://10.0.0.1:9060"_s << u"is a URL; write only ADDR:PORT"_s;
    QTest::newRow("empty") << QString() << u"write ADDR:PORT such as 0.0.0.0:9060, or remove it"_s;
}

void TestListenerSettings::badEntries()
{
    QFETCH(QString, entry);
    QFETCH(QString, expected);
    const QString why = ListenerSettings::check(entry);
    QVERIFY2(why.contains(expected), qPrintable(why));
    // In a list, the message says which entry it is about.
    qsizetype index = -1;
    const QString problem = ListenerSettings::firstProblem({u"127.0.0.1:9060"_s, entry}, &index);
    QCOMPARE(problem, u"Listener 2: "_s + why);
    QCOMPARE(index, 1);
}

void TestListenerSettings::duplicatesAreRefused()
{
    QCOMPARE(ListenerSettings::normalized(u"LocalHost:09060"_s), u"localhost:9060"_s);
    QCOMPARE(ListenerSettings::normalized(u"[0:0::1]:9060"_s), u"[::1]:9060"_s);
    qsizetype index = -1;
    const QString problem =
        ListenerSettings::firstProblem({u"[::1]:9060"_s, u"0.0.0.0:9061"_s, u"[0::1]:09060"_s}, &index);
    QCOMPARE(index, 2);
    QCOMPARE(problem, u"Listener 3 ([0::1]:09060) is the same as listener 1; remove one of them."_s);
    // Same port, other address: two listeners (the kernel decides whether both can bind).
    QCOMPARE(ListenerSettings::firstProblem({u"127.0.0.1:9060"_s, u"10.0.0.1:9060"_s}, &index), QString());
    QCOMPARE(index, -1);
}

void TestListenerSettings::badListStoresNothing()
{
    ListenerSettings s;
    QVERIFY(s.setListeners({u"127.0.0.1:9070"_s}, nullptr));
    QString error;
    QVERIFY(!s.setListeners({u"127.0.0.1:9071"_s, u"127.0.0.1:9071"_s}, &error));
    QVERIFY2(error.startsWith(u"Listener 2 "_s), qPrintable(error));
    QVERIFY(!s.setListeners({u"127.0.0.1:9071"_s, u"nonsense"_s}, &error));
    QVERIFY2(error.startsWith(u"Listener 2: 'nonsense' is not ADDR:PORT"_s), qPrintable(error));
    QCOMPARE(s.listeners(), QStringList{u"127.0.0.1:9070"_s});
    QCOMPARE(ListenerSettings().listeners(), QStringList{u"127.0.0.1:9070"_s});
}

QTEST_GUILESS_MAIN(TestListenerSettings)
#include "tst_listenersettings.moc"
