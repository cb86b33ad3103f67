// SPDX-License-Identifier: GPL-3.0-or-later
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "backend/dialogdetailssource.h"
#include "backend/snapshotjob.h"
#include "backend/snapshotreader.h"
#include "backend/snapshottaker.h"
#include "backend/snapshotwriter.h"
#include "hepencoder.h"
#include "runningcore.h"
#include "snapshotfixtures.h"
#include "tests/support/siptrafficgenerator.h"

using namespace calldeck;
using namespace calldeck::testsupport;
using namespace Qt::StringLiterals;

namespace
{
/// The console's header column on the running core the tests feed.
RunningCore::Options withNoteColumn()
{
    RunningCore::Options o;
    o.headerColumns = {"X-Note"};
    return o;
}

/// HEP with capture id 2002 and a correlation id, as a mirror sender adds them.
std::string viaHep(const GeneratedMessage &m)
{
    HepEncodeOptions o;
    o.captureId = 2002;
    o.correlationId = "corr-" + std::to_string(m.meta.timeUs % 1000);
    return HepEncoder::v3(m, o);
}

/// Real SIP of several kinds of calls, a retransmission, Latin-1 bytes in a header the console
/// keeps as a column, HEP with capture id and correlation id, and a dialog only a proxy lists.
void feedAll(RunningCore &core)
{
    SipTrafficGenerator::Options go;
    go.bothCopies = true;
    const SipTrafficGenerator gen(go);
    std::vector<GeneratedMessage> sent;
    const std::int64_t t = RunningCore::nowUs() - 5'000'000;
    gen.setup(1, CallKind::CallerHangsUp, t, sent);
    sent.front().text.insert(sent.front().text.find("\r\n") + 2, "X-Note: caf\xe9 \xff\r\n");
    sent.push_back(sent.front()); // a retransmitted INVITE
    gen.setup(2, CallKind::Rejected, t + 1000, sent);
    gen.setup(3, CallKind::Cancelled, t + 2000, sent);
    gen.setup(4, CallKind::CallerHangsUp, t + 3000, sent);
    gen.reinvite(4, t + 900'000, sent);
    gen.setup(5, CallKind::CalleeHangsUp, t + 4000, sent);
    gen.teardown(5, CallKind::CalleeHangsUp, t + 1'900'000, sent);
    QVERIFY(core.push(sent));
    std::vector<GeneratedMessage> hep;
    gen.setup(6, CallKind::CallerHangsUp, t + 5000, hep);
    QVERIFY(core.push(hep, viaHep));

    core::DialogSnapshot d = RunningCore::proxyOnlyDialog();
    d.profiles.push_back({"inbound", std::nullopt});
    d.variables.push_back({"account", "4711"});
    core.listOnProxy(d);
    // The proxy's row is listed from the next reconcile on (the core's next tick).
    QVERIFY(core.keyOf(d.callId, 250) != 0);
}

} // namespace

class TestSnapshotFile final : public QObject
{
    Q_OBJECT

private slots:
    void roundTripEqualsTheLiveState();
    void cancelledWriteLeavesNoFile();
    void jobSavesAndOpensWithProgress();
    void sizeAndSpeed();

private:
    QTemporaryDir m_dir;
};

void TestSnapshotFile::roundTripEqualsTheLiveState()
{
    RunningCore core(withNoteColumn());
    feedAll(core);
    SnapshotError error;
    const std::optional<ConsoleSnapshot> taken =
        SnapshotTaker::take(core.worker(), &core.sources(), 5000, {}, &error);
    QVERIFY2(taken, qPrintable(error.text()));
    QCOMPARE(taken->dialogs.size(), std::size_t(7)); // six on the mirror, one only on the proxy
    QCOMPARE(taken->sources.size(), std::size_t(2));
    QVERIFY(taken->stats.processedDialogs >= 6);

    // Each row and its messages are what the live details pane reads for it.
    DialogDetailsSource live(core.worker(), &core.sources());
    int withMessages = 0;
    bool sawRetransmission = false;
    bool sawCorrelation = false;
    bool sawLatin1Header = false;
    for (const DialogDetails &d : taken->dialogs)
    {
        std::optional<DialogDetails> now = live.fetch(d.key);
        QVERIFY(now && now->found);
        now->row.updatedMs = d.row.updatedMs;
        QCOMPARE(now->row, d.row);
        QCOMPARE(now->messages.size(), d.messages.size());
        QVERIFY(*now == d);
        withMessages += d.messages.empty() ? 0 : 1;
        for (const core::CallFlowMessage &m : d.messages)
        {
            sawRetransmission = sawRetransmission || m.retransmission;
            sawCorrelation = sawCorrelation || (m.captureNode == 2002 && !m.correlationId.empty());
        }
        for (const auto &[name, value] : d.row.dialog.headers)
        {
            sawLatin1Header = sawLatin1Header || value == "caf\xe9 \xff";
        }
    }
    QCOMPARE(withMessages, 6);
    QVERIFY(sawRetransmission);
    QVERIFY(sawCorrelation);
    QVERIFY(sawLatin1Header);

    const QString path = m_dir.filePath(u"roundtrip.cdsnap"_s);
    QVERIFY2(SnapshotWriter::write(*taken, path, {}, &error), qPrintable(error.text()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.read(2), QByteArray("\x1f\x8b")); // gzip
    file.close();
    const std::optional<ConsoleSnapshot> read = SnapshotReader::read(path, {}, &error);
    QVERIFY2(read, qPrintable(error.text()));
    QVERIFY(error.ok());
    for (std::size_t i = 0; i < read->dialogs.size(); ++i)
    {
        QCOMPARE(read->dialogs[i].row, taken->dialogs[i].row);
        QVERIFY2(read->dialogs[i].messages == taken->dialogs[i].messages, qPrintable(QString::number(i)));
    }
    QVERIFY(sameSnapshot(*read, *taken));

    // Plain JSON reads the same, and SnapshotTaker::save (headless --export) writes the same state.
    const auto plain = SnapshotReader::parse(SnapshotWriter::toJson(*taken), {}, &error);
    QVERIFY(plain && sameSnapshot(*plain, *taken));
    const QString saved = m_dir.filePath(u"saved.cdsnap"_s);
    QVERIFY2(SnapshotTaker::save(core.worker(), &core.sources(), saved, 5000, &error),
             qPrintable(error.text()));
    const auto again = SnapshotReader::read(saved, {}, &error);
    QVERIFY(again);
    QCOMPARE(again->dialogs.size(), taken->dialogs.size());
    for (std::size_t i = 0; i < again->dialogs.size(); ++i)
    {
        QCOMPARE(again->dialogs[i].row.dialog.callId, taken->dialogs[i].row.dialog.callId);
        QVERIFY(again->dialogs[i].messages == taken->dialogs[i].messages);
    }
}

void TestSnapshotFile::cancelledWriteLeavesNoFile()
{
    ConsoleSnapshot s = handMadeSnapshot();
    for (int i = 0; i < 50; ++i)
    {
        s.dialogs.push_back(s.dialogs.front());
    }
    std::atomic<bool> cancel{false};
    SnapshotProgress progress;
    progress.cancel = &cancel;
    int steps = 0;
    progress.report = [&](qint64 done, qint64) {
        steps += 1;
        if (done == 10)
        {
            cancel = true;
        }
    };
    const QString path = m_dir.filePath(u"cancelled.cdsnap"_s);
    SnapshotError error;
    QVERIFY(!SnapshotWriter::write(s, path, progress, &error));
    QCOMPARE(error.kind, SnapshotError::Kind::Cancelled);
    QVERIFY(!QFile::exists(path));
    QCOMPARE(steps, 11); // 0, then one per dialog written until the cancel was seen

    // An existing file stays as it was.
    QFile old(path);
    QVERIFY(old.open(QIODevice::WriteOnly));
    old.write("old");
    old.close();
    cancel = false;
    steps = 0;
    QVERIFY(!SnapshotWriter::write(s, path, progress, &error));
    QVERIFY(old.open(QIODevice::ReadOnly));
    QCOMPARE(old.readAll(), QByteArray("old"));
}

void TestSnapshotFile::jobSavesAndOpensWithProgress()
{
    RunningCore core(withNoteColumn());
    feedAll(core);
    const QString path = m_dir.filePath(u"job.cdsnap"_s);
    std::unique_ptr<SnapshotJob> save(SnapshotJob::save(core.worker(), &core.sources(), path));
    QSignalSpy saveProgress(save.get(), &SnapshotJob::progress);
    QSignalSpy saved(save.get(), &SnapshotJob::finished);
    QVERIFY(saved.wait(10000));
    QVERIFY2(saved.at(0).at(0).toBool(), qPrintable(save->error().text()));
    QVERIFY(!save->isRunning());
    QVERIFY(!saveProgress.isEmpty());
    QCOMPARE(saveProgress.last().at(0).toLongLong(), 7);
    QCOMPARE(saveProgress.last().at(1).toLongLong(), 7);

    std::unique_ptr<SnapshotJob> open(SnapshotJob::open(path));
    QSignalSpy opened(open.get(), &SnapshotJob::finished);
    QVERIFY(opened.wait(10000));
    QVERIFY2(opened.at(0).at(0).toBool(), qPrintable(open->error().text()));
    QCOMPARE(open->snapshot().dialogs.size(), std::size_t(7));
    QCOMPARE(open->snapshot().takenMs, save->snapshot().takenMs);

    std::unique_ptr<SnapshotJob> bad(SnapshotJob::open(m_dir.filePath(u"nothing-here.cdsnap"_s)));
    QSignalSpy failed(bad.get(), &SnapshotJob::finished);
    QVERIFY(failed.wait(10000));
    QVERIFY(!failed.at(0).at(0).toBool());
    QCOMPARE(bad->error().kind, SnapshotError::Kind::Io);
}

void TestSnapshotFile::sizeAndSpeed()
{
    // 2000 dialogs with their messages (both copies, ~20 per call): figures for the report.
    RunningCore core(withNoteColumn());
    SipTrafficGenerator::Options go;
    go.bothCopies = true;
    const SipTrafficGenerator gen(go);
    std::vector<GeneratedMessage> sent;
    const std::int64_t t = RunningCore::nowUs() - 10'000'000;
    for (std::uint64_t n = 1; n <= 2000; ++n)
    {
        gen.setup(n, n % 4 == 0 ? CallKind::Rejected : CallKind::CallerHangsUp, t + std::int64_t(n) * 1000,
                  sent);
    }
    QVERIFY(core.push(sent));
    SnapshotError error;
    QVERIFY(
        SnapshotTaker::take(core.worker(), &core.sources(), 10000, {}, &error, false)); // the packets are in
    QElapsedTimer clock;
    clock.start();
    const auto taken = SnapshotTaker::take(core.worker(), &core.sources(), 10000, {}, &error, false);
    QVERIFY(taken);
    const qint64 takeMs = clock.restart(); // the one call on the core thread: copies only
    const QString path = m_dir.filePath(u"big.cdsnap"_s);
    QVERIFY(SnapshotWriter::write(*taken, path, {}, &error));
    const qint64 writeMs = clock.restart();
    const auto read = SnapshotReader::read(path, {}, &error);
    QVERIFY2(read, qPrintable(error.text()));
    const qint64 readMs = clock.elapsed();
    QCOMPARE(read->dialogs.size(), taken->dialogs.size());
    std::size_t messages = 0;
    for (const DialogDetails &d : read->dialogs)
    {
        messages += d.messages.size();
    }
    qInfo().noquote() << u"snapshot: %1 dialogs, %2 messages: take %3 ms, write %4 ms, read+split %5 ms, "
                         "file %6 KiB (JSON %7 KiB)"_s.arg(read->dialogs.size())
                             .arg(messages)
                             .arg(takeMs)
                             .arg(writeMs)
                             .arg(readMs)
                             .arg(QFileInfo(path).size() / 1024)
                             .arg(SnapshotWriter::toJson(*taken).size() / 1024);
}

QTEST_GUILESS_MAIN(TestSnapshotFile)
#include "tst_snapshotfile.moc"
