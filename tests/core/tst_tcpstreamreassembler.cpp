// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/core/hepdecoder.h"
#include "backend/core/sipparser.h"
#include "backend/core/streamscanner.h"
#include "backend/core/tcpstreamreassembler.h"

#include <QTest>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "capturepackets.h"

using namespace calldeck::core;
namespace cp = capturepackets;

namespace
{

constexpr std::int64_t T0 = 1'700'000'000'000'000;

struct Stream
{
    TcpStreamReassembler r;
    std::vector<std::string> messages;
    std::vector<PacketMeta> metas;
    Endpoint src = Endpoint::ipv4(0x0A000001, 40000);
    Endpoint dst = Endpoint::ipv4(0x0A000002, 5060);

    Stream() = default;
    explicit Stream(TcpStreamReassembler::Options o)
        : r(o)
    {}
    PayloadSink sink()
    {
        return [this](std::string_view m, const PacketMeta &meta) {
            messages.emplace_back(m);
            metas.push_back(meta);
        };
    }
    void segment(std::uint32_t seq, std::string_view data, std::int64_t t = T0, std::uint8_t flags = 0)
    {
        TcpSegment s;
        s.meta.timeUs = t;
        s.meta.transport = Transport::Tcp;
        s.meta.src = src;
        s.meta.dst = dst;
        s.seq = seq;
        s.flags = flags;
        s.payload = data;
        r.add(s, sink());
    }
    void syn(std::uint32_t isn, std::int64_t t = T0) { segment(isn, {}, t, cp::Syn); }
};

std::string threeMessages()
{
    return cp::sipMessage("m1", 0) + cp::sipMessage("m2", 700, "INVITE") + cp::sipMessage("m3", 40, "BYE");
}

} // namespace

class TestTcpStreamReassembler final : public QObject
{
    Q_OBJECT

private slots:
    void severalMessagesPerSegment();
    void oneMessageOverManySegments();
    void outOfOrderAndRetransmissions();
    void randomOrderWithDuplicates();
    void gapIsSkippedAndResyncs();
    void gapTimeoutAndBound();
    void joinMidStream();
    void hepStream();
    void keepAlivesAndFramingErrors();
    void finRstSyn();
    void sequenceWraps();
    void notSipStreamIsIgnored();
    void boundedFlowsAndIdleExpiry();
    void scannerRecognisesStarts();
    void httpStreamIsNotSip();
};

void TestTcpStreamReassembler::severalMessagesPerSegment()
{
    Stream s;
    s.syn(100);
    const std::string all = threeMessages();
    s.segment(101, all, T0 + 5);
    QCOMPARE(s.messages.size(), std::size_t(3));
    QCOMPARE(s.messages[0] + s.messages[1] + s.messages[2], all);
    for (const std::string &m : s.messages)
    {
        SipMessage parsed;
        QVERIFY(SipParser::parse(m, parsed) == SipParseError::None);
    }
    QCOMPARE(s.metas[2].timeUs, T0 + 5);
    QVERIFY(s.metas[2].transport == Transport::Tcp);
    QVERIFY(s.metas[2].src == s.src);
    QCOMPARE(s.r.stats().messages, 3u);
    QCOMPARE(s.r.flows(), std::size_t(1));
}

void TestTcpStreamReassembler::oneMessageOverManySegments()
{
    Stream s;
    s.syn(7);
    const std::string msg = cp::sipMessage("big", 20000, "MESSAGE");
    std::uint32_t seq = 8;
    for (std::size_t off = 0; off < msg.size(); off += 536)
    {
        QVERIFY(s.messages.empty());
        const std::string_view part = std::string_view(msg).substr(off, 536);
        s.segment(seq, part, T0 + static_cast<std::int64_t>(off));
        seq += static_cast<std::uint32_t>(part.size());
    }
    QCOMPARE(s.messages.size(), std::size_t(1));
    QCOMPARE(s.messages[0], msg);
    QCOMPARE(s.metas[0].timeUs,
             T0 + static_cast<std::int64_t>((msg.size() - 1) / 536 * 536)); // the last segment's time
}

