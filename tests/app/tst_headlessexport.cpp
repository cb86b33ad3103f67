// SPDX-License-Identifier: GPL-3.0-or-later
// `calldeck --headless --replay calls.pcap --exit-after-replay --export FILE` for .csv, .pcap and the
// incident pack (.tar, .tar.gz), the real binary in a QProcess: the CSV parsed back, the pcap read
// by tshark and compared with tshark's reading of the sample itself (the same SIP messages in the
// same order, times to the microsecond, addresses and ports), the pack listed and unpacked by tar.
#include <algorithm>
#include <optional>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "backend/snapshotreader.h"

using namespace Qt::StringLiterals;

namespace
{
const QString Binary = QStringLiteral(CALLDECK_BIN_DIR) + u"/calldeck"_s;
const QString Sample = QStringLiteral(CALLDECK_TEST_DATA) + u"/samples/calls.pcap"_s;

/// Runs a tool to its end; its output, or nothing (with a warning) when it fails.
std::optional<QByteArray> run(const QString &program, const QStringList &arguments, const QString &dir = {})
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.start(program, arguments);
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
    {
        if (p.state() != QProcess::NotRunning)
        {
            p.kill();
            p.waitForFinished(5000);
        }
        qWarning().noquote() << program << arguments.join(u' ') << "failed:" << p.readAllStandardError()
                             << p.readAllStandardOutput();
        return std::nullopt;
    }
    return p.readAllStandardOutput() + p.readAllStandardError();
}

QByteArray exportSample(const QString &path)
{
    return run(Binary,
               {u"--headless"_s, u"--replay"_s, Sample, u"--exit-after-replay"_s, u"--export"_s, path})
        .value_or(QByteArray());
}

/// SIP frames of a capture as tshark reads them: time to the microsecond, source address and
/// port, method, status code, Call-ID.
QStringList sipFrames(const QString &path)
{
    const QByteArray out = run(u"tshark"_s, {u"-r"_s, path,
                                             u"-Y"_s, u"sip"_s,
                                             u"-T"_s, u"fields"_s,
                                             u"-E"_s, u"separator=|"_s,
                                             u"-e"_s, u"frame.time_epoch"_s,
                                             u"-e"_s, u"ip.src"_s,
                                             u"-e"_s, u"udp.srcport"_s,
                                             u"-e"_s, u"sip.Method"_s,
                                             u"-e"_s, u"sip.Status-Code"_s,
                                             u"-e"_s, u"sip.Call-ID"_s})
                               .value_or(QByteArray());
    QStringList frames;
    for (const QString &line : QString::fromUtf8(out).split(u'\n', Qt::SkipEmptyParts))
    {
        if (line.startsWith(u"Running as user"_s))
        {
            continue;
        }
        QStringList f = line.split(u'|');
        f[0] = f[0].left(f[0].indexOf(u'.') + 7); // seconds and microseconds (the sample has nanoseconds)
        frames << f.join(u'|');
    }
    return frames;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
} // namespace

class TestHeadlessExport final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void csvHasEveryDialog();
    void pcapEqualsTheSample();
    void packHoldsEverythingWithHashes_data();
    void packHoldsEverythingWithHashes();
    void snapshotHoldsWhatThePcapHolds();

private:
    QTemporaryDir m_dir;
    QStringList m_sampleFrames;
};

void TestHeadlessExport::initTestCase()
{
    QVERIFY(QFile::exists(Binary));
    QVERIFY(m_dir.isValid());
    m_sampleFrames = sipFrames(Sample);
    QCOMPARE(m_sampleFrames.size(), 39); // 3 calls through the proxy, both hops
}

void TestHeadlessExport::csvHasEveryDialog()
{
    const QString path = m_dir.filePath(u"out.csv"_s);
    QVERIFY(exportSample(path).contains("exported 3 dialogs to"));
    const QByteArray csv = readAll(path);
    QVERIFY(csv.startsWith("\xEF\xBB\xBF"
                           "h_entry,h_id,call-id,from_uri,to_uri,state,"));
    const QList<QByteArray> lines = csv.mid(3).split('\n');
    QCOMPARE(lines.size(), 5); // header, 3 dialogs, nothing after the last CRLF
    QVERIFY(lines.last().isEmpty());
    for (const QByteArray &line : lines.mid(0, 4))
    {
        QVERIFY(line.endsWith('\r'));
    }
    for (const QString &frame : m_sampleFrames)
    {
        QVERIFY2(csv.contains(frame.section(u'|', 5, 5).toUtf8()), qPrintable(frame)); // every Call-ID
    }
}

