// SPDX-License-Identifier: GPL-3.0-or-later
#include <QSignalSpy>
#include <QTest>

#include "backend/dialogdetailssource.h"
#include "runningcore.h"
#include "tests/support/siptrafficgenerator.h"

using namespace calldeck;
using namespace calldeck::testsupport;
using namespace Qt::StringLiterals;

namespace
{
std::string_view firstLine(std::string_view text)
{
    return text.substr(0, text.find("\r\n"));
}
} // namespace

class TestDialogDetailsSource final : public QObject
{
    Q_OBJECT

private slots:
    void fetchReturnsTheDialogAndItsSplitMessages();
    void retransmissionsAreMarked();
    void unparsedMessageKeepsItsText();
    void requestAnswersOnTheCallersThreadAndMerges();
    void unknownKeyIsNotFound();
    void proxyOnlyRowHasNoMessages();
    void answerAfterTheSourceIsGoneIsDropped();
};

void TestDialogDetailsSource::fetchReturnsTheDialogAndItsSplitMessages()
{
    RunningCore core;
    SipTrafficGenerator::Options go;
    go.bothCopies = true;
    const SipTrafficGenerator gen(go);
    std::vector<GeneratedMessage> sent;
    gen.setup(1, CallKind::CallerHangsUp, RunningCore::nowUs(), sent);
    gen.setup(2, CallKind::Rejected, RunningCore::nowUs(), sent); // another dialog: its messages stay out
    QVERIFY(core.push(sent));
    const quint64 key = core.keyOf(gen.callId(1));
    QVERIFY(key != 0);

    DialogDetailsSource source(core.worker(), &core.sources());
    const std::optional<DialogDetails> details = source.fetch(key);
    QVERIFY(details);
    QVERIFY(details->found);
    QVERIFY(details->onMirror);
    QCOMPARE(details->key, key);
    QCOMPARE(details->row.key, key);
    QCOMPARE(details->row.origin, u"mirror"_s);
    QCOMPARE(details->row.dialog.callId, gen.callId(1));
    QCOMPARE(details->row.dialog.caller.tag.value_or(""), gen.callerTag(1));
    QCOMPARE(details->row.dialog.callee.tag.value_or(""), gen.calleeTag(1));
    QCOMPARE(details->row.dialog.state, std::uint8_t(4));
    QCOMPARE(details->historyCap, core::MessageHistory::Options{}.perDialogCap);

    // Every message of call 1, in order, none of call 2.
    std::vector<const GeneratedMessage *> mine;
    for (const GeneratedMessage &m : sent)
    {
        if (m.text.find(gen.callId(1)) != std::string::npos)
        {
            mine.push_back(&m);
        }
    }
    QCOMPARE(mine.size(), std::size_t(9));
    QCOMPARE(details->messages.size(), mine.size());
    for (std::size_t i = 0; i < mine.size(); ++i)
    {
        const core::CallFlowMessage &m = details->messages[i];
        QVERIFY(m.parsed);
        QCOMPARE(m.raw, mine[i]->text);
        QCOMPARE(m.text(m.startLine), firstLine(mine[i]->text));
        QCOMPARE(m.src, mine[i]->meta.src);
        QCOMPARE(m.dst, mine[i]->meta.dst);
        QCOMPARE(m.timeUs, mine[i]->meta.timeUs);
        QVERIFY(!m.retransmission);
        // Headers as name/value pairs on the lines where they are.
        QVERIFY(m.headers.size() >= 5);
        bool sawCallId = false;
        for (const core::CallFlowHeader &h : m.headers)
        {
            const std::string_view raw(m.raw);
            QCOMPARE(std::size_t(h.line),
                     std::size_t(std::count(raw.begin(), raw.begin() + h.name.offset, '\n')));
            QCOMPARE(raw[h.name.offset - 1], '\n'); // a name starts its line
            if (m.text(h.name) == "Call-ID")
            {
                QCOMPARE(m.text(h.value), std::string_view(gen.callId(1)));
                sawCallId = true;
            }
        }
        QVERIFY(sawCallId);
    }
    const core::CallFlowMessage &invite = details->messages[0];
    QVERIFY(invite.request);
    QCOMPARE(invite.text(invite.method), std::string_view("INVITE"));
    QVERIFY(invite.sdp);
    QVERIFY(!invite.text(invite.body).empty());
    QCOMPARE(invite.direction, core::FlowDirection::FromCaller);
    const core::CallFlowMessage &trying = details->messages[1];
    QVERIFY(!trying.request);
    QCOMPARE(trying.statusCode, 100);
    QCOMPARE(trying.text(trying.reason), std::string_view("Trying"));
    QCOMPARE(trying.text(trying.method), std::string_view("INVITE"));
    QCOMPARE(trying.direction, core::FlowDirection::FromCallee); // the answer to the caller's request
    QVERIFY(!trying.sdp);
}

