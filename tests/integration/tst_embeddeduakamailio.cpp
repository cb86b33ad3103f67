// SPDX-License-Identifier: GPL-3.0-or-later
// Issue #6's proof: a real Kamailio 5.6 mirrors its SIP (HEP) to a `calldeck --headless --sip ...`
// that has NO RPC feed, so every dialog is mirror-only and CallDeck's own SIP user agent acts on
// it: the BYEs of dlg.end_dlg / dlg.terminate_dlg, the REFER of calldeck.refer and the timeout BYE
// of calldeck.set_timeout leave CallDeck's socket for the first Route hop (Kamailio), which
// forwards them by the route set to sipp. Checked on sipp's own message logs: both ends get the
// request through Kamailio, with the dialog's tags, the side's contact as Request-URI and a CSeq
// sipp accepts (2xx, never 481/500); Kamailio's own dlg.list and CallDeck's lose the dialog.
#include <memory>
#include <signal.h>

#include <QDateTime>
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
constexpr int HoldMs = 60000; // the callers wait this long for a BYE from the network

QString tagOf(const QJsonObject &dialog, const char *side)
{
    return dialog.value(QLatin1String(side)).toObject().value(u"tag"_s).toString();
}

QString contactOf(const QJsonObject &dialog, const char *side)
{
    return dialog.value(QLatin1String(side)).toObject().value(u"contact"_s).toString();
}

} // namespace

class TestEmbeddedUaKamailio final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void cleanupTestCase();
    void terminateSendsByeToBothEnds();
    void referGoesToTheChosenSide();
    void timeoutEndsTheCall();
    void actionsOnAGoneDialog();
    void deadCalleeIsReported();

private:
    /// uas.xml on the proxy's callee port and @p scenario calling through the proxy.
    bool placeCalls(const QString &name, int calls, const QString &scenario, int holdMs);
    /// Waits until Kamailio lists the calls confirmed and CallDeck's served dlg.list has each of
    /// them confirmed with Kamailio's h_entry/h_id and tags; returns CallDeck's dialogs.
    QJsonArray waitMirrored(const QStringList &callIds, int timeoutMs = 10000);
    /// Waits until CallDeck's served dlg.list holds none of @p callIds.
    bool waitGoneFromCalldeck(const QStringList &callIds, int timeoutMs = 15000);
    /// Empty when @p sipp received exactly one @p method for the dialog, through Kamailio (top Via
    /// = the proxy, next = CallDeck's --sip socket), addressed to @p contact with the tags
    /// @p fromTag / @p toTag and CSeq @p cseq (or more than @p cseq when @p atLeast), and
    /// answered it @p answer without sending any other >= 300 response on the call.
    QString wireProblems(const SippProcess &sipp, const QJsonObject &dialog, const QString &method,
                         bool toCallee, int cseq, bool atLeast = false, int answer = 200) const;
    bool byeAtBothEnds(const QStringList &callIds, int timeoutMs) const;
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

void TestEmbeddedUaKamailio::initTestCase()
{
    QVERIFY2(m_bed.start(u"tst_embeddeduakamailio"_s, {}), qPrintable(m_bed.errorString()));
    m_calldeck = &m_bed.calldeck();
    m_kamailio = &m_bed.kamailio();
    m_dir = &m_bed.directory();
    m_sipPort = m_bed.sipPort();
    m_uasPort = m_bed.uasPort();
}

void TestEmbeddedUaKamailio::cleanup()
{
    m_uac.reset();
    m_uas.reset();
    if (m_kamailio && m_kamailio->isRunning())
    {
        QVERIFY2(ProxyTestBed::endLeftovers(*m_kamailio), "Kamailio still lists dialogs after dlg.end_dlg");
    }
}

void TestEmbeddedUaKamailio::cleanupTestCase()
{
    QVERIFY2(m_bed.stop(), qPrintable(m_bed.errorString()));
}

bool TestEmbeddedUaKamailio::placeCalls(const QString &name, const int calls, const QString &scenario,
                                        const int holdMs)
{
    m_uas = ProxyTestBed::startUas(m_uasPort, calls, m_dir->path());
    m_uac =
        m_uas ? ProxyTestBed::startUac(*m_kamailio, name, calls, holdMs, m_dir->path(), scenario) : nullptr;
    return m_uas && m_uac;
}

