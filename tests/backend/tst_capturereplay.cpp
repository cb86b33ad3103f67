// SPDX-License-Identifier: GPL-3.0-or-later
// CaptureReplay end to end: real sample captures through a real CoreWorker on packet time,
// pace, errors and cancel.
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <memory>
#include <set>

#include "backend/capturereplay.h"
#include "backend/coreworker.h"
#include "backend/ingestqueue.h"
#include "backend/sourceregistry.h"
#include "tests/support/pcapwriter.h"
#include "tests/support/siptrafficgenerator.h"

using namespace calldeck;
using namespace calldeck::testsupport;
using namespace Qt::StringLiterals;

namespace
{

constexpr std::int64_t T0 = 1795747700LL * 1000000;

QString sample(const char *name)
{
    return QStringLiteral(CALLDECK_SAMPLES) + u'/' + QString::fromLatin1(name);
}

/// A core on packet time fed by one queue, as `calldeck --replay` runs it.
struct Rig
{
    IngestQueue queue;
    SourceRegistry sources;
    std::unique_ptr<CoreWorker> worker;

    explicit Rig(std::size_t maxPackets = 1u << 20, bool startWorker = true)
        : queue(maxPackets)
    {
        CoreWorker::Options o;
        o.clock = CoreWorker::Clock::Packet;
        o.dialog.matchMode = 1; // the console's default (MirrorSettings): did, then Call-ID and tags
        o.tickMs = 20;
        worker = std::make_unique<CoreWorker>(o, queue, sources);
        if (startWorker)
        {
            worker->start();
        }
    }
    ~Rig() { worker->stop(); }
};

struct Outcome
{
    bool finished = false;
    bool ok = false;
    QString error;
    CaptureReplay::Stats stats;
    qint64 wallMs = 0;
    QList<double> progress;
    quint16 source = 0;
};

Outcome replay(Rig &rig, const QString &path, bool pace = false)
{
    CaptureReplay::Options o;
    o.path = path;
    o.pace = pace;
    CaptureReplay r(o, rig.queue, rig.sources);
    QSignalSpy done(&r, &CaptureReplay::finished);
    QSignalSpy progress(&r, &CaptureReplay::progress);
    QElapsedTimer t;
    t.start();
    r.start();
    Outcome out;
    out.source = r.sourceId();
    if (!r.wait(20000))
    {
        r.cancel();
        r.wait();
        return out;
    }
    out.wallMs = t.elapsed();
    out.finished = done.count() == 1;
    if (out.finished)
    {
        out.ok = done.at(0).at(0).toBool();
        out.error = done.at(0).at(1).toString();
        out.stats = done.at(0).at(2).value<CaptureReplay::Stats>();
    }
    for (const auto &args : progress)
    {
        out.progress.append(args.at(0).toDouble());
    }
    return out;
}

/// Writes @p messages as Ethernet/IPv4/UDP records.
bool writeUdp(const QString &path, const std::vector<GeneratedMessage> &messages)
{
    PcapWriter w;
    if (!w.open(path.toStdString()))
    {
        return false;
    }
    std::uint16_t id = 1;
    for (const auto &m : messages)
    {
        w.write(m.meta.timeUs, PcapWriter::udpFrame(m.meta, m.text, id++));
    }
    return w.close();
}

std::vector<GeneratedMessage> calls(std::uint64_t count, std::int64_t spacingUs = 1000)
{
    SipTrafficGenerator gen({});
    std::vector<GeneratedMessage> out;
    for (std::uint64_t n = 0; n < count; ++n)
    {
        const std::int64_t t = T0 + std::int64_t(n) * spacingUs;
        gen.setup(n, CallKind::CallerHangsUp, t, out);
        gen.teardown(n, CallKind::CallerHangsUp, t + 900000, out);
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const auto &a, const auto &b) { return a.meta.timeUs < b.meta.timeUs; });
    return out;
}

} // namespace

class TestCaptureReplay final : public QObject
{
    Q_OBJECT

private slots:
    void callsPcapEndsThreeDialogs();
    void didPairMatchesKamailiosIds();
    void sipAndHepCopiesMakeNoDuplicates();
    void tcpAndFragmentsEndToEnd();
    void pacedReplayKeepsTheRecordedTime();
    void clearErrors();
    void truncatedCapture();
    void cancelStopsPromptly();
    void cancelWhileTheQueueIsFull();

private:
    QTemporaryDir m_dir;
};

