// SPDX-License-Identifier: GPL-3.0-or-later
// Issue #6, keep-alives: a real Kamailio 5.6 mirrors its SIP (HEP) to a `calldeck --headless
// --sip ...` with no RPC feed and the settings Mirror/KeepAlive=both, KaTimer=1, KaInterval=30,
// KaFailedLimit=1. CallDeck's core then sends the dialog module's keep-alive OPTIONS (reference
// §6.6) through its own SIP user agent: out of the --sip socket, through Kamailio (the first Route
// hop) to each leg. Checked on sipp's message logs and CallDeck's served dlg.list:
//  - about ka_interval (30 s) after the call is confirmed both ends get one in-dialog OPTIONS with
//    two Vias (Kamailio, CallDeck), the leg's contact, the dialog's tags and the CSeq one below the
//    stored base (base <= 1 -> 1); both answer 200 and the dialog stays confirmed;
//  - a dead callee (sipp SIGKILLed by PID): Kamailio answers the OPTIONS 408 after its fr_timer
//    (5 s); with KaFailedLimit=1 the dialog's lifetime becomes 10 s and it leaves CallDeck's list.
#include <memory>
#include <signal.h>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include "harness/boundedwait.h"
#include "harness/calldeckheadless.h"
#include "harness/dialogrowcomparer.h"
#include "harness/freeport.h"
#include "harness/integrationpaths.h"
#include "harness/kamailioinstance.h"
#include "harness/mirroronlybed.h"
#include "harness/proxytestbed.h"
#include "harness/receivedrequest.h"
#include "harness/sipmessagetext.h"
#include "harness/sippprocess.h"
#include "harness/testdirectory.h"

using namespace calldeck::integration;
using namespace Qt::StringLiterals;

namespace
{

constexpr int Confirmed = 4;
constexpr int HoldMs = 120000;      // the callers wait this long for a BYE from the network
constexpr int KaIntervalMs = 30000; // Mirror/KaInterval
const QString Scenario = u"uac_rr_wait_bye_ka.xml"_s;

QString tagOf(const QJsonObject &dialog, const char *side)
{
    return dialog.value(QLatin1String(side)).toObject().value(u"tag"_s).toString();
}

QString contactOf(const QJsonObject &dialog, const char *side)
{
    return dialog.value(QLatin1String(side)).toObject().value(u"contact"_s).toString();
}

} // namespace

class TestKeepAliveKamailio final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void cleanupTestCase();
    void keepAliveReachesBothEnds();
    void deadCalleeExpiresTheDialog();

private:
    bool placeCall(const QString &name);
    /// Waits until Kamailio lists the call confirmed and CallDeck's served dlg.list has it
    /// confirmed with Kamailio's h_entry/h_id and tags; returns CallDeck's dialog.
    QJsonObject waitMirrored(const QString &callId, int timeoutMs = 10000);
    QJsonObject calldeckDialog(const QString &callId);
    /// Empty when @p sipp received exactly one OPTIONS for the dialog through Kamailio (top Via =
    /// the proxy, next = CallDeck's --sip socket), addressed to the leg's contact with the dialog's
    /// tags and CSeq @p cseq, and answered it 200 without any other >= 300 response on the call.
    QString keepAliveProblems(const SippProcess &sipp, const QJsonObject &dialog, bool toCallee,
                              int cseq) const;
    QString details() const;

    MirrorOnlyBed m_bed;
    CalldeckHeadless *m_calldeck = nullptr;
    KamailioInstance *m_kamailio = nullptr;
    TestDirectory *m_dir = nullptr;
    std::unique_ptr<SippProcess> m_uas;
    std::unique_ptr<SippProcess> m_uac;
    quint16 m_sipPort = 0;
    quint16 m_uasPort = 0;
};

