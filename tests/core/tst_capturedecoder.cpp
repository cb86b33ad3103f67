// SPDX-License-Identifier: GPL-3.0-or-later
// CaptureDecoder: link layers, IPv4/IPv6 (extension headers, fragments), UDP/TCP, and the real
// sample captures read with libpcap.
#include "backend/core/capturedecoder.h"
#include "backend/core/hepdecoder.h"
#include "backend/core/linklayer.h"

#include <QTest>

#include <pcap/pcap.h>

#include <algorithm>
#include <string>
#include <vector>

#include "capturepackets.h"
#include "tests/support/pcapfixture.h"

using namespace calldeck::core;
using namespace Qt::StringLiterals;
namespace cp = capturepackets;

namespace
{

constexpr std::uint32_t Alice = 0x0A000001; // 10.0.0.1
constexpr std::uint32_t Proxy = 0x0A000002; // 10.0.0.2
constexpr std::int64_t T0 = 1795747383077697;

struct Delivered
{
    std::string payload;
    PacketMeta meta;
};

struct Collector
{
    std::vector<Delivered> out;
    PayloadSink sink()
    {
        return [this](std::string_view p, const PacketMeta &m) { out.push_back({std::string(p), m}); };
    }
};

const std::string Sip = "OPTIONS sip:bob@example.net SIP/2.0\r\nCall-ID: x\r\nContent-Length: 0\r\n\r\n";

std::vector<Delivered> decodeOne(std::uint32_t linkType, const std::string &frame,
                                 CaptureDecoder *keep = nullptr)
{
    CaptureDecoder local;
    CaptureDecoder &d = keep ? *keep : local;
    Collector c;
    if (!d.setLinkType(linkType))
    {
        return {};
    }
    d.decode(frame, T0, c.sink());
    d.finish(c.sink());
    return c.out;
}

struct CaptureFrames
{
    int linkType = -1;
    std::vector<std::pair<std::string, std::int64_t>> frames;
};

CaptureFrames readCapture(const QString &name)
{
    CaptureFrames c;
    char err[PCAP_ERRBUF_SIZE] = {};
    const QByteArray path = (QStringLiteral(CALLDECK_SAMPLES) + u'/' + name).toLocal8Bit();
    pcap_t *p = pcap_open_offline_with_tstamp_precision(path.constData(), PCAP_TSTAMP_PRECISION_NANO, err);
    if (!p)
    {
        qWarning("%s", err);
        return c;
    }
    c.linkType = pcap_datalink(p);
    pcap_pkthdr *h = nullptr;
    const u_char *data = nullptr;
    while (pcap_next_ex(p, &h, &data) == 1)
    {
        c.frames.emplace_back(std::string(reinterpret_cast<const char *>(data), h->caplen),
                              std::int64_t(h->ts.tv_sec) * 1000000 + h->ts.tv_usec / 1000);
    }
    pcap_close(p);
    return c;
}

} // namespace

class TestCaptureDecoder final : public QObject
{
    Q_OBJECT

private slots:
    void linkLayers_data();
    void linkLayers();
    void notIpAndTruncated();
    void ipv4OptionsAndPadding();
    void ipv6ExtensionHeaders();
    void ipv4FragmentsThroughDecoder();
    void ipv6FragmentsWithDestinationOptions();
    void tcpThroughDecoder();
    void sampleCalls();
    void sampleSipAndHep();
    void sampleDidPair();
};

void TestCaptureDecoder::linkLayers_data()
{
    QTest::addColumn<quint32>("linkType");
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<int>("version");
    const std::string v4 = cp::ipv4(Alice, Proxy, cp::Udp, cp::udp(5062, 5060, Sip));
    const std::string v6 =
        cp::ipv6(cp::ipv6Address(1), cp::ipv6Address(2), cp::Udp, cp::udp(5062, 5060, Sip));
    auto row = [](const char *name, std::uint32_t lt, const std::string &f, int version) {
        QTest::addRow("%s", name) << lt << QByteArray::fromStdString(f) << version;
    };
    row("ethernet-v4", LinkType::Ethernet, cp::ethernet(0x0800, v4), 4);
    row("ethernet-v6", LinkType::Ethernet, cp::ethernet(0x86DD, v6), 6);
    row("vlan-v4", LinkType::Ethernet, cp::ethernet(0x0800, v4, {100}), 4);
    row("qinq-v6", LinkType::Ethernet, cp::ethernet(0x86DD, v6, {10, 200}), 6);
    row("sll-v4", LinkType::LinuxSll, cp::linuxSll(0x0800, v4), 4);
    row("sll-v6", LinkType::LinuxSll, cp::linuxSll(0x86DD, v6), 6);
    row("sll2-v4", LinkType::LinuxSll2, cp::linuxSll2(0x0800, v4), 4);
    row("sll2-v6", LinkType::LinuxSll2, cp::linuxSll2(0x86DD, v6), 6);
    row("sll2-vlan", LinkType::LinuxSll2, cp::linuxSll2(0x8100, std::string("\x00\x64\x08\x00", 4) + v4), 4);
    row("raw-dlt-v4", LinkType::RawDlt, v4, 4);
    row("raw-linktype-v6", LinkType::Raw, v6, 6);
    row("ipv4", LinkType::Ipv4, v4, 4);
    row("ipv6", LinkType::Ipv6, v6, 6);
    row("null-le-v4", LinkType::Null, cp::loopback(2, false, v4), 4);
    row("null-le-v6-freebsd", LinkType::Null, cp::loopback(28, false, v6), 6);
    row("null-be-v6-darwin", LinkType::Null, cp::loopback(30, true, v6), 6);
    row("loop-be-v4", LinkType::Loop, cp::loopback(2, true, v4), 4);
    row("loop-be-v6-openbsd", LinkType::Loop, cp::loopback(24, true, v6), 6);
    row("loop-le-v6-linux", LinkType::Loop, cp::loopback(10, false, v6), 6);
}

