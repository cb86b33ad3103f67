// SPDX-License-Identifier: GPL-3.0-or-later
#include <QDateTime>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "backend/ingestqueue.h"
#include "backend/mirrorsettings.h"
#include "backend/sourceregistry.h"
#include "tests/support/siptrafficgenerator.h"

using namespace calldeck;
using namespace calldeck::testsupport;
using namespace Qt::StringLiterals;

class TestMirrorSettings final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void defaults();
    void rulesAssignProfilesToMirroredDialogs();
    void badRuleIsReported();
    void headerColumnsReachTheCore();

private:
    QTemporaryDir m_dir;
};

void TestMirrorSettings::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.path());
    QCoreApplication::setOrganizationName(u"CallDeckTest"_s);
    QCoreApplication::setApplicationName(u"tst_mirrorsettings"_s);
}

void TestMirrorSettings::defaults()
{
    MirrorSettings s;
    CoreWorker::Options o;
    QString error;
    QVERIFY(s.coreOptions(o, &error));
    QCOMPARE(o.dialog.matchMode, std::uint8_t(1));
    QCOMPARE(o.dialog.defaultTimeout, 43200u);
    QCOMPARE(o.history.capacityBytes, std::size_t(256) << 20);
    QVERIFY(!o.onCreated);
}

void TestMirrorSettings::rulesAssignProfilesToMirroredDialogs()
{
    MirrorSettings s;
    s.setProfileRules(u"inbound if src in 10.0.0.0/8\ntrunk = $dst_ip\ncaller = $from_user\n"_s);
    CoreWorker::Options o;
    QString error;
    QVERIFY2(s.coreOptions(o, &error), qPrintable(error));
    QCOMPARE(o.dialog.profilesNoValue, std::string("inbound"));
    QCOMPARE(o.dialog.profilesWithValue, std::string("trunk;caller"));
    IngestQueue queue;
    SourceRegistry sources;
    CoreWorker worker(o, queue, sources);
    worker.start();
    SipTrafficGenerator gen({});
    std::vector<GeneratedMessage> msgs;
    for (std::uint64_t n = 0; n < 4; ++n)
    {
        gen.setup(n, CallKind::CallerHangsUp, QDateTime::currentMSecsSinceEpoch() * 1000, msgs);
    }
    PacketBatch batch;
    for (const auto &m : msgs)
    {
        batch.add(m.text, m.meta, 1);
    }
    QVERIFY(queue.push(std::move(batch)));
    std::uint64_t inbound = 0, trunk = 0;
    QVERIFY(worker.call([&](CoreContext &ctx) {
        inbound = ctx.engine.profileSize("inbound").value();
        trunk = ctx.engine.profileSize("trunk", std::string_view("10.0.0.2")).value();
    }));
    QCOMPARE(inbound, 4u); // the generator's caller is 10.0.0.1
    QCOMPARE(trunk, 4u);   // the INVITE went to the proxy at 10.0.0.2
    worker.stop();
}

void TestMirrorSettings::badRuleIsReported()
{
    MirrorSettings s;
    s.setProfileRules(u"ok\nbroken = $nope\n"_s);
    CoreWorker::Options o;
    QString error;
    QVERIFY(!s.coreOptions(o, &error));
    QVERIFY2(error.contains(u"line 2"_s) && error.contains(u"Mirror/ProfileRules"_s), qPrintable(error));
    s.setProfileRules(QString());
}

void TestMirrorSettings::headerColumnsReachTheCore()
{
    MirrorSettings s;
    QVERIFY(s.headerColumns().isEmpty());
    QSettings().setValue(u"Mirror/HeaderColumns"_s, u" P-Asserted-Identity,, X-Account "_s);
    MirrorSettings read;
    QCOMPARE(read.headerColumns(), (QStringList{u"P-Asserted-Identity"_s, u"X-Account"_s}));
    read.setHeaderColumns({u"Diversion"_s, u"X-Account"_s});
    QCOMPARE(QSettings().value(u"Mirror/HeaderColumns"_s).toString(), u"Diversion, X-Account"_s);
    CoreWorker::Options o;
    QVERIFY(MirrorSettings().coreOptions(o, nullptr));
    QCOMPARE(o.dialog.headerColumns, (std::vector<std::string>{"Diversion", "X-Account"}));
    MirrorSettings().setHeaderColumns({});
}

QTEST_GUILESS_MAIN(TestMirrorSettings)
#include "tst_mirrorsettings.moc"