void TestCaptureReplay::callsPcapEndsThreeDialogs()
{
    Rig rig;
    const Outcome r = replay(rig, sample("calls.pcap"));
    QVERIFY(r.finished);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.stats.packets, 39u);
    QCOMPARE(r.stats.udpPayloads, 39u);
    QCOMPARE(r.stats.tcpMessages, 0u);
    QCOMPARE(r.stats.errors, 0u);
    QCOMPARE(r.stats.firstTimeUs, 1795747383077697);
    QCOMPARE(r.stats.lastTimeUs, 1795747387086870);
    QCOMPARE(r.stats.bytesRead, quint64(QFileInfo(sample("calls.pcap")).size()));
    QVERIFY(!r.progress.isEmpty());
    QCOMPARE(r.progress.last(), 1.0);
    core::DialogStats stats;
    core::DialogActiveStats active;
    QVERIFY(rig.worker->call([&](CoreContext &ctx) {
        stats = ctx.engine.stats();
        active = ctx.engine.activeStats();
    }));
    QCOMPARE(stats.processedDialogs, 3u);
    QCOMPARE(active.all(), 0u); // all three hung up
    QCOMPARE(stats.activeDialogs, 0);
    const SourceHealth h = rig.sources.source(r.source);
    QCOMPARE(h.kind, u"replay"_s);
    QCOMPARE(h.label, u"calls.pcap"_s);
    QVERIFY(h.state == SourceHealth::State::Finished);
    QCOMPARE(h.packets, 39u);
    QCOMPARE(h.progress, 1.0);
}

void TestCaptureReplay::didPairMatchesKamailiosIds()
{
    QFile f(sample("did-pair.dlg.list.json"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    std::set<std::pair<std::uint32_t, std::uint32_t>> expected;
    for (const QJsonValue &d : QJsonDocument::fromJson(f.readAll()).object().value(u"result"_s).toArray())
    {
        expected.emplace(d[u"h_entry"_s].toInt(), d[u"h_id"_s].toInt());
        QCOMPARE(d[u"state"_s].toInt(), 4);
    }
    QCOMPARE(expected.size(), std::size_t(3));

    Rig rig;
    const Outcome r = replay(rig, sample("did-pair.pcap"));
    QVERIFY2(r.ok, qPrintable(r.error));
    std::set<std::pair<std::uint32_t, std::uint32_t>> seen;
    std::map<std::string, int> states;
    QVERIFY(rig.worker->call([&](CoreContext &ctx) {
        for (const core::DialogHandle h : ctx.engine.list())
        {
            const core::DialogSnapshot s = ctx.engine.snapshot(h);
            seen.emplace(s.hEntry, s.hId);
            states[s.callId] = s.state;
        }
    }));
    QCOMPARE(seen, expected);
    for (const auto &[callId, state] : states)
    {
        QVERIFY2(state == 4, callId.c_str());
    }
}

void TestCaptureReplay::sipAndHepCopiesMakeNoDuplicates()
{
    Rig rig;
    const Outcome r = replay(rig, sample("calls_sip_and_hep.pcap"));
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.stats.udpPayloads, 78u); // 39 raw SIP + the same 39 wrapped in HEP to port 9060
    core::DialogStats stats;
    core::DialogFeedStats feed;
    std::size_t live = 0;
    QVERIFY(rig.worker->call([&](CoreContext &ctx) {
        stats = ctx.engine.stats();
        feed = ctx.engine.feedStats();
        live = ctx.engine.activeStats().all();
    }));
    QCOMPARE(stats.processedDialogs, 3u); // not 6
    QCOMPARE(live, std::size_t(0));
    QTRY_COMPARE_WITH_TIMEOUT(rig.worker->stats().sipMessages, 78u, 2000); // published each tick
    QVERIFY2(feed.mirrorTwins >= 39, qPrintable(QString::number(feed.mirrorTwins)));
}

void TestCaptureReplay::tcpAndFragmentsEndToEnd()
{
    // Call 0 over UDP with its INVITE in IP fragments, call 1 over TCP (with a retransmission
    // and a reordered segment), call 2 over UDP after an ARP frame.
    SipTrafficGenerator gen({});
    std::vector<GeneratedMessage> c0, c1, c2;
    gen.setup(0, CallKind::CallerHangsUp, T0, c0);
    gen.teardown(0, CallKind::CallerHangsUp, T0 + 2000000, c0);
    gen.setup(1, CallKind::CalleeHangsUp, T0 + 10, c1);
    gen.teardown(1, CallKind::CalleeHangsUp, T0 + 3000000, c1);
    gen.setup(2, CallKind::Rejected, T0 + 20, c2);
    const QString path = m_dir.filePath(u"mixed.pcap"_s);
    PcapWriter w;
    QVERIFY(w.open(path.toStdString()));
    for (std::size_t i = 0; i < c0.size(); ++i)
    {
        if (i == 0)
        {
            auto frames = PcapWriter::fragmentedUdpFrames(c0[i].meta, c0[i].text, 256, 99);
            std::reverse(frames.begin(), frames.end());
            for (const auto &fr : frames)
            {
                w.write(c0[i].meta.timeUs, fr);
            }
            continue;
        }
        w.write(c0[i].meta.timeUs, PcapWriter::udpFrame(c0[i].meta, c0[i].text));
    }
    std::map<std::pair<std::uint32_t, std::uint32_t>, std::uint32_t> seq; // per direction
    std::size_t segments = 0;
    for (GeneratedMessage &m : c1)
    {
        m.meta.transport = core::Transport::Tcp;
        const auto key = std::make_pair(std::uint32_t(m.meta.src.addr[3]), std::uint32_t(m.meta.dst.addr[3]));
        if (!seq.count(key))
        {
            seq[key] = 1000;
            w.write(m.meta.timeUs, PcapWriter::tcpFrame(m.meta, 999, 0x02, {}));
        }
        const std::string_view text = m.text;
        const std::size_t half = text.size() / 2;
        // second half first, then the first half twice (a retransmission)
        w.write(m.meta.timeUs,
                PcapWriter::tcpFrame(m.meta, seq[key] + std::uint32_t(half), 0, text.substr(half)));
        w.write(m.meta.timeUs, PcapWriter::tcpFrame(m.meta, seq[key], 0, text.substr(0, half)));
        w.write(m.meta.timeUs, PcapWriter::tcpFrame(m.meta, seq[key], 0, text.substr(0, half)));
        seq[key] += std::uint32_t(text.size());
        segments += 3;
    }
    w.write(T0 + 15, std::string(12, '\x02') + std::string("\x08\x06", 2) + std::string(28, '\0'));
    for (const auto &m : c2)
    {
        w.write(m.meta.timeUs, PcapWriter::udpFrame(m.meta, m.text));
    }
    QVERIFY(w.close());

    Rig rig;
    const Outcome r = replay(rig, path);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.stats.fragmentsReassembled, 1u);
    QCOMPARE(r.stats.tcpMessages, quint64(c1.size()));
    QCOMPARE(r.stats.udpPayloads, quint64(c0.size() + c2.size()));
    QCOMPARE(r.stats.skippedNonIp, 1u);
    QCOMPARE(r.stats.errors, 0u);
    core::DialogStats stats;
    QVERIFY(rig.worker->call([&](CoreContext &ctx) { stats = ctx.engine.stats(); }));
    QCOMPARE(stats.processedDialogs, 3u);
    QCOMPARE(stats.failedDialogs, 1u);
    QCOMPARE(stats.activeDialogs, 0);
}

