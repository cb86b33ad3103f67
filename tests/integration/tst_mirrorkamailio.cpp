// SPDX-License-Identifier: GPL-3.0-or-later
// Issue #4's proof: a real Kamailio 5.6 mirrors every SIP message (siptrace, HEPv3) to a
// `calldeck --headless`; sipp drives calls through the proxy; at quiet checkpoints CallDeck's
// dlg.list (its served JSON-RPC) equals Kamailio's own: same Call-IDs, tags, states and
// h_entry/h_id (the ids come from the did cookie on the wire).
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QTest>
#include <QThread>

#include "harness/calldeckheadless.h"
#include "harness/freeport.h"
#include "harness/kamailioinstance.h"
#include "harness/sippprocess.h"

using namespace calldeck::integration;
using namespace Qt::StringLiterals;

namespace
{

struct Row
{
    int hEntry = 0;
    int hId = 0;
    int state = 0;
    QString callerTag;
    QString calleeTag;
    bool operator==(const Row &o) const
    {
        return hEntry == o.hEntry && hId == o.hId && state == o.state && callerTag == o.callerTag
               && calleeTag == o.calleeTag;
    }
};

QMap<QString, Row> rowsOf(const RpcResult &r)
{
    QMap<QString, Row> rows;
    for (const QJsonValue &v : r.result().toArray())
    {
        const QJsonObject o = v.toObject();
        Row row;
        row.hEntry = o.value(u"h_entry").toInt();
        row.hId = o.value(u"h_id").toInt();
        row.state = o.value(u"state").toInt();
        row.callerTag = o.value(u"caller").toObject().value(u"tag").toString();
        row.calleeTag = o.value(u"callee").toObject().value(u"tag").toString();
        rows.insert(o.value(u"call-id").toString(), row);
    }
    return rows;
}

QString describe(const QMap<QString, Row> &kam, const QMap<QString, Row> &cd)
{
    QStringList lines;
    for (auto it = kam.begin(); it != kam.end(); ++it)
    {
        if (!cd.contains(it.key()))
        {
            lines << u"only in Kamailio: %1 state %2 [%3:%4]"_s.arg(it.key()).arg(it->state).arg(it->hEntry).arg(it->hId);
        }
        else if (!(cd.value(it.key()) == *it))
        {
            const Row c = cd.value(it.key());
            lines << u"differs: %1 kamailio state %2 [%3:%4] tags %5/%6, calldeck state %7 [%8:%9] tags %10/%11"_s
                         .arg(it.key())
                         .arg(it->state)
                         .arg(it->hEntry)
                         .arg(it->hId)
                         .arg(it->callerTag, it->calleeTag)
                         .arg(c.state)
                         .arg(c.hEntry)
                         .arg(c.hId)
                         .arg(c.callerTag, c.calleeTag);
        }
    }
    for (auto it = cd.begin(); it != cd.end(); ++it)
    {
        if (!kam.contains(it.key()))
        {
            lines << u"only in CallDeck: %1 state %2"_s.arg(it.key()).arg(it->state);
        }
    }
    return lines.mid(0, 20).join(u'\n');
}

} // namespace

class TestMirrorKamailio final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void answeredCallsCallerHangsUp();
    void calleeHangsUp();
    void cancelBeforeAnswer();
    void rejectedWith486();
    void burstOfCalls();

private:
    /// Waits (bounded) until both lists are equal, optionally with an expected size.
    void checkpoint(const char *where, int expectedSize, int expectedState = 0, int timeoutMs = 20000);
    std::unique_ptr<SippProcess> sipp(const QString &scenario, int calls, double rate, int pauseMs,
                                      const QStringList &extra = {}, bool uas = false);

    std::unique_ptr<CalldeckHeadless> m_calldeck;
    std::unique_ptr<KamailioInstance> m_kamailio;
    quint16 m_uasPort = 0;
};