void TestTcpStreamReassembler::outOfOrderAndRetransmissions()
{
    Stream s;
    s.syn(1000);
    const std::string all = threeMessages();
    const std::uint32_t base = 1001;
    const std::size_t cut1 = 300;
    const std::size_t cut2 = 900;
    // The third piece first, then the second, a retransmission of the third, the first.
    s.segment(base + cut2, std::string_view(all).substr(cut2));
    s.segment(base + cut1, std::string_view(all).substr(cut1, cut2 - cut1));
    s.segment(base + cut2, std::string_view(all).substr(cut2));
    QVERIFY(s.messages.empty());
    s.segment(base, std::string_view(all).substr(0, cut1));
    QCOMPARE(s.messages.size(), std::size_t(3));
    QCOMPARE(s.messages[0] + s.messages[1] + s.messages[2], all);
    // A retransmission of old bytes, and one overlapping old and new bytes.
    const std::string next = cp::sipMessage("m4", 10);
    const std::uint32_t end = base + static_cast<std::uint32_t>(all.size());
    s.segment(base, std::string_view(all).substr(0, cut1));
    s.segment(end - 20, all.substr(all.size() - 20) + next);
    QCOMPARE(s.messages.size(), std::size_t(4));
    QCOMPARE(s.messages[3], next);
    QVERIFY(s.r.stats().retransmissions >= 3);
    QVERIFY(s.r.stats().outOfOrder >= 2);
    QCOMPARE(s.r.stats().gaps, 0u);
}

void TestTcpStreamReassembler::randomOrderWithDuplicates()
{
    std::mt19937 rng(7);
    std::string all;
    for (int i = 0; i < 30; ++i)
    {
        all += cp::sipMessage("r" + std::to_string(i), std::size_t(rng() % 1500));
    }
    for (int round = 0; round < 20; ++round)
    {
        Stream s;
        s.syn(0xFFFF0000u);
        std::vector<std::pair<std::uint32_t, std::string>> segs;
        for (std::size_t off = 0; off < all.size();)
        {
            const std::size_t n = 1 + rng() % 1400;
            segs.emplace_back(0xFFFF0001u + static_cast<std::uint32_t>(off), all.substr(off, n));
            off += n;
        }
        // Local disorder (as on a network) and some duplicates.
        for (std::size_t i = 0; i + 1 < segs.size(); ++i)
        {
            if (rng() % 3 == 0)
            {
                std::swap(segs[i], segs[i + 1]);
            }
        }
        for (std::size_t i = 0; i < segs.size(); ++i)
        {
            s.segment(segs[i].first, segs[i].second, T0 + std::int64_t(i));
            if (rng() % 5 == 0)
            {
                s.segment(segs[i].first, segs[i].second, T0 + std::int64_t(i));
            }
        }
        QCOMPARE(s.messages.size(), std::size_t(30));
        std::string joined;
        for (const std::string &m : s.messages)
        {
            joined += m;
        }
        QCOMPARE(joined, all);
        QCOMPARE(s.r.stats().gaps, 0u);
    }
}

void TestTcpStreamReassembler::gapIsSkippedAndResyncs()
{
    Stream s;
    s.syn(0);
    const std::string m1 = cp::sipMessage("g1", 100);
    const std::string m2 = cp::sipMessage("g2", 900);
    const std::string m3 = cp::sipMessage("g3", 50);
    const std::string m4 = cp::sipMessage("g4", 50);
    const std::string all = m1 + m2 + m3 + m4;
    // The segment holding the middle of m2 is lost; the rest arrives.
    const std::size_t lostFrom = m1.size() + 200;
    const std::size_t lostTo = m1.size() + 700;
    s.segment(1, std::string_view(all).substr(0, lostFrom), T0);
    s.segment(1 + std::uint32_t(lostTo),
              std::string_view(all).substr(lostTo, m2.size() + m1.size() - lostTo + 10), T0 + 1);
    s.segment(1 + std::uint32_t(m1.size() + m2.size() + 10),
              std::string_view(all).substr(m1.size() + m2.size() + 10), T0 + 2);
    QCOMPARE(s.messages.size(), std::size_t(1)); // m3 and m4 wait behind the hole
    // The end of the capture: the hole is skipped, the stream resyncs at m3.
    s.r.flush(s.sink());
    QCOMPARE(s.messages.size(), std::size_t(3));
    QCOMPARE(s.messages[0], m1);
    QCOMPARE(s.messages[1], m3);
    QCOMPARE(s.messages[2], m4);
    QCOMPARE(s.r.stats().gaps, 1u);
    QCOMPARE(s.r.stats().gapBytes, std::uint64_t(lostTo - lostFrom));
    QCOMPARE(s.r.stats().resyncs, 1u);
    QCOMPARE(s.r.flows(), std::size_t(0));
}