void TestKeepAliveKamailio::initTestCase()
{
    QVERIFY2(m_bed.start(u"tst_keepalivekamailio"_s,
                         u"[Mirror]\nKeepAlive=both\nKaTimer=1\nKaInterval=%1\nKaFailedLimit=1\n"_s.arg(
                             KaIntervalMs / 1000)),
             qPrintable(m_bed.errorString()));
    m_calldeck = &m_bed.calldeck();
    m_kamailio = &m_bed.kamailio();
    m_dir = &m_bed.directory();
    m_sipPort = m_bed.sipPort();
    m_uasPort = m_bed.uasPort();
    QVERIFY2(!m_calldeck->output().contains(u"Mirror/KeepAlive in the settings file"_s),
             qPrintable(m_calldeck->output()));
}

void TestKeepAliveKamailio::cleanup()
{
    m_uac.reset();
    m_uas.reset();
    if (m_kamailio && m_kamailio->isRunning())
    {
        QVERIFY2(ProxyTestBed::endLeftovers(*m_kamailio), "Kamailio still lists dialogs after dlg.end_dlg");
    }
}

void TestKeepAliveKamailio::cleanupTestCase()
{
    QVERIFY2(m_bed.stop(), qPrintable(m_bed.errorString()));
}

bool TestKeepAliveKamailio::placeCall(const QString &name)
{
    m_uas = ProxyTestBed::startUas(m_uasPort, 1, m_dir->path());
    m_uac = m_uas ? ProxyTestBed::startUac(*m_kamailio, name, 1, HoldMs, m_dir->path(), Scenario) : nullptr;
    return m_uas && m_uac;
}

QJsonObject TestKeepAliveKamailio::calldeckDialog(const QString &callId)
{
    return DialogRowComparer::findByCallId(m_calldeck->rpc(u"dlg.list"_s).result().toArray(), callId);
}

QJsonObject TestKeepAliveKamailio::waitMirrored(const QString &callId, const int timeoutMs)
{
    if (!ProxyTestBed::waitConfirmed(*m_kamailio, 1, timeoutMs))
    {
        qWarning("Kamailio does not list the call confirmed: %s",
                 qPrintable(m_kamailio->rpc(u"dlg.list"_s).describe()));
        return {};
    }
    const QJsonObject k = DialogRowComparer::findByCallId(ProxyTestBed::kamailioDialogs(*m_kamailio), callId);
    QJsonObject c;
    const bool same = BoundedWait::until(
        timeoutMs,
        [&] {
            c = calldeckDialog(callId);
            return !c.isEmpty() && c.value(u"state"_s).toInt() == Confirmed &&
                   c.value(u"h_entry"_s) == k.value(u"h_entry"_s) &&
                   c.value(u"h_id"_s) == k.value(u"h_id"_s) && tagOf(c, "caller") == tagOf(k, "caller") &&
                   tagOf(c, "callee") == tagOf(k, "callee");
        },
        100);
    if (!same)
    {
        qWarning("CallDeck's dialog differs from Kamailio's:\nCallDeck %s\nKamailio %s",
                 qPrintable(ProxyTestBed::json(c)), qPrintable(ProxyTestBed::json(k)));
        return {};
    }
    return c;
}

