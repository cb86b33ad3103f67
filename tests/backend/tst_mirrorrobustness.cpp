// SPDX-License-Identifier: GPL-3.0-or-later
// The receive path under hostile input: broken HEP, garbage, SIP without Call-ID, a burst of
// 100 000 garbage datagrams and a stalled consumer with a small queue. Everything is counted,
// memory stays bounded, and real calls sent in between are still tracked.
#include <QDateTime>
#include <QTest>

#include <future>
#include <map>

#include "backend/coreworker.h"
#include "backend/ingestqueue.h"
#include "backend/mirrorlistener.h"
#include "backend/sourceregistry.h"
#include "tests/backend/hepencoder.h"
#include "tests/backend/loopbackclient.h"
#include "tests/support/siptrafficgenerator.h"

using namespace calldeck;
using namespace calldeck::testsupport;
using namespace Qt::StringLiterals;

namespace
{

std::int64_t nowUs()
{
    return QDateTime::currentMSecsSinceEpoch() * 1000;
}

CoreWorker::Options workerOptions()
{
    CoreWorker::Options o;
    o.tickMs = 20;
    return o;
}

std::vector<GeneratedMessage> setupOf(std::uint64_t n)
{
    SipTrafficGenerator gen({});
    std::vector<GeneratedMessage> out;
    gen.setup(n, CallKind::CallerHangsUp, nowUs(), out);
    return out;
}

std::map<std::string, int> dialogStates(CoreWorker &worker)
{
    std::map<std::string, int> out;
    worker.call([&](CoreContext &c) {
        for (const core::DialogHandle h : c.engine.list())
        {
            out[c.engine.snapshot(h).callId] = c.engine.snapshot(h).state;
        }
    });
    return out;
}

std::string callId(std::uint64_t n)
{
    return SipTrafficGenerator({}).callId(n);
}

/// Deterministic garbage of several shapes, each of which the core must count as malformed or
/// not SIP: random bytes, "HEP3" with random chunks, HEPv2-looking headers, SIP-looking text
/// without Call-ID.
std::string garbage(std::uint64_t i)
{
    std::uint64_t x = i * 0x9E3779B97F4A7C15ull + 1;
    const auto next = [&x] {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        return x;
    };
    const std::size_t size = 1 + next() % 1400;
    std::string out(size, '\0');
    for (char &c : out)
    {
        c = static_cast<char>(next() & 0xFF);
    }
    switch (i % 4)
    {
    case 0:
        out[0] = static_cast<char>(0x80 | (out[0] & 0x7F)); // never a HEP version, never text
        break;
    case 1:
        out = "HEP3" + out;
        break;
    case 2:
        out = std::string("\x02\x1c\x02\x11", 4) + out;
        break;
    default:
        out = "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK" + std::to_string(i) +
              "\r\nContent-Length: 0\r\n\r\n";
        break;
    }
    return out;
}

} // namespace

class TestMirrorRobustness final : public QObject
{
    Q_OBJECT

private slots:
    void badInputIsCountedAndCallsStillTracked();
    void garbageBurstKeepsMemoryBounded();
    void smallQueueWithStalledConsumerCountsDrops();
};