void TestTcpStreamReassembler::gapTimeoutAndBound()
{
    const std::string m1 = cp::sipMessage("h1", 10);
    const std::string m2 = cp::sipMessage("h2", 10);
    {
        // A hole not filled within the gap timeout (capture time) is skipped.
        Stream s;
        s.syn(0);
        s.segment(1 + std::uint32_t(m1.size()) + 5000, m2, T0);
        QVERIFY(s.messages.empty());
        s.segment(1 + std::uint32_t(m1.size()) + 5000 + std::uint32_t(m2.size()), m1, T0 + 6'000'000);
        QCOMPARE(s.messages.size(), std::size_t(2));
        QCOMPARE(s.r.stats().gaps, 1u);
    }
    {
        // Too much waiting behind a hole: skipped at once, memory stays bounded.
        TcpStreamReassembler::Options o;
        o.maxHeldBytes = 4096;
        Stream s(o);
        s.syn(0);
        std::uint32_t seq = 1000;
        for (int i = 0; i < 10; ++i)
        {
            const std::string m = cp::sipMessage("b" + std::to_string(i), 500);
            s.segment(seq, m, T0 + i);
            seq += std::uint32_t(m.size());
        }
        QCOMPARE(s.r.stats().gaps, 1u);
        QCOMPARE(s.messages.size(), std::size_t(10));
    }
}

void TestTcpStreamReassembler::joinMidStream()
{
    // The capture starts in the middle of m1: its tail is skipped, m2 and m3 come out.
    Stream s;
    const std::string m1 = cp::sipMessage("j1", 300);
    const std::string m2 = cp::sipMessage("j2", 30, "INVITE");
    const std::string m3 = cp::sipMessage("j3", 30);
    const std::string all = m1 + m2 + m3;
    s.segment(5000, std::string_view(all).substr(120, 400));
    s.segment(5400, std::string_view(all).substr(520));
    QCOMPARE(s.messages.size(), std::size_t(2));
    QCOMPARE(s.messages[0], m2);
    QCOMPARE(s.messages[1], m3);
    QCOMPARE(s.r.stats().resyncs, 1u);
    // Joining exactly at a message start loses nothing.
    Stream t;
    t.segment(77, m2 + m3);
    QCOMPARE(t.messages.size(), std::size_t(2));
}

void TestTcpStreamReassembler::hepStream()
{
    Stream s;
    s.syn(10);
    std::string all;
    for (int i = 0; i < 5; ++i)
    {
        all += cp::hep3(cp::sipMessage("hep" + std::to_string(i), 200));
    }
    std::uint32_t seq = 11;
    for (std::size_t off = 0; off < all.size(); off += 97)
    {
        const std::string_view part = std::string_view(all).substr(off, 97);
        s.segment(seq, part);
        seq += std::uint32_t(part.size());
    }
    QCOMPARE(s.messages.size(), std::size_t(5));
    for (int i = 0; i < 5; ++i)
    {
        HepPacket p;
        QVERIFY(HepDecoder::decode(s.messages[std::size_t(i)], p, T0) == HepError::None);
        QCOMPARE(std::string(p.payload), cp::sipMessage("hep" + std::to_string(i), 200));
    }
    // A hole in a HEP stream: resync at the next "HEP3".
    Stream g;
    g.syn(0);
    g.segment(1, std::string_view(all).substr(0, 50));
    const std::size_t second = all.find("HEP3", 4);
    g.segment(1 + std::uint32_t(second) - 20, std::string_view(all).substr(second - 20));
    g.r.flush(g.sink());
    QCOMPARE(g.messages.size(), std::size_t(4));
}