QJsonArray TestEmbeddedUaKamailio::waitMirrored(const QStringList &callIds, const int timeoutMs)
{
    if (!ProxyTestBed::waitConfirmed(*m_kamailio, int(callIds.size()), timeoutMs))
    {
        qWarning("Kamailio does not list %d confirmed dialogs: %s", int(callIds.size()),
                 qPrintable(m_kamailio->rpc(u"dlg.list"_s).describe()));
        return {};
    }
    const QJsonArray kam = ProxyTestBed::kamailioDialogs(*m_kamailio);
    QJsonArray mine;
    const bool same = BoundedWait::until(
        timeoutMs,
        [&] {
            mine = m_calldeck->rpc(u"dlg.list"_s).result().toArray();
            for (const QString &callId : callIds)
            {
                const QJsonObject c = DialogRowComparer::findByCallId(mine, callId);
                const QJsonObject k = DialogRowComparer::findByCallId(kam, callId);
                if (c.isEmpty() || c.value(u"state"_s).toInt() != Confirmed ||
                    c.value(u"h_entry"_s) != k.value(u"h_entry"_s) ||
                    c.value(u"h_id"_s) != k.value(u"h_id"_s) || tagOf(c, "caller") != tagOf(k, "caller") ||
                    tagOf(c, "callee") != tagOf(k, "callee"))
                {
                    return false;
                }
            }
            return true;
        },
        200);
    if (!same)
    {
        qWarning("CallDeck's dlg.list differs from Kamailio's:\nCallDeck %s\nKamailio %s",
                 qPrintable(ProxyTestBed::json(mine)), qPrintable(ProxyTestBed::json(kam)));
        return {};
    }
    return mine;
}

bool TestEmbeddedUaKamailio::waitGoneFromCalldeck(const QStringList &callIds, const int timeoutMs)
{
    return BoundedWait::until(
        timeoutMs,
        [&] {
            const RpcResult r = m_calldeck->rpc(u"dlg.list"_s);
            if (!r.ok())
            {
                return false;
            }
            for (const QString &callId : callIds)
            {
                if (!DialogRowComparer::findByCallId(r.result().toArray(), callId).isEmpty())
                {
                    return false;
                }
            }
            return true;
        },
        250);
}

QString TestEmbeddedUaKamailio::wireProblems(const SippProcess &sipp, const QJsonObject &dialog,
                                             const QString &method, const bool toCallee, const int cseq,
                                             const bool atLeast, const int answer) const
{
    const QString callId = dialog.value(u"call-id"_s).toString();
    const ReceivedRequest r = ReceivedRequest::of(sipp, callId, method);
    const QString who = u"%1 to the %2 of %3"_s.arg(method, toCallee ? u"callee"_s : u"caller"_s, callId);
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
    const int n = SipMessageText::cseqNumber(r.text);
    if (atLeast ? n <= cseq : n != cseq)
    {
        problems << u"CSeq %1, expected %2%3"_s.arg(n).arg(atLeast ? u"more than "_s : QString()).arg(cseq);
    }
    if (r.answer != answer || !r.worse.isEmpty())
    {
        problems
            << u"sipp answered %1 (expected %2); its responses >= 300: %3"_s.arg(r.answer).arg(answer).arg(
                   r.worse.join(u", "_s));
    }
    return problems.isEmpty() ? QString() : who + u": "_s + problems.join(u"; "_s) + u"\n"_s + r.text;
}

bool TestEmbeddedUaKamailio::byeAtBothEnds(const QStringList &callIds, const int timeoutMs) const
{
    return BoundedWait::until(timeoutMs, [&] {
        const SippMessageLog callers = m_uac->messages();
        const SippMessageLog callees = m_uas->messages();
        for (const QString &callId : callIds)
        {
            if (callers.countRequests(u"BYE"_s, true, callId) != 1 ||
                callees.countRequests(u"BYE"_s, true, callId) != 1)
            {
                return false;
            }
        }
        return true;
    });
}

QString TestEmbeddedUaKamailio::details() const
{
    return ProxyTestBed::details(*m_kamailio, *m_calldeck) + u"\ncaller: "_s +
           (m_uac ? m_uac->describe() : QString()) + u"\ncallee: "_s +
           (m_uas ? m_uas->describe() : QString());
}

