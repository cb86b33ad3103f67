// SPDX-License-Identifier: GPL-3.0-or-later
#include <QSignalSpy>
#include <QTest>

#include <zlib.h>

#include "backend/coreworker.h"
#include "backend/ingestqueue.h"
#include "backend/sourceregistry.h"
#include "tests/support/siptrafficgenerator.h"

using namespace calldeck;
using namespace calldeck::testsupport;
using namespace Qt::StringLiterals;

namespace
{

std::string hep3(const std::string &sip, const std::string &key = {}, bool gzip = false)
{
    std::string chunks;
    auto chunk = [&](std::uint16_t type, const std::string &body) {
        const std::size_t len = body.size() + 6;
        chunks += std::string{'\0',
                              '\0',
                              static_cast<char>(type >> 8),
                              static_cast<char>(type & 0xFF),
                              static_cast<char>(len >> 8),
                              static_cast<char>(len & 0xFF)};
        chunks += body;
    };
    chunk(0x03, std::string("\x0a\x00\x00\x01", 4));
    chunk(0x04, std::string("\x0a\x00\x00\x02", 4));
    chunk(0x07, std::string("\x13\xc4", 2));
    chunk(0x08, std::string("\x13\xc4", 2));
    if (!key.empty())
    {
        chunk(0x0e, key);
    }
    if (gzip)
    {
        uLongf n = compressBound(static_cast<uLong>(sip.size()));
        std::string z(n, '\0');
        compress(reinterpret_cast<Bytef *>(z.data()), &n, reinterpret_cast<const Bytef *>(sip.data()),
                 static_cast<uLong>(sip.size()));
        z.resize(n);
        chunk(0x10, z);
    }
    else
    {
        chunk(0x0f, sip);
    }
    const std::size_t total = chunks.size() + 6;
    return std::string("HEP3") + static_cast<char>(total >> 8) + static_cast<char>(total & 0xFF) + chunks;
}

std::int64_t nowUs()
{
    return QDateTime::currentMSecsSinceEpoch() * 1000;
}

} // namespace

class TestCoreWorker final : public QObject
{
    Q_OBJECT

private slots:
    void feedsTheEngineAndPublishesDeltas();
    void hepKeyCompressionAndHealth();
    void fullQueueDropsAndCounts();
    void callRunsOnTheCoreThread();
    void oldCaptureTimesOnTheLiveClock();
};

void TestCoreWorker::feedsTheEngineAndPublishesDeltas()
{
    IngestQueue queue;
    SourceRegistry sources;
    const quint16 src = sources.add(u"hep-udp"_s, u"udp 127.0.0.1:9060"_s);
    CoreWorker::Options o;
    o.tickMs = 20;
    CoreWorker worker(o, queue, sources);
    worker.setDeltasEnabled(true);
    QSignalSpy ready(&worker, &CoreWorker::deltaReady);
    worker.start();

    SipTrafficGenerator gen({});
    std::vector<GeneratedMessage> msgs;
    for (std::uint64_t n = 0; n < 50; ++n)
    {
        gen.setup(n, CallKind::CallerHangsUp, nowUs(), msgs);
    }
    PacketBatch batch;
    for (const auto &m : msgs)
    {
        batch.add(m.text, m.meta, src);
    }
    QVERIFY(queue.push(std::move(batch)));
    QTRY_VERIFY_WITH_TIMEOUT(ready.count() >= 1, 3000);
    DialogDelta d = worker.takeDelta();
    QCOMPARE(d.upserts.size(), std::size_t(50));
    QCOMPARE(d.active.ongoing, 50u);
    for (const DialogRow &row : d.upserts)
    {
        QCOMPARE(row.dialog.state, std::uint8_t(4));
        QCOMPARE(row.origin, u"mirror"_s);
    }
    // Nothing new: the next take is empty and no second signal came.
    QTest::qWait(100);
    QVERIFY(worker.takeDelta().empty());

    // Hang up 10 calls: updates, then removals once the deleted dialogs are destroyed.
    std::vector<GeneratedMessage> down;
    for (std::uint64_t n = 0; n < 10; ++n)
    {
        gen.teardown(n, CallKind::CallerHangsUp, nowUs(), down);
    }
    PacketBatch b2;
    for (const auto &m : down)
    {
        b2.add(m.text, m.meta, src);
    }
    QVERIFY(queue.push(std::move(b2)));
    QTRY_VERIFY_WITH_TIMEOUT(!worker.takeDelta().empty() || ready.count() >= 2, 3000);
    std::size_t messages = 0;
    QVERIFY(worker.call([&](CoreContext &ctx) {
        const auto all = ctx.engine.list();
        messages = ctx.history.messages(CoreWorker::keyOf(all.front())).size();
    }));
    QVERIFY(messages >= 5);
    const CoreStats s = worker.stats();
    QCOMPARE(s.packets, quint64(msgs.size() + down.size()));
    QCOMPARE(sources.source(src).senders.size() >= 1, true);
    worker.stop();
}

