// SPDX-License-Identifier: GPL-3.0-or-later
// CaptureBuilder: a capture of SIP over UDP and TCP, IPv4 and IPv6, read back by tshark (Debian
// package) with checksum validation on: the same messages in the same order, with the same
// times, addresses and ports; TCP sequence numbers without gaps; a message split over segments.
#include "backend/core/capturebuilder.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "tests/support/siptrafficgenerator.h"

using namespace calldeck;
using namespace Qt::StringLiterals;

namespace
{
struct Sent
{
    testsupport::GeneratedMessage message;
    QString method; // request method, empty for a response
    QString status; // response code, empty for a request
};

core::Endpoint v6(std::uint8_t last, std::uint16_t port)
{
    std::uint8_t b[16] = {0x20, 0x01, 0x0d, 0xb8};
    b[15] = last;
    return core::Endpoint::ipv6(b, port);
}

QString firstToken(const std::string &text, int index)
{
    const QString line = QString::fromStdString(text.substr(0, text.find("\r\n")));
    return line.section(u' ', index, index);
}

/// tshark's fields of every frame of @p path, one list per frame.
QList<QStringList> tsharkFields(const QString &path, const QStringList &fields, QString *error)
{
    QStringList args{u"-r"_s, path,
                     u"-o"_s, u"ip.check_checksum:TRUE"_s,
                     u"-o"_s, u"udp.check_checksum:TRUE"_s,
                     u"-o"_s, u"tcp.check_checksum:TRUE"_s,
                     u"-T"_s, u"fields"_s,
                     u"-E"_s, u"separator=|"_s};
    for (const QString &f : fields)
    {
        args << u"-e"_s << f;
    }
    QProcess tshark;
    tshark.start(u"tshark"_s, args);
    if (!tshark.waitForFinished(30000) || tshark.exitCode() != 0)
    {
        *error = QString::fromLocal8Bit(tshark.readAllStandardError());
        return {};
    }
    QList<QStringList> rows;
    for (const QString &line :
         QString::fromUtf8(tshark.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts))
    {
        rows.append(line.split(u'|'));
    }
    return rows;
}
} // namespace

class TestCaptureBuilder final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void tsharkReadsUdpTcpIpv4Ipv6();
    void oversizedUdpIsSkipped();

private:
    QTemporaryDir m_dir;
};

void TestCaptureBuilder::initTestCase()
{
    QVERIFY(m_dir.isValid());
    if (QStandardPaths::findExecutable(u"tshark"_s).isEmpty())
    {
        QFAIL("tshark is not installed (Debian package tshark); scripts/packages.txt lists it");
    }
}