void TestCaptureDecoder::linkLayers()
{
    QFETCH(quint32, linkType);
    QFETCH(QByteArray, frame);
    QFETCH(int, version);
    const auto out = decodeOne(linkType, frame.toStdString());
    QCOMPARE(out.size(), std::size_t(1));
    QCOMPARE(out[0].payload, Sip);
    const PacketMeta &m = out[0].meta;
    QCOMPARE(m.timeUs, T0);
    QVERIFY(m.transport == Transport::Udp);
    QCOMPARE(int(m.src.family), version);
    QCOMPARE(m.src.port, std::uint16_t(5062));
    QCOMPARE(m.dst.port, std::uint16_t(5060));
    if (version == 4)
    {
        QVERIFY(m.src == Endpoint::ipv4(Alice, 5062));
        QCOMPARE(m.dst.addressText(), std::string("10.0.0.2"));
    }
    else
    {
        QCOMPARE(m.src.addressText(), std::string("2001:db8::1"));
        QCOMPARE(m.dst.addressText(), std::string("2001:db8::2"));
    }
}

void TestCaptureDecoder::notIpAndTruncated()
{
    CaptureDecoder d;
    Collector c;
    const std::string v4 = cp::ipv4(Alice, Proxy, cp::Udp, cp::udp(5062, 5060, Sip));
    d.decode(cp::ethernet(0x0806, std::string(28, '\0')), T0, c.sink());             // ARP
    d.decode(cp::ethernet(0x0800, std::string(10, '\x45')), T0, c.sink());           // IP cut short
    d.decode(std::string(10, '\0'), T0, c.sink());                                   // not even Ethernet
    d.decode(cp::ethernet(0x0800, v4.substr(0, v4.size() - 5)), T0, c.sink());       // snap length
    d.decode(cp::ethernet(0x0800, cp::ipv4(Alice, Proxy, 1, "icmp")), T0, c.sink()); // ICMP
    d.decode(cp::ethernet(0x86DD, cp::ipv6(cp::ipv6Address(1), cp::ipv6Address(2), 59, "")), T0, c.sink());
    std::string badUdp = cp::udp(1, 2, "abc");
    badUdp[4] = 0;
    badUdp[5] = 4; // UDP length below its header
    d.decode(cp::ethernet(0x0800, cp::ipv4(Alice, Proxy, cp::Udp, badUdp)), T0, c.sink());
    std::string longUdp = cp::udp(1, 2, "abc");
    longUdp[5] = 40; // claims more than the packet holds
    d.decode(cp::ethernet(0x0800, cp::ipv4(Alice, Proxy, cp::Udp, longUdp)), T0, c.sink());
    QVERIFY(c.out.empty());
    const auto s = d.stats();
    QCOMPARE(s.frames, 8u);
    QCOMPARE(s.notIp, 1u);
    QCOMPARE(s.truncated, 4u);
    QCOMPARE(s.notUdpTcp, 2u);
    QCOMPARE(s.malformed, 1u);
    QVERIFY(!d.setLinkType(147)); // a user DLT: not decoded
    QVERIFY(!LinkLayer::supported(105));
}

void TestCaptureDecoder::ipv4OptionsAndPadding()
{
    // 24-byte header with options, and Ethernet padding after a short packet.
    const std::string v4 = cp::ipv4(Alice, Proxy, cp::Udp, cp::udp(5062, 5060, "OPTIONS"), 7, 0, false, true);
    const auto out = decodeOne(LinkType::Ethernet, cp::ethernet(0x0800, v4) + std::string(20, '\0'));
    QCOMPARE(out.size(), std::size_t(1));
    QCOMPARE(out[0].payload, std::string("OPTIONS"));
}