void TestEmbeddedUaKamailio::terminateSendsByeToBothEnds()
{
    QVERIFY(placeCalls(u"terminate"_s, 3, u"uac_rr_wait_bye.xml"_s, HoldMs));
    const QStringList callIds = m_uac->callIds();
    const QJsonArray mine = waitMirrored(callIds);
    QVERIFY2(!mine.isEmpty(), qPrintable(details()));
    const QJsonObject d1 = DialogRowComparer::findByCallId(mine, callIds.at(0));
    const QJsonObject d2 = DialogRowComparer::findByCallId(mine, callIds.at(1));

    // dlg.end_dlg with CallDeck's ids (equal to Kamailio's: the did cookie), then
    // dlg.terminate_dlg by Call-ID and tags on the second call; the third stays up.
    RpcResult reply = m_calldeck->rpc(u"dlg.end_dlg"_s, {d1.value(u"h_entry"_s), d1.value(u"h_id"_s)}, 15000);
    QVERIFY2(reply.ok(), qPrintable(reply.describe() + details()));
    QCOMPARE(reply.result().toObject(), QJsonObject());
    reply = m_calldeck->rpc(u"dlg.terminate_dlg"_s, ProxyTestBed::tagsOf(d2), 15000);
    QVERIFY2(reply.ok(), qPrintable(reply.describe() + details()));
    QCOMPARE(reply.result().toObject(), QJsonObject());
    const QStringList ended{callIds.at(0), callIds.at(1)};
    QVERIFY2(byeAtBothEnds(ended, 5000), qPrintable(details()));
    QCOMPARE(m_uac->messages().countRequests(u"BYE"_s, true, callIds.at(2)), 0);
    QCOMPARE(m_uas->messages().countRequests(u"BYE"_s, true, callIds.at(2)), 0);

    // On the wire: through Kamailio, the leg's contact, the dialog's tags, CSeq = base + 100 + 1
    // (the caller's INVITE had 1; the callee never sent a request: base 0). The caller answers
    // 200 ms late (uac_rr_wait_bye.xml), so the reply came after both BYEs were sent.
    for (const QJsonObject &d : {d1, d2})
    {
        QString problem = wireProblems(*m_uas, d, u"BYE"_s, true, 102);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        problem = wireProblems(*m_uac, d, u"BYE"_s, false, 101);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    // Gone from Kamailio's dlg.list (it keeps an ended dialog ~4.5 s) and from CallDeck's.
    QVERIFY2(BoundedWait::until(
                 15000, [&] { return ProxyTestBed::kamailioDialogs(*m_kamailio).size() == 1; }, 250),
             qPrintable(ProxyTestBed::json(ProxyTestBed::kamailioDialogs(*m_kamailio))));
    QCOMPARE(ProxyTestBed::callIdOf(ProxyTestBed::kamailioDialogs(*m_kamailio).at(0)), callIds.at(2));
    QVERIFY2(waitGoneFromCalldeck(ended),
             qPrintable(ProxyTestBed::json(m_calldeck->rpc(u"dlg.list"_s).result())));
    QVERIFY(!DialogRowComparer::findByCallId(m_calldeck->rpc(u"dlg.list"_s).result().toArray(), callIds.at(2))
                 .isEmpty());

    // The third call: dlg.end_dlg with an extra header line (the Reason reaches both ends).
    const QJsonObject d3 = DialogRowComparer::findByCallId(mine, callIds.at(2));
    reply = m_calldeck->rpc(u"dlg.end_dlg"_s,
                            {d3.value(u"h_entry"_s), d3.value(u"h_id"_s), u"Reason: Q.850;cause=16\r\n"_s},
                            15000);
    QVERIFY2(reply.ok(), qPrintable(reply.describe() + details()));
    QVERIFY2(byeAtBothEnds(callIds, 5000), qPrintable(details()));
    for (const SippProcess *end : {m_uac.get(), m_uas.get()})
    {
        const ReceivedRequest r = ReceivedRequest::of(*end, callIds.at(2), u"BYE"_s);
        QCOMPARE(SipMessageText::header(r.text, u"Reason"_s), u"Q.850;cause=16"_s);
    }
    QVERIFY2(m_uac->waitForFinished(15000), qPrintable(details()));
    QVERIFY2(m_uas->waitForFinished(15000), qPrintable(details()));
    QCOMPARE(m_uac->successfulCalls(), 3);
    QCOMPARE(m_uas->successfulCalls(), 3);
    QVERIFY2(ProxyTestBed::waitEmpty(*m_kamailio), qPrintable(m_kamailio->rpc(u"dlg.list"_s).describe()));
    QVERIFY2(waitGoneFromCalldeck(callIds),
             qPrintable(ProxyTestBed::json(m_calldeck->rpc(u"dlg.list"_s).result())));
}

void TestEmbeddedUaKamailio::referGoesToTheChosenSide()
{
    QVERIFY(placeCalls(u"refer"_s, 1, u"uac_rr_accept_refer.xml"_s, HoldMs));
    const QString callId = m_uac->callId(1);
    const QJsonObject d = DialogRowComparer::findByCallId(waitMirrored({callId}), callId);
    QVERIFY2(!d.isEmpty(), qPrintable(details()));
    const QString referredBy = u"<sip:calldeck@127.0.0.1:%1>"_s.arg(m_sipPort);

    // To the callee: REFER with CSeq = the caller's 1 + 1, answered 202 by uas.xml.
    const QString calleeTarget = u"sip:transfer-b@127.0.0.1:5999"_s;
    RpcResult reply = m_calldeck->rpc(
        u"calldeck.refer"_s, ProxyTestBed::with(ProxyTestBed::tagsOf(d), {u"callee"_s, calleeTarget}), 15000);
    QVERIFY2(reply.ok(), qPrintable(reply.describe() + details()));
    QCOMPARE(reply.result().toObject(), QJsonObject());
    QString problem = wireProblems(*m_uas, d, u"REFER"_s, true, 2, false, 202);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    const QString toCallee = ReceivedRequest::of(*m_uas, callId, u"REFER"_s).text;
    QCOMPARE(SipMessageText::header(toCallee, u"Refer-To"_s, u"r"_s), u"<%1>"_s.arg(calleeTarget));
    QCOMPARE(SipMessageText::header(toCallee, u"Referred-By"_s, u"b"_s), referredBy);
    QCOMPARE(m_uac->messages().countRequests(u"REFER"_s, true, callId), 0);

    // To the caller: the callee never sent a request, so CSeq 1; uac_rr_accept_refer.xml says 202.
    const QString callerTarget = u"sip:transfer-a@127.0.0.1:5998"_s;
    reply = m_calldeck->rpc(u"calldeck.refer"_s,
                            ProxyTestBed::with(ProxyTestBed::tagsOf(d), {u"caller"_s, callerTarget}), 15000);
    QVERIFY2(reply.ok(), qPrintable(reply.describe() + details()));
    problem = wireProblems(*m_uac, d, u"REFER"_s, false, 1, false, 202);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    const QString toCaller = ReceivedRequest::of(*m_uac, callId, u"REFER"_s).text;
    QCOMPARE(SipMessageText::header(toCaller, u"Refer-To"_s, u"r"_s), u"<%1>"_s.arg(callerTarget));
    QCOMPARE(SipMessageText::header(toCaller, u"Referred-By"_s, u"b"_s), referredBy);

    // The BYEs after the REFERs still carry a CSeq beyond the REFER's on each leg.
    reply = m_calldeck->rpc(u"dlg.terminate_dlg"_s, ProxyTestBed::tagsOf(d), 15000);
    QVERIFY2(reply.ok(), qPrintable(reply.describe() + details()));
    QVERIFY2(byeAtBothEnds({callId}, 5000), qPrintable(details()));
    problem = wireProblems(*m_uas, d, u"BYE"_s, true, SipMessageText::cseqNumber(toCallee), true);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    problem = wireProblems(*m_uac, d, u"BYE"_s, false, SipMessageText::cseqNumber(toCaller), true);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY2(m_uac->waitForFinished(15000), qPrintable(details()));
    QVERIFY2(m_uas->waitForFinished(15000), qPrintable(details()));
    QCOMPARE(m_uac->successfulCalls(), 1);
    QCOMPARE(m_uas->successfulCalls(), 1);
    QVERIFY2(ProxyTestBed::waitEmpty(*m_kamailio), qPrintable(m_kamailio->rpc(u"dlg.list"_s).describe()));
}

void TestEmbeddedUaKamailio::timeoutEndsTheCall()
{
    QVERIFY(placeCalls(u"timeout"_s, 1, u"uac_rr_wait_bye.xml"_s, HoldMs));
    const QString callId = m_uac->callId(1);
    const QJsonObject d = DialogRowComparer::findByCallId(waitMirrored({callId}), callId);
    QVERIFY2(!d.isEmpty(), qPrintable(details()));
    QElapsedTimer clock;
    clock.start();
    const RpcResult reply =
        m_calldeck->rpc(u"calldeck.set_timeout"_s, ProxyTestBed::with(ProxyTestBed::tagsOf(d), {5}), 15000);
    QVERIFY2(reply.ok(), qPrintable(reply.describe() + details()));
    // CallDeck shows the new timeout (an epoch time as in Kamailio's dlg.list; its default is 12 h).
    qint64 timeout = 0;
    const auto shown = [&] {
        timeout = DialogRowComparer::findByCallId(m_calldeck->rpc(u"dlg.list"_s).result().toArray(), callId)
                      .value(u"timeout"_s)
                      .toInteger();
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        return timeout >= now + 2 && timeout <= now + 6;
    };
    QVERIFY2(BoundedWait::until(2000, shown),
             qPrintable(u"timeout %1, now %2"_s.arg(timeout).arg(QDateTime::currentSecsSinceEpoch())));
    QCOMPARE(m_uac->messages().countRequests(u"BYE"_s, true, callId), 0);

    QVERIFY2(byeAtBothEnds({callId}, 12000), qPrintable(details()));
    const qint64 elapsed = clock.elapsed();
    QVERIFY2(elapsed >= 4000 && elapsed <= 9000, qPrintable(u"both BYEs after %1 ms"_s.arg(elapsed)));
    QVERIFY2(m_uac->waitForFinished(15000), qPrintable(details()));
    QVERIFY2(m_uas->waitForFinished(15000), qPrintable(details()));
    QCOMPARE(m_uac->successfulCalls(), 1);
    QCOMPARE(m_uas->successfulCalls(), 1);
    // The caller answers 200 ms late: look at the logs once both ends are done.
    QString problem = wireProblems(*m_uas, d, u"BYE"_s, true, 102);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    problem = wireProblems(*m_uac, d, u"BYE"_s, false, 101);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY2(ProxyTestBed::waitEmpty(*m_kamailio), qPrintable(m_kamailio->rpc(u"dlg.list"_s).describe()));
    QVERIFY2(waitGoneFromCalldeck({callId}),
             qPrintable(ProxyTestBed::json(m_calldeck->rpc(u"dlg.list"_s).result())));
}

void TestEmbeddedUaKamailio::actionsOnAGoneDialog()
{
    // The caller hangs up itself after 1.5 s; then every action on that dialog is refused.
    QVERIFY(placeCalls(u"gone"_s, 1, u"uac_rr_wait_bye.xml"_s, 1500));
    const QString callId = m_uac->callId(1);
    const QJsonObject d = DialogRowComparer::findByCallId(waitMirrored({callId}), callId);
    QVERIFY2(!d.isEmpty(), qPrintable(details()));
    QVERIFY2(m_uac->waitForFinished(15000), qPrintable(details()));
    QCOMPARE(m_uac->successfulCalls(), 1);
    QVERIFY2(ProxyTestBed::waitEmpty(*m_kamailio), qPrintable(m_kamailio->rpc(u"dlg.list"_s).describe()));
    QVERIFY2(waitGoneFromCalldeck({callId}),
             qPrintable(ProxyTestBed::json(m_calldeck->rpc(u"dlg.list"_s).result())));

    const QJsonArray ids{d.value(u"h_entry"_s), d.value(u"h_id"_s)};
    RpcResult reply = m_calldeck->rpc(u"dlg.end_dlg"_s, ids, 15000);
    const RpcResult fromKamailio = m_kamailio->rpc(u"dlg.end_dlg"_s, ids);
    QVERIFY2(!reply.ok(), qPrintable(reply.describe()));
    QCOMPARE(reply.rpcError().value(u"code"_s).toInt(), 404);
    QCOMPARE(reply.rpcError().value(u"message"_s).toString(), u"Dialog not found"_s);
    QCOMPARE(reply.rpcError(), fromKamailio.rpcError());
    reply = m_calldeck->rpc(u"dlg.terminate_dlg"_s, ProxyTestBed::tagsOf(d), 15000);
    QVERIFY2(!reply.ok(), qPrintable(reply.describe()));
    QCOMPARE(reply.rpcError(), m_kamailio->rpc(u"dlg.terminate_dlg"_s, ProxyTestBed::tagsOf(d)).rpcError());
    reply = m_calldeck->rpc(u"calldeck.refer"_s,
                            ProxyTestBed::with(ProxyTestBed::tagsOf(d), {u"callee"_s, u"sip:x@127.0.0.1"_s}),
                            15000);
    QVERIFY2(!reply.ok() && reply.rpcError().value(u"code"_s).toInt() == 404, qPrintable(reply.describe()));
    reply =
        m_calldeck->rpc(u"calldeck.set_timeout"_s, ProxyTestBed::with(ProxyTestBed::tagsOf(d), {5}), 15000);
    QVERIFY2(!reply.ok() && reply.rpcError().value(u"code"_s).toInt() == 404, qPrintable(reply.describe()));
    // Nothing was sent for them: the ends saw only the caller's own BYE.
    QCOMPARE(m_uas->messages().countRequests(u"BYE"_s, true, callId), 1);
    QCOMPARE(m_uac->messages().countRequests(u"BYE"_s, true, callId), 0);
    QCOMPARE(m_uas->messages().countRequests(u"REFER"_s, true, callId), 0);
}

void TestEmbeddedUaKamailio::deadCalleeIsReported()
{
    QVERIFY(placeCalls(u"deadcallee"_s, 1, u"uac_rr_wait_bye.xml"_s, HoldMs));
    const QString callId = m_uac->callId(1);
    const QJsonObject d = DialogRowComparer::findByCallId(waitMirrored({callId}), callId);
    QVERIFY2(!d.isEmpty(), qPrintable(details()));
    // The callee dies without a word (SIGKILL to its PID): Kamailio forwards CallDeck's BYE to a
    // closed port and answers 408 after its fr_timer (5 s in the test config).
    QVERIFY(::kill(pid_t(m_uas->pid()), SIGKILL) == 0);
    m_uas->stop();
    QElapsedTimer clock;
    clock.start();
    const RpcResult reply =
        m_calldeck->rpc(u"dlg.end_dlg"_s, {d.value(u"h_entry"_s), d.value(u"h_id"_s)}, 20000);
    const qint64 elapsed = clock.elapsed();
    QVERIFY2(!reply.ok(), qPrintable(reply.describe()));
    const QString message = reply.rpcError().value(u"message"_s).toString();
    qInfo("served reply after %lld ms: %s", elapsed, qPrintable(reply.describe()));
    QCOMPARE(reply.rpcError().value(u"code"_s).toInt(), 502);
    QVERIFY2(message.contains(u"BYE to the callee: 408"_s) && message.contains(u"BYE to the caller: 200"_s),
             qPrintable(message));
    QVERIFY2(elapsed >= 4000 && elapsed < 10000, qPrintable(u"answered after %1 ms"_s.arg(elapsed)));
    // The caller's leg did end.
    QCOMPARE(ReceivedRequest::of(*m_uac, callId, u"BYE"_s).answer, 200);
    QVERIFY2(m_uac->waitForFinished(15000), qPrintable(details()));
    QCOMPARE(m_uac->successfulCalls(), 1);
    // Kamailio saw the BYE pass and dropped the dialog; CallDeck, which saw the same on the mirror,
    // drops it too - the failure was reported above, not silently.
    QVERIFY2(ProxyTestBed::waitEmpty(*m_kamailio), qPrintable(m_kamailio->rpc(u"dlg.list"_s).describe()));
    QVERIFY2(waitGoneFromCalldeck({callId}),
             qPrintable(ProxyTestBed::json(m_calldeck->rpc(u"dlg.list"_s).result())));
}

QTEST_GUILESS_MAIN(TestEmbeddedUaKamailio)
#include "tst_embeddeduakamailio.moc"