void TestDialogDetailsSource::retransmissionsAreMarked()
{
    RunningCore core;
    const SipTrafficGenerator gen({});
    std::vector<GeneratedMessage> sent;
    gen.setup(7, CallKind::CallerHangsUp, RunningCore::nowUs(), sent);
    // The caller's INVITE again, half a second later (its retransmission timer fired).
    GeneratedMessage again = sent.front();
    again.meta.timeUs += 500'000;
    sent.push_back(again);
    QVERIFY(core.push(sent));
    const quint64 key = core.keyOf(gen.callId(7));
    QVERIFY(key != 0);

    DialogDetailsSource source(core.worker(), nullptr);
    const std::optional<DialogDetails> details = source.fetch(key);
    QVERIFY(details && details->found);
    QCOMPARE(details->messages.size(), sent.size());
    for (std::size_t i = 0; i + 1 < details->messages.size(); ++i)
    {
        QVERIFY2(!details->messages[i].retransmission, qPrintable(QString::number(i)));
    }
    const core::CallFlowMessage &last = details->messages.back();
    QVERIFY(last.retransmission);
    QCOMPARE(last.text(last.startLine), details->messages.front().text(details->messages.front().startLine));

    // The same bytes between other hosts are a message of their own, not a retransmission.
    std::vector<core::StoredMessage> stored(2);
    for (core::StoredMessage &m : stored)
    {
        m.bytes = sent.front().text;
        m.src = sent.front().meta.src;
        m.dst = sent.front().meta.dst;
    }
    stored[1].dst = core::Endpoint::ipv4(0x0A000009, 5060);
    const std::vector<core::CallFlowMessage> flow = core::buildCallFlow(stored, gen.callerTag(7));
    QCOMPARE(flow.size(), std::size_t(2));
    QVERIFY(!flow[1].retransmission);
    stored[1].dst = stored[0].dst;
    QVERIFY(core::buildCallFlow(stored, gen.callerTag(7))[1].retransmission);
}

void TestDialogDetailsSource::unparsedMessageKeepsItsText()
{
    core::StoredMessage garbage;
    const std::string bytes = "\r\nHELLO not a SIP message\r\nmore\r\n";
    garbage.bytes = bytes;
    garbage.timeUs = 42;
    const core::CallFlowMessage m = core::splitCallFlowMessage(garbage, "tag");
    QVERIFY(!m.parsed);
    QCOMPARE(m.raw, bytes);
    QCOMPARE(m.text(m.startLine), std::string_view("HELLO not a SIP message"));
    QVERIFY(m.headers.empty());
    QCOMPARE(m.direction, core::FlowDirection::Unknown);
    QCOMPARE(m.timeUs, std::int64_t(42));
    QVERIFY(!core::buildCallFlow({garbage, garbage}, "tag")[1].retransmission); // nothing to compare
}

