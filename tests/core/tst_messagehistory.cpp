// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/core/messagehistory.h"
#include "backend/core/mirrordecoder.h"

#include <QTest>

#include <string>

using namespace calldeck::core;

namespace
{

PacketMeta meta(std::int64_t t)
{
    PacketMeta m;
    m.timeUs = t;
    m.src = Endpoint::ipv4(0x7F000001, 5060);
    m.dst = Endpoint::ipv4(0x7F000002, 5070);
    return m;
}

} // namespace

class TestMessageHistory final : public QObject
{
    Q_OBJECT

private slots:
    void keepsOrderPerDialog();
    void perDialogCapCounts();
    void globalCapEvictsOldest();
    void pruneForgetsDeadDialogs();
    void mirrorDecoderKeyAndKinds();
};

void TestMessageHistory::keepsOrderPerDialog()
{
    MessageHistory h;
    h.append(1, "INVITE a", meta(1));
    h.append(2, "INVITE b", meta(2));
    PacketMeta withNode = meta(3);
    withNode.captureNode = 2001;
    h.append(1, "SIP/2.0 200 a", withNode, "node-a", "corr-1");
    const auto a = h.messages(1);
    QCOMPARE(a.size(), std::size_t(2));
    QCOMPARE(a[0].bytes, std::string_view("INVITE a"));
    QCOMPARE(a[1].bytes, std::string_view("SIP/2.0 200 a"));
    QCOMPARE(a[1].timeUs, 3);
    QCOMPARE(a[1].captureNode, 2001u);
    QCOMPARE(a[1].nodeName, std::string_view("node-a"));
    QCOMPARE(a[1].correlationId, std::string_view("corr-1"));
    QVERIFY(a[0].nodeName.empty());
    QCOMPARE(a[0].src.port, 5060);
    QCOMPARE(h.messages(2).size(), std::size_t(1));
    QVERIFY(h.messages(9).empty());
    QCOMPARE(h.stats().stored, 3u);
}

void TestMessageHistory::perDialogCapCounts()
{
    MessageHistory::Options o;
    o.perDialogCap = 3;
    MessageHistory h(o);
    for (int i = 0; i < 10; ++i)
    {
        h.append(7, "m" + std::to_string(i), meta(i));
    }
    const auto m = h.messages(7);
    QCOMPARE(m.size(), std::size_t(3));
    QCOMPARE(m.front().bytes, std::string_view("m7"));
    QCOMPARE(h.stats().evictedByDialogCap, 7u);
}

void TestMessageHistory::globalCapEvictsOldest()
{
    MessageHistory::Options o;
    o.capacityBytes = 64 * 1024;
    MessageHistory h(o);
    const std::string big(1000, 'x');
    for (std::uint64_t i = 0; i < 1000; ++i)
    {
        h.append(i, big, meta(static_cast<std::int64_t>(i)));
    }
    const auto s = h.stats();
    QVERIFY(s.evictedByGlobalCap > 900);
    QCOMPARE(s.stored, 1000u);
    QVERIFY(h.messages(0).empty());                   // long gone
    QCOMPARE(h.messages(999).size(), std::size_t(1)); // newest kept
    QCOMPARE(h.messages(999)[0].bytes.size(), big.size());
    QVERIFY(s.bytesUsed <= o.capacityBytes);
    QCOMPARE(h.stats().tooLarge, 0u);
    h.append(5000, std::string(40000, 'y'), meta(0)); // more than half the log
    QCOMPARE(h.stats().tooLarge, 1u);
}

void TestMessageHistory::pruneForgetsDeadDialogs()
{
    MessageHistory::Options o;
    o.capacityBytes = 16 * 1024;
    MessageHistory h(o);
    for (std::uint64_t i = 0; i < 500; ++i)
    {
        h.append(i, std::string(200, 'z'), meta(0));
    }
    QCOMPARE(h.stats().dialogs, std::size_t(500));
    const std::size_t pruned = h.prune();
    QVERIFY(pruned > 400);
    QVERIFY(h.stats().dialogs < 100);
}

void TestMessageHistory::mirrorDecoderKeyAndKinds()
{
    const std::string sip = "OPTIONS sip:a SIP/2.0\r\n\r\n";
    MirrorDecoder open;
    MirrorMessage m = open.decode(sip, meta(5));
    QCOMPARE(m.drop, MirrorDrop::None);
    QCOMPARE(m.kind, MirrorPacketKind::RawSip);
    QCOMPARE(m.sip, std::string_view(sip));
    QCOMPARE(m.meta.timeUs, 5);
    QCOMPARE(open.decode("\x01\x02 binary garbage", meta(5)).drop, MirrorDrop::Unknown);
    MirrorDecoder locked("secret");
    QCOMPARE(locked.decode(sip, meta(5)).drop, MirrorDrop::AuthFailed); // raw SIP cannot carry a key
    auto hep = [&](const std::string &key) {
        std::string chunks;
        auto chunk = [&](std::uint16_t type, const std::string &body) {
            const std::size_t len = body.size() + 6;
            chunks += std::string{'\0',
                                  '\0',
                                  static_cast<char>(type >> 8),
                                  static_cast<char>(type),
                                  static_cast<char>(len >> 8),
                                  static_cast<char>(len)};
            chunks += body;
        };
        if (!key.empty())
        {
            chunk(0x0e, key);
        }
        chunk(0x0b, std::string(1, '\x01'));
        chunk(0x0f, sip);
        const std::size_t total = chunks.size() + 6;
        return std::string("HEP3") + static_cast<char>(total >> 8) + static_cast<char>(total) + chunks;
    };
    QCOMPARE(locked.decode(hep("secret"), meta(5)).drop, MirrorDrop::None);
    QCOMPARE(locked.decode(hep("secreT"), meta(5)).drop, MirrorDrop::AuthFailed);
    QCOMPARE(locked.decode(hep("secret2"), meta(5)).drop, MirrorDrop::AuthFailed);
    QCOMPARE(locked.decode(hep(""), meta(5)).drop, MirrorDrop::AuthFailed);
    QCOMPARE(open.decode(hep(""), meta(5)).sip, std::string_view(sip));
    QCOMPARE(open.decode(hep("").substr(0, 20), meta(5)).drop, MirrorDrop::HepMalformed);
}

QTEST_APPLESS_MAIN(TestMessageHistory)
#include "tst_messagehistory.moc"