void TestCaptureBuilder::tsharkReadsUdpTcpIpv4Ipv6()
{
    const testsupport::SipTrafficGenerator gen({});
    std::vector<testsupport::GeneratedMessage> call;
    const std::int64_t t0 = 1700000000123456;
    gen.setup(1, testsupport::CallKind::CallerHangsUp, t0, call);
    gen.teardown(1, testsupport::CallKind::CallerHangsUp, t0 + 5000000, call);
    // Four copies of the call: UDP/IPv4 as generated, TCP/IPv4, UDP/IPv6, TCP/IPv6.
    std::vector<Sent> sent;
    std::int64_t t = t0;
    for (int variant = 0; variant < 4; ++variant)
    {
        for (testsupport::GeneratedMessage m : call)
        {
            m.meta.timeUs = (t += 1001);
            if (variant % 2 == 1)
            {
                m.meta.transport = core::Transport::Tcp;
            }
            if (variant >= 2)
            {
                m.meta.src = v6(m.meta.src.addr[3], m.meta.src.port);
                m.meta.dst = v6(m.meta.dst.addr[3], m.meta.dst.port);
            }
            const bool response = m.text.starts_with("SIP/2.0");
            sent.push_back({m, response ? QString() : firstToken(m.text, 0),
                            response ? firstToken(m.text, 1) : QString()});
        }
    }
    // A TCP message larger than one segment (a big MESSAGE body) must come out whole.
    testsupport::GeneratedMessage big = sent[sent.size() / 2 + 1].message;
    const std::string body(core::CaptureBuilder::MaxTcpSegment + 5000, 'b');
    big.text = "MESSAGE sip:bob@10.0.0.3 SIP/2.0\r\nVia: SIP/2.0/TCP 10.0.0.1:5060;branch=z9hG4bK1\r\n"
               "From: <sip:alice@example.com>;tag=1\r\nTo: <sip:bob@example.com>\r\nCall-ID: big@x\r\n"
               "CSeq: 7 MESSAGE\r\nContent-Type: text/plain\r\nContent-Length: " +
               std::to_string(body.size()) + "\r\n\r\n" + body;
    big.meta.transport = core::Transport::Tcp;
    big.meta.src = core::Endpoint::ipv4(0x0A000001, 5060);
    big.meta.dst = core::Endpoint::ipv4(0x0A000003, 5060);
    big.meta.timeUs = (t += 1001);
    sent.push_back({big, u"MESSAGE"_s, QString()});

    core::CaptureBuilder pcap;
    for (const Sent &s : sent)
    {
        QVERIFY(pcap.add(s.message.meta.timeUs, s.message.meta.transport, s.message.meta.src,
                         s.message.meta.dst, s.message.text));
    }
    QCOMPARE(pcap.skipped(), std::size_t(0));
    QCOMPARE(pcap.frames(), sent.size() + 1); // the big one took two segments
    const QString path = m_dir.filePath(u"calls.pcap"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(pcap.bytes().data(), qint64(pcap.bytes().size()));
    file.close();

    QString error;
    const QList<QStringList> rows = tsharkFields(
        path,
        {u"frame.time_epoch"_s, u"ip.src"_s, u"ipv6.src"_s, u"ip.dst"_s, u"ipv6.dst"_s, u"udp.srcport"_s,
         u"tcp.srcport"_s, u"sip.Method"_s, u"sip.Status-Code"_s, u"ip.checksum.status"_s,
         u"udp.checksum.status"_s, u"tcp.checksum.status"_s, u"tcp.analysis.flags"_s},
        &error);
    QVERIFY2(!rows.isEmpty(), qPrintable(error));
    // One row per frame; the big message's first segment carries no SIP (reassembled in the second).
    QCOMPARE(rows.size(), qsizetype(sent.size() + 1));
    std::size_t frame = 0;
    for (const Sent &s : sent)
    {
        if (&s == &sent.back())
        {
            ++frame; // first segment of the big message
        }
        const QStringList &r = rows[qsizetype(frame++)];
        const core::PacketMeta &m = s.message.meta;
        const qint64 us = qRound64(r[0].toDouble() * 1e6);
        QCOMPARE(us, qint64(m.timeUs));
        const bool six = m.src.family == 6;
        QCOMPARE(six ? r[2] : r[1], QString::fromStdString(m.src.addressText()));
        QCOMPARE(six ? r[4] : r[3], QString::fromStdString(m.dst.addressText()));
        const bool tcp = m.transport == core::Transport::Tcp;
        QCOMPARE(tcp ? r[6] : r[5], QString::number(m.src.port));
        QCOMPARE(r[7], s.method.isEmpty() ? (s.status.isEmpty() ? QString() : r[7]) : s.method);
        if (!s.status.isEmpty())
        {
            QCOMPARE(r[8], s.status);
            QCOMPARE(r[7], QString()); // a response has no sip.Method
        }
        if (!six)
        {
            QCOMPARE(r[9], u"1"_s); // good IPv4 header checksum
        }
        QCOMPARE(tcp ? r[11] : r[10], u"1"_s); // good transport checksum
        QVERIFY2(r[12].isEmpty(), qPrintable(u"TCP analysis complains: "_s + r.join(u'|')));
    }
}

void TestCaptureBuilder::oversizedUdpIsSkipped()
{
    core::CaptureBuilder pcap;
    const core::Endpoint a = core::Endpoint::ipv4(0x7F000001, 5060);
    QVERIFY(!pcap.add(1, core::Transport::Udp, a, a, std::string(70000, 'x')));
    QCOMPARE(pcap.skipped(), std::size_t(1));
    QCOMPARE(pcap.frames(), std::size_t(0));
    QCOMPARE(pcap.bytes().size(), std::size_t(24));
}

QTEST_GUILESS_MAIN(TestCaptureBuilder)
#include "tst_capturebuilder.moc"