QString TestKeepAliveKamailio::keepAliveProblems(const SippProcess &sipp, const QJsonObject &dialog,
                                                 const bool toCallee, const int cseq) const
{
    const QString callId = dialog.value(u"call-id"_s).toString();
    const ReceivedRequest r = ReceivedRequest::of(sipp, callId, u"OPTIONS"_s);
    const QString who = u"OPTIONS to the %1 of %2"_s.arg(toCallee ? u"callee"_s : u"caller"_s, callId);
    if (r.count != 1)
    {
        return u"%1: %2 arrived, expected 1"_s.arg(who).arg(r.count);
    }
    QStringList problems;
    const QStringList vias = SipMessageText::headers(r.text, u"Via"_s, u"v"_s);
    if (vias.size() != 2 || SipMessageText::viaPort(vias.value(0)) != m_kamailio->sipPort() ||
        SipMessageText::viaPort(vias.value(1)) != m_sipPort)
    {
        problems << u"Vias %1 (expected Kamailio :%2, then CallDeck :%3)"_s.arg(vias.join(u" | "_s))
                        .arg(m_kamailio->sipPort())
                        .arg(m_sipPort);
    }
    const QString contact = contactOf(dialog, toCallee ? "callee" : "caller");
    if (SipMessageText::requestUri(r.text) != contact)
    {
        problems << u"Request-URI %1, the contact is %2"_s.arg(SipMessageText::requestUri(r.text), contact);
    }
    const QString from = SipMessageText::tagOf(SipMessageText::header(r.text, u"From"_s, u"f"_s));
    const QString to = SipMessageText::tagOf(SipMessageText::header(r.text, u"To"_s, u"t"_s));
    const QString local = tagOf(dialog, toCallee ? "caller" : "callee");
    const QString remote = tagOf(dialog, toCallee ? "callee" : "caller");
    if (from != local || to != remote)
    {
        problems << u"tags From %1 To %2, expected %3 / %4"_s.arg(from, to, local, remote);
    }
    if (SipMessageText::cseqNumber(r.text) != cseq)
    {
        problems << u"CSeq %1, expected %2"_s.arg(SipMessageText::cseqNumber(r.text)).arg(cseq);
    }
    if (r.answer != 200 || !r.worse.isEmpty())
    {
        problems << u"sipp answered %1 (expected 200); its responses >= 300: %2"_s.arg(r.answer).arg(
            r.worse.join(u", "_s));
    }
    return problems.isEmpty() ? QString() : who + u": "_s + problems.join(u"; "_s) + u"\n"_s + r.text;
}

QString TestKeepAliveKamailio::details() const
{
    return ProxyTestBed::details(*m_kamailio, *m_calldeck) + u"\ncaller: "_s +
           (m_uac ? m_uac->describe() : QString()) + u"\ncallee: "_s +
           (m_uas ? m_uas->describe() : QString());
}

void TestKeepAliveKamailio::keepAliveReachesBothEnds()
{
    QVERIFY(placeCall(u"keepalive"_s));
    const QString callId = m_uac->callId(1);
    const QJsonObject d = waitMirrored(callId);
    QVERIFY2(!d.isEmpty(), qPrintable(details()));
    QElapsedTimer clock;
    clock.start();

    // Nothing before ka_interval; then one OPTIONS at each end.
    const auto both = [&] {
        return m_uac->messages().countRequests(u"OPTIONS"_s, true, callId) >= 1 &&
               m_uas->messages().countRequests(u"OPTIONS"_s, true, callId) >= 1;
    };
    QVERIFY2(BoundedWait::until(KaIntervalMs + 12000, both, 250), qPrintable(details()));
    const qint64 elapsed = clock.elapsed();
    qInfo("both keep-alives arrived %lld ms after the call was confirmed", elapsed);
    QVERIFY2(elapsed >= KaIntervalMs - 3000 && elapsed <= KaIntervalMs + 8000,
             qPrintable(u"keep-alives after %1 ms (ka_interval %2 ms)"_s.arg(elapsed).arg(KaIntervalMs)));

    // The answers reach CallDeck (a 200 each) and the call goes on.
    const auto answered = [&] {
        const QString out = m_calldeck->output();
        return out.contains(u"embedded UA: OPTIONS to caller → 200"_s) &&
               out.contains(u"embedded UA: OPTIONS to callee → 200"_s);
    };
    QVERIFY2(BoundedWait::until(5000, answered, 100), qPrintable(details()));
    // The caller's INVITE had CSeq 1 and the callee never sent a request (stored "0"): both bases
    // are <= 1, so both OPTIONS carry CSeq 1 (§6.6: base - 2, tm adds 1; base <= 1 -> 1).
    QString problem = keepAliveProblems(*m_uas, d, true, 1);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    problem = keepAliveProblems(*m_uac, d, false, 1);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));

    QTest::qWait(3000);
    const QJsonObject after = calldeckDialog(callId);
    QVERIFY2(after.value(u"state"_s).toInt() == Confirmed,
             qPrintable(u"after the keep-alives CallDeck lists %1"_s.arg(ProxyTestBed::json(after))));
    QCOMPARE(after.value(u"h_id"_s), d.value(u"h_id"_s));
    QCOMPARE(m_uac->messages().countRequests(u"BYE"_s, true, callId), 0);
    QCOMPARE(m_uas->messages().countRequests(u"BYE"_s, true, callId), 0);

    // End the call with CallDeck's dlg.end_dlg: both ends take the BYE (the keep-alive did not
    // consume CSeq space: the callee's BYE is still base + 100 + 1).
    const RpcResult reply =
        m_calldeck->rpc(u"dlg.end_dlg"_s, {d.value(u"h_entry"_s), d.value(u"h_id"_s)}, 15000);
    QVERIFY2(reply.ok(), qPrintable(reply.describe() + details()));
    QVERIFY2(m_uac->waitForFinished(15000), qPrintable(details()));
    QVERIFY2(m_uas->waitForFinished(15000), qPrintable(details()));
    QCOMPARE(m_uac->successfulCalls(), 1);
    QCOMPARE(m_uas->successfulCalls(), 1);
    QCOMPARE(SipMessageText::cseqNumber(ReceivedRequest::of(*m_uas, callId, u"BYE"_s).text), 102);
    QVERIFY2(ProxyTestBed::waitEmpty(*m_kamailio), qPrintable(m_kamailio->rpc(u"dlg.list"_s).describe()));
}

