// SPDX-License-Identifier: GPL-3.0-or-later
// StreamFramer: HEPv3 and SIP over TCP cut into messages at every possible split, and every
// way a stream can become unframeable ends in the error state, never in a silent resync.
#include <QTest>

#include "backend/streamframer.h"
#include "tests/backend/hepencoder.h"
#include "tests/support/siptrafficgenerator.h"

using namespace calldeck;
using namespace calldeck::testsupport;

namespace
{

std::vector<GeneratedMessage> calls(std::uint64_t first, std::uint64_t count)
{
    SipTrafficGenerator gen({});
    std::vector<GeneratedMessage> out;
    for (std::uint64_t n = first; n < first + count; ++n)
    {
        gen.setup(n, CallKind::CallerHangsUp, 1795747700LL * 1000000, out);
    }
    return out;
}

/// Feeds @p stream in pieces of the given sizes (the last piece takes the rest) and collects frames.
StreamFramer::Status feed(StreamFramer &framer, std::string_view stream, const std::vector<std::size_t> &cuts,
                          std::vector<std::string> &frames)
{
    std::size_t at = 0;
    StreamFramer::Status status = StreamFramer::Status::NeedMore;
    for (std::size_t i = 0; i <= cuts.size() && at <= stream.size(); ++i)
    {
        const std::size_t n = i < cuts.size() ? std::min(cuts[i], stream.size() - at) : stream.size() - at;
        if (!framer.append(stream.substr(at, n)))
        {
            return StreamFramer::Status::Error;
        }
        at += n;
        std::string_view frame;
        while ((status = framer.next(frame)) == StreamFramer::Status::Frame)
        {
            frames.emplace_back(frame);
        }
        if (status == StreamFramer::Status::Error)
        {
            return status;
        }
    }
    return status;
}

} // namespace

class TestStreamFramer final : public QObject
{
    Q_OBJECT

private slots:
    void hepAtEverySplit();
    void hepByteByByte();
    void sipByContentLengthAtEverySplit();
    void sipKeepAlivesAreSkipped();
    void hepBadLengthIsAnError();
    void hepStreamThatLosesItsMagicIsAnError();
    void hepV2OnAStreamIsRefused();
    void binaryGarbageIsAnError();
    void sipWithoutEndOfHeadersIsBounded();
    void sipAboveTheLimitIsAnError();
    void sipBadContentLengthIsAnError();
    void bufferStaysBounded();
};

void TestStreamFramer::hepAtEverySplit()
{
    std::string stream;
    std::vector<std::string> expected;
    for (const GeneratedMessage &m : calls(0, 1))
    {
        expected.push_back(HepEncoder::v3(m));
        stream += expected.back();
    }
    QVERIFY(expected.size() >= 5);
    for (std::size_t cut = 0; cut <= stream.size(); ++cut)
    {
        StreamFramer framer;
        std::vector<std::string> frames;
        QCOMPARE(feed(framer, stream, {cut}, frames), StreamFramer::Status::NeedMore);
        QCOMPARE(frames, expected);
        QCOMPARE(framer.mode(), StreamFramer::Mode::Hep);
        QCOMPARE(framer.pendingBytes(), std::size_t(0));
    }
}

void TestStreamFramer::hepByteByByte()
{
    std::string stream;
    std::vector<std::string> expected;
    for (const GeneratedMessage &m : calls(3, 2))
    {
        HepEncodeOptions o;
        o.correlationId = "corr-" + std::to_string(expected.size());
        expected.push_back(HepEncoder::v3(m, o));
        stream += expected.back();
    }
    StreamFramer framer;
    std::vector<std::string> frames;
    QCOMPARE(feed(framer, stream, std::vector<std::size_t>(stream.size(), 1), frames),
             StreamFramer::Status::NeedMore);
    QCOMPARE(frames, expected);
    // EEP3 is the spec's alternative magic.
    std::string eep = expected.front();
    eep[0] = 'E';
    StreamFramer second;
    frames.clear();
    QCOMPARE(feed(second, eep + eep, {3, 5}, frames), StreamFramer::Status::NeedMore);
    QCOMPARE(frames.size(), std::size_t(2));
}

