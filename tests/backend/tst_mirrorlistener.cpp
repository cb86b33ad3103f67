// SPDX-License-Identifier: GPL-3.0-or-later
// MirrorListener with real sockets on loopback (port 0) feeding a real CoreWorker: HEPv3, HEPv2
// and raw SIP over UDP; HEPv3 and SIP over TCP split at every byte and coalesced; framing errors
// that close one connection only; bind failures that say what to do; limits and timeouts.
#include <QDateTime>
#include <QElapsedTimer>
#include <QTest>

#include <unistd.h>

#include <map>

#include "backend/coreworker.h"
#include "backend/ingestqueue.h"
#include "backend/listeningsocket.h"
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

/// Queue, registry, core worker and listener, wired as the application does.
struct Rig
{
    explicit Rig(MirrorListenerOptions options = {}, const QString &address = u"127.0.0.1:0"_s)
        : worker(workerOptions(), queue, sources)
        , listener(address, queue, sources, options)
    {}
    IngestQueue queue;
    SourceRegistry sources;
    CoreWorker worker;
    MirrorListener listener;
};

std::vector<GeneratedMessage> setupOf(std::uint64_t n, std::size_t keep = 100)
{
    SipTrafficGenerator gen({});
    std::vector<GeneratedMessage> out;
    gen.setup(n, CallKind::CallerHangsUp, nowUs(), out);
    out.resize(std::min(out.size(), keep));
    return out;
}

/// Call-ID → state of every dialog the engine holds.
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

} // namespace

class TestMirrorListener final : public QObject
{
    Q_OBJECT

private slots:
    void udpHepV3RawSipAndHepV2();
    void tcpSplitAtEveryByteAndCoalesced();
    void tcpRawSipWithContentLength();
    void tcpBadLengthClosesOnlyThatConnection();
    void bindFailureSaysWhatToDo();
    void ipv6Loopback();
    void hostNameIsResolved();
    void connectionLimitAndIdleTimeout();
    void stopIsPromptAndRestartable();
};

void TestMirrorListener::udpHepV3RawSipAndHepV2()
{
    Rig rig;
    QString error;
    QVERIFY2(rig.listener.start(&error), qPrintable(error));
    rig.worker.start();
    const quint16 port = rig.listener.udpPort();
    QVERIFY(port != 0 && port != 9060 && rig.listener.tcpPort() != 0);

    std::vector<std::string> datagrams;
    for (std::uint64_t n = 0; n < 6; ++n) // HEPv3, answered
    {
        for (const auto &m : setupOf(n))
        {
            datagrams.push_back(HepEncoder::v3(m));
        }
    }
    for (std::uint64_t n = 6; n < 9; ++n) // HEPv3, ringing: INVITE, 100, 180
    {
        for (const auto &m : setupOf(n, 3))
        {
            datagrams.push_back(HepEncoder::v3(m));
        }
    }
    for (std::uint64_t n = 10; n < 14; ++n) // raw SIP
    {
        for (const auto &m : setupOf(n))
        {
            datagrams.push_back(m.text);
        }
    }
    for (std::uint64_t n = 20; n < 24; ++n) // HEPv2 (Kamailio's little-endian time)
    {
        for (const auto &m : setupOf(n))
        {
            datagrams.push_back(HepEncoder::v2(m));
        }
    }
    LoopbackClient sender = LoopbackClient::udp();
    QVERIFY(sender.valid());
    for (const std::string &d : datagrams)
    {
        QVERIFY(sender.sendTo(port, d));
    }
    QTRY_COMPARE_WITH_TIMEOUT(rig.worker.stats().packets, quint64(datagrams.size()), 5000);

    const auto states = dialogStates(rig.worker);
    QCOMPARE(states.size(), std::size_t(17));
    for (std::uint64_t n : {0, 1, 2, 3, 4, 5, 10, 11, 12, 13, 20, 21, 22, 23})
    {
        QCOMPARE(states.at(callId(n)), int(core::DialogState::Confirmed));
    }
    for (std::uint64_t n : {6, 7, 8})
    {
        QCOMPARE(states.at(callId(n)), int(core::DialogState::Early));
    }

    const MirrorListenerStats s = rig.listener.stats();
    QCOMPARE(s.udp.datagrams, quint64(datagrams.size()));
    QVERIFY(s.udp.batches >= 1 && s.udp.batches <= s.udp.datagrams);
    QCOMPARE(s.udp.queueDrops, quint64(0));
    QCOMPARE(s.udp.kernelDrops, quint64(0));
    QVERIFY(s.udp.receiveBufferBytes >= 212992);

    const SourceHealth h = rig.sources.source(rig.listener.udpSourceId());
    QCOMPARE(h.kind, u"hep-udp"_s);
    QCOMPARE(h.label, u"udp 127.0.0.1:%1"_s.arg(port));
    QCOMPARE(h.state, SourceHealth::State::Running);
    QCOMPARE(h.packets, quint64(datagrams.size()));
    QCOMPARE(h.malformed + h.notSip + h.authFailures + h.queueDrops, quint64(0));
    QCOMPARE(h.senders.size(), 1);
    QCOMPARE(h.senders.front().address, u"127.0.0.1:%1"_s.arg(sender.localPort()));
    QCOMPARE(h.senders.front().packets, quint64(datagrams.size()));
    QCOMPARE(rig.sources.source(rig.listener.tcpSourceId()).kind, u"hep-tcp"_s);
}