void TestDialogDetailsSource::requestAnswersOnTheCallersThreadAndMerges()
{
    RunningCore core;
    const SipTrafficGenerator gen({});
    std::vector<GeneratedMessage> sent;
    gen.setup(1, CallKind::CallerHangsUp, RunningCore::nowUs(), sent);
    gen.setup(2, CallKind::CallerHangsUp, RunningCore::nowUs(), sent);
    QVERIFY(core.push(sent));
    const quint64 first = core.keyOf(gen.callId(1));
    const quint64 second = core.keyOf(gen.callId(2));
    QVERIFY(first != 0 && second != 0 && first != second);

    DialogDetailsSource source(core.worker(), &core.sources());
    QSignalSpy answers(&source, &DialogDetailsSource::detailsReady);
    source.request(first);
    QVERIFY(source.busy());
    // Asked again three times while the first read is under way: one more read, for the last.
    source.request(second);
    source.request(first);
    source.request(second);
    QTRY_COMPARE(answers.size(), 2);
    QTest::qWait(100);
    QCOMPARE(answers.size(), 2);
    QVERIFY(!source.busy());
    const auto a = answers.at(0).at(0).value<DialogDetails>();
    const auto b = answers.at(1).at(0).value<DialogDetails>();
    QCOMPARE(a.key, first);
    QCOMPARE(a.row.dialog.callId, gen.callId(1));
    QCOMPARE(b.key, second);
    QCOMPARE(b.row.dialog.callId, gen.callId(2));
    QCOMPARE(b.messages.size(), std::size_t(5));
}

void TestDialogDetailsSource::unknownKeyIsNotFound()
{
    RunningCore core;
    DialogDetailsSource source(core.worker(), &core.sources());
    for (const quint64 key : {quint64(12345), (quint64(1) << 63) | 77})
    {
        const std::optional<DialogDetails> details = source.fetch(key);
        QVERIFY(details);
        QCOMPARE(details->key, key);
        QVERIFY(!details->found);
        QVERIFY(details->messages.empty());
    }
}

void TestDialogDetailsSource::proxyOnlyRowHasNoMessages()
{
    RunningCore core;
    const core::DialogSnapshot d = RunningCore::proxyOnlyDialog();
    const quint16 proxy = core.listOnProxy(d);
    const quint64 key = core.keyOf(d.callId);
    QVERIFY(key != 0);
    QVERIFY((key >> 63) != 0);

    DialogDetailsSource source(core.worker(), &core.sources());
    const std::optional<DialogDetails> details = source.fetch(key);
    QVERIFY(details && details->found);
    QVERIFY(!details->onMirror);
    QVERIFY(details->messages.empty());
    QCOMPARE(details->row.dialog.callId, d.callId);
    QCOMPARE(details->row.dialog.profiles, d.profiles);
    QCOMPARE(details->row.proxy, proxy);
    QCOMPARE(details->row.origin, u"kam-edge-1"_s); // named as its feed
    QCOMPARE(details->row.proxyHEntry, 10u);
    QCOMPARE(details->row.proxyHId, 20u);
}

void TestDialogDetailsSource::answerAfterTheSourceIsGoneIsDropped()
{
    RunningCore core;
    const SipTrafficGenerator gen({});
    std::vector<GeneratedMessage> sent;
    gen.setup(3, CallKind::CallerHangsUp, RunningCore::nowUs(), sent);
    QVERIFY(core.push(sent));
    const quint64 key = core.keyOf(gen.callId(3));
    QVERIFY(key != 0);
    for (int i = 0; i < 20; ++i)
    {
        auto source = std::make_unique<DialogDetailsSource>(core.worker(), nullptr);
        source->request(key);
        source.reset(); // the core's answer finds nobody to deliver to
    }
    // The core is still fine and answers a new source.
    DialogDetailsSource source(core.worker(), nullptr);
    QSignalSpy answers(&source, &DialogDetailsSource::detailsReady);
    source.request(key);
    QTRY_COMPARE(answers.size(), 1);
    QCOMPARE(answers.at(0).at(0).value<DialogDetails>().messages.size(), sent.size());
}

QTEST_GUILESS_MAIN(TestDialogDetailsSource)
#include "tst_dialogdetailssource.moc"
