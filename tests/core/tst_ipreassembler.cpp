// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/core/ipreassembler.h"

#include <QTest>

#include <algorithm>
#include <string>
#include <vector>

#include "capturepackets.h"

using namespace calldeck::core;
namespace cp = capturepackets;

namespace
{

constexpr std::uint32_t A = 0x0A000001;
constexpr std::uint32_t B = 0x0A000002;
constexpr std::int64_t T0 = 1'700'000'000'000'000;

IpPacket decoded(const std::string &packet)
{
    IpPacket ip;
    const IpError e = IpDecoder::decode(packet, ip);
    Q_ASSERT(e == IpError::None);
    return ip;
}

std::string pattern(std::size_t n, char seed)
{
    std::string s(n, '\0');
    for (std::size_t i = 0; i < n; ++i)
    {
        s[i] = static_cast<char>(seed + i % 23);
    }
    return s;
}

struct Feed
{
    IpReassembler r;
    std::vector<std::string> done;
    std::vector<std::uint8_t> protocols;
    IpReassembler::Outcome add(const std::string &packet, std::int64_t t = T0)
    {
        std::string_view datagram;
        std::uint8_t protocol = 0;
        const auto o = r.add(decoded(packet), t, datagram, protocol);
        if (o == IpReassembler::Outcome::Complete)
        {
            done.emplace_back(datagram);
            protocols.push_back(protocol);
        }
        return o;
    }
};

} // namespace

class TestIpReassembler final : public QObject
{
    Q_OBJECT

private slots:
    void ipv4EveryOrder();
    void ipv6EveryOrder();
    void ipv4OverlapFirstWins();
    void ipv6OverlapDropsTheDatagram();
    void duplicatesAreIgnored();
    void invalidAndInconsistent();
    void timeout();
    void boundedDatagramsAndBytes();
    void keysSeparateDatagrams();
};

void TestIpReassembler::ipv4EveryOrder()
{
    const std::string data = pattern(4000, 'a');
    auto frags = cp::ipv4Fragments(A, B, cp::Udp, data, 1024, 42);
    QCOMPARE(frags.size(), std::size_t(4));
    std::vector<int> order{0, 1, 2, 3};
    int runs = 0;
    do
    {
        Feed f;
        for (std::size_t i = 0; i < order.size(); ++i)
        {
            const auto o = f.add(frags[std::size_t(order[i])]);
            QCOMPARE(o == IpReassembler::Outcome::Complete, i + 1 == order.size());
        }
        QCOMPARE(f.done.size(), std::size_t(1));
        QCOMPARE(f.done[0], data);
        QCOMPARE(f.protocols[0], cp::Udp);
        QCOMPARE(f.r.pendingDatagrams(), std::size_t(0));
        QCOMPARE(f.r.pendingBytes(), std::size_t(0));
        QCOMPARE(f.r.stats().reassembled, 1u);
        ++runs;
    } while (std::next_permutation(order.begin(), order.end()));
    QCOMPARE(runs, 24);
}

void TestIpReassembler::ipv6EveryOrder()
{
    const std::string data = pattern(3000, 'A');
    auto frags = cp::ipv6Fragments(cp::ipv6Address(1), cp::ipv6Address(2), cp::Tcp, data, 1000, 0x01020304);
    QCOMPARE(frags.size(), std::size_t(3));
    std::vector<int> order{0, 1, 2};
    do
    {
        Feed f;
        for (int i : order)
        {
            f.add(frags[std::size_t(i)]);
        }
        QCOMPARE(f.done.size(), std::size_t(1));
        QCOMPARE(f.done[0], data);
        QCOMPARE(f.protocols[0], cp::Tcp); // the first fragment's Next Header
    } while (std::next_permutation(order.begin(), order.end()));
}