void TestMirrorListener::tcpSplitAtEveryByteAndCoalesced()
{
    Rig rig;
    QString error;
    QVERIFY2(rig.listener.start(&error), qPrintable(error));
    rig.worker.start();
    std::vector<std::string> messages;
    for (std::uint64_t n = 40; n < 45; ++n)
    {
        for (const auto &m : setupOf(n))
        {
            messages.push_back(HepEncoder::v3(m));
        }
    }
    LoopbackClient conn = LoopbackClient::tcp(rig.listener.tcpPort());
    QVERIFY(conn.valid());
    // The first three messages one byte per write (TCP_NODELAY): the listener sees them cut
    // at every byte boundary.
    for (std::size_t i = 0; i < 3; ++i)
    {
        for (std::size_t at = 0; at < messages[i].size(); ++at)
        {
            QVERIFY(conn.write(std::string_view(messages[i]).substr(at, 1)));
            if (at % 16 == 0)
            {
                ::usleep(200);
            }
        }
    }
    // The rest coalesced, five messages per write.
    for (std::size_t i = 3; i < messages.size(); i += 5)
    {
        std::string chunk;
        for (std::size_t j = i; j < std::min(messages.size(), i + 5); ++j)
        {
            chunk += messages[j];
        }
        QVERIFY(conn.write(chunk));
    }
    QTRY_COMPARE_WITH_TIMEOUT(rig.worker.stats().packets, quint64(messages.size()), 5000);
    const auto states = dialogStates(rig.worker);
    QCOMPARE(states.size(), std::size_t(5));
    for (const auto &[id, state] : states)
    {
        QCOMPARE(state, int(core::DialogState::Confirmed));
    }
    const TcpReceiverStats t = rig.listener.stats().tcp;
    QCOMPARE(t.messages, quint64(messages.size()));
    QCOMPARE(t.connections, quint64(1));
    QCOMPARE(t.openConnections, quint64(1));
    QCOMPARE(t.framingErrors, quint64(0));
    const SourceHealth h = rig.sources.source(rig.listener.tcpSourceId());
    QCOMPARE(h.label, u"tcp 127.0.0.1:%1"_s.arg(rig.listener.tcpPort()));
    QCOMPARE(h.packets, quint64(messages.size()));
    QCOMPARE(h.malformed, quint64(0));
    QCOMPARE(h.senders.size(), 1);
    QCOMPARE(h.senders.front().address, u"127.0.0.1:%1"_s.arg(conn.localPort()));
}