void TestKeepAliveKamailio::deadCalleeExpiresTheDialog()
{
    QVERIFY(placeCall(u"deadleg"_s));
    const QString callId = m_uac->callId(1);
    const QJsonObject d = waitMirrored(callId);
    QVERIFY2(!d.isEmpty(), qPrintable(details()));
    QElapsedTimer clock;
    clock.start();
    // The callee dies without a word (SIGKILL to its PID). Kamailio forwards the keep-alive to a
    // closed port and answers 408 after its fr_timer (5 s): one failure = KaFailedLimit.
    QVERIFY(::kill(pid_t(m_uas->pid()), SIGKILL) == 0);
    m_uas->stop();

    const auto gone = [&] {
        const RpcResult r = m_calldeck->rpc(u"dlg.list"_s);
        return r.ok() && DialogRowComparer::findByCallId(r.result().toArray(), callId).isEmpty();
    };
    const bool expired = BoundedWait::until(KaIntervalMs + 5000 + 10000 + 10000, gone, 250);
    const qint64 elapsed = clock.elapsed();
    const QString out = m_calldeck->output();
    QStringList kaLines;
    for (const QString &line : out.split(u'\n'))
    {
        if (line.contains(u"OPTIONS"_s) || line.contains(u"keep-alive"_s))
        {
            kaLines << line;
        }
    }
    qInfo("CallDeck's keep-alive lines after %lld ms:\n%s", elapsed, qPrintable(kaLines.join(u'\n')));
    QVERIFY2(expired, qPrintable(u"still listed after %1 ms: %2\n%3"_s.arg(elapsed).arg(
                          ProxyTestBed::json(calldeckDialog(callId)), details())));
    // The keep-alive went out at ~30 s, failed (408) at ~35 s; the dialog expired 10 s later.
    QVERIFY2(elapsed >= KaIntervalMs + 7000, qPrintable(u"gone after %1 ms"_s.arg(elapsed)));
    QVERIFY2(out.contains(u"embedded UA: OPTIONS to callee → 408"_s), qPrintable(kaLines.join(u'\n')));
    // The caller is alive: it got its keep-alive and answered 200.
    QCOMPARE(ReceivedRequest::of(*m_uac, callId, u"OPTIONS"_s).answer, 200);
}

QTEST_GUILESS_MAIN(TestKeepAliveKamailio)
#include "tst_keepalivekamailio.moc"