void TestCoreWorker::hepKeyCompressionAndHealth()
{
    IngestQueue queue;
    SourceRegistry sources;
    const quint16 src = sources.add(u"hep-udp"_s, u"udp"_s);
    CoreWorker::Options o;
    o.hepKey = "s3cret";
    o.tickMs = 20;
    CoreWorker worker(o, queue, sources);
    worker.start();
    SipTrafficGenerator gen({});
    std::vector<GeneratedMessage> msgs;
    gen.setup(1, CallKind::CallerHangsUp, nowUs(), msgs);
    PacketBatch batch;
    core::PacketMeta arrival;
    arrival.timeUs = nowUs();
    arrival.src = core::Endpoint::ipv4(0x7F000001, 40000);
    batch.add(hep3(msgs[0].text, "s3cret", true), arrival, src); // compressed, right key
    batch.add(hep3(msgs[0].text, "wrong"), arrival, src);
    batch.add(hep3(msgs[0].text), arrival, src);
    batch.add(msgs[0].text, arrival, src); // raw SIP cannot carry the key
    batch.add("\x01\x02\x03 not a packet", arrival, src);
    QVERIFY(queue.push(std::move(batch)));
    QTRY_COMPARE_WITH_TIMEOUT(worker.stats().packets, quint64(5), 3000);
    std::size_t dialogs = 0;
    QVERIFY(worker.call([&](CoreContext &ctx) { dialogs = ctx.engine.dialogCount(); }));
    QCOMPARE(dialogs, std::size_t(1));
    const SourceHealth h = sources.source(src);
    QCOMPARE(h.authFailures, quint64(3));
    QCOMPARE(h.notSip, quint64(1));
    QCOMPARE(h.senders.size(), 1);
    QCOMPARE(h.senders.first().address, u"127.0.0.1:40000"_s);
    QCOMPARE(h.senders.first().packets, quint64(5));
    worker.stop();
}

void TestCoreWorker::fullQueueDropsAndCounts()
{
    IngestQueue queue(100, 1 << 20);
    PacketBatch a;
    for (int i = 0; i < 80; ++i)
    {
        a.add("x", {}, 1);
    }
    QVERIFY(queue.push(std::move(a)));
    PacketBatch b;
    for (int i = 0; i < 30; ++i)
    {
        b.add("y", {}, 1);
    }
    QVERIFY(!queue.push(std::move(b)));
    const IngestQueue::Stats s = queue.stats();
    QCOMPARE(s.acceptedPackets, 80u);
    QCOMPARE(s.droppedPackets, 30u);
    QCOMPARE(s.queuedPackets, 80u);
    std::vector<PacketBatch> out;
    QVERIFY(queue.popAll(out, 0));
    QCOMPARE(out.size(), std::size_t(1));
    QCOMPARE(queue.stats().queuedPackets, 0u);
    queue.close();
    out.clear();
    QVERIFY(!queue.popAll(out, 10));
}

void TestCoreWorker::callRunsOnTheCoreThread()
{
    IngestQueue queue;
    SourceRegistry sources;
    CoreWorker worker({}, queue, sources);
    QVERIFY(!worker.call([](CoreContext &) {})); // not started
    worker.start();
    QThread *coreThread = nullptr;
    QVERIFY(worker.call([&](CoreContext &) { coreThread = QThread::currentThread(); }));
    QVERIFY(coreThread != nullptr);
    QVERIFY(coreThread != QThread::currentThread());
    worker.stop();
    QVERIFY(!worker.running());
}

void TestCoreWorker::oldCaptureTimesOnTheLiveClock()
{
    // A capture replayed at its own pace into a live console: packets stamped a day ago arrive
    // over several ticks. They must not set the clock back (a later tick would then sweep the
    // young dialog as stale and its next message would create it again).
    IngestQueue queue;
    SourceRegistry sources;
    CoreWorker::Options o;
    o.tickMs = 20;
    CoreWorker worker(o, queue, sources);
    worker.start();
    SipTrafficGenerator gen({});
    std::vector<GeneratedMessage> msgs;
    gen.setup(1, CallKind::CallerHangsUp, nowUs() - 86400LL * 1000000, msgs);
    for (const auto &m : msgs)
    {
        PacketBatch one;
        one.add(m.text, m.meta, 1);
        QVERIFY(queue.push(std::move(one)));
        QTest::qWait(50); // several ticks between the messages
    }
    std::uint64_t processed = 0;
    std::vector<core::DialogState> states;
    QVERIFY(worker.call([&](CoreContext &ctx) {
        processed = ctx.engine.stats().processedDialogs;
        for (core::DialogHandle h : ctx.engine.list())
        {
            states.push_back(ctx.engine.state(h));
        }
    }));
    QCOMPARE(processed, 1u);
    QCOMPARE(states, std::vector<core::DialogState>{core::DialogState::Confirmed});
    worker.stop();
}

QTEST_GUILESS_MAIN(TestCoreWorker)
#include "tst_coreworker.moc"