void TestMirrorRobustness::badInputIsCountedAndCallsStillTracked()
{
    IngestQueue queue;
    SourceRegistry sources;
    CoreWorker worker(workerOptions(), queue, sources);
    MirrorListener listener(u"127.0.0.1:0"_s, queue, sources);
    QString error;
    QVERIFY2(listener.start(&error), qPrintable(error));
    worker.start();

    const std::string good = HepEncoder::v3(setupOf(999).front());
    const std::string sip = setupOf(998).front().text;
    std::string rtcp = good;
    rtcp[rtcp.find(std::string("\x00\x00\x00\x0b\x00\x07\x01", 7)) + 6] = '\x05'; // payload type RTCP
    std::string noCallId = sip;
    noCallId.erase(noCallId.find("Call-ID:"),
                   noCallId.find("\r\n", noCallId.find("Call-ID:")) + 2 - noCallId.find("Call-ID:"));
    // name, datagram, counted as malformed (else as not SIP)
    const std::vector<std::tuple<const char *, std::string, bool>> bad = {
        {"truncated HEP", good.substr(0, good.size() / 2), true},
        {"HEP length below the datagram", good + "trailing bytes", true},
        {"chunk length below 6", HepEncoder::message(HepEncoder::chunk(0, 0x0f, "xyz", 3)), true},
        {"chunk past the end", HepEncoder::message(HepEncoder::chunk(0, 0x0f, "xyz", 400)), true},
        {"vendor chunks only", HepEncoder::message(HepEncoder::chunk(2, 0x0f, "INVITE")), true},
        {"HEPv2 cut in its header", HepEncoder::v2(setupOf(997).front()).substr(0, 20), true},
        {"SIP without Call-ID", noCallId, true},
        {"binary garbage", std::string("\xde\xad\xbe\xef\x00\x01\x02", 7), false},
        {"empty datagram", std::string(), false},
        {"RTCP in HEP", rtcp, false},
    };
    quint64 malformed = 0;
    quint64 notSip = 0;
    LoopbackClient sender = LoopbackClient::udp();
    std::size_t sent = 0;
    for (std::uint64_t call = 100; call < 110; ++call)
    {
        for (const auto &[name, datagram, isMalformed] : bad)
        {
            QVERIFY2(sender.sendTo(listener.udpPort(), datagram), name);
            ++sent;
            (isMalformed ? malformed : notSip) += 1;
        }
        for (const GeneratedMessage &m : setupOf(call))
        {
            // Vendor chunks (Kamailio's 0x0002) are skipped, not refused.
            const std::string vendor = HepEncoder::chunk(2, 0x0021, "kamailio-extra");
            const std::string hep = HepEncoder::v3(m);
            QVERIFY(sender.sendTo(listener.udpPort(),
                                  call % 2 ? hep : HepEncoder::message(hep.substr(6) + vendor)));
            ++sent;
        }
    }
    QTRY_COMPARE_WITH_TIMEOUT(worker.stats().packets, quint64(sent), 5000);
    const auto states = dialogStates(worker);
    for (std::uint64_t call = 100; call < 110; ++call)
    {
        QCOMPARE(states.at(callId(call)), int(core::DialogState::Confirmed));
    }
    QCOMPARE(states.size(), std::size_t(10));
    const SourceHealth h = sources.source(listener.udpSourceId());
    QCOMPARE(h.packets, quint64(sent));
    QCOMPARE(h.malformed, malformed);
    QCOMPARE(h.notSip, notSip);
    const CoreStats s = worker.stats();
    QCOMPARE(s.dropped, malformed + notSip - 10); // SIP without Call-ID reaches the parser
    QCOMPARE(s.queueDrops, quint64(0));
    QCOMPARE(listener.stats().udp.datagrams, quint64(sent));
}

void TestMirrorRobustness::garbageBurstKeepsMemoryBounded()
{
    constexpr std::size_t Bound = 20000;
    IngestQueue queue(Bound, 64u << 20);
    SourceRegistry sources;
    CoreWorker worker(workerOptions(), queue, sources);
    MirrorListener listener(u"127.0.0.1:0"_s, queue, sources);
    QString error;
    QVERIFY2(listener.start(&error), qPrintable(error));
    worker.start();
    LoopbackClient sender = LoopbackClient::udp();
    const quint16 port = listener.udpPort();

    quint64 garbageSent = 0;
    quint64 callMessages = 0;
    for (std::uint64_t round = 0; round < 10; ++round)
    {
        for (int i = 0; i < 10000; ++i)
        {
            QVERIFY(sender.sendTo(port, garbage(garbageSent++)));
        }
        // Everything sent so far is received or counted as dropped by the kernel, and the core
        // has taken it all from the queue: the call that follows cannot be lost to a full buffer.
        const quint64 sent = garbageSent + callMessages;
        QTRY_VERIFY_WITH_TIMEOUT(listener.stats().udp.datagrams + listener.stats().udp.kernelDrops == sent,
                                 10000);
        QTRY_VERIFY_WITH_TIMEOUT(worker.stats().packets + listener.stats().udp.queueDrops ==
                                     listener.stats().udp.datagrams,
                                 10000);
        for (const GeneratedMessage &m : setupOf(200 + round))
        {
            QVERIFY(sender.sendTo(port, HepEncoder::v3(m)));
            ++callMessages;
        }
    }
    QTRY_VERIFY_WITH_TIMEOUT(worker.stats().packets + listener.stats().udp.queueDrops +
                                     listener.stats().udp.kernelDrops ==
                                 garbageSent + callMessages,
                             10000);
    QTRY_COMPARE_WITH_TIMEOUT(sources.source(listener.udpSourceId()).queueDrops,
                              listener.stats().udp.queueDrops, 5000);
    const auto states = dialogStates(worker);
    for (std::uint64_t round = 0; round < 10; ++round)
    {
        QCOMPARE(states.at(callId(200 + round)), int(core::DialogState::Confirmed));
    }
    const MirrorListenerStats ls = listener.stats();
    const SourceHealth h = sources.source(listener.udpSourceId());
    const quint64 lost = ls.udp.kernelDrops + ls.udp.queueDrops;
    QCOMPARE(h.malformed + h.notSip + lost, garbageSent);
    QVERIFY(h.notSip > 0 && h.malformed > 0);
    QCOMPARE(h.queueDrops, ls.udp.queueDrops);
    const IngestQueue::Stats q = queue.stats();
    QVERIFY2(q.highWaterPackets <= Bound, qPrintable(u"high water %1"_s.arg(q.highWaterPackets)));
    QCOMPARE(q.droppedPackets, ls.udp.queueDrops);
    QVERIFY(worker.running());
    qInfo("burst: %llu garbage datagrams, kernel drops %llu, queue drops %llu, queue high water %llu of %zu",
          static_cast<unsigned long long>(garbageSent), static_cast<unsigned long long>(ls.udp.kernelDrops),
          static_cast<unsigned long long>(ls.udp.queueDrops),
          static_cast<unsigned long long>(q.highWaterPackets), Bound);
}