void TestMirrorListener::tcpRawSipWithContentLength()
{
    Rig rig;
    QString error;
    QVERIFY2(rig.listener.start(&error), qPrintable(error));
    rig.worker.start();
    SipTrafficGenerator gen({});
    std::vector<GeneratedMessage> msgs;
    for (std::uint64_t n = 50; n < 53; ++n)
    {
        gen.setup(n, CallKind::CallerHangsUp, nowUs(), msgs);
    }
    gen.teardown(50, CallKind::CallerHangsUp, nowUs(), msgs);
    std::string stream = "\r\n\r\n"; // keep-alives before, between and after messages
    for (const auto &m : msgs)
    {
        stream += m.text + "\r\n\r\n";
    }
    LoopbackClient conn = LoopbackClient::tcp(rig.listener.tcpPort());
    QVERIFY(conn.valid());
    for (std::size_t at = 0; at < stream.size(); at += 7)
    {
        QVERIFY(conn.write(std::string_view(stream).substr(at, 7)));
    }
    QTRY_COMPARE_WITH_TIMEOUT(rig.worker.stats().packets, quint64(msgs.size()), 5000);
    const auto states = dialogStates(rig.worker);
    QCOMPARE(states.at(callId(51)), int(core::DialogState::Confirmed));
    QCOMPARE(states.at(callId(52)), int(core::DialogState::Confirmed));
    QVERIFY(!states.contains(callId(50)) || states.at(callId(50)) == int(core::DialogState::Deleted));
    QCOMPARE(rig.listener.stats().tcp.framingErrors, quint64(0));
    QCOMPARE(rig.sources.source(rig.listener.tcpSourceId()).malformed, quint64(0));
}

void TestMirrorListener::tcpBadLengthClosesOnlyThatConnection()
{
    Rig rig;
    QString error;
    QVERIFY2(rig.listener.start(&error), qPrintable(error));
    rig.worker.start();
    const auto bad = setupOf(60);
    const auto good = setupOf(61);
    LoopbackClient a = LoopbackClient::tcp(rig.listener.tcpPort());
    LoopbackClient b = LoopbackClient::tcp(rig.listener.tcpPort());
    QVERIFY(a.valid() && b.valid());
    QVERIFY(a.write(HepEncoder::v3(bad[0])));
    QVERIFY(b.write(HepEncoder::v3(good[0]) + HepEncoder::v3(good[1])));
    // A message announcing 3 bytes, then more good messages: the stream cannot be trusted.
    QVERIFY(a.write(HepEncoder::message(HepEncoder::chunk(0, 0x0f, "xx"), 3) + HepEncoder::v3(bad[1])));
    QVERIFY(a.waitClosed(3000));
    for (std::size_t i = 2; i < good.size(); ++i)
    {
        QVERIFY(b.write(HepEncoder::v3(good[i])));
    }
    QTRY_COMPARE_WITH_TIMEOUT(rig.worker.stats().packets, quint64(1 + good.size()), 5000);
    const auto states = dialogStates(rig.worker);
    QCOMPARE(states.at(callId(61)), int(core::DialogState::Confirmed));
    QCOMPARE(states.at(callId(60)), int(core::DialogState::Unconfirmed));

    const TcpReceiverStats t = rig.listener.stats().tcp;
    QCOMPARE(t.framingErrors, quint64(1));
    QCOMPARE(t.connections, quint64(2));
    QTRY_COMPARE_WITH_TIMEOUT(rig.listener.stats().tcp.openConnections, quint64(1), 2000);
    const SourceHealth h = rig.sources.source(rig.listener.tcpSourceId());
    QCOMPARE(h.malformed, quint64(1));
    bool found = false;
    for (const SenderHealth &s : h.senders)
    {
        if (s.address == u"127.0.0.1:%1"_s.arg(a.localPort()))
        {
            found = true;
            QCOMPARE(s.malformed, quint64(1));
        }
    }
    QVERIFY(found);
}