void TestMirrorKamailio::initTestCase()
{
    CalldeckHeadless::Options co;
    co.settingsIni = u"[Mirror]\nProfileRules=\"inbound\\ncaller = $from_user\\n\"\n"_s;
    m_calldeck = std::make_unique<CalldeckHeadless>(co);
    QVERIFY2(m_calldeck->start(), qPrintable(m_calldeck->errorString()));
    QString error;
    m_uasPort = FreePort::pick(&error);
    QVERIFY2(m_uasPort, qPrintable(error));
    KamailioInstance::Options ko;
    ko.uasPort = m_uasPort;
    ko.mirror = m_calldeck->hepAddress();
    m_kamailio = std::make_unique<KamailioInstance>(ko);
    QVERIFY2(m_kamailio->start(), qPrintable(m_kamailio->errorString()));
}

void TestMirrorKamailio::cleanupTestCase()
{
    m_kamailio.reset();
    if (m_calldeck)
    {
        QVERIFY2(m_calldeck->stop(), "calldeck did not stop within 10 s of SIGTERM");
        QCOMPARE(m_calldeck->exitCode(), 0);
    }
}

std::unique_ptr<SippProcess> TestMirrorKamailio::sipp(const QString &scenario, int calls, double rate, int pauseMs,
                                                      const QStringList &extra, bool uas)
{
    SippProcess::Options o;
    o.scenario = scenario;
    o.calls = calls;
    o.rate = rate;
    o.pauseMs = pauseMs;
    o.extraArguments = extra;
    o.traceMessages = calls <= 50;
    if (uas)
    {
        o.localPort = m_uasPort;
    }
    else
    {
        o.target = m_kamailio->sipTarget();
    }
    auto p = std::make_unique<SippProcess>(o);
    if (!p->start())
    {
        qWarning("%s", qPrintable(p->errorString()));
        return nullptr;
    }
    return p;
}

void TestMirrorKamailio::checkpoint(const char *where, int expectedSize, int expectedState, int timeoutMs)
{
    QMap<QString, Row> kam, cd;
    const QDeadlineTimer deadline(timeoutMs);
    int stable = 0;
    while (!deadline.hasExpired())
    {
        const RpcResult k = m_kamailio->rpc(u"dlg.list"_s, {}, 10000);
        const RpcResult c = m_calldeck->rpc(u"dlg.list"_s, {}, 10000);
        QVERIFY2(k.ok(), qPrintable(k.describe()));
        QVERIFY2(c.ok(), qPrintable(c.describe()));
        kam = rowsOf(k);
        cd = rowsOf(c);
        bool sizeOk = expectedSize < 0 || kam.size() == expectedSize;
        if (sizeOk && expectedState)
        {
            for (const Row &r : kam)
            {
                sizeOk = sizeOk && r.state == expectedState;
            }
        }
        // Quiet: equal on two consecutive looks.
        stable = (sizeOk && kam.keys() == cd.keys() && kam.values() == cd.values()) ? stable + 1 : 0;
        if (stable >= 2)
        {
            return;
        }
        QThread::msleep(300);
    }
    QFAIL(qPrintable(u"%1: Kamailio has %2 dialogs, CallDeck %3 (expected %4):\n%5"_s.arg(QLatin1String(where))
                         .arg(kam.size())
                         .arg(cd.size())
                         .arg(expectedSize)
                         .arg(describe(kam, cd))));
}

void TestMirrorKamailio::answeredCallsCallerHangsUp()
{
    auto uas = sipp(u"uas.xml"_s, 20, 10, -1, {}, true);
    QVERIFY(uas);
    auto uac = sipp(u"uac_rr.xml"_s, 20, 20, 8000);
    QVERIFY(uac);
    checkpoint("20 answered calls up", 20, 4);
    // The profiles CallDeck's rules assign match what the proxy's script set.
    const RpcResult ki = m_kamailio->rpc(u"dlg.profile_get_size"_s, {u"inbound"_s});
    const RpcResult ci = m_calldeck->rpc(u"dlg.profile_get_size"_s, {u"inbound"_s});
    QCOMPARE(ci.result().toInt(), ki.result().toInt());
    QVERIFY2(uac->waitForFinished(40000), qPrintable(uac->describe()));
    QCOMPARE(uac->successfulCalls(), 20);
    checkpoint("after the callers hung up", 0, 0, 20000);
    uas->stop();
}