void TestMirrorRobustness::smallQueueWithStalledConsumerCountsDrops()
{
    IngestQueue queue(1000, 64u << 20);
    SourceRegistry sources;
    CoreWorker worker(workerOptions(), queue, sources);
    MirrorListener listener(u"127.0.0.1:0"_s, queue, sources);
    QString error;
    QVERIFY2(listener.start(&error), qPrintable(error));
    worker.start();

    // Stall the core thread: it sits in a call until released.
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    std::promise<void> entered;
    worker.post([released, &entered](CoreContext &) {
        entered.set_value();
        released.wait();
    });
    QVERIFY(entered.get_future().wait_for(std::chrono::seconds(5)) == std::future_status::ready);

    SipTrafficGenerator gen({});
    std::vector<std::string> udp;
    std::string tcpStream;
    quint64 tcpMessages = 0;
    for (std::uint64_t n = 300; n < 1300; ++n)
    {
        std::vector<GeneratedMessage> msgs;
        gen.setup(n, CallKind::CallerHangsUp, nowUs(), msgs);
        for (const auto &m : msgs)
        {
            if (n % 2)
            {
                tcpStream += HepEncoder::v3(m);
                ++tcpMessages;
            }
            else
            {
                udp.push_back(HepEncoder::v3(m));
            }
        }
    }
    LoopbackClient sender = LoopbackClient::udp();
    for (const std::string &d : udp)
    {
        QVERIFY(sender.sendTo(listener.udpPort(), d));
    }
    LoopbackClient conn = LoopbackClient::tcp(listener.tcpPort());
    for (std::size_t at = 0; at < tcpStream.size(); at += 8192)
    {
        QVERIFY(conn.write(std::string_view(tcpStream).substr(at, 8192)));
        QTest::qWait(1);
    }
    QTRY_VERIFY_WITH_TIMEOUT(listener.stats().udp.datagrams + listener.stats().udp.kernelDrops == udp.size(),
                             10000);
    QTRY_COMPARE_WITH_TIMEOUT(listener.stats().tcp.messages, tcpMessages, 10000);

    // A receive thread counts a batch before pushing it and its drop after: wait for both.
    QTRY_COMPARE_WITH_TIMEOUT(queue.stats().acceptedPackets + queue.stats().droppedPackets,
                              listener.stats().udp.datagrams + listener.stats().tcp.messages, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(listener.stats().udp.queueDrops + listener.stats().tcp.queueDrops,
                              queue.stats().droppedPackets, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(sources.source(listener.udpSourceId()).queueDrops +
                                  sources.source(listener.tcpSourceId()).queueDrops,
                              queue.stats().droppedPackets, 5000);
    const MirrorListenerStats ls = listener.stats();
    const IngestQueue::Stats q = queue.stats();
    QVERIFY(ls.udp.queueDrops > 0);
    QVERIFY(ls.tcp.queueDrops > 0);
    QCOMPARE(sources.source(listener.udpSourceId()).queueDrops, ls.udp.queueDrops);
    QCOMPARE(sources.source(listener.tcpSourceId()).queueDrops, ls.tcp.queueDrops);
    QCOMPARE(q.droppedPackets, ls.udp.queueDrops + ls.tcp.queueDrops);
    QVERIFY2(q.highWaterPackets <= 1000, qPrintable(u"high water %1"_s.arg(q.highWaterPackets)));
    QVERIFY(q.queuedPackets <= 1000);
    QCOMPARE(q.acceptedPackets + q.droppedPackets, ls.udp.datagrams + ls.tcp.messages);

    // Released, the core takes what the queue held and later calls are tracked again.
    release.set_value();
    QTRY_COMPARE_WITH_TIMEOUT(worker.stats().packets, q.acceptedPackets, 5000);
    for (const GeneratedMessage &m : setupOf(5000))
    {
        QVERIFY(sender.sendTo(listener.udpPort(), HepEncoder::v3(m)));
    }
    QTRY_COMPARE_WITH_TIMEOUT(worker.stats().packets, q.acceptedPackets + setupOf(5000).size(), 5000);
    QCOMPARE(dialogStates(worker).at(callId(5000)), int(core::DialogState::Confirmed));
    QCOMPARE(worker.stats().queueDrops, q.droppedPackets);
}

QTEST_GUILESS_MAIN(TestMirrorRobustness)
#include "tst_mirrorrobustness.moc"