void TestMirrorListener::bindFailureSaysWhatToDo()
{
    IngestQueue queue;
    SourceRegistry sources;
    // UDP taken (e.g. a Homer collector).
    LoopbackClient blocker = LoopbackClient::udp();
    const quint16 port = blocker.localPort();
    {
        MirrorListener l(u"127.0.0.1:%1"_s.arg(port), queue, sources);
        QString error;
        QVERIFY(!l.start(&error));
        QCOMPARE(error, u"address already in use: another CallDeck or a Homer collector may be listening on "
                        "127.0.0.1:%1; use --hep ADDR:PORT to pick another port"_s.arg(port));
        QVERIFY(!l.running());
        QCOMPARE(l.udpPort(), quint16(0));
        const SourceHealth h = sources.source(l.udpSourceId());
        QCOMPARE(h.state, SourceHealth::State::Failed);
        QCOMPARE(h.error, error);
        QCOMPARE(h.label, u"udp 127.0.0.1:%1"_s.arg(port));
        QCOMPARE(sources.source(l.tcpSourceId()).state, SourceHealth::State::Failed);
    }
    // TCP taken: nothing listens, the UDP port is released again.
    QString error;
    SocketAddress any;
    QVERIFY(SocketAddress::parse(u"127.0.0.1:0"_s, any, &error));
    ListeningSocket tcpBlocker = ListeningSocket::open(ListeningSocket::Kind::Tcp, any, 0, &error);
    QVERIFY2(tcpBlocker.valid(), qPrintable(error));
    const quint16 tcpPort = tcpBlocker.localAddress().port();
    {
        MirrorListener l(u"127.0.0.1:%1"_s.arg(tcpPort), queue, sources);
        QVERIFY(!l.start(&error));
        QVERIFY2(error.contains(u"address already in use"_s) && error.contains(u"--hep ADDR:PORT"_s),
                 qPrintable(error));
        QCOMPARE(sources.source(l.tcpSourceId()).state, SourceHealth::State::Failed);
    }
    SocketAddress udpAgain;
    QVERIFY(SocketAddress::parse(u"127.0.0.1:%1"_s.arg(tcpPort), udpAgain, &error));
    QVERIFY2(ListeningSocket::open(ListeningSocket::Kind::Udp, udpAgain, 0, &error).valid(),
             qPrintable(error));
    // Not ADDR:PORT at all.
    MirrorListener wrong(u"127.0.0.1"_s, queue, sources);
    QVERIFY(!wrong.start(&error));
    QVERIFY2(error.contains(u"ADDR:PORT"_s) && error.contains(u"--hep 127.0.0.1:9060"_s), qPrintable(error));
    MirrorListener unbracketed(u"::1:9999"_s, queue, sources);
    QVERIFY(!unbracketed.start(&error));
    QVERIFY2(error.contains(u"brackets"_s), qPrintable(error));
}

void TestMirrorListener::ipv6Loopback()
{
    LoopbackClient probe = LoopbackClient::udp(LoopbackClient::Family::V6);
    if (!probe.valid())
    {
        QSKIP("IPv6 loopback (::1) is not available on this host");
    }
    Rig rig({}, u"[::1]:0"_s);
    QString error;
    QVERIFY2(rig.listener.start(&error), qPrintable(error));
    rig.worker.start();
    for (const auto &m : setupOf(70))
    {
        QVERIFY(probe.sendTo(rig.listener.udpPort(), HepEncoder::v3(m)));
    }
    LoopbackClient conn = LoopbackClient::tcp(rig.listener.tcpPort(), LoopbackClient::Family::V6);
    QVERIFY(conn.valid());
    std::string stream;
    for (const auto &m : setupOf(71))
    {
        stream += HepEncoder::v3(m);
    }
    QVERIFY(conn.write(stream));
    QTRY_COMPARE_WITH_TIMEOUT(rig.worker.stats().packets, quint64(2 * setupOf(70).size()), 5000);
    const auto states = dialogStates(rig.worker);
    QCOMPARE(states.at(callId(70)), int(core::DialogState::Confirmed));
    QCOMPARE(states.at(callId(71)), int(core::DialogState::Confirmed));
    const SourceHealth h = rig.sources.source(rig.listener.udpSourceId());
    QCOMPARE(h.label, u"udp [::1]:%1"_s.arg(rig.listener.udpPort()));
    QCOMPARE(h.senders.size(), 1);
    QCOMPARE(h.senders.front().address, u"[::1]:%1"_s.arg(probe.localPort()));
}