void TestCaptureReplay::pacedReplayKeepsTheRecordedTime()
{
    // 7 calls, one every 100 ms: the messages span 0.6 s + the call's own 0.9 s = ~1.5 s.
    const auto messages = calls(7, 100000);
    const QString path = m_dir.filePath(u"paced.pcap"_s);
    QVERIFY(writeUdp(path, messages));
    const double recordedMs = double(messages.back().meta.timeUs - messages.front().meta.timeUs) / 1000.0;
    Rig rig;
    const Outcome fast = replay(rig, path);
    QVERIFY2(fast.ok, qPrintable(fast.error));
    QVERIFY2(fast.wallMs < 500, qPrintable(QString::number(fast.wallMs)));
    Rig rig2;
    const Outcome paced = replay(rig2, path, true);
    QVERIFY2(paced.ok, qPrintable(paced.error));
    QVERIFY2(paced.wallMs >= recordedMs - 20 && paced.wallMs <= recordedMs + 400,
             qPrintable(u"%1 ms for %2 ms recorded"_s.arg(paced.wallMs).arg(recordedMs)));
    QCOMPARE(paced.stats.udpPayloads, quint64(messages.size()));
}

void TestCaptureReplay::clearErrors()
{
    Rig rig;
    Outcome r = replay(rig, m_dir.filePath(u"no-such.pcap"_s));
    QVERIFY(r.finished);
    QVERIFY(!r.ok);
    QVERIFY2(r.error.startsWith(u"cannot open "_s) && r.error.contains(u"No such file"_s) &&
                 r.error.endsWith(u"check the path"_s),
             qPrintable(r.error));
    QVERIFY(rig.sources.source(r.source).state == SourceHealth::State::Failed);
    QCOMPARE(rig.sources.source(r.source).error, r.error);

    const QString text = m_dir.filePath(u"notes.txt"_s);
    QFile t(text);
    QVERIFY(t.open(QIODevice::WriteOnly));
    t.write("INVITE sip:bob@example.net SIP/2.0\r\nthis is text, not a capture\r\n");
    t.close();
    r = replay(rig, text);
    QVERIFY(!r.ok);
    QVERIFY2(r.error.contains(u"is it a pcap or pcapng file?"_s) && r.error.contains(text),
             qPrintable(r.error));

    const QString empty = m_dir.filePath(u"empty.pcap"_s);
    QFile e(empty);
    QVERIFY(e.open(QIODevice::WriteOnly));
    e.close();
    r = replay(rig, empty);
    QVERIFY(!r.ok);
    QVERIFY2(r.error.contains(u"empty"_s), qPrintable(r.error));

    r = replay(rig, m_dir.path());
    QVERIFY(!r.ok);
    QVERIFY2(r.error.contains(u"directory"_s), qPrintable(r.error));

    // A link type CallDeck does not decode (DLT_USER0).
    const QString user = m_dir.filePath(u"user0.pcap"_s);
    PcapWriter w(147);
    QVERIFY(w.open(user.toStdString()));
    w.write(T0, "abc");
    QVERIFY(w.close());
    r = replay(rig, user);
    QVERIFY(!r.ok);
    QVERIFY2(r.error.contains(u"link-layer type"_s) && r.error.contains(u"147"_s), qPrintable(r.error));
}