void TestHeadlessExport::pcapEqualsTheSample()
{
    const QString path = m_dir.filePath(u"out.pcap"_s);
    QVERIFY(exportSample(path).contains("exported 3 dialogs to"));
    QCOMPARE(sipFrames(path), m_sampleFrames);
}

void TestHeadlessExport::packHoldsEverythingWithHashes_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("tarFlags");
    QTest::newRow("tar") << u"pack.tar"_s << u"-xf"_s;
    QTest::newRow("tar.gz") << u"pack.tar.gz"_s << u"-xzf"_s;
}

void TestHeadlessExport::packHoldsEverythingWithHashes()
{
    QFETCH(QString, name);
    QFETCH(QString, tarFlags);
    const QString path = m_dir.filePath(name);
    QVERIFY(exportSample(path).contains("exported 3 dialogs to"));
    const QString out = m_dir.filePath(name + u".d"_s);
    QVERIFY(QDir().mkpath(out));
    QVERIFY(run(u"tar"_s, {tarFlags, path, u"-C"_s, out}));
    const QJsonObject manifest = QJsonDocument::fromJson(readAll(out + u"/manifest.json"_s)).object();
    QCOMPARE(manifest.value(u"calldeck_version"_s).toString(), QStringLiteral(CALLDECK_VERSION));
    QCOMPARE(manifest.value(u"dialogs"_s).toInt(), 3);
    QCOMPARE(manifest.value(u"messages"_s).toInt(), 39);
    QStringList names;
    for (const QJsonValue &f : manifest.value(u"files"_s).toArray())
    {
        names << f[u"name"_s].toString();
        const QByteArray data = readAll(out + u'/' + names.last());
        QCOMPARE(f[u"size"_s].toInteger(), data.size());
        QCOMPARE(f[u"sha256"_s].toString(),
                 QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex()));
    }
    QCOMPARE(names, (QStringList{u"table.csv"_s, u"dialogs.json"_s, u"messages.pcap"_s}));
    // A replay runs on capture time: no chart samples, and the manifest says why.
    QVERIFY(manifest.value(u"notes"_s).toArray().first().toString().contains(u"no chart samples"_s));
    QCOMPARE(sipFrames(out + u"/messages.pcap"_s), m_sampleFrames);
    QCOMPARE(QJsonDocument::fromJson(readAll(out + u"/dialogs.json"_s)).array().size(), 3);
}

void TestHeadlessExport::snapshotHoldsWhatThePcapHolds()
{
    // `--export x.cdsnap` writes the snapshot File → Open snapshot reads: every dialog, with the
    // same messages the pcap export holds (both come from the core's message history).
    const QString path = m_dir.filePath(u"state.cdsnap"_s);
    QVERIFY(exportSample(path).contains("exported 3 dialogs to"));
    SnapshotError error;
    const std::optional<ConsoleSnapshot> snapshot = SnapshotReader::read(path, {}, &error);
    QVERIFY2(snapshot, qPrintable(error.text()));
    QCOMPARE(snapshot->dialogs.size(), std::size_t(3));
    const QString pcap = m_dir.filePath(u"same.pcap"_s);
    QVERIFY(exportSample(pcap).contains("exported 3 dialogs to"));
    const QStringList frames = sipFrames(pcap);
    std::size_t messages = 0;
    for (const DialogDetails &dialog : snapshot->dialogs)
    {
        QVERIFY(dialog.found);
        messages += dialog.messages.size();
        const QString callId = QString::fromStdString(dialog.row.dialog.callId);
        QVERIFY2(std::any_of(frames.cbegin(), frames.cend(),
                             [&](const QString &f) { return f.section(u'|', 5, 5) == callId; }),
                 qPrintable(callId));
    }
    QCOMPARE(messages, std::size_t(frames.size()));
}

QTEST_GUILESS_MAIN(TestHeadlessExport)
#include "tst_headlessexport.moc"