void TestIpReassembler::ipv4OverlapFirstWins()
{
    // [0,16) of 'a', then [8,24) of 'b' overlapping it, then the last piece [24,32).
    Feed f;
    QVERIFY(f.add(cp::ipv4(A, B, cp::Udp, std::string(16, 'a'), 9, 0, true)) ==
            IpReassembler::Outcome::Pending);
    QVERIFY(f.add(cp::ipv4(A, B, cp::Udp, std::string(16, 'b'), 9, 8, true)) ==
            IpReassembler::Outcome::Pending);
    QVERIFY(f.add(cp::ipv4(A, B, cp::Udp, std::string(8, 'c'), 9, 24, false)) ==
            IpReassembler::Outcome::Complete);
    QCOMPARE(f.done[0], std::string(16, 'a') + std::string(8, 'b') + std::string(8, 'c'));
    QCOMPARE(f.r.stats().overlaps, 1u);

    // A later fragment inside earlier data changes nothing.
    Feed g;
    g.add(cp::ipv4(A, B, cp::Udp, std::string(8, 'z'), 10, 8, true));
    g.add(cp::ipv4(A, B, cp::Udp, std::string(24, 'y'), 10, 0, true));
    g.add(cp::ipv4(A, B, cp::Udp, std::string(3, 'x'), 10, 24, false));
    QCOMPARE(g.done.size(), std::size_t(1));
    QCOMPARE(g.done[0], std::string(8, 'y') + std::string(8, 'z') + std::string(8, 'y') + "xxx");
}

void TestIpReassembler::ipv6OverlapDropsTheDatagram()
{
    const auto a = cp::ipv6Address(1);
    const auto b = cp::ipv6Address(2);
    Feed f;
    f.add(cp::ipv6(a, b, 44, cp::ipv6FragmentHeader(cp::Udp, 0, true, 5) + std::string(16, 'a')));
    QVERIFY(f.add(cp::ipv6(a, b, 44, cp::ipv6FragmentHeader(cp::Udp, 8, true, 5) + std::string(16, 'b'))) ==
            IpReassembler::Outcome::Dropped);
    QCOMPARE(f.r.stats().overlaps, 1u);
    QCOMPARE(f.r.stats().dropped, 1u);
    QCOMPARE(f.r.pendingBytes(), std::size_t(0));
    // RFC 5722: the fragments still to come are dropped too, so the datagram never completes.
    QVERIFY(f.add(cp::ipv6(a, b, 44, cp::ipv6FragmentHeader(cp::Udp, 16, true, 5) + std::string(8, 'c'))) ==
            IpReassembler::Outcome::Dropped);
    QVERIFY(f.add(cp::ipv6(a, b, 44, cp::ipv6FragmentHeader(cp::Udp, 24, false, 5) + std::string(8, 'd'))) ==
            IpReassembler::Outcome::Dropped);
    QVERIFY(f.done.empty());
    // ...until it times out; then the id can be used again.
    f.r.expire(T0 + 31'000'000);
    QCOMPARE(f.r.pendingDatagrams(), std::size_t(0));
    QCOMPARE(f.r.stats().timedOut, 0u); // already counted as dropped
    f.add(cp::ipv6(a, b, 44, cp::ipv6FragmentHeader(cp::Udp, 0, true, 5) + std::string(8, 'e')),
          T0 + 32'000'000);
    f.add(cp::ipv6(a, b, 44, cp::ipv6FragmentHeader(cp::Udp, 8, false, 5) + std::string(2, 'f')),
          T0 + 32'000'000);
    QCOMPARE(f.done.size(), std::size_t(1));
}

void TestIpReassembler::duplicatesAreIgnored()
{
    for (int version : {4, 6})
    {
        const std::string data = pattern(2000, 'k');
        auto frags = version == 4
                         ? cp::ipv4Fragments(A, B, cp::Udp, data, 800, 3)
                         : cp::ipv6Fragments(cp::ipv6Address(3), cp::ipv6Address(4), cp::Udp, data, 800, 3);
        Feed f;
        f.add(frags[1]);
        f.add(frags[1]); // the same fragment captured twice
        f.add(frags[0]);
        f.add(frags[2]);
        QCOMPARE(f.done.size(), std::size_t(1));
        QCOMPARE(f.done[0], data);
        QCOMPARE(f.r.stats().duplicates, 1u);
        QCOMPARE(f.r.stats().overlaps, 0u);
    }
}

