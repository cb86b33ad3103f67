// SPDX-License-Identifier: GPL-3.0-or-later
// `calldeck --headless` as operators and scripts run it: the real binary in a QProcess, SIP
// sent to its mirror port over UDP and TCP (raw and HEPv3), its served dlg.list read over HTTP,
// SIGTERM/SIGINT, then the --export file and the --stats line checked.
#include <csignal>

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUdpSocket>

#include "tests/backend/hepencoder.h"
#include "tests/support/siptrafficgenerator.h"

using namespace Qt::StringLiterals;
using namespace calldeck::testsupport;

namespace
{

const QString Binary = QStringLiteral(CALLDECK_BIN_DIR) + u"/calldeck"_s;

/// One headless calldeck, stopped by its PID when the test ends however it ends.
class Headless
{
public:
    explicit Headless(const QStringList &arguments)
    {
        m_process.setProgram(Binary);
        m_process.setArguments(QStringList{u"--headless"_s} + arguments);
        m_process.start();
    }
    ~Headless()
    {
        if (m_process.state() != QProcess::NotRunning)
        {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    QProcess &process() { return m_process; }
    /// Reads stderr until @p pattern matches (captures returned) or @p timeoutMs pass.
    QRegularExpressionMatch waitFor(const QRegularExpression &pattern, int timeoutMs = 15000)
    {
        QElapsedTimer timer;
        timer.start();
        for (;;)
        {
            m_stderr += m_process.readAllStandardError();
            const QRegularExpressionMatch match = pattern.match(QString::fromLocal8Bit(m_stderr));
            if (match.hasMatch() || timer.elapsed() > timeoutMs || m_process.state() == QProcess::NotRunning)
            {
                return match;
            }
            m_process.waitForReadyRead(100);
        }
    }
    bool stop(int signalNumber, int timeoutMs = 30000)
    {
        ::kill(static_cast<pid_t>(m_process.processId()), signalNumber);
        return finish(timeoutMs);
    }
    bool finish(int timeoutMs = 30000)
    {
        const bool done = m_process.waitForFinished(timeoutMs);
        m_stderr += m_process.readAllStandardError();
        m_stdout += m_process.readAllStandardOutput();
        return done;
    }
    QString err() const { return QString::fromLocal8Bit(m_stderr); }
    QByteArray out() const { return m_stdout; }

private:
    QProcess m_process;
    QByteArray m_stderr;
    QByteArray m_stdout;
};

QJsonObject rpc(quint16 port, const QByteArray &method, const QByteArray &params = "[]",
                const QByteArray &token = {})
{
    QNetworkAccessManager nam;
    QNetworkRequest request(QUrl(u"http://127.0.0.1:%1/RPC"_s.arg(port)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    if (!token.isEmpty())
    {
        request.setRawHeader("Authorization", "Bearer " + token);
    }
    QNetworkReply *reply = nam.post(request, R"({"jsonrpc":"2.0","method":")" + method + R"(","params":)" +
                                                 params + R"(,"id":1})");
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
    const QJsonObject json = QJsonDocument::fromJson(reply->readAll()).object();
    delete reply;
    return json;
}

std::int64_t nowUs()
{
    return QDateTime::currentMSecsSinceEpoch() * 1000;
}

QJsonObject statsLine(const QByteArray &out)
{
    const QList<QByteArray> lines = out.trimmed().split('\n');
    if (lines.size() != 1)
    {
        return {};
    }
    return QJsonDocument::fromJson(lines.first()).object();
}

QJsonObject source(const QJsonObject &stats, const QString &kind)
{
    for (const QJsonValue &s : stats.value(u"sources"_s).toArray())
    {
        if (s.toObject().value(u"kind"_s).toString() == kind)
        {
            return s.toObject();
        }
    }
    return {};
}

} // namespace

class TestHeadless final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void mirrorRpcExportAndStats();
    void sigintStopsCleanly();
    void hepKeyIsEnforced();
    void bindErrorExitsNonZero();
    void nonLoopbackRpcNeedsToken();
    void unwritableExportExitsNonZero();
    void replayExitsAfterTheFile();
};

void TestHeadless::initTestCase()
{
    QVERIFY2(QFile::exists(Binary), qPrintable(Binary));
}

void TestHeadless::mirrorRpcExportAndStats()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString exportPath = dir.filePath(u"out.json"_s);
    Headless headless({u"--hep"_s, u"127.0.0.1:0"_s, u"--serve-rpc"_s, u"127.0.0.1:0"_s, u"--stats"_s,
                       u"--export"_s, exportPath});
    const QRegularExpressionMatch hep = headless.waitFor(QRegularExpression(
        u"listening for HEP/SIP on udp 127\\.0\\.0\\.1:(\\d+) and tcp 127\\.0\\.0\\.1:(\\d+)"_s));
    QVERIFY2(hep.hasMatch(), qPrintable(headless.err()));
    const QRegularExpressionMatch served =
        headless.waitFor(QRegularExpression(u"serving JSON-RPC at http://127\\.0\\.0\\.1:(\\d+)/RPC"_s));
    QVERIFY2(served.hasMatch(), qPrintable(headless.err()));
    const quint16 udpPort = hep.captured(1).toUShort();
    const quint16 tcpPort = hep.captured(2).toUShort();
    const quint16 rpcPort = served.captured(1).toUShort();

    // 24 calls over UDP (raw SIP), 6 over TCP as HEPv3; the first 10 hang up again.
    constexpr int Calls = 30;
    SipTrafficGenerator gen({});
    std::vector<GeneratedMessage> udp;
    std::vector<GeneratedMessage> tcp;
    for (int n = 0; n < Calls; ++n)
    {
        gen.setup(std::uint64_t(n), CallKind::CallerHangsUp, nowUs(), n < 24 ? udp : tcp);
    }
    for (int n = 0; n < 10; ++n)
    {
        gen.teardown(std::uint64_t(n), CallKind::CallerHangsUp, nowUs(), udp);
    }
    QUdpSocket udpSocket;
    for (const GeneratedMessage &m : udp)
    {
        QCOMPARE(udpSocket.writeDatagram(QByteArray::fromStdString(m.text), QHostAddress::LocalHost, udpPort),
                 qint64(m.text.size()));
    }
    QTcpSocket tcpSocket;
    tcpSocket.connectToHost(QHostAddress::LocalHost, tcpPort);
    QVERIFY(tcpSocket.waitForConnected(5000));
    for (const GeneratedMessage &m : tcp)
    {
        tcpSocket.write(QByteArray::fromStdString(HepEncoder::v3(m)));
    }
    QVERIFY(tcpSocket.waitForBytesWritten(5000));
    const qsizetype sent = qsizetype(udp.size() + tcp.size());

    QTRY_COMPARE_WITH_TIMEOUT(
        rpc(rpcPort, "dlg.stats_active").value(u"result"_s).toObject().value(u"ongoing"_s).toInt(),
        Calls - 10, 15000);
    const QJsonArray listed = rpc(rpcPort, "dlg.list").value(u"result"_s).toArray();
    QSet<QString> confirmed;
    for (const QJsonValue &d : listed)
    {
        if (d.toObject().value(u"state"_s).toInt() == 4)
        {
            confirmed.insert(d.toObject().value(u"call-id"_s).toString());
        }
    }
    QCOMPARE(confirmed.size(), Calls - 10);
    tcpSocket.disconnectFromHost();

    QVERIFY(headless.stop(SIGTERM));
    QCOMPARE(headless.process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(headless.process().exitCode(), 0);
    QVERIFY2(headless.err().contains(u"SIGTERM received; stopping."_s), qPrintable(headless.err()));

    QFile file(exportPath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray exported = file.readAll();
    QVERIFY(exported.startsWith("[{\n\t\t\"h_entry\":\t"));
    QSet<QString> exportedConfirmed;
    for (const QJsonValue &d : QJsonDocument::fromJson(exported).array())
    {
        if (d.toObject().value(u"state"_s).toInt() == 4)
        {
            exportedConfirmed.insert(d.toObject().value(u"call-id"_s).toString());
        }
    }
    QCOMPARE(exportedConfirmed, confirmed);

    const QJsonObject stats = statsLine(headless.out());
    QVERIFY2(!stats.isEmpty(), headless.out().constData());
    QCOMPARE(stats.value(u"messages"_s).toInteger(), qint64(sent));
    QCOMPARE(stats.value(u"sip_messages"_s).toInteger(), qint64(sent));
    QCOMPARE(stats.value(u"dropped"_s).toInteger(), 0);
    QCOMPARE(stats.value(u"queue_drops"_s).toInteger(), 0);
    QCOMPARE(stats.value(u"processed"_s).toInt(), Calls);
    QCOMPARE(stats.value(u"active"_s).toInt(), Calls - 10);
    QVERIFY(stats.value(u"elapsed_s"_s).toDouble() > 0);
    QVERIFY(stats.value(u"msgs_per_s"_s).toDouble() > 0);
    QCOMPARE(source(stats, u"hep-udp"_s).value(u"packets"_s).toInteger(), qint64(udp.size()));
    QCOMPARE(source(stats, u"hep-tcp"_s).value(u"packets"_s).toInteger(), qint64(tcp.size()));
    // The keys come in the documented order.
    QVERIFY(headless.out().startsWith(R"({"messages":)"));
}

void TestHeadless::sigintStopsCleanly()
{
    Headless headless({u"--hep"_s, u"off"_s, u"--serve-rpc"_s, u"127.0.0.1:0"_s, u"--stats"_s});
    const QRegularExpressionMatch served =
        headless.waitFor(QRegularExpression(u"serving JSON-RPC at http://127\\.0\\.0\\.1:(\\d+)/RPC"_s));
    QVERIFY2(served.hasMatch(), qPrintable(headless.err()));
    QCOMPARE(rpc(served.captured(1).toUShort(), "calldeck.version").value(u"result"_s).toString(),
             u"calldeck "_s + QStringLiteral(CALLDECK_VERSION));
    QVERIFY(headless.stop(SIGINT));
    QCOMPARE(headless.process().exitCode(), 0);
    QVERIFY(headless.err().contains(u"SIGINT received"_s));
    const QJsonObject stats = statsLine(headless.out());
    QCOMPARE(stats.value(u"messages"_s).toInteger(), 0);
    QCOMPARE(stats.value(u"sources"_s).toArray().size(), 0);
}

void TestHeadless::hepKeyIsEnforced()
{
    Headless headless({u"--hep"_s, u"127.0.0.1:0"_s, u"--hep-key"_s, u"s3cret"_s, u"--stats"_s});
    const QRegularExpressionMatch hep =
        headless.waitFor(QRegularExpression(u"on udp 127\\.0\\.0\\.1:(\\d+)"_s));
    QVERIFY2(hep.hasMatch(), qPrintable(headless.err()));
    SipTrafficGenerator gen({});
    std::vector<GeneratedMessage> msgs;
    gen.setup(1, CallKind::CallerHangsUp, nowUs(), msgs);
    QUdpSocket socket;
    HepEncodeOptions right;
    right.authKey = "s3cret";
    for (const GeneratedMessage &m : msgs)
    {
        socket.writeDatagram(QByteArray::fromStdString(HepEncoder::v3(m, right)), QHostAddress::LocalHost,
                             hep.captured(1).toUShort());
        socket.writeDatagram(QByteArray::fromStdString(HepEncoder::v3(m)), QHostAddress::LocalHost,
                             hep.captured(1).toUShort());
    }
    QTest::qWait(500);
    QVERIFY(headless.stop(SIGTERM));
    const QJsonObject stats = statsLine(headless.out());
    QCOMPARE(stats.value(u"messages"_s).toInteger(), qint64(2 * msgs.size()));
    QCOMPARE(stats.value(u"sip_messages"_s).toInteger(), qint64(msgs.size()));
    QCOMPARE(source(stats, u"hep-udp"_s).value(u"auth_failures"_s).toInteger(), qint64(msgs.size()));
    QCOMPARE(stats.value(u"processed"_s).toInt(), 1);
}

void TestHeadless::bindErrorExitsNonZero()
{
    QUdpSocket taken;
    QVERIFY(taken.bind(QHostAddress::LocalHost, 0));
    Headless headless({u"--hep"_s, u"127.0.0.1:%1"_s.arg(taken.localPort())});
    QVERIFY(headless.finish());
    QCOMPARE(headless.process().exitCode(), 1);
    QVERIFY2(headless.err().contains(u"cannot listen for HEP/SIP on 127.0.0.1:%1"_s.arg(taken.localPort())),
             qPrintable(headless.err()));
}

void TestHeadless::nonLoopbackRpcNeedsToken()
{
    Headless refused({u"--hep"_s, u"off"_s, u"--serve-rpc"_s, u"0.0.0.0:0"_s});
    QVERIFY(refused.finish());
    QCOMPARE(refused.process().exitCode(), 1);
    QVERIFY2(refused.err().contains(u"--rpc-token"_s), qPrintable(refused.err()));

    Headless served({u"--hep"_s, u"off"_s, u"--serve-rpc"_s, u"0.0.0.0:0"_s, u"--rpc-token"_s, u"tok"_s,
                     u"--rpc-compact"_s});
    const QRegularExpressionMatch m = served.waitFor(
        QRegularExpression(u"serving JSON-RPC at http://0\\.0\\.0\\.0:(\\d+)/RPC \\(bearer"_s));
    QVERIFY2(m.hasMatch(), qPrintable(served.err()));
    const quint16 port = m.captured(1).toUShort();
    QCOMPARE(rpc(port, "dlg.stats_active").value(u"error"_s).toObject().value(u"code"_s).toInt(), 401);
    QCOMPARE(
        rpc(port, "dlg.stats_active", "[]", "tok").value(u"result"_s).toObject().value(u"all"_s).toInt(-1),
        0);
    QVERIFY(served.stop(SIGTERM));
    QCOMPARE(served.process().exitCode(), 0);
}

void TestHeadless::unwritableExportExitsNonZero()
{
    Headless headless({u"--hep"_s, u"off"_s, u"--export"_s, u"/nonexistent-dir/out.json"_s, u"--stats"_s});
    QVERIFY2(headless.waitFor(QRegularExpression(u"stop with Ctrl\\+C"_s)).hasMatch(),
             qPrintable(headless.err()));
    QVERIFY(headless.stop(SIGTERM));
    QCOMPARE(headless.process().exitCode(), 1);
    QVERIFY2(headless.err().contains(u"--export /nonexistent-dir/out.json: cannot write there"_s),
             qPrintable(headless.err()));
    QVERIFY(!statsLine(headless.out()).isEmpty()); // the statistics still come
}

void TestHeadless::replayExitsAfterTheFile()
{
    QTemporaryDir dir;
    const QString exportPath = dir.filePath(u"replay.json"_s);
    Headless headless({u"--replay"_s,
                       QStringLiteral(CALLDECK_SOURCE_DIR) + u"/tests/data/samples/calls.pcap"_s,
                       u"--exit-after-replay"_s, u"--stats"_s, u"--export"_s, exportPath});
    QVERIFY(headless.finish(60000));
    QVERIFY2(headless.process().exitCode() == 0, qPrintable(headless.err()));
    QVERIFY2(headless.err().contains(u"replay finished"_s), qPrintable(headless.err()));
    const QJsonObject stats = statsLine(headless.out());
    QVERIFY(stats.value(u"sip_messages"_s).toInteger() > 0);
    QCOMPARE(stats.value(u"processed"_s).toInt(), 3);
    QFile file(exportPath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(QJsonDocument::fromJson(file.readAll()).isArray());
}

QTEST_GUILESS_MAIN(TestHeadless)
#include "tst_headless.moc"