void TestMirrorListener::hostNameIsResolved()
{
    IngestQueue queue;
    SourceRegistry sources;
    MirrorListener l(u"localhost:0"_s, queue, sources);
    QString error;
    QVERIFY2(l.start(&error), qPrintable(error));
    const QString label = sources.source(l.udpSourceId()).label;
    QVERIFY2(label == u"udp 127.0.0.1:%1"_s.arg(l.udpPort()) || label == u"udp [::1]:%1"_s.arg(l.udpPort()),
             qPrintable(label));
    MirrorListener unknown(u"no-such-host.invalid:9999"_s, queue, sources);
    QVERIFY(!unknown.start(&error));
    QVERIFY2(error.contains(u"cannot resolve"_s) && error.contains(u"--hep 127.0.0.1:9060"_s),
             qPrintable(error));
}

void TestMirrorListener::connectionLimitAndIdleTimeout()
{
    MirrorListenerOptions o;
    o.maxTcpConnections = 2;
    o.tcpIdleTimeoutSeconds = 1;
    Rig rig(o);
    QString error;
    QVERIFY2(rig.listener.start(&error), qPrintable(error));
    LoopbackClient c1 = LoopbackClient::tcp(rig.listener.tcpPort());
    LoopbackClient c2 = LoopbackClient::tcp(rig.listener.tcpPort());
    QTRY_COMPARE_WITH_TIMEOUT(rig.listener.stats().tcp.openConnections, quint64(2), 2000);
    LoopbackClient c3 = LoopbackClient::tcp(rig.listener.tcpPort());
    QVERIFY(c3.valid());
    QVERIFY(c3.waitClosed(2000));
    QCOMPARE(rig.listener.stats().tcp.refused, quint64(1));
    QCOMPARE(rig.listener.stats().tcp.openConnections, quint64(2));
    // Data keeps a connection alive; silence closes it after the timeout.
    QElapsedTimer clock;
    clock.start();
    QVERIFY(c1.write("\r\n"));
    QVERIFY(c2.waitClosed(3000));
    QVERIFY(c1.waitClosed(3000));
    QVERIFY(clock.elapsed() >= 800);
    QCOMPARE(rig.listener.stats().tcp.idleTimeouts, quint64(2));
    QCOMPARE(rig.listener.stats().tcp.openConnections, quint64(0));
    QCOMPARE(rig.listener.stats().tcp.framingErrors, quint64(0));
}

void TestMirrorListener::stopIsPromptAndRestartable()
{
    Rig rig;
    QString error;
    QVERIFY2(rig.listener.start(&error), qPrintable(error));
    const quint16 udpId = rig.listener.udpSourceId();
    LoopbackClient conn = LoopbackClient::tcp(rig.listener.tcpPort());
    QTRY_COMPARE_WITH_TIMEOUT(rig.listener.stats().tcp.openConnections, quint64(1), 2000);
    QElapsedTimer clock;
    clock.start();
    rig.listener.stop();
    QVERIFY2(clock.elapsed() < 1000, "stop() has to return within a poll interval or two");
    QVERIFY(!rig.listener.running());
    QCOMPARE(rig.listener.udpPort(), quint16(0));
    QVERIFY(conn.waitClosed(2000));
    QCOMPARE(rig.sources.source(udpId).state, SourceHealth::State::Finished);
    QVERIFY2(rig.listener.start(&error), qPrintable(error));
    QCOMPARE(rig.listener.udpSourceId(), udpId);
    QCOMPARE(rig.sources.source(udpId).state, SourceHealth::State::Running);
    QCOMPARE(rig.sources.snapshot().size(), 2);
}

QTEST_GUILESS_MAIN(TestMirrorListener)
#include "tst_mirrorlistener.moc"
