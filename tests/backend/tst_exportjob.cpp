// SPDX-License-Identifier: GPL-3.0-or-later
// ExportJob through the real core: the pcap of selected dialogs (UDP and TCP, IPv4 and IPv6) read
// back by tshark; the JSON equal to the engine's dlg.list; the incident pack read back with tar
// (manifest hashes, masking that leaves no original number in any file, .tar.gz); a cancelled
// export that leaves no file and an old file untouched; an unwritable place.
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "backend/coreworker.h"
#include "backend/exportjob.h"
#include "runningcore.h"
#include "tests/support/siptrafficgenerator.h"

using namespace calldeck;
using namespace calldeck::testsupport;
using namespace Qt::StringLiterals;

namespace
{
const std::int64_t T0 = 1700000000000000;

/// A running core on the packet clock (the calls are from 2023), fed 256 messages a batch.
RunningCore::Options packetClock()
{
    RunningCore::Options o;
    o.clock = CoreWorker::Clock::Packet;
    o.queuePackets = 1 << 16;
    o.batchSize = 256;
    return o;
}

core::Endpoint v6(std::uint8_t last, std::uint16_t port)
{
    std::uint8_t b[16] = {0x20, 0x01, 0x0d, 0xb8};
    b[15] = last;
    return core::Endpoint::ipv6(b, port);
}

/// Call n as UDP/IPv4 (variant 0), TCP/IPv4 (1), UDP/IPv6 (2) or TCP/IPv6 (3).
std::vector<GeneratedMessage> call(const SipTrafficGenerator &gen, std::uint64_t n, int variant,
                                   std::int64_t t)
{
    std::vector<GeneratedMessage> out;
    gen.setup(n, CallKind::CallerHangsUp, t, out);
    for (GeneratedMessage &m : out)
    {
        m.meta.timeUs = (t += 997);
        if (variant % 2 == 1)
        {
            m.meta.transport = core::Transport::Tcp;
        }
        if (variant >= 2)
        {
            m.meta.src = v6(m.meta.src.addr[3], m.meta.src.port);
            m.meta.dst = v6(m.meta.dst.addr[3], m.meta.dst.port);
        }
    }
    return out;
}

QStringList tshark(const QString &path)
{
    QProcess p;
    p.start(u"tshark"_s, {u"-r"_s, path,
                          u"-T"_s, u"fields"_s,
                          u"-E"_s, u"separator=|"_s,
                          u"-e"_s, u"frame.time_epoch"_s,
                          u"-e"_s, u"ip.src"_s,
                          u"-e"_s, u"ipv6.src"_s,
                          u"-e"_s, u"udp.srcport"_s,
                          u"-e"_s, u"tcp.srcport"_s,
                          u"-e"_s, u"sip.Method"_s,
                          u"-e"_s, u"sip.Status-Code"_s,
                          u"-e"_s, u"sip.Call-ID"_s});
    if (!p.waitForFinished(30000) || p.exitCode() != 0)
    {
        qWarning() << p.readAllStandardError();
        return {};
    }
    return QString::fromUtf8(p.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
}

/// The fields tshark should show for @p m.
QString expectedRow(const GeneratedMessage &m, const QString &callId)
{
    const QString line = QString::fromStdString(m.text.substr(0, m.text.find("\r\n")));
    const bool response = line.startsWith(u"SIP/2.0"_s);
    const bool six = m.meta.src.family == 6;
    const bool tcp = m.meta.transport == core::Transport::Tcp;
    const QString time = QString::number(m.meta.timeUs / 1000000) + u'.' +
                         u"%1"_s.arg(m.meta.timeUs % 1000000, 6, 10, QChar(u'0')) + u"000"_s;
    const QString addr = QString::fromStdString(m.meta.src.addressText());
    const QString port = QString::number(m.meta.src.port);
    return QStringList{time,
                       six ? QString() : addr,
                       six ? addr : QString(),
                       tcp ? QString() : port,
                       tcp ? port : QString(),
                       response ? QString() : line.section(u' ', 0, 0),
                       response ? line.section(u' ', 1, 1) : QString(),
                       callId}
        .join(u'|');
}

ExportResult runJob(CoreWorker &worker, ExportRequest request)
{
    ExportJob job(&worker, std::move(request));
    return job.run();
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
} // namespace

class TestExportJob final : public QObject
{
    Q_OBJECT

private slots:
    void pcapOfSelectedDialogsReadByTshark();
    void jsonEqualsDlgList();
    void packReadBackWithHashesAndMasking();
    void cancelLeavesNoFile();
    void unwritablePlaceSaysWhatToDo();

private:
    QTemporaryDir m_dir;
};

void TestExportJob::pcapOfSelectedDialogsReadByTshark()
{
    RunningCore core(packetClock());
    const SipTrafficGenerator gen({});
    std::vector<GeneratedMessage> all;
    std::vector<std::vector<GeneratedMessage>> calls;
    for (int variant = 0; variant < 5; ++variant)
    {
        // Interleaved in time: each call starts 300 µs after the previous one.
        calls.push_back(call(gen, std::uint64_t(variant + 1), variant % 4, T0 + variant * 300));
        all.insert(all.end(), calls.back().begin(), calls.back().end());
    }
    std::stable_sort(all.begin(), all.end(),
                     [](const auto &a, const auto &b) { return a.meta.timeUs < b.meta.timeUs; });
    QVERIFY(core.push(all));
    QVERIFY(core.waitForDialogs(5));

    // Calls 1–4 selected (one of each transport and family), call 5 not.
    ExportRequest request;
    request.kind = ExportRequest::Kind::Pcap;
    request.path = m_dir.filePath(u"selected.pcap"_s);
    std::vector<const GeneratedMessage *> expected;
    for (int n = 1; n <= 4; ++n)
    {
        request.messageKeys.push_back(core.keys().at(gen.callId(std::uint64_t(n))));
    }
    for (const GeneratedMessage &m : all)
    {
        if (m.text.find(gen.callId(5)) == std::string::npos)
        {
            expected.push_back(&m);
        }
    }
    const ExportResult result = runJob(core.worker(), request);
    QVERIFY2(result.ok(), qPrintable(result.detail));
    QCOMPARE(result.messages, int(expected.size()));
    QCOMPARE(result.dialogs, 4);

    const QStringList rows = tshark(request.path);
    QCOMPARE(rows.size(), qsizetype(expected.size()));
    for (std::size_t i = 0; i < expected.size(); ++i)
    {
        const std::string &text = expected[i]->text;
        const std::size_t at = text.find("Call-ID: ") + 9;
        const QString callId = QString::fromStdString(text.substr(at, text.find("\r\n", at) - at));
        QCOMPARE(rows[qsizetype(i)], expectedRow(*expected[i], callId));
    }
}

void TestExportJob::jsonEqualsDlgList()
{
    RunningCore core(packetClock());
    const SipTrafficGenerator gen({});
    std::vector<GeneratedMessage> all;
    for (int n = 1; n <= 3; ++n)
    {
        const auto c = call(gen, std::uint64_t(n), 0, T0 + n * 10'000'000);
        all.insert(all.end(), c.begin(), c.end());
    }
    QVERIFY(core.push(all));
    QVERIFY(core.waitForDialogs(3));
    ExportRequest request;
    request.kind = ExportRequest::Kind::Json;
    request.path = m_dir.filePath(u"dialogs.json"_s);
    request.dialogs = core.snapshots();
    QCOMPARE(request.dialogs.size(), std::size_t(3));
    const ExportResult result = ExportJob(nullptr, request).run(); // no core needed for given rows
    QVERIFY2(result.ok(), qPrintable(result.detail));
    const QByteArray written = readAll(request.path);
    QCOMPARE(written, QByteArray::fromStdString(core.listJson()));
    QCOMPARE(QJsonDocument::fromJson(written).array().size(), 3);
}

void TestExportJob::packReadBackWithHashesAndMasking()
{
    RunningCore core(packetClock());
    const SipTrafficGenerator gen({});
    std::vector<GeneratedMessage> all;
    for (int n = 1; n <= 4; ++n)
    {
        const auto c = call(gen, std::uint64_t(n), n - 1, T0 + n * 10'000'000);
        all.insert(all.end(), c.begin(), c.end());
    }
    QVERIFY(core.push(all));
    QVERIFY(core.waitForDialogs(4));
    // The numbers the generator uses: callee +49301234(10000+n), caller +49405551(10000+7n).
    QStringList numbers;
    for (int n = 1; n <= 4; ++n)
    {
        numbers << u"49301234%1"_s.arg(10000 + n) << u"49405551%1"_s.arg(10000 + 7 * n);
    }
    for (const bool gzip : {false, true})
    {
        ExportRequest request;
        request.kind = ExportRequest::Kind::Pack;
        request.gzip = gzip;
        request.mask = true;
        request.path = m_dir.filePath(gzip ? u"pack.tar.gz"_s : u"pack.tar"_s);
        request.dialogs = core.snapshots();
        request.csvHeader = {"From", "To", "Call-ID"};
        for (const core::DialogSnapshot &d : request.dialogs)
        {
            request.csvRows.push_back({d.fromUri, d.toUri, d.callId});
            request.messageKeys.push_back(core.keys().at(d.callId));
        }
        request.extraFiles.emplace_back(u"charts/profiles.png"_s, QByteArray("\x89PNG\r\n\x1a\n-fake-", 15));
        request.extraFiles.emplace_back(u"charts/series.csv"_s,
                                        QByteArray("second,profile:caller=+4940555110007\r\n"));
        request.version = u"9.9.9"_s;
        request.description = u"test pack"_s;
        const ExportResult result = runJob(core.worker(), request);
        QVERIFY2(result.ok(), qPrintable(result.detail));
        QCOMPARE(result.messages, int(all.size()));

        // Read back with tar, independently of the writer.
        const QString out = m_dir.filePath(gzip ? u"unpacked-gz"_s : u"unpacked"_s);
        QVERIFY(QDir().mkpath(out));
        QProcess tar;
        tar.start(u"tar"_s, {gzip ? u"-xzf"_s : u"-xf"_s, request.path, u"-C"_s, out});
        QVERIFY(tar.waitForFinished(30000));
        QVERIFY2(tar.exitCode() == 0, tar.readAllStandardError().constData());
        const QJsonObject manifest = QJsonDocument::fromJson(readAll(out + u"/manifest.json"_s)).object();
        QCOMPARE(manifest.value(u"calldeck_version"_s).toString(), u"9.9.9"_s);
        QCOMPARE(manifest.value(u"masked"_s).toBool(), true);
        QCOMPARE(manifest.value(u"dialogs"_s).toInt(), 4);
        QVERIFY(!manifest.value(u"created"_s).toString().isEmpty());
        QStringList names;
        for (const QJsonValue &f : manifest.value(u"files"_s).toArray())
        {
            const QString name = f[u"name"_s].toString();
            names << name;
            const QByteArray data = readAll(out + u'/' + name);
            QCOMPARE(f[u"size"_s].toInteger(), data.size());
            QCOMPARE(f[u"sha256"_s].toString(),
                     QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex()));
        }
        QCOMPARE(names, (QStringList{u"table.csv"_s, u"dialogs.json"_s, u"messages.pcap"_s,
                                     u"charts/profiles.png"_s, u"charts/series.csv"_s}));
        // No original number in any file of the pack (the manifest included).
        for (const QString &name : names + QStringList{u"manifest.json"_s})
        {
            const QByteArray data = readAll(out + u'/' + name);
            QVERIFY(!data.isEmpty());
            for (const QString &number : numbers + QStringList{u"4940555110007"_s})
            {
                QVERIFY2(!data.contains(number.toLatin1()), qPrintable(name + u": "_s + number));
            }
        }
        // The masked capture still reads as the same SIP messages, with intact Content-Lengths.
        const QStringList rows = tshark(out + u"/messages.pcap"_s);
        QCOMPARE(rows.size(), qsizetype(all.size()));
        for (const QString &row : rows)
        {
            QVERIFY2(!row.section(u'|', 5, 6).remove(u'|').isEmpty(),
                     qPrintable(row)); // a method or a status
        }
        // The same number masks the same way across files: the masked To URI of call 1 is in all three.
        const QJsonArray dialogs = QJsonDocument::fromJson(readAll(out + u"/dialogs.json"_s)).array();
        const QString maskedTo = dialogs.at(0)[u"to_uri"_s].toString();
        QCOMPARE(maskedTo.size(), qsizetype(request.dialogs[0].toUri.size()));
        QVERIFY(readAll(out + u"/table.csv"_s).contains(maskedTo.toUtf8()));
        QVERIFY(readAll(out + u"/messages.pcap"_s).contains(maskedTo.toUtf8()));
    }
}

void TestExportJob::cancelLeavesNoFile()
{
    RunningCore core(packetClock());
    const SipTrafficGenerator gen({});
    std::vector<GeneratedMessage> all;
    constexpr int Calls = 2000;
    for (int n = 1; n <= Calls; ++n)
    {
        const auto c = call(gen, std::uint64_t(n), 0, T0 + n * 1000);
        all.insert(all.end(), c.begin(), c.end());
    }
    QVERIFY(core.push(all));
    QVERIFY(core.waitForDialogs(Calls));

    // The whole export first (measured): every message of every dialog, as a masked pack.
    {
        ExportRequest request;
        request.kind = ExportRequest::Kind::Pack;
        request.gzip = true;
        request.mask = true;
        request.path = m_dir.filePath(u"whole.tar.gz"_s);
        request.dialogs = core.snapshots();
        for (const auto &[callId, key] : core.keys())
        {
            request.messageKeys.push_back(key);
        }
        QElapsedTimer timer;
        timer.start();
        const ExportResult result = runJob(core.worker(), request);
        QVERIFY2(result.ok(), qPrintable(result.detail));
        QCOMPARE(result.messages, int(all.size()));
        qInfo("masked pack of %d dialogs, %d messages: %lld ms, %lld bytes", Calls, result.messages,
              timer.elapsed(), result.bytes);
        QFile::remove(request.path);
    }
    const QString fresh = m_dir.filePath(u"cancelled.pcap"_s);
    const QString existing = m_dir.filePath(u"existing.tar"_s);
    {
        QFile old(existing);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("old contents");
    }
    // Cancelled while reading the messages, and while writing (a big file, many chunks).
    for (const auto &[path, cancelAt] : {std::pair{fresh, 300}, std::pair{existing, 870}})
    {
        ExportRequest request;
        request.kind = path == fresh ? ExportRequest::Kind::Pcap : ExportRequest::Kind::Pack;
        request.path = path;
        for (const auto &[callId, key] : core.keys())
        {
            request.messageKeys.push_back(key);
        }
        // A large extra file so that writing takes many chunks.
        request.extraFiles.emplace_back(u"big.bin"_s, QByteArray(8 * ExportJob::WriteChunk, 'x'));
        ExportJob job(&core.worker(), request);
        int last = 0;
        connect(&job, &ExportJob::progress, &job, [&](int perMille) {
            last = perMille;
            if (perMille >= cancelAt)
            {
                job.cancel();
            }
        });
        const ExportResult result = job.run();
        QCOMPARE(result.status, ExportResult::Status::Cancelled);
        QVERIFY2(last < 1000, "the export ran to the end");
    }
    QVERIFY(!QFile::exists(fresh));
    QCOMPARE(readAll(existing), QByteArray("old contents"));
    // No temporary file left beside them either.
    const QStringList left = QDir(m_dir.path()).entryList(QDir::Files);
    for (const QString &name : left)
    {
        QVERIFY2(!name.contains(u"cancelled"_s) && !name.startsWith(u"existing.tar."_s), qPrintable(name));
    }
}

void TestExportJob::unwritablePlaceSaysWhatToDo()
{
    ExportRequest request;
    request.kind = ExportRequest::Kind::Csv;
    request.path = u"/nonexistent-dir/table.csv"_s;
    request.csvHeader = {"State"};
    const ExportResult result = ExportJob(nullptr, request).run();
    QCOMPARE(result.status, ExportResult::Status::WriteFailed);
    QVERIFY2(result.detail.contains(u"check that the directory /nonexistent-dir exists"_s),
             qPrintable(result.detail));
}

QTEST_GUILESS_MAIN(TestExportJob)
#include "tst_exportjob.moc"