void TestMirrorKamailio::calleeHangsUp()
{
    auto uas = sipp(u"uas_hangup.xml"_s, 10, 10, 4000, {}, true);
    QVERIFY(uas);
    auto uac = sipp(u"uac_rr_wait_bye.xml"_s, 10, 10, -1, {u"-recv_timeout"_s, u"30000"_s});
    QVERIFY(uac);
    checkpoint("10 calls up before the callees hang up", 10, 4, 8000);
    QVERIFY2(uac->waitForFinished(40000), qPrintable(uac->describe()));
    QVERIFY2(uas->waitForFinished(20000), qPrintable(uas->describe()));
    QCOMPARE(uas->successfulCalls(), 10);
    checkpoint("after the callees hung up", 0, 0, 20000);
}

void TestMirrorKamailio::cancelBeforeAnswer()
{
    auto uas = sipp(u"uas_noanswer.xml"_s, 5, 10, -1, {}, true);
    QVERIFY(uas);
    auto uac = sipp(u"uac_cancel.xml"_s, 5, 10, 6000);
    QVERIFY(uac);
    checkpoint("5 calls ringing", 5, 2, 5000);
    QVERIFY2(uac->waitForFinished(40000), qPrintable(uac->describe()));
    QCOMPARE(uac->successfulCalls(), 5);
    checkpoint("after the CANCELs", 0, 0, 20000);
    uas->stop();
}

void TestMirrorKamailio::rejectedWith486()
{
    const int failedBefore = [&] {
        const RpcResult r = m_calldeck->rpc(u"stats.get_statistics"_s, {u"dialog:failed_dialogs"_s});
        const QString line = r.result().toArray().first().toString();
        return line.section(u'=', 1).trimmed().toInt();
    }();
    auto uas = sipp(u"uas_busy.xml"_s, 10, 10, -1, {}, true);
    QVERIFY(uas);
    auto uac = sipp(u"uac_busy.xml"_s, 10, 10, -1);
    QVERIFY(uac);
    QVERIFY2(uac->waitForFinished(30000), qPrintable(uac->describe()));
    QCOMPARE(uac->successfulCalls(), 10);
    checkpoint("after the 486s", 0, 0, 20000);
    const RpcResult r = m_calldeck->rpc(u"stats.get_statistics"_s, {u"dialog:failed_dialogs"_s});
    QVERIFY2(r.ok(), qPrintable(r.describe()));
    const int failedAfter = r.result().toArray().first().toString().section(u'=', 1).trimmed().toInt();
    QCOMPARE(failedAfter - failedBefore, 10);
    uas->stop();
}

void TestMirrorKamailio::burstOfCalls()
{
    // Several hundred calls per second through the proxy, held long enough for a checkpoint.
    auto uas = sipp(u"uas.xml"_s, 600, 10, -1, {}, true);
    QVERIFY(uas);
    auto uac = sipp(u"uac_rr.xml"_s, 600, 300, 10000, {u"-l"_s, u"1000"_s});
    QVERIFY(uac);
    checkpoint("600 calls up after a 300 calls/s burst", 600, 4, 15000);
    QVERIFY2(uac->waitForFinished(60000), qPrintable(uac->describe()));
    QVERIFY2(uac->successfulCalls() >= 597, qPrintable(uac->describe())); // sipp's late-180 quirk
    checkpoint("after the burst ended", 0, 0, 30000);
    uas->stop();
}

QTEST_GUILESS_MAIN(TestMirrorKamailio)
#include "tst_mirrorkamailio.moc"
