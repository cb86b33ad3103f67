// SPDX-License-Identifier: GPL-3.0-or-later
#include <QTest>

#include "backend/core/callflowmessage.h"
#include "tests/support/siptrafficgenerator.h"
#include "ui/ladderlayout.h"

using namespace calldeck;
using namespace calldeck::testsupport;
using namespace Qt::StringLiterals;

namespace
{
constexpr std::int64_t BaseUs = 1'700'000'000'000'000;

/// The call flow of generated messages, split by the core as the details source does.
std::vector<core::CallFlowMessage> flowOf(const std::vector<GeneratedMessage> &generated,
                                          const std::string &callerTag)
{
    std::vector<core::StoredMessage> stored;
    for (const GeneratedMessage &g : generated)
    {
        core::StoredMessage s;
        s.timeUs = g.meta.timeUs;
        s.transport = g.meta.transport;
        s.src = g.meta.src;
        s.dst = g.meta.dst;
        s.bytes = g.text;
        stored.push_back(s);
    }
    return core::buildCallFlow(stored, callerTag);
}

LadderLayout::Metrics metrics()
{
    LadderLayout::Metrics m;
    m.margin = 10;
    m.gutterWidth = 100;
    m.columnWidth = 200;
    m.headerHeight = 30;
    m.rowHeight = 40;
    return m;
}
} // namespace

class TestLadderLayout final : public QObject
{
    Q_OBJECT

private slots:
    void oneColumnPerHostInOrderOfAppearance();
    void oneArrowPerMessageBetweenItsHosts();
    void labelsTimesAndDeltas();
    void hitTestingAndVisibleRows();
    void retransmissionAndSelfMessage();
    void hostTextOfIpv6();
};

void TestLadderLayout::oneColumnPerHostInOrderOfAppearance()
{
    SipTrafficGenerator::Options o;
    o.bothCopies = true;
    const SipTrafficGenerator gen(o);
    std::vector<GeneratedMessage> messages;
    gen.setup(1, CallKind::CallerHangsUp, BaseUs, messages);
    LadderLayout layout;
    layout.setMessages(flowOf(messages, gen.callerTag(1)));
    QCOMPARE(layout.hosts(), QStringList({u"10.0.0.1:5060"_s, u"10.0.0.2:5060"_s, u"10.0.0.3:5060"_s}));
    layout.setMetrics(metrics());
    QCOMPARE(layout.columnX(0), 10 + 100 + 100);
    QCOMPARE(layout.columnX(2), 10 + 100 + 2 * 200 + 100);
    QCOMPARE(layout.contentSize(), QSize(2 * 10 + 100 + 3 * 200, 30 + 9 * 40 + 10));

    // Set again with fewer hosts: nothing of the previous flow stays.
    std::vector<GeneratedMessage> single(messages.begin(), messages.begin() + 1);
    layout.setMessages(flowOf(single, gen.callerTag(1)));
    QCOMPARE(layout.columnCount(), 2);
    QCOMPARE(layout.arrowCount(), 1);
    layout.setMessages({});
    QCOMPARE(layout.columnCount(), 0);
    QCOMPARE(layout.arrowCount(), 0);
    QCOMPARE(layout.arrowAt(QPoint(200, 50)), -1);
}