void TestTcpStreamReassembler::keepAlivesAndFramingErrors()
{
    Stream s;
    s.syn(0);
    const std::string m1 = cp::sipMessage("k1", 10);
    std::string bad = cp::sipMessage("k2", 10);
    bad.replace(bad.find("Content-Length: 10"), 18, "Content-Length: xx");
    const std::string m3 = cp::sipMessage("k3", 10);
    const std::string all = "\r\n\r\n" + m1 + "\r\n\r\n" + bad + m3;
    s.segment(1, all);
    QCOMPARE(s.messages.size(), std::size_t(2));
    QCOMPARE(s.messages[0], m1); // keep-alives before a message are not part of it
    QCOMPARE(s.messages[1], m3);
    QCOMPARE(s.r.stats().framingErrors, 1u);
    // A keep-alive on its own (RFC 5626 double CRLF) is dropped, not delivered.
    s.segment(1 + std::uint32_t(all.size()), "\r\n\r\n");
    QCOMPARE(s.messages.size(), std::size_t(2));
    QCOMPARE(s.r.stats().keepAlives, 1u);
}

void TestTcpStreamReassembler::finRstSyn()
{
    Stream s;
    s.syn(0);
    const std::string m = cp::sipMessage("f1", 10);
    s.segment(1, m, T0, cp::Fin);
    QCOMPARE(s.messages.size(), std::size_t(1));
    QCOMPARE(s.r.flows(), std::size_t(0));

    // FIN before the last data (reordered): the flow closes once the data came.
    s.syn(0);
    s.segment(1 + 50, std::string_view(m).substr(50), T0, cp::Fin);
    QCOMPARE(s.r.flows(), std::size_t(1));
    s.segment(1, std::string_view(m).substr(0, 50));
    QCOMPARE(s.messages.size(), std::size_t(2));
    QCOMPARE(s.r.flows(), std::size_t(0));

    // RST drops the flow and its unfinished message.
    s.syn(0);
    s.segment(1, std::string_view(m).substr(0, 30));
    s.segment(31, {}, T0, cp::Rst);
    QCOMPARE(s.r.flows(), std::size_t(0));

    // A new SYN on the same address pair starts over.
    s.syn(500);
    s.segment(501, std::string_view(m).substr(0, 30));
    s.syn(9000);
    s.segment(9001, m);
    QCOMPARE(s.messages.size(), std::size_t(3));
    QCOMPARE(s.messages[2], m);
    QCOMPARE(s.r.stats().flowsClosed, 4u);
}

void TestTcpStreamReassembler::sequenceWraps()
{
    Stream s;
    s.syn(0xFFFFFFF0u);
    const std::string all = threeMessages();
    s.segment(0xFFFFFFF1u, std::string_view(all).substr(0, 5));
    s.segment(0xFFFFFFF1u + 5u, std::string_view(all).substr(5, 100));
    s.segment(0xFFFFFFF1u + 105u, std::string_view(all).substr(105));
    QCOMPARE(s.messages.size(), std::size_t(3));
}

void TestTcpStreamReassembler::notSipStreamIsIgnored()
{
    TcpStreamReassembler::Options o;
    o.maxJunkBytes = 16 * 1024;
    Stream s(o);
    s.syn(0);
    std::mt19937 rng(3);
    std::uint32_t seq = 1;
    for (int i = 0; i < 200; ++i)
    {
        std::string junk(1400, '\0');
        for (char &c : junk)
        {
            c = static_cast<char>(rng() & 0x7F); // no "HEP3", no start lines
            c = c == '\n' ? ' ' : c;
        }
        s.segment(seq, junk);
        seq += 1400;
    }
    QVERIFY(s.messages.empty());
    QCOMPARE(s.r.stats().flowsIgnored, 1u);
    QCOMPARE(s.r.flows(), std::size_t(1));
    // A new connection on the same pair is looked at afresh.
    s.syn(0);
    s.segment(1, cp::sipMessage("after", 0));
    QCOMPARE(s.messages.size(), std::size_t(1));
}

void TestTcpStreamReassembler::boundedFlowsAndIdleExpiry()
{
    TcpStreamReassembler::Options o;
    o.maxFlows = 8;
    o.idleTimeoutUs = 60'000'000;
    Stream s(o);
    const std::string m = cp::sipMessage("x", 10);
    for (std::uint16_t port = 1; port <= 40; ++port)
    {
        s.src.port = port;
        s.syn(0, T0 + port);
        s.segment(1, std::string_view(m).substr(0, 20), T0 + port); // unfinished message keeps it open
        QVERIFY(s.r.flows() <= 8);
    }
    QVERIFY(s.r.stats().flowsEvicted >= 32);
    // The most recent flow is still followed.
    s.segment(21, std::string_view(m).substr(20), T0 + 41);
    QCOMPARE(s.messages.size(), std::size_t(1));
    // A minute of capture time later the idle flows are forgotten.
    s.src.port = 999;
    s.syn(0, T0 + 70'000'000);
    QCOMPARE(s.r.flows(), std::size_t(1));
    QVERIFY(s.r.stats().flowsExpired >= 1);
}

