// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/core/hepdecoder.h"

#include <QFile>
#include <QTest>

#include <string>

using namespace calldeck::core;

namespace
{

std::string chunk(std::uint16_t type, const std::string &body, std::uint16_t vendor = 0)
{
    const std::size_t len = body.size() + 6;
    std::string c;
    c += static_cast<char>(vendor >> 8);
    c += static_cast<char>(vendor & 0xFF);
    c += static_cast<char>(type >> 8);
    c += static_cast<char>(type & 0xFF);
    c += static_cast<char>(len >> 8);
    c += static_cast<char>(len & 0xFF);
    return c + body;
}

std::string be(std::uint64_t v, int bytes)
{
    std::string s;
    for (int i = bytes - 1; i >= 0; --i)
    {
        s += static_cast<char>((v >> (8 * i)) & 0xFF);
    }
    return s;
}

std::string hep3(const std::string &chunks)
{
    const std::size_t total = chunks.size() + 6;
    return std::string("HEP3") + be(total, 2) + chunks;
}

/** The reference's worked example (anchors-and-hep.md §2.8). */
std::string workedExample()
{
    return hep3(chunk(1, be(2, 1)) + chunk(2, be(17, 1)) + chunk(3, be(0x0A000001, 4)) +
                chunk(4, be(0x0A000002, 4)) + chunk(7, be(5062, 2)) + chunk(8, be(5060, 2)) +
                chunk(9, be(1700000000, 4)) + chunk(10, be(250000, 4)) + chunk(11, be(1, 1)) +
                chunk(12, be(2001, 4)) + chunk(14, "secret") + chunk(17, "abc123@host") +
                chunk(15, "BYE sip:b@h SIP/2.0\r\n"));
}

} // namespace

class TestHepDecoder final : public QObject
{
    Q_OBJECT

private slots:
    void workedExampleDecodes();
    void realKamailioDatagrams();
    void ipv6AndVendorChunks();
    void hepV2BothByteOrders();
    void classify();
    void badInput_data();
    void badInput();
    void everyTruncationIsAnError();
    void tcpFraming();
};

void TestHepDecoder::workedExampleDecodes()
{
    const std::string d = workedExample();
    QCOMPARE(d.size(), std::size_t(149));
    HepPacket p;
    QCOMPARE(HepDecoder::decode(d, p, 0), HepError::None);
    QCOMPARE(p.version, 3);
    QCOMPARE(p.meta.src.addressText(), std::string("10.0.0.1"));
    QCOMPARE(p.meta.src.port, 5062);
    QCOMPARE(p.meta.dst.addressText(), std::string("10.0.0.2"));
    QCOMPARE(p.meta.timeUs, 1700000000250000LL);
    QCOMPARE(p.meta.captureNode, 2001u);
    QCOMPARE(p.meta.transport, Transport::Udp);
    QCOMPARE(p.payloadType, 1);
    QCOMPARE(p.authKey, std::string_view("secret"));
    QCOMPARE(p.correlationId, std::string_view("abc123@host"));
    QCOMPARE(p.payload, std::string_view("BYE sip:b@h SIP/2.0\r\n"));
    QVERIFY(!p.compressed);
}

void TestHepDecoder::realKamailioDatagrams()
{
    // One call as Kamailio 5.6.3's siptrace sent it (hep/DECODED.txt lists the values).
    for (int i = 1; i <= 13; ++i)
    {
        QFile f(QStringLiteral(CALLDECK_SAMPLES "/hep/%1.bin").arg(i, 3, 10, QLatin1Char('0')));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray raw = f.readAll();
        const std::string_view d(raw.constData(), static_cast<std::size_t>(raw.size()));
        HepPacket p;
        QCOMPARE(HepDecoder::decode(d, p, 0), HepError::None);
        QCOMPARE(p.meta.captureNode, 2001u);
        QCOMPARE(p.meta.src.addressText(), std::string("127.0.0.1"));
        QVERIFY(p.meta.timeUs / 1000000 == 1795747837 || p.meta.timeUs / 1000000 == 1795747838 ||
                p.meta.timeUs / 1000000 >= 1795747837);
        QCOMPARE(p.payloadType, 1);
        QVERIFY(p.payload.substr(0, 3) == "SIP" || p.payload.find(" SIP/2.0") != std::string_view::npos);
    }
}

void TestHepDecoder::ipv6AndVendorChunks()
{
    const std::string src(16, '\0'), dst = std::string(15, '\0') + '\x01';
    const std::string d =
        hep3(chunk(1, be(28, 1)) + chunk(2, be(6, 1)) + chunk(5, src) + chunk(6, dst) +
             chunk(7, be(5060, 2)) + chunk(8, be(5070, 2)) + chunk(0x99, "x", 0x0002) +
             chunk(0x77, "unknown") + chunk(0x13, "node-a") + chunk(15, "OPTIONS sip:a SIP/2.0\r\n"));
    HepPacket p;
    QCOMPARE(HepDecoder::decode(d, p, 0), HepError::None);
    QCOMPARE(p.meta.src.family, 6);
    QCOMPARE(p.meta.dst.addressText(), std::string("::1"));
    QCOMPARE(p.meta.transport, Transport::Tcp);
    QCOMPARE(p.skippedChunks, 2u);
    QCOMPARE(p.nodeName, std::string_view("node-a"));
}