void TestStreamFramer::sipByContentLengthAtEverySplit()
{
    std::string stream;
    std::vector<std::string> expected;
    for (const GeneratedMessage &m : calls(7, 1))
    {
        expected.push_back(m.text);
        stream += m.text;
    }
    for (std::size_t cut = 0; cut <= stream.size(); cut += 3)
    {
        StreamFramer framer;
        std::vector<std::string> frames;
        QCOMPARE(feed(framer, stream, {cut, 1, 2}, frames), StreamFramer::Status::NeedMore);
        QCOMPARE(frames, expected);
        QCOMPARE(framer.mode(), StreamFramer::Mode::Sip);
    }
}

void TestStreamFramer::sipKeepAlivesAreSkipped()
{
    const auto msgs = calls(9, 1);
    const std::string stream = "\r\n\r\n" + msgs[0].text + "\r\n\r\n" + msgs[1].text + "\r\n";
    StreamFramer framer;
    std::vector<std::string> frames;
    QCOMPARE(feed(framer, stream, {1, 1, 1}, frames), StreamFramer::Status::NeedMore);
    QCOMPARE(frames.size(), std::size_t(2));
    QCOMPARE(frames[0], msgs[0].text);
    QCOMPARE(frames[1], msgs[1].text);
    QCOMPARE(framer.pendingBytes(), std::size_t(0));
    QVERIFY(framer.bufferedBytes() <= 2);

    StreamFramer idle;
    frames.clear();
    QCOMPARE(feed(idle, std::string(1000, '\n'), {}, frames), StreamFramer::Status::NeedMore);
    QVERIFY(frames.empty());
    QCOMPARE(idle.mode(), StreamFramer::Mode::Undecided);
}

void TestStreamFramer::hepBadLengthIsAnError()
{
    const std::string good = HepEncoder::v3(calls(1, 1).front());
    for (const int length : {0, 3, 5})
    {
        StreamFramer framer;
        std::vector<std::string> frames;
        const std::string bad = HepEncoder::message(HepEncoder::chunk(0, 0x0f, "x"), length);
        QCOMPARE(feed(framer, good + bad + good, {}, frames), StreamFramer::Status::Error);
        QCOMPARE(frames.size(), std::size_t(1));
        QVERIFY(framer.failed());
        QVERIFY2(framer.error().find("below its 6-byte header") != std::string::npos, framer.error().c_str());
        // Final: more bytes are refused and nothing else comes out.
        QVERIFY(!framer.append(good));
        std::string_view frame;
        QCOMPARE(framer.next(frame), StreamFramer::Status::Error);
        QCOMPARE(framer.bufferedBytes(), std::size_t(0));
    }
}

void TestStreamFramer::hepStreamThatLosesItsMagicIsAnError()
{
    const std::string good = HepEncoder::v3(calls(1, 1).front());
    // The sender's length is one byte short: the next "message" starts inside the payload.
    std::string shortened = good;
    shortened[5] = static_cast<char>(static_cast<unsigned char>(shortened[5]) - 1);
    StreamFramer framer;
    std::vector<std::string> frames;
    QCOMPARE(feed(framer, shortened + good, {}, frames), StreamFramer::Status::Error);
    QCOMPARE(frames.size(), std::size_t(1));
    QVERIFY2(framer.error().find("lost its framing") != std::string::npos, framer.error().c_str());
}

void TestStreamFramer::hepV2OnAStreamIsRefused()
{
    StreamFramer framer;
    std::vector<std::string> frames;
    QCOMPARE(feed(framer, HepEncoder::v2(calls(2, 1).front()), {1}, frames), StreamFramer::Status::Error);
    QVERIFY(frames.empty());
    QVERIFY2(framer.error().find("HEPv3") != std::string::npos, framer.error().c_str());
}