void TestCaptureReplay::truncatedCapture()
{
    const auto messages = calls(2);
    const QString path = m_dir.filePath(u"cut.pcap"_s);
    QVERIFY(writeUdp(path, messages));
    QFile f(path);
    QVERIFY(f.resize(f.size() - 100)); // the last record loses its end
    Rig rig;
    const Outcome r = replay(rig, path);
    QVERIFY(r.finished);
    QVERIFY(!r.ok);
    const QString before = QString::number(messages.size() - 1);
    QVERIFY2(r.error.contains(u"cut short after %1 packets"_s.arg(before)) &&
                 r.error.contains(u"truncated"_s),
             qPrintable(r.error));
    QCOMPARE(r.stats.udpPayloads, quint64(messages.size() - 1)); // the packets before still count
    QTRY_COMPARE_WITH_TIMEOUT(rig.worker->stats().sipMessages, quint64(messages.size() - 1), 2000);
    QVERIFY(rig.sources.source(r.source).state == SourceHealth::State::Failed);
}

void TestCaptureReplay::cancelStopsPromptly()
{
    // Paced, with a minute between two packets: cancel ends the wait at once.
    SipTrafficGenerator gen({});
    std::vector<GeneratedMessage> m;
    gen.setup(0, CallKind::CallerHangsUp, T0, m);
    gen.teardown(0, CallKind::CallerHangsUp, T0 + 60000000, m);
    const QString path = m_dir.filePath(u"slow.pcap"_s);
    QVERIFY(writeUdp(path, m));
    Rig rig;
    CaptureReplay::Options o;
    o.path = path;
    o.pace = true;
    CaptureReplay r(o, rig.queue, rig.sources);
    QSignalSpy done(&r, &CaptureReplay::finished);
    r.start();
    QTRY_VERIFY_WITH_TIMEOUT(rig.worker->stats().packets >= 1, 3000);
    QVERIFY(r.running());
    QElapsedTimer t;
    t.start();
    r.cancel();
    QVERIFY(r.wait(2000));
    QVERIFY2(t.elapsed() < 500, qPrintable(QString::number(t.elapsed())));
    QCOMPARE(done.count(), 1);
    QVERIFY(!done.at(0).at(0).toBool());
    QVERIFY2(done.at(0).at(1).toString().contains(u"cancelled"_s), qPrintable(done.at(0).at(1).toString()));
    QVERIFY(rig.sources.source(r.sourceId()).state == SourceHealth::State::Finished);
}

void TestCaptureReplay::cancelWhileTheQueueIsFull()
{
    // No core takes packets: the reader waits for room (it never drops) until cancelled.
    const QString path = m_dir.filePath(u"many.pcap"_s);
    QVERIFY(writeUdp(path, calls(300)));
    Rig rig(600, false);
    CaptureReplay::Options o;
    o.path = path;
    CaptureReplay r(o, rig.queue, rig.sources);
    QSignalSpy done(&r, &CaptureReplay::finished);
    r.start();
    QTRY_VERIFY_WITH_TIMEOUT(rig.queue.stats().queuedPackets >= 512, 3000);
    QTest::qWait(300);
    QVERIFY(r.running());
    QCOMPARE(rig.queue.stats().queuedPackets, 512u);
    QElapsedTimer t;
    t.start();
    r.cancel();
    QVERIFY(r.wait(2000));
    QVERIFY2(t.elapsed() < 500, qPrintable(QString::number(t.elapsed())));
    QCOMPARE(done.count(), 1);
    QVERIFY(!done.at(0).at(0).toBool());
}

QTEST_GUILESS_MAIN(TestCaptureReplay)
#include "tst_capturereplay.moc"