void TestHepDecoder::hepV2BothByteOrders()
{
    // HEPv2: version 2, header length 28, AF_INET, UDP, ports, IPv4 addresses, time, id.
    const std::int64_t now = 1795747837LL * 1000000;
    for (bool little : {true, false})
    {
        std::string d;
        d += '\x02';
        d += static_cast<char>(28);
        d += '\x02';
        d += '\x11';
        d += be(5060, 2) + be(5070, 2) + be(0x7F000001, 4) + be(0x7F000002, 4);
        auto put32 = [&](std::uint32_t v) {
            if (little)
            {
                for (int i = 0; i < 4; ++i)
                {
                    d += static_cast<char>((v >> (8 * i)) & 0xFF);
                }
            }
            else
            {
                d += be(v, 4);
            }
        };
        put32(1795747837);
        put32(123456);
        d += little ? std::string("\xd1\x07", 2) : be(2001, 2);
        d += std::string(2, '\0'); // struct padding: the time header is 12 bytes in C
        d += "SIP/2.0 200 OK\r\n\r\n";
        HepPacket p;
        QCOMPARE(HepDecoder::classify(d), MirrorPacketKind::Hep2);
        QCOMPARE(HepDecoder::decode(d, p, now), HepError::None);
        QCOMPARE(p.version, 2);
        QCOMPARE(p.meta.timeUs, 1795747837123456LL);
        QCOMPARE(p.meta.captureNode, 2001u);
        QCOMPARE(p.meta.dst.port, 5070);
        QCOMPARE(p.payload, std::string_view("SIP/2.0 200 OK\r\n\r\n"));
    }
}

void TestHepDecoder::classify()
{
    QCOMPARE(HepDecoder::classify(workedExample()), MirrorPacketKind::Hep3);
    QCOMPARE(HepDecoder::classify("INVITE sip:a@b SIP/2.0\r\n"), MirrorPacketKind::RawSip);
    QCOMPARE(HepDecoder::classify("\r\nSIP/2.0 180 Ringing\r\n"), MirrorPacketKind::RawSip);
    QCOMPARE(HepDecoder::classify("GARBAGE!"), MirrorPacketKind::Unknown);
    QCOMPARE(HepDecoder::classify(""), MirrorPacketKind::Unknown);
}

void TestHepDecoder::badInput_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<int>("error");
    const std::string ok = workedExample();
    auto bytes = [](const std::string &s) { return QByteArray(s.data(), static_cast<qsizetype>(s.size())); };
    QTest::newRow("not hep") << QByteArray("hello world") << int(HepError::NotHep);
    QTest::newRow("header only") << QByteArray("HEP3") << int(HepError::Truncated);
    QTest::newRow("length < 6") << bytes(std::string("HEP3") + be(3, 2)) << int(HepError::BadLength);
    QTest::newRow("length > datagram") << bytes(ok.substr(0, 100)) << int(HepError::Truncated);
    QTest::newRow("length < datagram") << bytes(ok + "extra") << int(HepError::BadLength);
    QTest::newRow("chunk length < 6")
        << bytes(hep3(std::string("\0\0\0\x0f\0\x03", 6))) << int(HepError::BadChunkLength);
    QTest::newRow("chunk past end") << bytes(hep3(std::string("\0\0\0\x0f\0\x40", 6) + "abc"))
                                    << int(HepError::BadChunkLength);
    QTest::newRow("ipv4 of 3 bytes") << bytes(hep3(chunk(3, "abc") + chunk(15, "x")))
                                     << int(HepError::BadChunkSize);
    QTest::newRow("no payload") << bytes(hep3(chunk(1, be(2, 1)))) << int(HepError::MissingPayload);
    QTest::newRow("v2 unknown family")
        << QByteArray("\x02\x1c\x07\x11xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx") << int(HepError::NotHep);
}

void TestHepDecoder::badInput()
{
    QFETCH(QByteArray, data);
    QFETCH(int, error);
    HepPacket p;
    QCOMPARE(int(HepDecoder::decode(std::string_view(data.constData(), static_cast<std::size_t>(data.size())),
                                    p, 0)),
             error);
}

void TestHepDecoder::everyTruncationIsAnError()
{
    const std::string d = workedExample();
    for (std::size_t n = 0; n < d.size(); ++n)
    {
        HepPacket p;
        const std::string cut = d.substr(0, n);
        QVERIFY(HepDecoder::decode(cut, p, 0) != HepError::None);
    }
}

void TestHepDecoder::tcpFraming()
{
    const std::string one = workedExample();
    const std::string stream = one + one + one.substr(0, 10);
    HepError e;
    QCOMPARE(HepDecoder::frameLength(stream, e), one.size());
    QCOMPARE(e, HepError::None);
    QCOMPARE(HepDecoder::frameLength(stream.substr(2 * one.size()), e), std::size_t(0));
    QCOMPARE(e, HepError::None); // need more bytes
    QCOMPARE(HepDecoder::frameLength("HE", e), std::size_t(0));
    QCOMPARE(e, HepError::None);
    QCOMPARE(HepDecoder::frameLength("XXXX", e), std::size_t(0));
    QCOMPARE(e, HepError::NotHep);
    QCOMPARE(HepDecoder::frameLength(std::string("HEP3\0\x02", 6), e), std::size_t(0));
    QCOMPARE(e, HepError::BadLength);
}

QTEST_APPLESS_MAIN(TestHepDecoder)
#include "tst_hepdecoder.moc"