void TestStreamFramer::binaryGarbageIsAnError()
{
    StreamFramer framer;
    std::vector<std::string> frames;
    QCOMPARE(feed(framer, std::string("\x00\xff\x13\x37garbage", 11), {}, frames),
             StreamFramer::Status::Error);
    QVERIFY(frames.empty());
    // A SIP stream that turns into garbage after a good message.
    StreamFramer sip;
    const std::string text = calls(4, 1).front().text;
    QCOMPARE(feed(sip, text + "\x01\x02\x03", {}, frames), StreamFramer::Status::Error);
    QCOMPARE(frames.size(), std::size_t(1));
    QVERIFY2(sip.error().find("neither HEPv3 nor SIP") != std::string::npos, sip.error().c_str());
}

void TestStreamFramer::sipWithoutEndOfHeadersIsBounded()
{
    StreamFramer framer;
    std::vector<std::string> frames;
    std::string endless = "INVITE sip:a@b SIP/2.0\r\n";
    while (endless.size() < 70000)
    {
        endless += "X-Filler: " + std::string(100, 'a') + "\r\n";
    }
    std::vector<std::size_t> cuts(endless.size() / 4096 + 1, 4096);
    QCOMPARE(feed(framer, endless, cuts, frames), StreamFramer::Status::Error);
    QVERIFY(frames.empty());
    QVERIFY2(framer.error().find("65535") != std::string::npos, framer.error().c_str());
}

void TestStreamFramer::sipAboveTheLimitIsAnError()
{
    StreamFramer framer;
    std::vector<std::string> frames;
    const std::string huge = "MESSAGE sip:a@b SIP/2.0\r\nCall-ID: x\r\nContent-Length: 70000\r\n\r\n";
    QCOMPARE(feed(framer, huge, {}, frames), StreamFramer::Status::Error);
    QVERIFY(frames.empty());
}

void TestStreamFramer::sipBadContentLengthIsAnError()
{
    StreamFramer framer;
    std::vector<std::string> frames;
    const std::string bad = "MESSAGE sip:a@b SIP/2.0\r\nContent-Length: 12\r\nl: 13\r\n\r\n0123456789abc";
    QCOMPARE(feed(framer, bad, {}, frames), StreamFramer::Status::Error);
    QVERIFY2(framer.error().find("Content-Length") != std::string::npos, framer.error().c_str());
}

void TestStreamFramer::bufferStaysBounded()
{
    // A HEP message announcing 65535 bytes, fed in 64 KiB reads: never more than the bound held.
    StreamFramer framer;
    const std::string big = HepEncoder::message(HepEncoder::chunk(0, 0x0f, std::string(65535 - 12, 'x')));
    QCOMPARE(big.size(), std::size_t(65535));
    std::string stream;
    for (int i = 0; i < 6; ++i)
    {
        stream += big;
    }
    std::size_t frames = 0;
    for (std::size_t at = 0; at < stream.size(); at += StreamFramer::MaxAppendBytes)
    {
        QVERIFY(framer.append(std::string_view(stream).substr(at, StreamFramer::MaxAppendBytes)));
        QVERIFY(framer.bufferedBytes() <= StreamFramer::MaxBufferedBytes);
        std::string_view frame;
        while (framer.next(frame) == StreamFramer::Status::Frame)
        {
            QCOMPARE(frame.size(), big.size());
            ++frames;
        }
    }
    QCOMPARE(frames, std::size_t(6));
    QVERIFY(!framer.append(std::string(StreamFramer::MaxAppendBytes + 1, 'x')));
    QVERIFY(framer.failed());
}

QTEST_GUILESS_MAIN(TestStreamFramer)
#include "tst_streamframer.moc"