void TestLadderLayout::oneArrowPerMessageBetweenItsHosts()
{
    SipTrafficGenerator::Options o;
    o.bothCopies = true;
    const SipTrafficGenerator gen(o);
    std::vector<GeneratedMessage> messages;
    gen.setup(1, CallKind::CallerHangsUp, BaseUs, messages);
    gen.teardown(1, CallKind::CallerHangsUp, BaseUs + 10'000'000, messages);
    LadderLayout layout;
    layout.setMetrics(metrics());
    layout.setMessages(flowOf(messages, gen.callerTag(1)));
    QCOMPARE(layout.arrowCount(), int(messages.size()));
    // caller 0, proxy 1, callee 2: INVITE, 100, INVITE, 180, 180, 200, 200, ACK, ACK, BYE, BYE, 200, 200
    const std::vector<std::pair<int, int>> expected{{0, 1}, {1, 0}, {1, 2}, {2, 1}, {1, 0}, {2, 1}, {1, 0},
                                                    {0, 1}, {1, 2}, {0, 1}, {1, 2}, {2, 1}, {1, 0}};
    QCOMPARE(messages.size(), expected.size());
    for (int i = 0; i < layout.arrowCount(); ++i)
    {
        const LadderLayout::Arrow &a = layout.arrow(i);
        QCOMPARE(a.message, i);
        QCOMPARE(std::pair(a.from, a.to), expected[std::size_t(i)]);
        const QLine line = layout.arrowLine(i);
        QCOMPARE(line.x1(), layout.columnX(a.from));
        QCOMPARE(line.x2(), layout.columnX(a.to));
        QCOMPARE(line.y1(), line.y2());
        QVERIFY(layout.rowRect(i).contains(line.p1()));
        // The label sits above the arrow, between its lifelines.
        const QRect label = layout.labelRect(i);
        QVERIFY(label.bottom() < line.y1());
        QVERIFY(label.left() > std::min(line.x1(), line.x2()));
        QVERIFY(label.right() < std::max(line.x1(), line.x2()));
    }
    QCOMPARE(layout.arrow(0).direction, core::FlowDirection::FromCaller);
    QCOMPARE(layout.arrow(3).direction, core::FlowDirection::FromCallee);
    QVERIFY(layout.arrow(0).request);
    QCOMPARE(layout.arrow(5).statusCode, 200);
}

void TestLadderLayout::labelsTimesAndDeltas()
{
    const SipTrafficGenerator gen({});
    std::vector<GeneratedMessage> messages;
    gen.setup(1, CallKind::CallerHangsUp, BaseUs, messages);
    LadderLayout layout;
    layout.setMessages(flowOf(messages, gen.callerTag(1)));
    QCOMPARE(layout.arrowCount(), 5);
    QCOMPARE(layout.arrow(0).label, u"INVITE (SDP)"_s);
    QCOMPARE(layout.arrow(1).label, u"100 Trying"_s);
    QCOMPARE(layout.arrow(2).label, u"180 Ringing"_s);
    QCOMPARE(layout.arrow(3).label, u"200 OK (SDP)"_s);
    QCOMPARE(layout.arrow(4).label, u"ACK"_s);
    // A response to anything but an INVITE names its request.
    std::vector<GeneratedMessage> bye;
    gen.teardown(1, CallKind::CallerHangsUp, BaseUs + 60'000'000, bye);
    LadderLayout byeLayout;
    byeLayout.setMessages(flowOf(bye, gen.callerTag(1)));
    QCOMPARE(byeLayout.arrow(0).label, u"BYE"_s);
    QCOMPARE(byeLayout.arrow(1).label, u"200 OK (BYE)"_s);
    const QString first = QDateTime::fromMSecsSinceEpoch(BaseUs / 1000).toString(u"HH:mm:ss.zzz"_s);
    QCOMPARE(layout.arrow(0).time, first);
    QVERIFY(layout.arrow(0).delta.isEmpty());
    QCOMPARE(layout.arrow(1).delta, u"+200 µs"_s); // 100 Trying at +0.2 ms
    QCOMPARE(layout.arrow(2).delta, u"+1 ms"_s);   // 180 at +2 ms
    QCOMPARE(layout.arrow(3).delta, u"+498 ms"_s); // 200 at +500 ms
    QCOMPARE(LadderLayout::deltaText(1'250'000), u"+1.250 s"_s);
    QCOMPARE(LadderLayout::deltaText(-5), u"+0 µs"_s);
}