void TestCaptureDecoder::ipv6ExtensionHeaders()
{
    const std::string udp = cp::udp(5062, 5060, Sip);
    // hop-by-hop → routing → destination options → UDP
    const std::string chain =
        cp::ipv6Extension(43) + cp::ipv6Extension(60, 43) + cp::ipv6Extension(cp::Udp) + udp;
    auto out = decodeOne(LinkType::Ipv6, cp::ipv6(cp::ipv6Address(1), cp::ipv6Address(2), 0, chain));
    QCOMPARE(out.size(), std::size_t(1));
    QCOMPARE(out[0].payload, Sip);
    // An atomic fragment (offset 0, no more fragments) is a whole datagram (RFC 6946).
    out = decodeOne(LinkType::Ipv6, cp::ipv6(cp::ipv6Address(1), cp::ipv6Address(2), 44,
                                             cp::ipv6FragmentHeader(cp::Udp, 0, false, 9) + udp));
    QCOMPARE(out.size(), std::size_t(1));
    // An authentication header: length in 4-byte units plus 2.
    std::string ah("\x11\x01\x00\x00", 4);
    ah += std::string(8, '\0');
    out = decodeOne(LinkType::Ipv6, cp::ipv6(cp::ipv6Address(1), cp::ipv6Address(2), 51, ah + udp));
    QCOMPARE(out.size(), std::size_t(1));
    // An extension header running past the packet.
    CaptureDecoder d;
    out = decodeOne(LinkType::Ipv6,
                    cp::ipv6(cp::ipv6Address(1), cp::ipv6Address(2), 0, std::string("\x11\x05", 2)), &d);
    QVERIFY(out.empty());
    QCOMPARE(d.stats().truncated, 1u);
}

void TestCaptureDecoder::ipv4FragmentsThroughDecoder()
{
    const std::string big = Sip + std::string(3000, 'a');
    auto frags = cp::ipv4Fragments(Alice, Proxy, cp::Udp, cp::udp(5062, 5060, big), 1480, 77);
    QCOMPARE(frags.size(), std::size_t(3));
    CaptureDecoder d;
    Collector c;
    d.decode(cp::ethernet(0x0800, frags[2]), T0, c.sink());
    d.decode(cp::ethernet(0x0800, frags[0]), T0 + 1, c.sink());
    QVERIFY(c.out.empty());
    d.decode(cp::ethernet(0x0800, frags[1]), T0 + 2, c.sink());
    QCOMPARE(c.out.size(), std::size_t(1));
    QCOMPARE(c.out[0].payload, big);
    QCOMPARE(c.out[0].meta.timeUs, T0 + 2); // the time the datagram became whole
    QCOMPARE(c.out[0].meta.src.port, std::uint16_t(5062));
    QCOMPARE(d.stats().fragments, 3u);
    QCOMPARE(d.stats().reassembled, 1u);
    // Fragments of a protocol that is neither UDP nor TCP are not kept.
    d.decode(cp::ethernet(0x0800, cp::ipv4(Alice, Proxy, 1, std::string(8, 'i'), 5, 0, true)), T0, c.sink());
    QCOMPARE(d.stats().notUdpTcp, 1u);
}

void TestCaptureDecoder::ipv6FragmentsWithDestinationOptions()
{
    // The fragmentable part begins with destination options, then UDP.
    const std::string big = Sip + std::string(2500, 'b');
    const std::string fragmentable = cp::ipv6Extension(cp::Udp) + cp::udp(5062, 5060, big);
    auto frags =
        cp::ipv6Fragments(cp::ipv6Address(1), cp::ipv6Address(2), 60, fragmentable, 1232, 0xABCDEF01);
    QCOMPARE(frags.size(), std::size_t(3));
    CaptureDecoder d;
    QVERIFY(d.setLinkType(LinkType::LinuxSll));
    Collector c;
    for (int i : {1, 2, 0})
    {
        d.decode(cp::linuxSll(0x86DD, frags[std::size_t(i)]), T0 + i, c.sink());
    }
    QCOMPARE(c.out.size(), std::size_t(1));
    QCOMPARE(c.out[0].payload, big);
    QCOMPARE(c.out[0].meta.dst.addressText(), std::string("2001:db8::2"));
}