void TestIpReassembler::invalidAndInconsistent()
{
    Feed f;
    // A non-last fragment whose size is not a multiple of 8.
    QVERIFY(f.add(cp::ipv4(A, B, cp::Udp, std::string(13, 'a'), 20, 0, true)) ==
            IpReassembler::Outcome::Dropped);
    // Reaching past 64 KiB.
    QVERIFY(f.add(cp::ipv4(A, B, cp::Udp, std::string(16, 'a'), 21, 65528, false)) ==
            IpReassembler::Outcome::Dropped);
    QCOMPARE(f.r.stats().invalid, 2u);
    // Two different last fragments: the datagram is dropped.
    f.add(cp::ipv4(A, B, cp::Udp, std::string(8, 'a'), 22, 16, false));
    QVERIFY(f.add(cp::ipv4(A, B, cp::Udp, std::string(8, 'a'), 22, 32, false)) ==
            IpReassembler::Outcome::Dropped);
    // A fragment beyond the known end.
    f.add(cp::ipv4(A, B, cp::Udp, std::string(8, 'a'), 23, 16, false));
    QVERIFY(f.add(cp::ipv4(A, B, cp::Udp, std::string(24, 'a'), 23, 8, true)) ==
            IpReassembler::Outcome::Dropped);
    QCOMPARE(f.r.stats().dropped, 2u);
    QCOMPARE(f.r.pendingDatagrams(), std::size_t(0));
    QVERIFY(f.done.empty());
}

void TestIpReassembler::timeout()
{
    Feed f;
    f.add(cp::ipv4(A, B, cp::Udp, std::string(8, 'a'), 30, 0, true), T0);
    f.add(cp::ipv4(A, B, cp::Udp, std::string(8, 'q'), 31, 0, true), T0 + 20'000'000);
    f.r.expire(T0 + 29'000'000);
    QCOMPARE(f.r.pendingDatagrams(), std::size_t(2));
    // 30 s of capture time later the first is given up; its last fragment then starts anew.
    QVERIFY(f.add(cp::ipv4(A, B, cp::Udp, std::string(4, 'b'), 30, 8, false), T0 + 30'500'000) ==
            IpReassembler::Outcome::Pending);
    QCOMPARE(f.r.stats().timedOut, 1u);
    QCOMPARE(f.r.pendingDatagrams(), std::size_t(2));
    QVERIFY(f.done.empty());
    // The second one is still in time.
    QVERIFY(f.add(cp::ipv4(A, B, cp::Udp, std::string(4, 'r'), 31, 8, false), T0 + 40'000'000) ==
            IpReassembler::Outcome::Complete);
    QCOMPARE(f.done[0], std::string(8, 'q') + "rrrr");
    f.r.clear();
    QCOMPARE(f.r.stats().timedOut, 2u);
    QCOMPARE(f.r.pendingBytes(), std::size_t(0));
}

void TestIpReassembler::boundedDatagramsAndBytes()
{
    IpReassembler::Options o;
    o.maxDatagrams = 16;
    o.maxBytes = 64 * 1024;
    Feed f{IpReassembler(o), {}, {}};
    for (std::uint16_t id = 0; id < 200; ++id)
    {
        f.add(cp::ipv4(A, B, cp::Udp, std::string(1480, 'a'), id, 0, true), T0 + id);
        QVERIFY(f.r.pendingDatagrams() <= 16);
        QVERIFY(f.r.pendingBytes() <= o.maxBytes);
    }
    QVERIFY(f.r.stats().evicted >= 184);
    // Large pieces hit the byte bound first.
    for (std::uint16_t id = 1000; id < 1100; ++id)
    {
        f.add(cp::ipv4(A, B, cp::Udp, std::string(16000, 'b'), id, 32000, true), T0 + id);
        QVERIFY(f.r.pendingBytes() <= o.maxBytes);
    }
    // The newest datagram survives eviction and can still complete.
    f.add(cp::ipv4(A, B, cp::Udp, std::string(8, 'c'), 5000, 0, true), T0 + 5000);
    f.add(cp::ipv4(A, B, cp::Udp, std::string(8, 'd'), 5000, 8, false), T0 + 5001);
    QCOMPARE(f.done.size(), std::size_t(1));
}

void TestIpReassembler::keysSeparateDatagrams()
{
    // Same id, different source or protocol: different datagrams.
    Feed f;
    f.add(cp::ipv4(A, B, cp::Udp, std::string(8, '1'), 7, 0, true));
    f.add(cp::ipv4(B, A, cp::Udp, std::string(8, '2'), 7, 0, true));
    f.add(cp::ipv4(A, B, cp::Tcp, std::string(8, '3'), 7, 0, true));
    QCOMPARE(f.r.pendingDatagrams(), std::size_t(3));
    f.add(cp::ipv4(B, A, cp::Udp, "x", 7, 8, false));
    QCOMPARE(f.done.size(), std::size_t(1));
    QCOMPARE(f.done[0], std::string(8, '2') + "x");
}

QTEST_APPLESS_MAIN(TestIpReassembler)
#include "tst_ipreassembler.moc"