void TestLadderLayout::hitTestingAndVisibleRows()
{
    const SipTrafficGenerator gen({});
    std::vector<GeneratedMessage> messages;
    for (std::uint64_t n = 0; n < 60; ++n) // 300 messages: hundreds of rows
    {
        gen.setup(1, CallKind::CallerHangsUp, BaseUs + std::int64_t(n) * 1'000'000, messages);
    }
    LadderLayout layout;
    layout.setMetrics(metrics());
    layout.setMessages(flowOf(messages, gen.callerTag(1)));
    QCOMPARE(layout.arrowCount(), 300);
    // Rows are bands under the header: 30 + 40 * i.
    QCOMPARE(layout.arrowAt(QPoint(300, 29)), -1); // the header
    QCOMPARE(layout.arrowAt(QPoint(300, 30)), 0);
    QCOMPARE(layout.arrowAt(QPoint(300, 69)), 0);
    QCOMPARE(layout.arrowAt(QPoint(300, 70)), 1);
    QCOMPARE(layout.arrowAt(QPoint(15, 30 + 40 * 123 + 20)), 123); // the time column selects too
    QCOMPARE(layout.arrowAt(QPoint(5, 50)), -1);                   // the margin does not
    QCOMPARE(layout.arrowAt(QPoint(300, 30 + 40 * 300)), -1);      // below the last row
    QCOMPARE(layout.arrowAt(QPoint(layout.contentSize().width(), 50)), -1);
    for (int i : {0, 1, 150, 299})
    {
        QCOMPARE(layout.arrowAt(layout.arrowLine(i).center()), i);
        QCOMPARE(layout.arrowAt(layout.labelRect(i).center()), i);
    }
    // Only the rows in view are painted.
    QCOMPARE(layout.rowsBetween(30, 30 + 40 * 10 - 1), std::pair(0, 9));
    QCOMPARE(layout.rowsBetween(30 + 40 * 100 + 5, 30 + 40 * 105), std::pair(100, 105));
    QCOMPARE(layout.rowsBetween(30 + 40 * 295, 1'000'000), std::pair(295, 299));
    const auto none = layout.rowsBetween(0, 10);
    QVERIFY(none.first > none.second);
}

void TestLadderLayout::retransmissionAndSelfMessage()
{
    const SipTrafficGenerator gen({});
    std::vector<GeneratedMessage> messages;
    gen.setup(1, CallKind::CallerHangsUp, BaseUs, messages);
    GeneratedMessage again = messages.front();
    again.meta.timeUs += 500'000;
    messages.push_back(again);
    GeneratedMessage loop = messages.front();
    loop.meta.dst = loop.meta.src; // a host that sends to itself (a local hand-off)
    messages.push_back(loop);
    LadderLayout layout;
    layout.setMetrics(metrics());
    layout.setMessages(flowOf(messages, gen.callerTag(1)));
    const LadderLayout::Arrow &retransmitted = layout.arrow(5);
    QVERIFY(retransmitted.retransmission);
    QCOMPARE(retransmitted.label, u"↻ INVITE (SDP)"_s);
    QVERIFY(!layout.arrow(0).retransmission);

    const LadderLayout::Arrow &self = layout.arrow(6);
    QCOMPARE(self.from, self.to);
    const QLine line = layout.arrowLine(6);
    QCOMPARE(line.x1(), layout.columnX(self.from));
    QVERIFY(line.x2() > line.x1()); // a stub out to the right
    QVERIFY(layout.labelRect(6).width() > 100);
}

void TestLadderLayout::hostTextOfIpv6()
{
    std::uint8_t bytes[16] = {0x20, 0x01, 0x0d, 0xb8};
    bytes[15] = 1;
    QCOMPARE(LadderLayout::hostText(core::Endpoint::ipv6(bytes, 5061)), u"[2001:db8::1]:5061"_s);
    QCOMPARE(LadderLayout::hostText(core::Endpoint::ipv4(0xC0000201, 5060)), u"192.0.2.1:5060"_s);
    QCOMPARE(LadderLayout::hostText(core::Endpoint{}), u"unknown"_s);
}

QTEST_APPLESS_MAIN(TestLadderLayout)
#include "tst_ladderlayout.moc"