void TestTcpStreamReassembler::scannerRecognisesStarts()
{
    constexpr auto npos = std::string_view::npos;
    std::size_t keep = 0;
    QCOMPARE(StreamScanner::findMessageStart("xxxxSIP/2.0 200 OK\r\nVia: x\r\n", false, keep),
             std::size_t(4));
    QCOMPARE(StreamScanner::findMessageStart("Via: SIP/2.0/UDP 10.0.0.1;branch=z\r\nTo: b\r\n", true, keep),
             npos);
    QCOMPARE(keep, std::size_t(0)); // short: everything may still matter
    // Behind a body without a line end: the known method at the end of the capitals.
    QCOMPARE(StreamScanner::findMessageStart("abcPRACK sip:x SIP/2.0\r\nVia: y\r\n", false, keep),
             std::size_t(3));
    QCOMPARE(StreamScanner::findMessageStart("v=0XYZACK sip:x SIP/2.0\r\nVia: y\r\n", false, keep),
             std::size_t(6));
    // Any method at the start of a line; position 0 only when it begins a line.
    QCOMPARE(StreamScanner::findMessageStart("junk\nFOO sip:x SIP/2.0\r\nVia: y\r\n", false, keep),
             std::size_t(5));
    QCOMPARE(StreamScanner::findMessageStart("FOO sip:x SIP/2.0\r\nVia: y\r\n", true, keep), std::size_t(0));
    QCOMPARE(StreamScanner::findMessageStart("FOO sip:x SIP/2.0\r\nVia: y\r\n", false, keep), npos);
    QCOMPARE(StreamScanner::findMessageStart("abc" + cp::hep3(cp::sipMessage("s")), false, keep),
             std::size_t(3));
    const std::string junk(5000, 'q');
    QCOMPARE(StreamScanner::findMessageStart(junk, false, keep), npos);
    QCOMPARE(keep, junk.size() - 2048); // the tail may hold the start of a start line

    bool undecided = false;
    QVERIFY(StreamScanner::plausibleSipStart("INVITE sip:a@b SIP/2.0\r\n", undecided) && !undecided);
    QVERIFY(StreamScanner::plausibleSipStart("SIP/2.0 180 Ringing\r\n", undecided) && !undecided);
    QVERIFY(StreamScanner::plausibleSipStart("\r\n\r\n", undecided) && !undecided);
    QVERIFY(StreamScanner::plausibleSipStart("INV", undecided) && undecided);
    QVERIFY(StreamScanner::plausibleSipStart("SIP/2", undecided) && undecided);
    QVERIFY(!StreamScanner::plausibleSipStart("GET /index.html HTTP/1.1\r\n", undecided));
    QVERIFY(!StreamScanner::plausibleSipStart("\x16\x03\x01\x02\x00", undecided));
    QVERIFY(!StreamScanner::plausibleSipStart("SIP/2.0/UDP x\r\n", undecided));
    QVERIFY(StreamScanner::startsWithHep("HE") && StreamScanner::startsWithHep("HEP3xx") &&
            !StreamScanner::startsWithHep("HEX"));
}

void TestTcpStreamReassembler::httpStreamIsNotSip()
{
    TcpStreamReassembler::Options o;
    o.maxJunkBytes = 8 * 1024;
    Stream s(o);
    s.dst.port = 80;
    s.syn(0);
    std::uint32_t seq = 1;
    for (int i = 0; i < 20; ++i)
    {
        const std::string req =
            "POST /api HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n" + std::string(1000, 'a');
        s.segment(seq, req);
        seq += std::uint32_t(req.size());
    }
    QVERIFY(s.messages.empty());
    QVERIFY(s.r.stats().framingErrors >= 1);
    QCOMPARE(s.r.stats().flowsIgnored, 1u);
}

QTEST_APPLESS_MAIN(TestTcpStreamReassembler)
#include "tst_tcpstreamreassembler.moc"