void TestCaptureDecoder::tcpThroughDecoder()
{
    const std::string msg = cp::sipMessage("tcp-1", 300);
    CaptureDecoder d;
    Collector c;
    const std::uint32_t isn = 1000;
    d.decode(cp::ethernet(0x0800, cp::ipv4(Alice, Proxy, cp::Tcp, cp::tcp(40000, 5060, isn, cp::Syn, ""))),
             T0, c.sink());
    d.decode(cp::ethernet(
                 0x0800,
                 cp::ipv4(Alice, Proxy, cp::Tcp, cp::tcp(40000, 5060, isn + 1, 0, msg.substr(0, 100))), {7}),
             T0 + 10, c.sink());
    QVERIFY(c.out.empty());
    d.decode(cp::ethernet(
                 0x0800,
                 cp::ipv4(Alice, Proxy, cp::Tcp, cp::tcp(40000, 5060, isn + 101, cp::Fin, msg.substr(100))),
                 {7}),
             T0 + 20, c.sink());
    QCOMPARE(c.out.size(), std::size_t(1));
    QCOMPARE(c.out[0].payload, msg);
    QVERIFY(c.out[0].meta.transport == Transport::Tcp);
    QCOMPARE(c.out[0].meta.timeUs, T0 + 20);
    QCOMPARE(c.out[0].meta.src.port, std::uint16_t(40000));
    const auto s = d.stats();
    QCOMPARE(s.tcpSegments, 3u);
    QCOMPARE(s.tcpMessages, 1u);
    QCOMPARE(d.tcpStats().flowsClosed, 1u);
}

void TestCaptureDecoder::sampleCalls()
{
    const CaptureFrames cap = readCapture(u"calls.pcap"_s);
    QCOMPARE(cap.linkType, int(LinkType::Ethernet));
    QCOMPARE(cap.frames.size(), std::size_t(39));
    CaptureDecoder d;
    QVERIFY(d.setLinkType(std::uint32_t(cap.linkType)));
    Collector c;
    for (const auto &[frame, time] : cap.frames)
    {
        d.decode(frame, time, c.sink());
    }
    d.finish(c.sink());
    // The same payloads, addresses and times as the independent fixture reader finds.
    const auto expected =
        calldeck::testsupport::readUdpCapture(QStringLiteral(CALLDECK_SAMPLES "/calls.pcap").toStdString());
    QCOMPARE(c.out.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i)
    {
        QCOMPARE(c.out[i].payload, expected[i].payload);
        QVERIFY(c.out[i].meta.src == expected[i].meta.src);
        QVERIFY(c.out[i].meta.dst == expected[i].meta.dst);
        QVERIFY(HepDecoder::classify(c.out[i].payload) == MirrorPacketKind::RawSip);
    }
    // Nanosecond records, truncated to microseconds (tshark: 1795747383.077697252 … 1795747387.086870527).
    QCOMPARE(c.out.front().meta.timeUs, std::int64_t(1795747383077697));
    QCOMPARE(c.out.back().meta.timeUs, std::int64_t(1795747387086870));
    QCOMPARE(d.stats().udpPayloads, 39u);
}

void TestCaptureDecoder::sampleSipAndHep()
{
    const CaptureFrames cap = readCapture(u"calls_sip_and_hep.pcap"_s);
    QCOMPARE(cap.frames.size(), std::size_t(78));
    CaptureDecoder d;
    QVERIFY(d.setLinkType(std::uint32_t(cap.linkType)));
    Collector c;
    for (const auto &[frame, time] : cap.frames)
    {
        d.decode(frame, time, c.sink());
    }
    std::vector<std::string> sip;
    std::vector<std::string> hep;
    for (const Delivered &m : c.out)
    {
        if (m.meta.dst.port == 9060)
        {
            QVERIFY(HepDecoder::classify(m.payload) == MirrorPacketKind::Hep3);
            HepPacket packet;
            QVERIFY(HepDecoder::decode(m.payload, packet, m.meta.timeUs) == HepError::None);
            hep.emplace_back(packet.payload);
        }
        else
        {
            sip.push_back(m.payload);
        }
    }
    QCOMPARE(sip.size(), std::size_t(39));
    QCOMPARE(hep.size(), std::size_t(39));
    std::sort(sip.begin(), sip.end());
    std::sort(hep.begin(), hep.end());
    QVERIFY(sip == hep); // every message is there twice: raw and wrapped in HEP
}

void TestCaptureDecoder::sampleDidPair()
{
    const CaptureFrames cap = readCapture(u"did-pair.pcap"_s);
    QCOMPARE(cap.frames.size(), std::size_t(54));
    CaptureDecoder d;
    QVERIFY(d.setLinkType(std::uint32_t(cap.linkType)));
    Collector c;
    for (const auto &[frame, time] : cap.frames)
    {
        d.decode(frame, time, c.sink());
    }
    QCOMPARE(c.out.size(), std::size_t(54));
    std::size_t withDid = 0;
    for (const Delivered &m : c.out)
    {
        withDid += m.payload.find(";did=") != std::string::npos ? 1 : 0;
    }
    QVERIFY(withDid > 0);
    QCOMPARE(d.stats().notIp + d.stats().truncated + d.stats().malformed, 0u);
}

QTEST_APPLESS_MAIN(TestCaptureDecoder)
#include "tst_capturedecoder.moc"
